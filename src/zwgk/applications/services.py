"""Every change to a disclosure request: intake, correction, consultation, extension, fee, reply,
abandonment, reminders, review cases and the annual report's written parts. Each is one audited
transaction (``zwgk.core.audit``); the statutory clock is derived by ``clock`` from what is stored here.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from zwgk.core import audit, codes, permissions, workdays
from zwgk.core.models import Organization, OrgKind, User
from zwgk.core.text import clean as clean_text

from . import attachments, fees, rules, selectors, workflow
from .models import (
    AnnualReport,
    ApplicantType,
    Application,
    Channel,
    Consultation,
    FeeMethod,
    IdType,
    Reminder,
    ReviewCase,
)

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
POSTCODE = re.compile(r"^\d{6}$")
ACCEPTING_KINDS = {OrgKind.GOVERNMENT, OrgKind.OFFICE, OrgKind.DEPARTMENT, OrgKind.TOWNSHIP}
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
INTAKE_FIELDS = (
    "applicant_type", "name", "id_type", "id_number", "legal_representative", "contact_person", "phone", "email",
    "address", "postcode", "description", "doc_number", "medium", "delivery",
)
DUPLICATE_WINDOW = dt.timedelta(minutes=30)


def _clean_intake(data: dict[str, Any]) -> dict[str, Any]:
    """The applicant's part of an application, checked; every problem at once, in Chinese."""
    from .models import Delivery, Medium

    out = {k: clean_text(data.get(k) or "").strip() if isinstance(data.get(k, ""), str) else data.get(k) for k in INTAKE_FIELDS}
    errors: dict[str, str] = {}
    if out["applicant_type"] not in ApplicantType.values:
        errors["applicant_type"] = "请选择申请人类型。"
    if not out["name"]:
        errors["name"] = "请填写申请人姓名或单位名称。"
    elif len(out["name"]) > 100:
        errors["name"] = "姓名或名称不能超过 100 个字。"
    if out["id_type"] not in IdType.values:
        errors["id_type"] = "请选择证件类型。"
    number = (out["id_number"] or "").upper().replace(" ", "")
    out["id_number"] = number
    if not number:
        errors["id_number"] = "请填写证件号码。"
    elif out["id_type"] == IdType.RESIDENT:
        try:
            codes.validate_resident_id(number)
        except ValidationError as e:
            errors["id_number"] = e.messages[0]
    elif out["id_type"] == IdType.USCC:
        try:
            codes.validate_uscc(number)
        except ValidationError as e:
            errors["id_number"] = e.messages[0]
    elif not re.fullmatch(r"[0-9A-Z-]{5,30}", number):
        errors["id_number"] = "证件号码只能包含字母、数字和连字符，5 到 30 位。"
    natural = out["applicant_type"] == ApplicantType.NATURAL
    if not natural and out["id_type"] not in (IdType.USCC, IdType.OTHER, ""):
        errors.setdefault("id_type", "法人或其他组织请填写统一社会信用代码（或其他登记证件）。")
    if natural and out["id_type"] == IdType.USCC:
        errors.setdefault("id_type", "自然人请填写本人身份证件，不能填写统一社会信用代码。")
    if not natural and not out["legal_representative"]:
        errors["legal_representative"] = "法人或其他组织请填写法定代表人或负责人。"
    phone = (out["phone"] or "").replace(" ", "")
    out["phone"] = phone
    if not (MOBILE.match(phone) or LANDLINE.match(phone)):
        errors["phone"] = "请填写正确的联系电话：11 位手机号码，或区号加座机号码（如 0798-2621234）。"
    if out["postcode"] and not POSTCODE.match(out["postcode"]):
        errors["postcode"] = "邮政编码应为 6 位数字。"
    description = out["description"] or ""
    if len(description) < 5:
        errors["description"] = "请写明所需政府信息的名称、文号或其他便于查找的特征（至少 5 个字）。"
    elif len(description) > 2000:
        errors["description"] = "内容描述不能超过 2000 字；信息较多时请分别申请或附件说明。"
    if out["medium"] not in Medium.values:
        errors["medium"] = "请选择信息的载体形式。"
    if out["delivery"] not in Delivery.values:
        errors["delivery"] = "请选择获取信息的方式。"
    if out["delivery"] == Delivery.EMAIL and not out["email"]:
        errors["email"] = "选择电子邮件获取时请填写电子邮箱。"
    if out["delivery"] == Delivery.POST and not out["address"]:
        errors["address"] = "选择邮寄时请填写通信地址。"
    if out["email"]:
        from django.core.validators import validate_email

        try:
            validate_email(out["email"])
        except ValidationError:
            errors["email"] = "电子邮箱格式不正确。"
    if errors:
        raise ValidationError(errors)
    return out


