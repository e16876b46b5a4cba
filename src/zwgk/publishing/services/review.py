"""Submission and review: the draft checked and sent to review (送审), each step's decision (一事一审), the review
chains. The automatic checks at 送审 are slow, so they run in ``submit``'s ``prepare`` step
(``_prepare_submission``) before the transaction opens.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zwgk.core import audit, permissions
from zwgk.core.models import Organization, Role, User
from zwgk.screening import docnumber, engine

from .. import autocheck, selectors, steps, taxonomy, workflow
from ..models import (
    CONTENT_FIELDS,
    Decision,
    DisclosureMode,
    DocStatus,
    Document,
    Kind,
    ReviewChain,
    ReviewDecision,
    Revision,
    RevisionState,
)
from ..perms import STEP_PERMISSION
from ..selectors import current_step, needs_sync, review_chain

DEFAULT_APPROVAL_OPINION = "同意发布。"  # recorded when a reviewer approves without writing an opinion


def _validate_for_submission(rev: Revision, doc: Document) -> None:
    errors: dict[str, list[str]] = {}

    def need(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not rev.title.strip():
        need("title", "请填写标题。")
    if not rev.body_text.strip() and not rev.attachments.exists() and not rev.media_url:
        need("body_html", "正文、附件或解读链接至少要有一项。")
    if not rev.written_date:
        need("written_date", "请填写成文日期。")
    if rev.topic not in taxonomy.TOPIC_VALUES:
        need("topic", "请从主题分类中选择（如“综合政务\\政务公开”）。")
    if rev.genre not in taxonomy.genres():
        need("genre", "请从体裁列表中选择。")
    if rev.disclosure_mode == DisclosureMode.NONE and rev.nondisclosure_ground not in taxonomy.NONDISCLOSURE_GROUNDS:
        need("nondisclosure_ground", "不予公开的信息须选择法定依据。")
    if rev.doc_number:
        try:
            docnumber.validate_doc_number(rev.doc_number)
        except ValidationError as exc:
            need("doc_number", exc.messages[0])
    elif rev.is_normative:
        need("doc_number", "行政规范性文件须有发文字号。")
    if rev.effective_from and rev.expires_on and rev.expires_on <= rev.effective_from:
        need("expires_on", "失效日期应晚于施行日期。")
    if rev.is_normative:
        if not rev.effective_from:
            need("effective_from", "行政规范性文件须写明施行日期。")
        else:
            limit = selectors.validity_limit_years(rev.title)
            latest = _add_years(rev.effective_from, limit)
            if rev.expires_on is None:
                rev.expires_on = latest  # the default period: the longest allowed
            elif rev.expires_on > latest:
                need("expires_on", f"行政规范性文件有效期不超过 {limit} 年，失效日期最晚为 {latest:%Y-%m-%d}。")
    if rev.standard_area and rev.standard_area not in taxonomy.STANDARD_AREAS:
        need("standard_area", "请从 26 个标准化领域中选择。")
    if doc.kind == Kind.INTERPRETATION:
        if not doc.policies.exists():
            need("policies", "政策解读须关联所解读的政策文件。")
        if not rev.interpretation_form:
            need("interpretation_form", "请选择解读形式。")
        if rev.disclosure_mode == DisclosureMode.ACTIVE:
            hidden = [p for p in doc.policies.all() if _disclosure_mode(p) != DisclosureMode.ACTIVE]
            if hidden:
                need("policies", f"所解读的政策“{hidden[0].title or hidden[0]}”不主动公开，解读不能主动公开"
                                 "（否则解读会透露该政策）。请把解读的公开方式改为与政策一致。")
    if errors:
        raise ValidationError(errors)


def _disclosure_mode(doc: Document) -> str:
    """The disclosure mode a document has or will have: the published one, else its latest draft's."""
    if doc.status == DocStatus.PUBLISHED or doc.latest_revision is None:
        return doc.disclosure_mode
    return doc.latest_revision.disclosure_mode


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _fingerprint(rev: Revision) -> str:
    """What the automatic checks read of a draft: its content and its attachments."""
    content = [rev.serializable_value(name) for name in CONTENT_FIELDS]
    files = list(rev.attachments.order_by("pk").values_list("pk", "sha256", "name"))
    return hashlib.sha256(json.dumps([rev.pk, content, files], default=str).encode()).hexdigest()


