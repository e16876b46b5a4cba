"""Publishing services: the only way documents, reviews, the normative library and the catalog change.

Every function is a service (``zwgk.core.audit.service``): one transaction, permission checked, audit log
written. Callers use this package's face (``from zwgk.publishing import services``); the modules divide it:
``drafting`` (drafts and attachments), ``review`` (送审, review decisions, review chains), ``publication``
(publishing with 三同步, withdrawal, expiry, the index number's format), ``importing`` (migration from an old
site), ``normative`` (the normative library's clean-up), ``catalog`` (the 专栏's columns and items).
"""

from .catalog import import_items as import_catalog_items  # noqa: F401
from .catalog import seed_columns  # noqa: F401
from .drafting import add_attachment, create_draft, remove_attachment, update_draft  # noqa: F401
from .importing import import_documents  # noqa: F401
from .normative import record_cleanup  # noqa: F401
from .publication import expire_due, save_publisher_settings, withdraw  # noqa: F401
from .review import decide, save_review_chain, submit  # noqa: F401