def _accepting(org: Organization | None) -> Organization:
    if org is None or not org.is_active or org.kind not in ACCEPTING_KINDS:
        raise ValidationError({"organization": "请选择受理申请的行政机关（县人民政府、政府办公室、县政府部门或乡镇人民政府）。"})
    return org


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
    from .models import ApplicationFile

    for upload, kind in files:
        f = ApplicationFile(application=app, name=clean_text(upload.name or "附件")[-200:], kind=kind, size=upload.size)
        upload.seek(0)
        f.file.save(f"{app.tracking_code}-{secrets.token_hex(4)}.{'jpg' if kind == 'jpeg' else kind}", File(upload), save=False)
        f.save()


@audit.service("applications.submit", "网上提交政府信息公开申请")
def submit_online(data: dict[str, Any], organization: Organization | None, files: Sequence[File] = ()) -> Application:
    """A member of the public files an application online. The system's confirmation is the date of
    receipt (Art. 31; 国办公开办函〔2016〕235号)."""
    org = _accepting(organization)
    clean = _clean_intake(data)
    checked = attachments.check(list(files))
    _no_duplicate(org, clean)
    today = timezone.localdate()
    app = Application.objects.create(
        organization=org, channel=Channel.ONLINE, received_on=today, tracking_code=_tracking_code(today), **clean
    )
    _attach(app, checked)
    audit.record(None, app, summary=f"网上申请，收到日期 {today:%Y-%m-%d}，受理机关 {org.name}")
    return app


@audit.service("applications.register", "登记政府信息公开申请")
def register(
    actor: User, data: dict[str, Any], organization: Organization | None, channel: str, received_on: dt.date,
    files: Sequence[File] = (),
) -> Application:
    """Staff register an application that came in person, by post, fax, email or orally."""
    org = _accepting(organization)
    permissions.require(actor, "applications.handle", org)
    errors = {}
    if channel not in Channel.values:
        errors["channel"] = "请选择申请方式。"
    if not isinstance(received_on, dt.date):
        errors["received_on"] = "请填写收到申请的日期。"
    elif received_on > timezone.localdate():
        errors["received_on"] = "收到申请的日期不能晚于今天。"
    try:
        clean = _clean_intake(data)
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


def _locked(app: Application, actor: User, permission: str = "applications.handle") -> Application:
    app = Application.objects.select_for_update().select_related("organization").get(pk=app.pk)
    permissions.require(actor, permission, app.organization)
    return app


