"""Every change to consultations: drafting and opening, opinions (online, entered by staff, screened), answers, the
adoption report sent to the publishing review, closing and finishing (with the commenters told), and the periodic
job that closes and finishes on time."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from zwgk.core import audit, permissions, workdays
from zwgk.core.models import Organization, User
from zwgk.core.text import clean

from .. import publish
from . import drafts, report, rules
from .models import (
    Channel,
    Consultation,
    ConsultationState,
    Decision,
    DraftPart,
    DraftVersion,
    Opinion,
    Screen,
    SubjectKind,
)
from .workflow import CONSULTATION


def _text(value: Any, limit: int, label: str, *, required: bool = False, field: str = "") -> str:
    text = clean(str(value or "")).strip()
    if required and not text:
        raise ValidationError({field: f"请填写{label}。"} if field else f"请填写{label}。")
    if len(text) > limit:
        msg = f"{label}不能超过 {limit} 字（现有 {len(text)} 字）。"
        raise ValidationError({field: msg} if field else msg)
    return text


def _date(value: Any, label: str, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ValidationError({field: f"{label}不是有效日期，请写成 2025-06-30 这样的格式。"}) from None


def _checked_fields(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": _text(data.get("title"), 200, "标题", required=True, field="title"),
        "description": _text(data.get("description"), 5000, "征集说明", field="description"),
        "subject_text": _text(data.get("subject_text"), rules.MAX_SUBJECT_TEXT, "征集对象说明", field="subject_text"),
        "urgency_reason": _text(data.get("urgency_reason"), 1000, "缩短期限的理由", field="urgency_reason"),
        "opens": _date(data.get("opens"), "开始日期", "opens"),
        "closes": _date(data.get("closes"), "截止日期", "closes"),
    }
    kind = data.get("kind") or "other"
    if kind not in rules.PERIODS:
        raise ValidationError({"kind": "请选择草案类别。"})
    out["kind"] = kind
    subject_kind = data.get("subject_kind") or SubjectKind.TEXT
    if subject_kind not in SubjectKind.values:
        raise ValidationError({"subject_kind": "请选择征集对象类型。"})
    subject_id = data.get("subject_id")
    if subject_kind == SubjectKind.TEXT:
        subject_id = None
    else:
        from zwgk.core import bounds

        subject_id = bounds.object_id(subject_id)
        if subject_id is None:
            raise ValidationError({"subject_id": f"请填写{SubjectKind(subject_kind).label}的编号。"})
    out["subject_kind"], out["subject_id"] = subject_kind, subject_id
    if out["closes"] < out["opens"]:
        raise ValidationError({"closes": "截止日期不能早于开始日期。"})
    _check_period(out["kind"], out["opens"], out["closes"], out["urgency_reason"])
    return out


def _check_period(kind: str, opens: dt.date, closes: dt.date, urgency_reason: str) -> None:
    try:
        why = rules.too_short(kind, opens, closes, workdays.load())
    except workdays.UnknownCalendarYear as exc:
        raise ValidationError({"closes": str(exc)}) from None
    if why and not urgency_reason.strip():
        raise ValidationError({"closes": why})


def _draft_text(value: Any) -> str:
    text = clean(str(value or "")).strip()
    if not text:
        raise ValidationError({"text": "请填写草案全文。"})
    if len(text) > rules.MAX_DRAFT:
        raise ValidationError({"text": f"草案全文不能超过 {rules.MAX_DRAFT} 字。"})
    return text


def _new_version(actor: User, c: Consultation, text: str) -> DraftVersion | None:
    latest = c.versions.order_by("-number").first()
    if latest is not None and latest.text == text:
        return None
    version = DraftVersion.objects.create(consultation=c, number=(latest.number + 1) if latest else 1, text=text, created_by=actor)
    parts = drafts.split(text, version.number)
    DraftPart.objects.bulk_create([
        DraftPart(version=version, position=i, kind=p.kind, article=p.article, paragraph=p.paragraph, anchor=p.anchor,
                  target=p.target, label=p.label, text=p.text)
        for i, p in enumerate(parts, 1)
    ])
    return version


@audit.service("participation.consultation.create", "新建意见征集")
def create_consultation(actor: User, organization: Organization, data: dict[str, Any]) -> Consultation:
    permissions.require(actor, "participation.edit", organization)
    fields = _checked_fields(data)
    text = _draft_text(data.get("text"))
    c = Consultation.objects.create(organization=organization, created_by=actor, **fields)
    _new_version(actor, c, text)
    audit.record(actor, c, summary=f"新建意见征集“{c.title}”（{c.rule.label}，{c.opens:%Y-%m-%d} 至 {c.closes:%Y-%m-%d}）")
    return c


@audit.service("participation.consultation.update", "修改意见征集")
def update_consultation(actor: User, c: Consultation, data: dict[str, Any]) -> Consultation:
    c = Consultation.objects.select_for_update().get(pk=c.pk)
    CONSULTATION.check("edit", c, actor)
    fields = _checked_fields(data)
    text = _draft_text(data.get("text"))
    changes = audit.diff(c, fields)
    for name, value in fields.items():
        setattr(c, name, value)
    c.save()
    version = _new_version(actor, c, text)
    if version is not None:
        changes["version"] = [version.number - 1 or None, version.number]
    if not changes:
        audit.nothing_changed()
        return c
    audit.record(actor, c, summary=f"修改意见征集“{c.title}”" + (f"，草案第 {version.number} 版" if version else ""), changes=changes)
    return c


@audit.service("participation.consultation.open", "发布意见征集")
def open_consultation(actor: User, c: Consultation, today: dt.date | None = None) -> Consultation:
    """Opens the consultation to the public. Opened after its planned first day, it starts today and the period is
    checked again from today."""
    today = today or timezone.localdate()
    c = Consultation.objects.select_for_update().get(pk=c.pk)
    CONSULTATION.check("open", c, actor)
    if not c.versions.exists():
        raise ValidationError("请先录入草案全文。")
    if c.opens < today:
        c.opens = today
    if c.closes < c.opens:
        raise ValidationError({"closes": "截止日期已过，请先修改征集期限。"})
    _check_period(c.kind, c.opens, c.closes, c.urgency_reason)
    c.state, c.opened_at = ConsultationState.OPEN, timezone.now()
    c.save(update_fields=["state", "opened_at", "opens"])
    audit.record(actor, c, summary=f"发布意见征集“{c.title}”，{c.opens:%Y-%m-%d} 至 {c.closes:%Y-%m-%d}")
    return c


def _fingerprint(c: Consultation, client: str, body: str) -> str:
    return hashlib.sha256(f"{c.pk}\n{client}\n{' '.join(body.split())}".encode()).hexdigest()


def _target(c: Consultation, anchor: str) -> tuple[DraftVersion | None, str, str]:
    version = c.versions.order_by("-number").first()
    anchor = (anchor or "").strip()
    if not anchor:
        return version, "", ""
    part = DraftPart.objects.filter(version=version, anchor=anchor, kind__in=["article", "paragraph"]).first() if version else None
    if part is None:
        raise ValidationError({"target": "所选条款不在当前草案中，请重新选择。"})
    return version, part.anchor, part.label


def _contact(data: dict[str, Any]) -> dict[str, str]:
    name = _text(data.get("name"), rules.MAX_NAME, "姓名", field="name")
    phone = _text(data.get("phone"), rules.MAX_PHONE, "联系电话", field="phone")
    if phone and not all(ch.isdigit() or ch in "+- " for ch in phone):
        raise ValidationError({"phone": "联系电话只能包含数字、空格、“+”和“-”。"})
    email = _text(data.get("email"), 254, "电子邮箱", field="email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": "电子邮箱格式不正确。"}) from None
    return {"name": name, "phone": phone, "email": email}


def _body(value: Any) -> str:
    body = clean(str(value or "")).strip()
    if not body:
        raise ValidationError({"body": "请填写意见内容。"})
    if len(body) > rules.MAX_OPINION:
        raise ValidationError({"body": f"意见内容不能超过 {rules.MAX_OPINION} 字（现有 {len(body)} 字），请精简后再提交，"
                                       "或分条提交。"})
    return body


@audit.service("participation.opinion.submit", "网上提交意见")
def submit_opinion(consultation_id: int, data: dict[str, Any], client: str, now: dt.datetime | None = None
                   ) -> tuple[Opinion, bool]:
    """An opinion from the online form (no account). The same text from the same client on the same consultation
    within ``rules.DUPLICATE_MINUTES`` is stored once: (the stored opinion, False). Held for staff when the text
    holds a sensitive term of the screening list."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    c = Consultation.objects.public().select_for_update().filter(pk=consultation_id).first()
    if c is None:
        raise ValidationError("没有找到该意见征集。")
    if not c.is_collecting(today):
        raise ValidationError("该意见征集不在征集期内，不能提交意见。" if not c.has_ended(today) else "该意见征集已经结束，感谢关注。")
    body = _body(data.get("body"))
    contact = _contact(data)
    version, target, label = _target(c, data.get("target", ""))
    fingerprint = _fingerprint(c, client, body)
    recent = Opinion.objects.filter(consultation=c, fingerprint=fingerprint,
                                    received_at__gte=now - dt.timedelta(minutes=rules.DUPLICATE_MINUTES)).first()
    if recent is not None:
        audit.nothing_changed()
        return recent, False
    held = report.held_terms(body)
    op = Opinion.objects.create(
        consultation=c, version=version, target=target, target_label=label, channel=Channel.ONLINE, body=body,
        fingerprint=fingerprint, received_at=now, screen=Screen.HELD if held else Screen.SHOWN,
        screen_note=("含有敏感词：" + "、".join(held))[:300] if held else "", **contact)
    audit.record(None, op, summary=f"网上提交对“{c.title}”的意见（{label or '草案整体'}）" + ("，待人工审核" if held else ""))
    return op, True