class Screening(NamedTuple):
    """The automatic checks of a draft, made before 送审's transaction opens, and what they read."""

    revision: int
    fingerprint: str
    findings: list[dict[str, Any]]


def _check_submittable(actor: User, doc: Document, rev: Revision) -> None:
    doc.remember_latest(rev)
    workflow.REVISION.check("submit", doc, actor)
    _validate_for_submission(rev, doc)
    if needs_sync(doc, rev) and not doc.interpretations.exclude(status=DocStatus.WITHDRAWN).exists():
        raise ValidationError(
            "主动公开的行政规范性文件须随文报送政策解读（三同步：同步起草、同步审签、同步发布），"
            "县政府办公室不予收文办理。请先为本文件起草解读材料。"
        )


def _prepare_submission(actor: User, doc: Document, at: dt.datetime | None = None) -> Screening:
    """Check the draft (the slow part of 送审: every attachment read anew, rules and links) before any lock is taken."""
    doc = Document.objects.select_related("organization").get(pk=doc.pk)
    rev = doc.revisions.order_by("-number").first()
    fingerprint = _fingerprint(rev)
    _check_submittable(actor, doc, rev)  # refuse at once what the service would refuse, without the slow part
    return Screening(rev.pk, fingerprint, autocheck.revision_findings(rev, doc))


@audit.service("publishing.document.submit", "送审", prepare=_prepare_submission)
def submit(actor: User, doc: Document, *, prepared: Screening, at: dt.datetime | None = None) -> Revision:
    """Send the latest draft to review with the findings of ``_prepare_submission``, made before this transaction
    opened; refused when the draft changed in between (its fingerprint), so the findings are those of what is sent.
    ``at``: when it was sent, for a step recorded afterwards (补录; the demo's history); never in the future."""
    doc = Document.objects.select_for_update().get(pk=doc.pk)
    rev = doc.revisions.select_for_update().order_by("-number").first()
    fingerprint = _fingerprint(rev)
    _check_submittable(actor, doc, rev)
    if (rev.pk, fingerprint) != (prepared.revision, prepared.fingerprint):
        raise ValidationError("稿件在自动检查期间被修改（内容或附件有变化），本次送审未生效。请核对后重新送审。")
    rev.findings = prepared.findings
    rev.has_blocking = engine.has_blocking(rev.findings)
    rev.chain = review_chain(doc)
    rev.state = RevisionState.IN_REVIEW
    rev.submitted_at = steps.moment(at, rev.created_at if at is not None else None, "送审")
    rev.save()
    blocking = sum(1 for f in rev.findings if f["severity"] == "block")
    audit.record(
        actor, doc,
        summary=f"第 {rev.number} 版送审；自动检查发现 {len(rev.findings)} 个问题（{blocking} 个阻止发布）{steps.recorded(at)}",
        changes={"findings": len(rev.findings), "blocking": blocking, "chain": rev.chain},
    )
    doc.remember_latest(rev)
    if at is None:  # a submission recorded afterwards (补录) is history: its steps were decided then
        from zwgk.notifications import services as notifications

        # sent again after a return: the 稿件退回 asked for exactly this, so it is done
        for returned in doc.revisions.filter(decisions__decision=Decision.REJECT).values_list("pk", flat=True).distinct():
            notifications.settle(actor, "publishing.returned", steps.returned_dedup(returned))
        steps.tell_reviewers(rev)
    return rev


