"""Intake: an application submitted online or registered by staff (checked, no duplicate, attachments), and
the applicant's details corrected or viewed in full.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone

from zwgk.core import audit, permissions
from zwgk.core.models import Organization, User
from zwgk.core.text import clean as clean_text

from .. import attachments, numbering, rules, selectors
from ..models import Application, Channel
from ..steps import INTAKE_FIELDS, accepting, clean_intake, locked, save_version

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
DUPLICATE_WINDOW = dt.timedelta(minutes=30)


def _tracking_code(received: dt.date) -> str:
    while True:
        code = f"FL{received:%Y}" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
        if not Application.objects.filter(tracking_code=code).exists():
            return code


def _no_duplicate(org: Organization, clean: dict[str, Any]) -> None:
    """Refuses the same request (same office, ID number and description) made again within the window. The
    office's row is locked first, so two identical submissions at the same moment queue here and the second
    finds the first (PostgreSQL; SQLite's write transactions already run one at a time). ``no_key``: the lock
    (FOR NO KEY UPDATE) does not block other rows that reference the office (drafts, staff, other applications)."""
    Organization.objects.select_for_update(no_key=True).filter(pk=org.pk).first()
    since = timezone.now() - DUPLICATE_WINDOW
    twin = Application.objects.filter(
        organization=org, id_number=clean["id_number"], description=clean["description"], submitted_at__gte=since
    ).first()
    if twin is not None:
        raise ValidationError(f"您刚刚已经提交过同样的申请（查询码 {twin.tracking_code}），无需重复提交。")


def _attach(app: Application, files: list[tuple[File, str]]) -> None:
    """Each checked file streamed to storage under a name of our own (never the uploaded name)."""
    from ..models import ApplicationFile

    for upload, kind in files:
        f = ApplicationFile(application=app, name=clean_text(upload.name or "附件")[-200:], kind=kind, size=upload.size)
        upload.seek(0)
        f.file.save(f"{app.tracking_code}-{secrets.token_hex(4)}.{'jpg' if kind == 'jpeg' else kind}", File(upload), save=False)
        f.save()


@audit.service("applications.submit", "网上提交政府信息公开申请")
def submit_online(data: dict[str, Any], organization: Organization | None, files: Sequence[File] = ()) -> Application:
    """A member of the public files an application online. The system's confirmation is the date of
    receipt (Art. 31; 国办公开办函〔2016〕235号)."""
    org = accepting(organization)
    clean = clean_intake(data)
    checked = attachments.check(list(files))
    _no_duplicate(org, clean)
    today = timezone.localdate()
    app = Application.objects.create(
        organization=org, channel=Channel.ONLINE, received_on=today, tracking_code=_tracking_code(today), **clean
    )
    _attach(app, checked)
    audit.record(None, app, summary=f"网上申请，收到日期 {today:%Y-%m-%d}，受理机关 {org.name}")
    _tell_office(app)
    return app


RECEIVED = "applications.received"


def _tell_office(app: Application) -> None:
    """新收到申请: the receiving office's handlers are told of an application the public filed online (the clock
    runs from today); one registered by staff is known to whoever registered it."""
    from zwgk.notifications import selectors as recipients
    from zwgk.notifications.services import notify

    text = " ".join(app.description.split())
    c = selectors.clock(app)
    due = f"，{c.due_label} {c.due:%Y-%m-%d}{'（暂定）' if c.provisional else ''}" if c.due else ""
    notify(recipients.unit_staff("applications.handle", [app.organization_id]), RECEIVED,
           f"新收到申请：{app.tracking_code}", f"网上申请“{text[:60]}{'…' if len(text) > 60 else ''}”{due}。",
           ref=("application", app.pk), dedup=f"application:{app.pk}:received")


@audit.service("applications.register", "登记政府信息公开申请")
def register(
    actor: User, data: dict[str, Any], organization: Organization | None, channel: str, received_on: dt.date,
    files: Sequence[File] = (),
) -> Application:
    """Staff register an application that came in person, by post, fax, email or orally."""
    org = accepting(organization)
    permissions.require(actor, "applications.handle", org)
    errors = {}
    if channel not in Channel.values:
        errors["channel"] = "请选择申请方式。"
    if not isinstance(received_on, dt.date):
        errors["received_on"] = "请填写收到申请的日期。"
    elif received_on > timezone.localdate():
        errors["received_on"] = "收到申请的日期不能晚于今天。"
    try:
        clean = clean_intake(data)
    except ValidationError as e:
        errors.update({k: v[0] for k, v in e.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    checked = attachments.check(list(files))
    app = Application.objects.create(
        organization=org, channel=channel, received_on=received_on, registered_by=actor,
        tracking_code=_tracking_code(received_on), **clean,
    )
    _attach(app, checked)
    rule = rules.CHANNEL_BY_CODE[channel].receipt_rule
    audit.record(actor, app, summary=f"登记{app.get_channel_display()}申请，收到日期 {received_on:%Y-%m-%d}（{rule}）")
    return app


APPLICANT_FIELDS = (
    "applicant_type", "name", "id_type", "id_number", "legal_representative", "contact_person", "phone", "email", "address", "postcode",
)
MASKED_IN_LOG = {"id_number": selectors.mask_id, "phone": selectors.mask_phone}


@audit.service("applications.correct_applicant", "更正申请人信息")
def correct_applicant(actor: User, app: Application, *, reason: str, **fields: Any) -> Application:
    """Staff correct the applicant's details (a misspelt name, an unreadable character from the form, a wrong
    number), checked as at intake; the log keeps the old and new values (ID and phone numbers masked)."""
    unknown = set(fields) - set(APPLICANT_FIELDS)
    if unknown:
        raise ValueError(f"not an applicant's detail: {', '.join(sorted(unknown))}")
    app = locked(app, actor)
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明更正的原因（如申请人来电更正、原信息含无法识别的字符）。"})
    clean = clean_intake({**{k: getattr(app, k) for k in INTAKE_FIELDS}, **fields})
    changes = audit.diff(app, {k: clean[k] for k in APPLICANT_FIELDS})
    if not changes:
        raise ValidationError("填写的信息与原信息相同，没有需要更正的内容。")
    for name in changes:
        setattr(app, name, clean[name])
    save_version(app, list(changes))
    logged = {k: [MASKED_IN_LOG[k](v or "") for v in pair] if k in MASKED_IN_LOG else pair for k, pair in changes.items()}
    audit.record(actor, app, summary=f"{audit.summarize(Application, logged)}（{reason}）", changes={**logged, "reason": reason})
    return app


@audit.service("applications.view_personal", "查看申请人完整身份信息")
def view_personal(actor: User, app: Application) -> Application:
    """Full ID and phone numbers are shown only to staff handling the case, and each view is logged."""
    permissions.require(actor, "applications.handle", app.organization)
    audit.record(actor, app, summary="查看申请人完整证件号码和联系电话")
    return app


MAX_SPLIT_ITEMS = 20


@audit.service("applications.split", "拆分申请（一事一申请）")
def split_application(actor: User, app: Application, items: Sequence[str], reason: str) -> list[Application]:
    """One application asking for several unrelated pieces of information becomes several 件 (一事一申请, the practice
    of 国办公开办函〔2016〕235号 and the per-item fee count of 国办函〔2020〕109号): the first item stays with this
    application, each other item becomes an application of its own with the same applicant, office, channel and date
    of receipt (so the same clock), linked to this one. Both sides are logged."""
    from .. import workflow

    app = locked(app, actor)
    workflow.APPLICATION.check("split", app, actor)
    parts = [clean_text(i or "").strip() for i in items]
    parts = [p for p in parts if p]
    reason = clean_text(reason or "").strip()
    errors = {}
    if len(parts) < 2:
        errors["items"] = "请至少列出两个事项（每行一项），第一项留在本申请。"
    elif len(parts) > MAX_SPLIT_ITEMS:
        errors["items"] = f"一次最多拆分为 {MAX_SPLIT_ITEMS} 件。"
    elif len(set(parts)) != len(parts):
        errors["items"] = "事项有重复，请检查。"
    elif any(len(p) > 2000 for p in parts):
        errors["items"] = "每个事项不超过 2000 字。"
    if not reason:
        errors["reason"] = "请写明拆分的理由（如申请内容包含多个互不相关的事项）。"
    if errors:
        raise ValidationError(errors)
    before = app.description
    app.description = parts[0]
    app.split_on, app.split_reason = timezone.localdate(), reason[:300]
    save_version(app, ["description", "split_on", "split_reason"])
    numbering.allocate(app, "split", app.split_on.year)  # the applicant is told (notices.step_notice "split")
    made = []
    copied = {k: getattr(app, k) for k in INTAKE_FIELDS if k != "description"}
    for part in parts[1:]:
        new = Application.objects.create(
            organization=app.organization, channel=app.channel, received_on=app.received_on, registered_by=actor,
            tracking_code=_tracking_code(app.received_on), split_from=app, description=part, **copied,
        )
        audit.record(actor, new, summary=f"由 {app.tracking_code} 拆分而来（{reason}）：{part[:60]}")
        made.append(new)
    codes = "、".join(a.tracking_code for a in made)
    audit.record(actor, app, summary=f"拆分为 {len(parts)} 件（{reason}）：本件保留“{parts[0][:40]}”，另立 {codes}",
                 changes={"description": [before, parts[0]], "split_into": [a.tracking_code for a in made], "reason": reason})
    return made
