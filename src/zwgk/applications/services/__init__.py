"""Every change to a disclosure request: intake, correction, consultation, extension, fee, reply,
abandonment, reminders, review cases and the annual report's written parts. Each is one audited
transaction (``zwgk.core.audit``); the statutory clock is derived by ``clock`` from what is stored here.

Callers use this package's face (``from zwgk.applications import services; services.reply(...)``); the
modules divide it by concern: ``intake`` (submission, registration, the applicant's details), ``handling``
(the steps on an open application), ``reminders``, ``report`` (review cases, the annual report, the ledger's
exports); what their services share is in ``applications.steps``.
"""

from ..steps import ACCEPTING_KINDS, INTAKE_FIELDS  # noqa: F401
from .handling import (  # noqa: F401
    MANUAL_REPLY_EXCLUDED,
    close_abandoned,
    end_consultation,
    extend,
    reassign,
    receive_correction,
    record_consultation_receipt,
    record_delivery,
    record_fee_notice_receipt,
    record_payment,
    reply,
    request_correction,
    send_fee_notice,
    start_consultation,
)
from .intake import (  # noqa: F401
    APPLICANT_FIELDS,
    DUPLICATE_WINDOW,
    correct_applicant,
    register,
    split_application,
    submit_online,
    view_personal,
)
from .reminders import send_reminders  # noqa: F401
from .report import (  # noqa: F401
    CARRIED_COLUMNS,
    TABLE_A_KEYS,
    export_ledger,
    publish_report,
    record_case,
    save_carried_in,
    save_county_report,
    save_report,
)