@audit.service("publishing.review.decide", "审核")
def decide(
    actor: User, rev: Revision, decision: str, opinion: str, expected_step: int | None = None, override_reason: str = "",
    at: dt.datetime | None = None,
) -> ReviewDecision:
    """Record one reviewer's decision on one revision (一事一审). Exactly one decision counts per step. ``at``: when it
    was decided, for a decision taken earlier and recorded afterwards (补录; the demo's history): not in the future,
    not before 送审 or the step before; the publication it completes takes that time."""
    rev = Revision.objects.select_for_update().select_related("document__organization").get(pk=rev.pk)
    doc = rev.document
    if decision not in Decision.values:
        raise ValidationError("审核结论只能是“同意”或“退回”。")
    if rev.state != RevisionState.IN_REVIEW:
        raise ValidationError(f"该稿件已不在审核中（当前：{rev.get_state_display()}），可能已由其他审核人处理。请刷新后查看。")
    step = current_step(rev)
    if expected_step is not None and expected_step != step:
        last = rev.decisions.order_by("-step").first()
        who = f"{last.reviewer.get_full_name()}已于{timezone.localtime(last.decided_at):%H:%M}" if last else "其他审核人已"
        raise ValidationError(f"这一审核环节{who}办理，您的操作未生效。请刷新后查看。")
    role = rev.chain[step]
    if role not in STEP_PERMISSION:
        raise ValidationError(f"审核流程配置有误：未知环节“{role}”。")
    doc.remember_latest(rev)
    workflow.REVISION.check("review", doc, actor)
    opinion = (opinion or "").strip()
    if not opinion and decision == Decision.REJECT:
        raise ValidationError({"opinion": "退回修改须在审查意见中写明理由，起草人据此修改。"})
    opinion = opinion or DEFAULT_APPROVAL_OPINION
    override_reason = (override_reason or "").strip()
    if decision == Decision.APPROVE and rev.has_blocking and not rev.decisions.exclude(override_reason="").exists():
        if not override_reason:
            raise ValidationError(
                {"override_reason": "自动检查发现阻止发布的问题（个人信息或密级标志）。如确认可以发布，须填写处理说明；否则请退回修改。"}
            )
    if at is not None:
        last = rev.decisions.order_by("-step").values_list("decided_at", flat=True).first()
        at = steps.moment(at, last or rev.submitted_at, "审核")
    try:
        with transaction.atomic():
            record = ReviewDecision.objects.create(
                revision=rev, step=step, role=role, reviewer=actor, decision=decision, opinion=opinion,
                override_reason=override_reason if decision == Decision.APPROVE else "",
            )
    except IntegrityError:
        raise ValidationError("这一审核环节已由其他审核人办理，您的操作未生效。请刷新后查看。") from None
    if at is not None:  # the field is set on creation; a recorded decision keeps the time it was taken
        record.decided_at = at
        record.save(update_fields=["decided_at"])
    label = Role(role).label
    audit.record(
        actor, doc,
        summary=f"第 {rev.number} 版 {label}环节：{Decision(decision).label}。意见：{opinion}"
        + (f"；阻止问题处理说明：{override_reason}" if record.override_reason else "") + steps.recorded(at),
    )
    from zwgk.notifications import services as notifications

    notifications.settle(actor, "publishing.review", steps.review_dedup(rev, step))  # decided: nobody else's to do
    if decision == Decision.REJECT:
        rev.state = RevisionState.REJECTED
        rev.save(update_fields=["state"])
        if at is None:
            steps.tell_returned(rev, actor, opinion)
    elif step + 1 == len(rev.chain):
        rev.state = RevisionState.APPROVED
        rev.save(update_fields=["state"])
        steps.publish_when_ready(actor, doc, at)
    elif at is None:
        steps.tell_reviewers(rev)
    return record


@audit.service("publishing.chain.save", "配置审核流程")
def save_review_chain(actor: User, organization: Organization | None, kind: str, steps: list[str]) -> ReviewChain:
    permissions.require(actor, "publishing.configure", organization)
    if not steps:
        raise ValidationError({"steps": "审核流程至少要有一个环节。"})
    from ..selectors import MAX_CHAIN_STEPS

    if len(steps) > MAX_CHAIN_STEPS:
        raise ValidationError({"steps": f"审核流程最多 {MAX_CHAIN_STEPS} 个环节。"})
    bad = [s for s in steps if s not in STEP_PERMISSION]
    if bad:
        raise ValidationError({"steps": f"未知的审核环节：{'、'.join(bad)}（可用：审核人、保密审查员、公开办）。"})
    if Role.SECRECY_REVIEWER not in steps:
        raise ValidationError({"steps": "审核流程必须包含保密审查环节（先审后发）。"})
    chain, _ = ReviewChain.objects.update_or_create(organization=organization, kind=kind, defaults={"steps": list(steps)})
    audit.record(actor, chain, summary=f"{chain}：{' → '.join(Role(s).label for s in steps)}")
    return chain
