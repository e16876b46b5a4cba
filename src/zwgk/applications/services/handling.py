"""The steps on an open application: reassignment, correction, consultation, extension, fee, reply, delivery,
and the system closing what the applicant abandoned.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from zwgk.core import audit, workdays
from zwgk.core.models import Organization, User

from .. import fees, numbering, rules, selectors, workflow
from ..clock import State
from ..models import Application, Consultation, FeeMethod
from ..steps import accepting, checked_date, locked, save_version


@audit.service("applications.reassign", "转办申请")
def reassign(actor: User, app: Application, organization: Organization | None, reason: str) -> Application:
    """The county office sends an application to the organization that should handle it."""
    app = locked(app, actor, "applications.reassign")
    workflow.APPLICATION.check("reassign", app, actor)
    org = accepting(organization)
    if org.pk == app.organization_id:
        raise ValidationError({"organization": "请选择另一个机关。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明转办理由。"})
    before = app.organization.name
    app.organization = org
    save_version(app, ["organization"])
    audit.record(actor, app, summary=f"由 {before} 转至 {org.name}：{reason.strip()}")
    return app


@audit.service("applications.correction", "一次性告知补正")
def request_correction(actor: User, app: Application, text: str, sent_on: dt.date, deadline: dt.date) -> Application:
    """One correction notice (补正, 一次性告知) within 7 working days of receipt (Art. 30)."""
    app = locked(app, actor)
    workflow.APPLICATION.check("correction", app, actor)
    if not (text or "").strip():
        raise ValidationError({"text": "请逐项写明需要补正的事项和要求。"})
    sent_on = checked_date(sent_on, "告知日期", app, "sent_on")
    try:
        last = workdays.load().add(app.received_on, rules.CORRECTION_NOTICE_DAYS)
    except workdays.UnknownCalendarYear:
        last = None  # beyond what any calendar can date: a legal act is never refused for a calendar reason
    if last is not None and sent_on > last:
        raise ValidationError({"sent_on": f"补正应当在收到申请之日起 {rules.CORRECTION_NOTICE_DAYS} 个工作日内告知，即不晚于 {last:%Y-%m-%d}。"})
    if not isinstance(deadline, dt.date) or deadline <= sent_on:
        raise ValidationError({"deadline": "请给出晚于告知日期的合理补正期限。"})
    if deadline > sent_on + rules.CORRECTION_DEADLINE_MAX:
        raise ValidationError({"deadline": f"补正期限应当合理，不宜超过告知日期后 {rules.CORRECTION_DEADLINE_MAX.days} 天。"})
    app.correction_sent_on, app.correction_deadline, app.correction_text = sent_on, deadline, text.strip()
    save_version(app, ["correction_sent_on", "correction_deadline", "correction_text"])
    number = numbering.allocate(app, "correction", sent_on.year)
    audit.record(actor, app, summary=f"{sent_on:%Y-%m-%d} 告知补正（{number.text}），期限至 {deadline:%Y-%m-%d}")
    return app


@audit.service("applications.corrected", "收到补正申请")
def receive_correction(actor: User, app: Application, on: dt.date, text: str = "") -> Application:
    app = locked(app, actor)
    workflow.APPLICATION.check("corrected", app, actor)
    on = checked_date(on, "收到补正的日期", app, "on")
    if on < app.correction_sent_on:
        raise ValidationError({"on": "收到补正的日期不能早于告知补正的日期。"})
    app.corrected_on, app.corrected_text = on, (text or "").strip()
    save_version(app, ["corrected_on", "corrected_text"])
    audit.record(actor, app, summary=f"{on:%Y-%m-%d} 收到补正申请，答复期限重新计算")
    return app


@audit.service("applications.consult", "征求第三方或其他机关意见")
def start_consultation(actor: User, app: Application, kind: str, party: str, sent_on: dt.date,
                       received_on: dt.date | None = None) -> Consultation:
    """The clock stops while a third party or another agency is consulted (Art. 32, 34); the party's 15 working days run
    from its receipt of the request (``received_on``, also recordable later with :func:`record_consultation_receipt`)."""
    from ..models import ConsultKind

    app = locked(app, actor)
    workflow.APPLICATION.check("consult", app, actor)
    if kind not in ConsultKind.values:
        raise ValidationError({"kind": "请选择征求意见的类型。"})
    if not (party or "").strip():
        raise ValidationError({"party": "请填写征求意见的对象。"})
    sent_on = checked_date(sent_on, "发出日期", app, "sent_on")
    if received_on is not None:
        received_on = _receipt(received_on, sent_on, "received_on", "对方收到日期", "发出日期")
    consultation = Consultation.objects.create(application=app, kind=kind, party=party.strip(), sent_on=sent_on,
                                               received_on=received_on)
    save_version(app, [])
    got = f"，{received_on:%Y-%m-%d} 收到" if received_on else ""
    audit.record(actor, app, summary=f"{sent_on:%Y-%m-%d} {consultation.get_kind_display()}：{consultation.party}{got}（计时暂停）")
    return consultation


def _receipt(on: dt.date, sent: dt.date, field: str, label: str, sent_label: str) -> dt.date:
    if not isinstance(on, dt.date):
        raise ValidationError({field: f"{label}格式不正确。"})
    if on < sent:
        raise ValidationError({field: f"{label}不能早于{sent_label}。"})
    if on > timezone.localdate():
        raise ValidationError({field: f"{label}不能晚于今天。"})
    return on


@audit.service("applications.consult_receipt", "登记对方收到征求意见书")
def record_consultation_receipt(actor: User, consultation: Consultation, received_on: dt.date) -> Consultation:
    """The day the third party or agency received the request: its 15 working days run from then (Art. 32, 34)."""
    app = locked(consultation.application, actor)
    workflow.APPLICATION.check("consult_receipt", app, actor)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.answered_on:
        raise ValidationError("该次征求意见已登记答复。")
    received_on = _receipt(received_on, consultation.sent_on, "received_on", "对方收到日期", "发出日期")
    if consultation.received_on == received_on:
        audit.nothing_changed()
        return consultation
    before = consultation.received_on
    consultation.received_on = received_on
    consultation.save(update_fields=["received_on"])
    save_version(app, [])
    was = f"（原登记 {before:%Y-%m-%d}）" if before else ""
    audit.record(actor, app, summary=f"{consultation.party} {received_on:%Y-%m-%d} 收到征求意见书{was}")
    return consultation


@audit.service("applications.consult_answer", "登记征求意见的答复")
def end_consultation(actor: User, consultation: Consultation, answered_on: dt.date, opinion: str = "") -> Consultation:
    app = locked(consultation.application, actor)
    workflow.APPLICATION.check("consult_answer", app, actor)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.answered_on:
        raise ValidationError("该次征求意见已登记答复。")
    answered_on = checked_date(answered_on, "答复日期", app, "answered_on")
    if answered_on < consultation.sent_on:
        raise ValidationError({"answered_on": "答复日期不能早于发出日期。"})
    consultation.answered_on, consultation.opinion = answered_on, (opinion or "").strip()
    consultation.save(update_fields=["answered_on", "opinion"])
    save_version(app, [])
    audit.record(actor, app, summary=f"{answered_on:%Y-%m-%d} {consultation.party} 答复（计时恢复）")
    return consultation


@audit.service("applications.extend", "延期答复")
def extend(actor: User, app: Application, days: int, reason: str, on: dt.date) -> Application:
    """One extension of at most 20 working days, approved by the head of the disclosure work, with
    notice to the applicant (Art. 33). The approver is the person who records it."""
    app = locked(app, actor, "applications.approve")
    workflow.APPLICATION.check("extend", app, actor)
    if not isinstance(days, int) or not 1 <= days <= rules.EXTENSION_MAX_DAYS:
        raise ValidationError({"days": f"延长期限为 1 到 {rules.EXTENSION_MAX_DAYS} 个工作日。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明延期理由。"})
    on = checked_date(on, "延期日期", app, "on")
    clock = selectors.clock(app)
    if clock.state in (State.AWAITING_CORRECTION, State.ABANDONED_CORRECTION):
        raise ValidationError("正在等待申请人补正（或补正期限已过），答复期限自收到补正申请之日起才重新计算，现在无需延期。")
    if clock.due and on > clock.due:
        raise ValidationError({"on": f"答复期限已于 {clock.due:%Y-%m-%d} 届满，不能再延期。"})
    app.extension_days, app.extension_on, app.extension_reason = days, on, reason.strip()
    app.extension_approver = actor.get_full_name() or actor.username
    save_version(app, ["extension_days", "extension_on", "extension_reason", "extension_approver"])
    number = numbering.allocate(app, "extension", on.year)
    audit.record(actor, app, summary=f"{on:%Y-%m-%d} 延长 {days} 个工作日（{number.text}），批准人 {app.extension_approver}")
    return app


@audit.service("applications.fee_notice", "发出收费通知")
def send_fee_notice(actor: User, app: Application, method: str, quantity: int | None, on: dt.date,
                    received_on: dt.date | None = None) -> Application:
    """Charge by one method per application (国办函〔2020〕109号). Per item counts this applicant's
    applications to this office in the calendar month of receipt; per volume counts pages."""
    app = locked(app, actor)
    workflow.APPLICATION.check("fee", app, actor)
    on = checked_date(on, "通知日期", app, "on")
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
    if received_on is not None:
        received_on = _receipt(received_on, on, "received_on", "申请人收到收费通知之日", "通知日期")
    app.fee_method, app.fee_quantity, app.fee_amount, app.fee_notice_on = method, quantity, amount, on
    app.fee_notice_received_on = received_on
    save_version(app, ["fee_method", "fee_quantity", "fee_amount", "fee_notice_on", "fee_notice_received_on"])
    number = numbering.allocate(app, "fee", on.year)
    audit.record(actor, app, summary=f"{on:%Y-%m-%d} 收费通知（{number.text}）：{app.get_fee_method_display()}，{what}，{amount} 元")
    return app


@audit.service("applications.fee_receipt", "登记申请人收到收费通知")
def record_fee_notice_receipt(actor: User, app: Application, received_on: dt.date) -> Application:
    """The day the applicant received the fee notice: the 20 working days to pay run from the day after (国办函〔2020〕109号)."""
    app = locked(app, actor)
    workflow.APPLICATION.check("fee_receipt", app, actor)
    received_on = _receipt(received_on, app.fee_notice_on, "received_on", "申请人收到收费通知之日", "通知日期")
    if app.fee_notice_received_on == received_on:
        audit.nothing_changed()
        return app
    app.fee_notice_received_on = received_on
    save_version(app, ["fee_notice_received_on"])
    audit.record(actor, app, summary=f"申请人 {received_on:%Y-%m-%d} 收到收费通知，缴费期限自次日起计算")
    return app


@audit.service("applications.fee_paid", "登记缴费")
def record_payment(actor: User, app: Application, on: dt.date) -> Application:
    app = locked(app, actor)
    workflow.APPLICATION.check("paid", app, actor)
    on = checked_date(on, "缴费日期", app, "on")
    if on < app.fee_notice_on:
        raise ValidationError({"on": "缴费日期不能早于收费通知日期。"})
    app.fee_paid_on = on
    save_version(app, ["fee_paid_on"])
    audit.record(actor, app, summary=f"{on:%Y-%m-%d} 缴费 {app.fee_amount} 元")
    return app


MANUAL_REPLY_EXCLUDED = rules.ABANDONED  # set by the system when the applicant's time runs out


@audit.service("applications.reply", "答复申请")
def reply(
    actor: User, app: Application, reply_type: str, *, on: dt.date, reason: str = "", withheld: str = "",
    agency: str = "", text: str = "", delivered_by: str = "", delivered_on: dt.date | None = None, version: int | None = None,
) -> Application:
    """The formal reply, with its notice (告知书) generated as a Word document from the type's template."""
    from ..models import Delivery
    from ..notices import build_notice

    app = locked(app, actor)
    if version is not None and version != app.version:
        raise ValidationError("该申请刚被其他人修改过，请刷新页面后再答复。")
    workflow.APPLICATION.check("reply", app, actor)
    kind = rules.REPLY_BY_CODE.get(reply_type)
    if kind is None or reply_type in MANUAL_REPLY_EXCLUDED:
        raise ValidationError({"reply_type": "请选择答复类型。"})
    on = checked_date(on, "答复日期", app, "on")
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
    numbering.allocate(app, "reply", on.year)
    name, content = build_notice(app)
    app.notice.save(name, content, save=False)
    save_version(app, ["reply_type", "reply_on", "reply_reason", "withheld", "responsible_agency", "reply_text",
                "delivered_by", "delivered_on", "notice"])
    audit.record(actor, app, summary=f"{on:%Y-%m-%d} 答复：{kind.label}（{clock.text}）")
    return app


