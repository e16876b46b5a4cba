"""Publishing services: the only way documents, reviews, the normative library and the catalog change."""

from .catalog import import_items as import_catalog_items  # noqa: F401
from .catalog import seed_columns  # noqa: F401
from .documents import (  # noqa: F401
    add_attachment,
    create_draft,
    decide,
    expire_due,
    import_documents,
    remove_attachment,
    save_publisher_settings,
    save_review_chain,
    submit,
    update_draft,
    withdraw,
)
from .normative import record_cleanup  # noqa: F401