@audit.service("participation.opinion.enter", "录入信函、邮件意见")
def enter_opinion(actor: User, c: Consultation, data: dict[str, Any]) -> Opinion:
    c = Consultation.objects.select_for_update().get(pk=c.pk)
    CONSULTATION.check("enter", c, actor)
    channel = data.get("channel") or Channel.LETTER
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise ValidationError({"channel": "请选择收到意见的渠道（信函、电子邮件或其他方式）。"})
    received = _date(data.get("received_on") or timezone.localdate(), "收到日期", "received_on")
    if received > timezone.localdate():
        raise ValidationError({"received_on": "收到日期不能晚于今天。"})
    if received > c.closes or received < c.opens:
        raise ValidationError({"received_on": f"收到日期应在征集期内（{c.opens:%Y-%m-%d} 至 {c.closes:%Y-%m-%d}）。"})
    body = _body(data.get("body"))
    contact = _contact(data)
    version, target, label = _target(c, data.get("target", ""))
    at = timezone.make_aware(dt.datetime.combine(received, dt.time(12)))
    op = Opinion.objects.create(consultation=c, version=version, target=target, target_label=label, channel=channel, body=body,
                                received_at=at, entered_by=actor, **contact)
    audit.record(actor, op, summary=f"录入{op.get_channel_display()}意见（{label or '草案整体'}）")
    return op