def _date(value: Any, label: str, app: Application, field: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise ValidationError({field: f"请填写{label}。"})
    if value > timezone.localdate():
        raise ValidationError({field: f"{label}不能晚于今天。"})
    if value < app.received_on:
        raise ValidationError({field: f"{label}不能早于收到申请之日（{app.received_on:%Y-%m-%d}）。"})
    return value


def _save(app: Application, fields: list[str]) -> None:
    app.version += 1
    app.save(update_fields=[*fields, "version"])


@audit.service("applications.reassign", "转办申请")
def reassign(actor: User, app: Application, organization: Organization | None, reason: str) -> Application:
    """The county office sends an application to the organization that should handle it."""
    app = _locked(app, actor, "applications.reassign")
    workflow.APPLICATION.check("reassign", app, actor)
    org = _accepting(organization)
    if org.pk == app.organization_id:
        raise ValidationError({"organization": "请选择另一个机关。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明转办理由。"})
    before = app.organization.name
    app.organization = org
    _save(app, ["organization"])
    audit.record(actor, app, summary=f"由 {before} 转至 {org.name}：{reason.strip()}")
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
    app = _locked(app, actor)
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明更正的原因（如申请人来电更正、原信息含无法识别的字符）。"})
    clean = _clean_intake({**{k: getattr(app, k) for k in INTAKE_FIELDS}, **fields})
    changes = audit.diff(app, {k: clean[k] for k in APPLICANT_FIELDS})
    if not changes:
        raise ValidationError("填写的信息与原信息相同，没有需要更正的内容。")
    for name in changes:
        setattr(app, name, clean[name])
    _save(app, list(changes))
    logged = {k: [MASKED_IN_LOG[k](v or "") for v in pair] if k in MASKED_IN_LOG else pair for k, pair in changes.items()}
    audit.record(actor, app, summary=f"{audit.summarize(Application, logged)}（{reason}）", changes={**logged, "reason": reason})
    return app


@audit.service("applications.correction", "一次性告知补正")
def request_correction(actor: User, app: Application, text: str, sent_on: dt.date, deadline: dt.date) -> Application:
    """One correction notice (补正, 一次性告知) within 7 working days of receipt (Art. 30)."""
    app = _locked(app, actor)
    workflow.APPLICATION.check("correction", app, actor)
    if not (text or "").strip():
        raise ValidationError({"text": "请逐项写明需要补正的事项和要求。"})
    sent_on = _date(sent_on, "告知日期", app, "sent_on")
    try:
        last = workdays.load().add(app.received_on, rules.CORRECTION_NOTICE_DAYS)
    except workdays.UnknownCalendarYear as e:
        raise ValidationError(str(e)) from e
    if sent_on > last:
        raise ValidationError({"sent_on": f"补正应当在收到申请之日起 {rules.CORRECTION_NOTICE_DAYS} 个工作日内告知，即不晚于 {last:%Y-%m-%d}。"})
    if not isinstance(deadline, dt.date) or deadline <= sent_on:
        raise ValidationError({"deadline": "请给出晚于告知日期的合理补正期限。"})
    app.correction_sent_on, app.correction_deadline, app.correction_text = sent_on, deadline, text.strip()
    _save(app, ["correction_sent_on", "correction_deadline", "correction_text"])
    audit.record(actor, app, summary=f"{sent_on:%Y-%m-%d} 告知补正，期限至 {deadline:%Y-%m-%d}")
    return app


@audit.service("applications.corrected", "收到补正申请")
def receive_correction(actor: User, app: Application, on: dt.date, text: str = "") -> Application:
    app = _locked(app, actor)
    workflow.APPLICATION.check("corrected", app, actor)
    on = _date(on, "收到补正的日期", app, "on")
    if on < app.correction_sent_on:
        raise ValidationError({"on": "收到补正的日期不能早于告知补正的日期。"})
    app.corrected_on, app.corrected_text = on, (text or "").strip()
    _save(app, ["corrected_on", "corrected_text"])
    audit.record(actor, app, summary=f"{on:%Y-%m-%d} 收到补正申请，答复期限重新计算")
    return app


@audit.service("applications.consult", "征求第三方或其他机关意见")
def start_consultation(actor: User, app: Application, kind: str, party: str, sent_on: dt.date) -> Consultation:
    """The clock stops while a third party (15 working days) or another agency is consulted (Art. 32, 34)."""
    from .models import ConsultKind

    app = _locked(app, actor)
    workflow.APPLICATION.check("consult", app, actor)
    if kind not in ConsultKind.values:
        raise ValidationError({"kind": "请选择征求意见的类型。"})
    if not (party or "").strip():
        raise ValidationError({"party": "请填写征求意见的对象。"})
    sent_on = _date(sent_on, "发出日期", app, "sent_on")
    consultation = Consultation.objects.create(application=app, kind=kind, party=party.strip(), sent_on=sent_on)
    _save(app, [])
    audit.record(actor, app, summary=f"{sent_on:%Y-%m-%d} {consultation.get_kind_display()}：{consultation.party}（计时暂停）")
    return consultation


@audit.service("applications.consult_answer", "登记征求意见的答复")
def end_consultation(actor: User, consultation: Consultation, answered_on: dt.date, opinion: str = "") -> Consultation:
    app = _locked(consultation.application, actor)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.answered_on:
        raise ValidationError("该次征求意见已登记答复。")
    answered_on = _date(answered_on, "答复日期", app, "answered_on")
    if answered_on < consultation.sent_on:
        raise ValidationError({"answered_on": "答复日期不能早于发出日期。"})
    consultation.answered_on, consultation.opinion = answered_on, (opinion or "").strip()
    consultation.save(update_fields=["answered_on", "opinion"])
    _save(app, [])
    audit.record(actor, app, summary=f"{answered_on:%Y-%m-%d} {consultation.party} 答复（计时恢复）")
    return consultation


@audit.service("applications.extend", "延期答复")
def extend(actor: User, app: Application, days: int, reason: str, on: dt.date) -> Application:
    """One extension of at most 20 working days, approved by the head of the disclosure work, with
    notice to the applicant (Art. 33). The approver is the person who records it."""
    app = _locked(app, actor, "applications.approve")
    workflow.APPLICATION.check("extend", app, actor)
    if not isinstance(days, int) or not 1 <= days <= rules.EXTENSION_MAX_DAYS:
        raise ValidationError({"days": f"延长期限为 1 到 {rules.EXTENSION_MAX_DAYS} 个工作日。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明延期理由。"})
    on = _date(on, "延期日期", app, "on")
    clock = selectors.clock(app)
    if clock.due and on > clock.due:
        raise ValidationError({"on": f"答复期限已于 {clock.due:%Y-%m-%d} 届满，不能再延期。"})
    app.extension_days, app.extension_on, app.extension_reason = days, on, reason.strip()
    app.extension_approver = actor.get_full_name() or actor.username
    _save(app, ["extension_days", "extension_on", "extension_reason", "extension_approver"])
    audit.record(actor, app, summary=f"{on:%Y-%m-%d} 延长 {days} 个工作日，批准人 {app.extension_approver}")
    return app


@audit.service("applications.fee_notice", "发出收费通知")
def send_fee_notice(actor: User, app: Application, method: str, quantity: int | None, on: dt.date) -> Application:
    """Charge by one method per application (国办函〔2020〕109号). Per item counts this applicant's
    applications to this office in the calendar month of receipt; per volume counts pages."""
    app = _locked(app, actor)
    workflow.APPLICATION.check("fee", app, actor)
    on = _date(on, "通知日期", app, "on")
    if method == FeeMethod.ITEMS:
        quantity = selectors.month_position(app)
        amount = fees.item_rate(quantity)
        what = f"本月第 {quantity} 件"
    elif method == FeeMethod.PAGES:
        if not isinstance(quantity, int) or quantity <= 0 or quantity > 1_000_000:
            raise ValidationError({"quantity": "请填写页数（正整数）。"})
        amount = fees.per_volume(quantity)
        what = f"{quantity} 页"
    else:
        raise ValidationError({"method": "请选择按件或按量计收（二者只能选一种）。"})
    if amount <= 0:
        raise ValidationError({"method": f"{what}在免费范围内，不收取信息处理费。"})
    app.fee_method, app.fee_quantity, app.fee_amount, app.fee_notice_on = method, quantity, amount, on
    _save(app, ["fee_method", "fee_quantity", "fee_amount", "fee_notice_on"])
    audit.record(actor, app, summary=f"{on:%Y-%m-%d} 收费通知：{app.get_fee_method_display()}，{what}，{amount} 元")
    return app


@audit.service("applications.fee_paid", "登记缴费")
def record_payment(actor: User, app: Application, on: dt.date) -> Application:
    app = _locked(app, actor)
    workflow.APPLICATION.check("paid", app, actor)
    on = _date(on, "缴费日期", app, "on")
    if on < app.fee_notice_on:
        raise ValidationError({"on": "缴费日期不能早于收费通知日期。"})
    app.fee_paid_on = on
    _save(app, ["fee_paid_on"])
    audit.record(actor, app, summary=f"{on:%Y-%m-%d} 缴费 {app.fee_amount} 元")
    return app


MANUAL_REPLY_EXCLUDED = {"no_correction", "unpaid"}  # set by the system when the applicant's time runs out


@audit.service("applications.reply", "答复申请")
def reply(
    actor: User, app: Application, reply_type: str, *, on: dt.date, reason: str = "", withheld: str = "",
    agency: str = "", text: str = "", delivered_by: str = "", delivered_on: dt.date | None = None, version: int | None = None,
) -> Application:
    """The formal reply, with its notice (告知书) generated as a Word document from the type's template."""
    from .models import Delivery
    from .notices import build_notice

    app = _locked(app, actor)
    if version is not None and version != app.version:
        raise ValidationError("该申请刚被其他人修改过，请刷新页面后再答复。")
    workflow.APPLICATION.check("reply", app, actor)
    kind = rules.REPLY_BY_CODE.get(reply_type)
    if kind is None or reply_type in MANUAL_REPLY_EXCLUDED:
        raise ValidationError({"reply_type": "请选择答复类型。"})
    on = _date(on, "答复日期", app, "on")
    errors = {}
    if kind.needs_reason and not (reason or "").strip():
        errors["reason"] = "该答复类型必须写明理由和法律依据。"
    if kind.lists_withheld and not (withheld or "").strip():
        errors["withheld"] = "部分公开必须列明不予公开的内容及理由。"
    if reply_type in ("disclose", "already_public", "partial", "special_procedure") and not (text or "").strip():
        errors["text"] = "请写明提供的信息或获取的方式、途径和时间。"
    if delivered_by and delivered_by not in Delivery.values:
        errors["delivered_by"] = "请选择送达方式。"
    if delivered_on is not None:
        if delivered_on < on:
            errors["delivered_on"] = "送达日期不能早于答复日期。"
        elif delivered_on > timezone.localdate():
            errors["delivered_on"] = "送达日期不能晚于今天。"
    if reply_type == "still_unclear" and not app.corrected_on:
        errors["reply_type"] = "“补正后申请内容仍不明确”只适用于已经补正的申请。"
    if errors:
        raise ValidationError(errors)
    app.reply_type, app.reply_on = reply_type, on
    app.reply_reason, app.withheld = (reason or "").strip(), (withheld or "").strip()
    app.responsible_agency, app.reply_text = (agency or "").strip(), (text or "").strip()
    app.delivered_by, app.delivered_on = delivered_by, delivered_on
    clock = selectors.clock(app)
    name, content = build_notice(app)
    app.notice.save(name, content, save=False)
    _save(app, ["reply_type", "reply_on", "reply_reason", "withheld", "responsible_agency", "reply_text",
                "delivered_by", "delivered_on", "notice"])
    audit.record(actor, app, summary=f"{on:%Y-%m-%d} 答复：{kind.label}（{clock.text}）")
    return app


@audit.service("applications.delivered", "登记送达")
def record_delivery(actor: User, app: Application, delivered_by: str, delivered_on: dt.date) -> Application:
    """The reply's delivery: the day signed for, or for post the day it was mailed."""
    from .models import Delivery

    app = _locked(app, actor)
    workflow.APPLICATION.check("delivered", app, actor)
    if delivered_by not in Delivery.values:
        raise ValidationError({"delivered_by": "请选择送达方式。"})
    delivered_on = _date(delivered_on, "送达日期", app, "delivered_on")
    if delivered_on < app.reply_on:
        raise ValidationError({"delivered_on": "送达日期不能早于答复日期。"})
    app.delivered_by, app.delivered_on = delivered_by, delivered_on
    _save(app, ["delivered_by", "delivered_on"])
    audit.record(actor, app, summary=f"{delivered_on:%Y-%m-%d} {app.get_delivered_by_display()}送达")
    return app


@audit.service("applications.view_personal", "查看申请人完整身份信息")
def view_personal(actor: User, app: Application) -> Application:
    """Full ID and phone numbers are shown only to staff handling the case, and each view is logged."""
    permissions.require(actor, "applications.handle", app.organization)
    audit.record(actor, app, summary="查看申请人完整证件号码和联系电话")
    return app


@audit.service("applications.close_abandoned", "逾期未补正或未缴费的申请自动办结")
def close_abandoned(today: dt.date | None = None) -> list[Application]:
    """Applications whose applicant let the correction or fee deadline pass are closed as the report's
    其他处理 1 or 2, on the first day after the deadline."""
    today = today or timezone.localdate()
    cal = workdays.load()
    closed = []
    candidates = Application.objects.select_for_update().filter(reply_type="").filter(
        _abandonable()
    )
    for app in candidates:
        clock = selectors.clock(app, cal=cal, today=today)
        if clock.state == "abandoned_correction":
            app.reply_type, app.reply_on = "no_correction", app.correction_deadline + dt.timedelta(days=1)
            app.reply_reason = f"申请人未在补正期限（{app.correction_deadline:%Y-%m-%d}）内补正，视为放弃申请。"
        elif clock.state == "abandoned_fee":
            app.reply_type, app.reply_on = "unpaid", clock.fee_due + dt.timedelta(days=1)
            app.reply_reason = f"申请人未在收费通知规定的期限（{clock.fee_due:%Y-%m-%d}）内缴费，视为放弃申请。"
        else:
            continue
        _save(app, ["reply_type", "reply_on", "reply_reason"])
        audit.record(None, app, summary=app.reply_reason)
        closed.append(app)
    if not closed:
        audit.nothing_changed()
    return closed


def _abandonable():  # noqa: ANN202
    from django.db.models import Q

    return Q(correction_sent_on__isnull=False, corrected_on__isnull=True) | Q(fee_notice_on__isnull=False, fee_paid_on__isnull=True)


@audit.service("applications.remind", "发送期限提醒")
def send_reminders(today: dt.date | None = None) -> list[Reminder]:
    """Remind the people handling each open application when it is due within 5 working days, due
    today or overdue: once a day, in the app, and by email when they have an address."""
    from django.db import IntegrityError

    from zwgk.core.tasks import send_email

    today = today or timezone.localdate()
    cal = workdays.load()
    made: list[Reminder] = []
    handlers = selectors.handlers_by_org()
    for app in Application.objects.filter(reply_type="").select_related("organization").prefetch_related("consultations"):
        clock = selectors.clock(app, cal=cal, today=today)
        if clock.overdue:
            kind, text = "overdue", f"已超过答复期限 {-clock.days_left} 个工作日（期限 {clock.due:%Y-%m-%d}）"
        elif clock.due_today:
            kind, text = "due_today", f"今天（{clock.due:%Y-%m-%d}）是答复期限"
        elif clock.due_soon:
            kind, text = "due_soon", f"还剩 {clock.days_left} 个工作日（期限 {clock.due:%Y-%m-%d}）"
        else:
            continue
        message = f"依申请公开 {app.tracking_code}（{app.organization.short_name or app.organization.name}）{text}"
        for user in handlers.get(app.organization_id, []):
            if Reminder.objects.filter(application=app, user=user, kind=kind, day=today).exists():
                continue
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(application=app, user=user, kind=kind, day=today, message=message,
                                                       emailed=bool(user.email))
            except IntegrityError:
                continue  # another worker made it a moment ago
            if user.email:
                transaction.on_commit(lambda u=user, m=message: send_email.enqueue([u.email], "政府信息公开申请期限提醒", m))
            made.append(reminder)
    if made:
        audit.record(None, None, summary=f"发送期限提醒 {len(made)} 条")
    else:
        audit.nothing_changed()
    return made


@audit.service("applications.reminder_read", "已读期限提醒")
def mark_reminders_read(actor: User) -> int:
    n = Reminder.objects.filter(user=actor, read=False).update(read=True)
    if n:
        audit.record(actor, None, summary=f"{n} 条提醒标为已读")
    else:
        audit.nothing_changed()
    return n


@audit.service("applications.case", "登记行政复议或行政诉讼")
def record_case(
    actor: User, organization: Organization, kind: str, filed_on: dt.date, result: str, concluded_on: dt.date | None = None,
    note: str = "", application: Application | None = None,
) -> ReviewCase:
    from .models import CaseKind, CaseResult

    permissions.require(actor, "applications.report", organization)
    errors = {}
    if kind not in CaseKind.values:
        errors["kind"] = "请选择案件类型。"
    if result not in CaseResult.values:
        errors["result"] = "请选择结果。"
    if not isinstance(filed_on, dt.date) or filed_on > timezone.localdate():
        errors["filed_on"] = "请填写不晚于今天的收案日期。"
    if result != CaseResult.PENDING and not isinstance(concluded_on, dt.date):
        errors["concluded_on"] = "已审结的案件请填写审结日期。"
    if isinstance(concluded_on, dt.date) and isinstance(filed_on, dt.date) and concluded_on < filed_on:
        errors["concluded_on"] = "审结日期不能早于收案日期。"
    if errors:
        raise ValidationError(errors)
    case = ReviewCase.objects.create(
        organization=organization, kind=kind, filed_on=filed_on, result=result,
        concluded_on=concluded_on if result != CaseResult.PENDING else None, note=(note or "").strip(), application=application,
    )
    audit.record(actor, case, summary=f"{case.get_kind_display()}，{filed_on:%Y-%m-%d} 收案，{case.get_result_display()}")
    return case


TABLE_A_KEYS = ("rules_issued", "rules_repealed", "rules_valid", "licensing", "penalty", "coercion", "fees_wan")


@audit.service("applications.report_edit", "编辑年度报告")
def save_report(actor: User, organization: Organization, year: int, *, part_one: str, part_five: str, part_six: str,
                table_a: dict[str, Any]) -> AnnualReport:
    """The written parts (一, 五, 六) and the figures of table A that the office enters."""
    permissions.require(actor, "applications.report", organization)
    if not 2008 <= int(year) <= timezone.localdate().year:
        raise ValidationError({"year": "年度不正确。"})
    figures: dict[str, Any] = {}
    errors = {}
    for key in TABLE_A_KEYS:
        raw = table_a.get(key, "")
        raw = "" if raw is None else str(raw).strip()
        if raw == "":
            figures[key] = 0
            continue
        try:
            value = float(raw) if key == "fees_wan" else int(raw)
        except ValueError:
            errors[key] = "请填写数字。"
            continue
        if value < 0:
            errors[key] = "不能为负数。"
        figures[key] = value
    if errors:
        raise ValidationError(errors)
    report, _ = AnnualReport.objects.select_for_update().get_or_create(organization=organization, year=year)
    before = {"part_one": report.part_one, "part_five": report.part_five, "part_six": report.part_six, "table_a": report.table_a}
    report.part_one, report.part_five, report.part_six = part_one.strip(), part_five.strip(), part_six.strip()
    report.table_a = figures
    report.save()
    changed = [k for k, v in before.items() if v != getattr(report, k)]
    audit.record(actor, report, summary=f"{organization.name} {year} 年度报告：修改 {'、'.join(changed) or '无'}")
    return report


@audit.service("applications.report_publish", "年度报告送审发布")
def publish_report(actor: User, organization: Organization, year: int) -> Any:
    """Put the report through review to the portal's 年报 column (先审后发): a draft in publishing,
    submitted. Refused while the consistency rules are broken."""
    from zwgk.publishing import services as publishing

    from . import report as annual

    permissions.require(actor, "applications.report", organization)
    report = annual.build(organization, year)
    if report.problems:
        raise ValidationError(["勾稽关系检查未通过，不能发布："] + report.problems)
    saved, _ = AnnualReport.objects.select_for_update().get_or_create(organization=organization, year=year)
    if saved.published_document_id:
        raise ValidationError("该年度报告已经送审或发布；如需更正，请在稿件中修改后重新送审。")
    doc = publishing.create_draft(
        actor, organization, title=f"{organization.name}{year}年政府信息公开工作年度报告", body_html=annual.to_html(report),
        written_date=timezone.localdate(), topic="综合政务\\政务公开", genre="年报",
    )
    publishing.submit(actor, doc)
    saved.published_document_id = doc.pk
    saved.save(update_fields=["published_document_id", "updated_at"])
    audit.record(actor, saved, summary=f"{organization.name} {year} 年度报告送审，稿件 {doc.pk}")
    return doc


@audit.service("applications.ledger_export", "导出依申请公开台账")
def export_ledger(actor: User, rows: int, filters: dict[str, Any]) -> None:
    """Each export of the ledger is logged (the file carries masked personal data only)."""
    permissions.require(actor, "applications.handle")
    audit.record(actor, None, summary=f"导出台账 {rows} 条", changes={"filters": filters})