@audit.service("applications.delivered", "登记送达")
def record_delivery(actor: User, app: Application, delivered_by: str, delivered_on: dt.date) -> Application:
    """The reply's delivery, on the day its channel defines (rules.DELIVERY_POINT): signed for, posted, or sent. On time
    or late is derived from it."""
    from ..models import Delivery

    app = locked(app, actor)
    workflow.APPLICATION.check("delivered", app, actor)
    if delivered_by not in Delivery.values:
        raise ValidationError({"delivered_by": "请选择送达方式。"})
    delivered_on = checked_date(delivered_on, "送达日期", app, "delivered_on")
    if delivered_on < app.reply_on:
        raise ValidationError({"delivered_on": "送达日期不能早于答复日期。"})
    app.delivered_by, app.delivered_on = delivered_by, delivered_on
    save_version(app, ["delivered_by", "delivered_on"])
    audit.record(actor, app, summary=f"{delivered_on:%Y-%m-%d} {app.get_delivered_by_display()}送达")
    return app


@audit.service("applications.close_abandoned", "逾期未补正或未缴费的申请自动办结")
def close_abandoned(today: dt.date | None = None) -> list[Application]:
    """Applications whose applicant let the correction or fee deadline pass are closed as the report's
    其他处理 1 or 2, on the first day after the deadline."""
    today = today or timezone.localdate()
    cal = workdays.load()
    closed = []
    candidates = Application.objects.select_for_update().open().filter(_abandonable())
    for app in candidates:
        clock = selectors.clock(app, cal=cal, today=today)
        if clock.state == State.ABANDONED_CORRECTION:
            app.reply_type, app.reply_on = "no_correction", app.correction_deadline + dt.timedelta(days=1)
            app.reply_reason = f"申请人未在补正期限（{app.correction_deadline:%Y-%m-%d}）内补正，视为放弃申请。"
        elif clock.state == State.ABANDONED_FEE:
            app.reply_type, app.reply_on = "unpaid", clock.fee_due + dt.timedelta(days=1)
            app.reply_reason = f"申请人未在收费通知规定的期限（{clock.fee_due:%Y-%m-%d}）内缴费，视为放弃申请。"
        else:
            continue
        save_version(app, ["reply_type", "reply_on", "reply_reason"])
        audit.record(None, app, summary=app.reply_reason)
        closed.append(app)
    if not closed:
        audit.nothing_changed()
    return closed


def _abandonable():  # noqa: ANN202
    from django.db.models import Q

    return Q(correction_sent_on__isnull=False, corrected_on__isnull=True) | Q(fee_notice_on__isnull=False, fee_paid_on__isnull=True)