@audit.service("participation.opinion.screen", "审核待定意见")
def screen_opinion(actor: User, op: Opinion, accept: bool, note: str = "") -> Opinion:
    op = Opinion.objects.select_for_update().select_related("consultation__organization").get(pk=op.pk)
    CONSULTATION.check("answer", op.consultation, actor)
    if op.screen != Screen.HELD:
        raise ValidationError("该意见不在待审核状态。")
    note = _text(note, 300, "审核说明")
    if not accept and not note:
        raise ValidationError({"note": "不予受理时请写明理由。"})
    op.screen = Screen.SHOWN if accept else Screen.REJECTED
    op.screen_note = note or op.screen_note
    op.save(update_fields=["screen", "screen_note"])
    audit.record(actor, op, summary=f"意见审核：{op.get_screen_display()}")
    return op


@audit.service("participation.opinion.answer", "答复意见")
def answer_opinion(actor: User, op: Opinion, decision: str, reason: str = "", summary: str = "",
                   now: dt.datetime | None = None) -> Opinion:
    op = Opinion.objects.select_for_update().select_related("consultation__organization").get(pk=op.pk)
    CONSULTATION.check("answer", op.consultation, actor)
    if op.consultation.report_document_id:
        raise ValidationError("采纳情况已送审，不能再修改答复。")
    if op.screen == Screen.HELD:
        raise ValidationError("该意见含有敏感词，请先审核是否受理。")
    if op.screen == Screen.REJECTED:
        raise ValidationError("该意见已不予受理，无需答复。")
    if decision not in Decision.values:
        raise ValidationError({"decision": "请选择处理意见：采纳、部分采纳、未采纳或不属于本次征集。"})
    reason = _text(reason, 1000, "理由", field="reason")
    if decision not in rules.REASON_OPTIONAL and not reason:
        raise ValidationError({"reason": f"“{Decision(decision).label}”须写明理由。"})
    summary = _text(summary, 300, "意见摘要", field="summary")
    changes = audit.diff(op, {"decision": decision, "reason": reason, "summary": summary})
    if not changes:
        audit.nothing_changed()
        return op
    op.decision, op.reason, op.summary = decision, reason, summary
    op.answered_by, op.answered_at = actor, now or timezone.now()
    op.save(update_fields=["decision", "reason", "summary", "answered_by", "answered_at"])
    audit.record(actor, op, summary=f"答复意见：{op.get_decision_display()}", changes=changes)
    return op


def _close(c: Consultation, actor: User | None) -> None:
    c.state, c.closed_at = ConsultationState.CLOSED, timezone.now()
    c.save(update_fields=["state", "closed_at"])
    audit.record(actor, c, summary=f"意见征集“{c.title}”征集期满，结束征集")


@audit.service("participation.consultation.close", "结束意见征集")
def close_consultation(actor: User | None, c: Consultation, today: dt.date | None = None) -> Consultation:
    """After the closing day only: a period is never cut short here (shortening is decided, with its reason, before
    opening)."""
    today = today or timezone.localdate()
    c = Consultation.objects.select_for_update().get(pk=c.pk)
    CONSULTATION.check("close", c, actor)
    if today <= c.closes:
        raise ValidationError(f"征集期至 {c.closes:%Y-%m-%d}，期满后才能结束征集。")
    _close(c, actor)
    return c


@audit.service("participation.consultation.report", "采纳情况送审")
def draft_report(actor: User, c: Consultation) -> Consultation:
    """The adoption report as a publishing draft of the consultation's unit, in one go: refused while an opinion is
    unanswered. The caller sends it to review with ``participation.publish.submit`` after this commits."""
    c = Consultation.objects.select_for_update().select_related("organization").get(pk=c.pk)
    CONSULTATION.check("report", c, actor)
    if c.report_document_id:
        raise ValidationError("采纳情况已经送审，请在发布系统中查看审核进度。")
    waiting = c.opinions.unanswered().count()
    if waiting:
        raise ValidationError(f"还有 {waiting} 条意见未答复（或待审核），全部答复后才能送审采纳情况。")
    doc = publish.draft(actor, c.organization, title=report.title(c), body_html=report.body_html(c))
    c.report_document_id = doc.pk
    c.save(update_fields=["report_document_id"])
    audit.record(actor, c, summary=f"起草“{c.title}”的采纳情况（稿件 {doc.pk}）")
    return c


def _finish(c: Consultation, actor: User | None) -> int:
    c.state, c.finished_at = ConsultationState.FINISHED, timezone.now()
    c.save(update_fields=["state", "finished_at"])
    audit.record(actor, c, summary=f"意见征集“{c.title}”采纳情况已公开，办结")
    from zwgk.notifications.services import mail_public

    told = 0
    emails = sorted(set(c.opinions.counted().exclude(email="").values_list("email", flat=True)))
    body = (f"您好！您对“{c.title}”提出的意见，{c.organization.name}已逐条研究处理，采纳情况已在网站公开，"
            f"请访问：{report.public_path(c)}\n感谢您的参与。")
    for email in emails:
        if mail_public(email, f"“{c.title}”意见采纳情况已公开", body, key=f"consultation:{c.pk}:adoption"):
            told += 1
    return told


@audit.service("participation.consultation.finish", "办结意见征集")
def finish_consultation(actor: User | None, c: Consultation) -> Consultation:
    c = Consultation.objects.select_for_update().select_related("organization").get(pk=c.pk)
    CONSULTATION.check("finish", c, actor)
    if not publish.is_public(c.report_document_id):
        raise ValidationError("采纳情况尚未公开发布（须经审核发布），不能办结。")
    _finish(c, actor)
    return c


@audit.service("participation.consultation.tick", "意见征集到期处理")
def run_due(today: dt.date | None = None) -> dict[str, int]:
    """The periodic job: closes consultations past their closing day, and finishes those whose adoption report has
    become public (by whatever path it was published), telling the commenters once."""
    today = today or timezone.localdate()
    closed = finished = 0
    for c in Consultation.objects.select_for_update(skip_locked=True).filter(state=ConsultationState.OPEN, closes__lt=today):
        _close(c, None)
        closed += 1
    waiting = list(Consultation.objects.filter(state=ConsultationState.CLOSED, report_document_id__isnull=False)
                   .values_list("pk", "report_document_id"))
    public = publish.public_ids(doc for _, doc in waiting)
    for pk in [pk for pk, doc in waiting if doc in public]:
        c = Consultation.objects.select_for_update(skip_locked=True).select_related("organization").filter(
            pk=pk, state=ConsultationState.CLOSED).first()
        if c is not None:
            _finish(c, None)
            finished += 1
    if not closed and not finished:
        audit.nothing_changed()
    return {"closed": closed, "finished": finished}
