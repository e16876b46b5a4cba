"""Publishing: draft, submit, review step by step, publish (with index numbers and 三同步), withdraw, expire.

Every function here is a service (``zwgk.core.audit.service``): one transaction, permission checked,
audit log written. Reading an attachment's text and the automatic checks at 送审 are slow, so they run in the
services' ``prepare`` step before the transaction opens (``_read_attachment``, ``_prepare_submission``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from zwgk.core import audit, permissions
from zwgk.core.models import Organization, Role, User
from zwgk.screening import docnumber, engine, extract

from .. import selectors, steps, taxonomy, workflow
from ..html import sanitize
from ..models import (
    CONTENT_FIELDS,
    Attachment,
    Decision,
    DisclosureMode,
    DocStatus,
    Document,
    Kind,
    PublisherSettings,
    ReviewChain,
    ReviewDecision,
    Revision,
    RevisionState,
    Validity,
)
from ..perms import STEP_PERMISSION
from ..selectors import can_review, current_step, needs_sync, review_chain  # noqa: F401

EDITABLE = tuple(f for f in CONTENT_FIELDS if f != "body_text")
DEFAULT_APPROVAL_OPINION = "同意发布。"  # recorded when a reviewer approves without writing an opinion
ALLOWED_ATTACHMENT_KINDS = {"pdf", "ofd", "docx", "xlsx", "ole", "png", "jpeg", "gif", "zip"}

PUBLISH = audit.register_action("publishing.document.publish", "发布")
EXPIRE = audit.register_action("publishing.document.expire", "到期自动失效")


# --- helpers -----------------------------------------------------------------------------------------
def _apply_content(target: Any, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown content fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(target, name, value)
    target.body_html = sanitize(target.body_html)
    target.body_text, _ = engine.html_to_text(target.body_html)


def _copy_content(source: Any, target: Any) -> None:
    for name in CONTENT_FIELDS:
        setattr(target, name, getattr(source, name))


def _require_draft_rights(actor: User | None, org: Organization) -> None:
    permissions.require(actor, "publishing.draft", org)


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


def _attachment_text(att: Attachment) -> tuple[str, list[str]]:
    """An attachment's text read anew from its file within extract's limits, and what cut it short."""
    try:
        with att.file.open("rb") as fh:
            data = fh.read()
    except OSError:  # the file is gone from storage: the text kept at upload
        return att.text[: extract.MAX_TEXT_CHARS], []
    result = extract.extract(data, att.kind)
    return result.text or "", result.problems


def _screen(rev: Revision, doc: Document) -> list[dict[str, Any]]:
    """The automatic checks of body, metadata and attachments: slow (files, rules, links), so never run under a lock."""
    metadata = {
        "title": rev.title,
        "organization": doc.organization_id,
        "written_date": rev.written_date,
        "topic": rev.topic,
        "genre": rev.genre,
        "disclosure_mode": rev.disclosure_mode,
        "nondisclosure_ground": rev.nondisclosure_ground,
        "validity": rev.validity,
        "is_normative": rev.is_normative,
        "doc_number": rev.doc_number,
    }
    _, links = engine.html_to_text(rev.body_html)
    findings = [{**f.as_dict(), "source": "正文"} for f in engine.screen_text(rev.body_text, metadata=metadata, links=links)]
    for att in rev.attachments.all():
        text, problems = _attachment_text(att)
        source = f"附件：{att.name}"
        findings += [{**f.as_dict(), "source": source} for f in engine.extraction_findings(att.name, problems)]
        if text:
            findings += [{**f.as_dict(), "source": source} for f in engine.screen_text(text)]
    return findings


def _fingerprint(rev: Revision) -> str:
    """What the automatic checks read of a draft: its content and its attachments."""
    content = [rev.serializable_value(name) for name in CONTENT_FIELDS]
    files = list(rev.attachments.order_by("pk").values_list("pk", "sha256", "name"))
    return hashlib.sha256(json.dumps([rev.pk, content, files], default=str).encode()).hexdigest()


# --- drafting ------------------------------------------------------------------------------------------
@audit.service("publishing.document.create", "起草稿件")
def create_draft(
    actor: User, organization: Organization, kind: str = Kind.DOCUMENT, policies: list[Document] | None = None, **content: Any
) -> Document:
    _require_draft_rights(actor, organization)
    if kind not in Kind.values:
        raise ValidationError({"kind": "未知的稿件类型。"})
    doc = Document(kind=kind, organization=organization, created_by=actor)
    doc.save()
    rev = Revision(document=doc, number=1, created_by=actor)
    _apply_content(rev, content)
    rev.save()
    if policies:
        _link_policies(actor, doc, policies)
    audit.record(actor, doc, summary=f"起草{doc.get_kind_display()}“{rev.title or '（无标题）'}”")
    return doc


def _link_policies(actor: User, doc: Document, policies: list[Document]) -> None:
    if doc.kind != Kind.INTERPRETATION:
        raise ValidationError({"policies": "只有政策解读可以关联政策文件。"})
    for policy in policies:
        if policy.kind != Kind.DOCUMENT:
            raise ValidationError({"policies": "解读只能关联政策文件，不能关联另一篇解读。"})
        if not permissions.has(actor, "publishing.view", policy.organization):
            raise PermissionDenied("不能关联无权查看的政策文件。")
    doc.policies.set(policies)


def _editable_revision(actor: User, doc: Document) -> Revision:
    """The draft to edit: the latest revision if it is a draft, else a new revision copied from it."""
    latest = doc.revisions.select_for_update().order_by("-number").first()
    doc.remember_latest(latest)
    workflow.REVISION.check("edit", doc, actor)
    if latest.state == RevisionState.DRAFT:
        return latest
    new = Revision(document=doc, number=latest.number + 1, created_by=actor)
    _copy_content(latest, new)
    new.save()
    for att in latest.attachments.all():
        Attachment.objects.create(
            revision=new, file=att.file.name, name=att.name, kind=att.kind, size=att.size, sha256=att.sha256,
            text=att.text, text_extracted=att.text_extracted,
        )
    return new


@audit.service("publishing.document.edit", "修改稿件")
def update_draft(actor: User, doc: Document, policies: list[Document] | None = None, **content: Any) -> Revision:
    doc = Document.objects.select_for_update().get(pk=doc.pk)
    _require_draft_rights(actor, doc.organization)
    rev = _editable_revision(actor, doc)
    changes = audit.diff(rev, {k: v for k, v in content.items() if k != "body_html"})
    if "body_html" in content and sanitize(content["body_html"]) != rev.body_html:
        changes["body_html"] = ["…", "（正文已修改）"]
    _apply_content(rev, content)
    rev.save()
    if policies is not None:
        _link_policies(actor, doc, policies)
        changes["policies"] = [None, [str(p) for p in policies]]
    audit.record(actor, doc, summary=f"修改第 {rev.number} 版：" + (audit.summarize(Revision, changes) or "无变化"), changes=changes)
    return rev


def _read_attachment(actor: User, doc: Document, name: str, data: bytes) -> extract.Extraction | None:
    """The file's text, read before the upload's transaction opens; None for a file the service will refuse."""
    _require_draft_rights(actor, doc.organization)
    kind = extract.sniff(data)
    if kind not in ALLOWED_ATTACHMENT_KINDS or len(data) > settings.ZWGK_ATTACHMENT_MAX_MB * 1024 * 1024:
        return None
    return extract.extract(data, kind)


@audit.service("publishing.attachment.add", "上传附件", prepare=_read_attachment)
def add_attachment(actor: User, doc: Document, name: str, data: bytes, *, prepared: extract.Extraction | None) -> Attachment:
    """Add a file to the draft. Its text is extracted by ``_read_attachment`` before this transaction opens."""
    doc = Document.objects.select_for_update().get(pk=doc.pk)
    _require_draft_rights(actor, doc.organization)
    limit = settings.ZWGK_ATTACHMENT_MAX_MB * 1024 * 1024
    if len(data) > limit:
        raise ValidationError(f"附件“{name}”有 {len(data) / 1024 / 1024:.1f} MB，超过 {settings.ZWGK_ATTACHMENT_MAX_MB} MB 的上限。")
    if not data:
        raise ValidationError(f"附件“{name}”是空文件。")
    kind = extract.sniff(data)
    if kind not in ALLOWED_ATTACHMENT_KINDS:
        raise ValidationError(
            f"附件“{name}”的内容不是允许的类型（PDF、OFD、DOC/DOCX、XLS/XLSX、WPS、图片、ZIP），不能上传。"
        )
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in extract.KINDS[kind][1]:
        raise ValidationError(f"附件“{name}”的扩展名与内容不符：内容是{extract.KINDS[kind][0]}。")
    rev = _editable_revision(actor, doc)
    digest = hashlib.sha256(data).hexdigest()
    text = prepared.text if prepared is not None else None
    att = Attachment(revision=rev, name=name[:200], kind=kind, size=len(data), sha256=digest, text=text or "", text_extracted=text is not None)
    att.file.save(digest, ContentFile(data), save=False)
    att.save()
    partial = f"；文字未全部提取：{'；'.join(prepared.problems)}" if prepared is not None and prepared.problems else ""
    audit.record(actor, doc, summary=f"第 {rev.number} 版上传附件“{att.name}”（{extract.KINDS[kind][0]}，{len(data)} 字节）{partial}")
    return att


@audit.service("publishing.attachment.remove", "删除附件")
def remove_attachment(actor: User, att: Attachment) -> None:
    doc = Document.objects.select_for_update().get(pk=att.revision.document_id)
    _require_draft_rights(actor, doc.organization)
    rev = _editable_revision(actor, doc)
    target = rev.attachments.filter(sha256=att.sha256, name=att.name).first()
    if target is None:
        audit.nothing_changed()
        return
    target.delete()
    audit.record(actor, doc, summary=f"第 {rev.number} 版删除附件“{att.name}”")


# --- submission and review --------------------------------------------------------------------------------
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


def _prepare_submission(actor: User, doc: Document) -> Screening:
    """Check the draft (the slow part of 送审: every attachment read anew, rules and links) before any lock is taken."""
    doc = Document.objects.select_related("organization").get(pk=doc.pk)
    rev = doc.revisions.order_by("-number").first()
    fingerprint = _fingerprint(rev)
    _check_submittable(actor, doc, rev)  # refuse at once what the service would refuse, without the slow part
    return Screening(rev.pk, fingerprint, _screen(rev, doc))


@audit.service("publishing.document.submit", "送审", prepare=_prepare_submission)
def submit(actor: User, doc: Document, *, prepared: Screening) -> Revision:
    """Send the latest draft to review with the findings of ``_prepare_submission``, made before this transaction
    opened; refused when the draft changed in between (its fingerprint), so the findings are those of what is sent."""
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
    rev.submitted_at = timezone.now()
    rev.save()
    blocking = sum(1 for f in rev.findings if f["severity"] == "block")
    audit.record(
        actor, doc,
        summary=f"第 {rev.number} 版送审；自动检查发现 {len(rev.findings)} 个问题（{blocking} 个阻止发布）",
        changes={"findings": len(rev.findings), "blocking": blocking, "chain": rev.chain},
    )
    return rev


@audit.service("publishing.review.decide", "审核")
def decide(
    actor: User, rev: Revision, decision: str, opinion: str, expected_step: int | None = None, override_reason: str = ""
) -> ReviewDecision:
    """Record one reviewer's decision on one revision (一事一审). Exactly one decision counts per step."""
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
    try:
        with transaction.atomic():
            record = ReviewDecision.objects.create(
                revision=rev, step=step, role=role, reviewer=actor, decision=decision, opinion=opinion,
                override_reason=override_reason if decision == Decision.APPROVE else "",
            )
    except IntegrityError:
        raise ValidationError("这一审核环节已由其他审核人办理，您的操作未生效。请刷新后查看。") from None
    label = Role(role).label
    audit.record(
        actor, doc,
        summary=f"第 {rev.number} 版 {label}环节：{Decision(decision).label}。意见：{opinion}"
        + (f"；阻止问题处理说明：{override_reason}" if record.override_reason else ""),
    )
    if decision == Decision.REJECT:
        rev.state = RevisionState.REJECTED
        rev.save(update_fields=["state"])
    elif step + 1 == len(rev.chain):
        rev.state = RevisionState.APPROVED
        rev.save(update_fields=["state"])
        _publish_when_ready(actor, doc)
    return record


# --- publication ---------------------------------------------------------------------------------------------
def _approved(doc: Document) -> Revision | None:
    return doc.revisions.filter(state=RevisionState.APPROVED).order_by("-number").first()


def _publish_when_ready(actor: User, doc: Document) -> list[Document]:
    """Publish ``doc`` and what must go out with it, when 三同步 allows; returns what was published."""
    if doc.kind == Kind.INTERPRETATION:
        if doc.policies.public().exists():
            return _publish_all(actor, [doc])
        for policy in doc.policies.all():
            if _approved(policy) is not None:
                group = _policy_group(policy)
                if group:
                    return _publish_all(actor, group)
        return []  # waits for its policy
    group = _policy_group(doc)
    return _publish_all(actor, group) if group else []


def _policy_group(policy: Document) -> list[Document]:
    """The policy and its approved interpretations, or [] while 三同步 requires waiting."""
    rev = _approved(policy)
    if rev is None:
        return []
    interps = list(policy.interpretations.exclude(status=DocStatus.WITHDRAWN))
    ready = [i for i in interps if _approved(i) is not None]
    if needs_sync(policy, rev):
        pending = [i for i in interps if i.status != DocStatus.PUBLISHED and _approved(i) is None]
        if pending or not interps:
            return []
    return [policy, *ready]


def _publish_all(actor: User, docs: list[Document]) -> list[Document]:
    now = timezone.now()
    published = []
    for doc in docs:
        doc = Document.objects.select_for_update().get(pk=doc.pk)
        rev = _approved(doc)
        if rev is None:
            continue
        previous = doc.published_revision_id
        _copy_content(rev, doc)
        if doc.index_no is None:
            doc.index_no = steps.allocate_index(doc.organization, timezone.localtime(now).year)
        if doc.published_at is None:
            doc.published_at = now
        doc.updated_at = now
        doc.status = DocStatus.PUBLISHED
        doc.published_revision = rev
        doc.save()
        if previous:
            Revision.objects.filter(pk=previous).update(state=RevisionState.SUPERSEDED)
        rev.state = RevisionState.PUBLISHED
        rev.save(update_fields=["state"])
        audit.record(actor, doc, action=PUBLISH, summary=f"发布第 {rev.number} 版，索引号 {doc.index_no}")
        if doc.is_normative:
            steps.register_normative(actor, doc)
        steps.sync_index(doc)
        published.append(doc)
    return published


@audit.service("publishing.document.withdraw", "撤稿")
def withdraw(actor: User, doc: Document, reason: str) -> Document:
    doc = Document.objects.select_for_update().get(pk=doc.pk)
    workflow.DOCUMENT.check("withdraw", doc, actor)
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError({"reason": "撤稿须写明理由（至少 4 个字）。"})
    doc.status = DocStatus.WITHDRAWN
    doc.withdrawn_at = timezone.now()
    doc.withdrawn_reason = reason
    doc.save(update_fields=["status", "withdrawn_at", "withdrawn_reason"])
    steps.sync_index(doc)
    audit.record(actor, doc, summary=f"撤稿，理由：{reason}；索引号 {doc.index_no} 不再使用")
    return doc


@audit.service("publishing.document.expire_due", "检查到期失效")
def expire_due(today: dt.date | None = None) -> list[Document]:
    """Published items valid until ``expires_on`` become 失效 on that date; each change is logged."""
    today = today or timezone.localdate()
    due = list(
        Document.objects.select_for_update()
        .filter(status=DocStatus.PUBLISHED, validity=Validity.VALID, expires_on__isnull=False, expires_on__lte=today)
    )
    if not due:
        audit.nothing_changed()
        return []
    for doc in due:
        doc.validity = Validity.EXPIRED
        doc.updated_at = timezone.now()
        doc.save(update_fields=["validity", "updated_at"])
        steps.sync_index(doc)
        audit.record(None, doc, action=EXPIRE, summary=f"失效日期 {doc.expires_on:%Y-%m-%d} 已到，有效性由“有效”改为“失效”")
    return due


@audit.service("publishing.chain.save", "配置审核流程")
def save_review_chain(actor: User, organization: Organization | None, kind: str, steps: list[str]) -> ReviewChain:
    permissions.require(actor, "publishing.configure", organization)
    if not steps:
        raise ValidationError({"steps": "审核流程至少要有一个环节。"})
    bad = [s for s in steps if s not in STEP_PERMISSION]
    if bad:
        raise ValidationError({"steps": f"未知的审核环节：{'、'.join(bad)}（可用：审核人、保密审查员、公开办）。"})
    if Role.SECRECY_REVIEWER not in steps:
        raise ValidationError({"steps": "审核流程必须包含保密审查环节（先审后发）。"})
    chain, _ = ReviewChain.objects.update_or_create(organization=organization, kind=kind, defaults={"steps": list(steps)})
    audit.record(actor, chain, summary=f"{chain}：{' → '.join(Role(s).label for s in steps)}")
    return chain




@audit.service("publishing.document.import", "迁移导入")
def import_documents(actor: User | None, organization: Organization, lines: list[str]) -> int:
    """Import already-published items from an old site; all rows or none.

    Raises ValidationError listing every bad line (``第 N 行：…``). Each imported item is published
    as migrated content with its original index number when one is given, and logged.
    """
    from ..importing import RowError, parse_row

    permissions.require(actor, "publishing.configure", organization)
    rows, errors, seen = [], [], set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = parse_row(line)
            index_no = row["index_no"]
            if index_no and (index_no in seen or Document.objects.filter(index_no=index_no).exists()):
                raise RowError(f"索引号“{index_no}”重复")
            if index_no:
                seen.add(index_no)
        except RowError as exc:
            errors.append(f"第 {number} 行：{exc}")
            continue
        rows.append((number, row))
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("文件中没有可导入的记录。")
    author = actor or User.objects.filter(roles__role=Role.ADMIN).order_by("pk").first()
    if author is None:
        raise ValidationError("需要一个系统管理员账号作为迁移记录的操作人。")
    for number, row in rows:
        doc = Document(kind=Kind.DOCUMENT, organization=organization, created_by=author, origin_url=row["url"])
        doc.save()
        rev = Revision(document=doc, number=1, created_by=author, state=RevisionState.PUBLISHED)
        _apply_content(rev, row["content"])
        rev.save()
        _copy_content(rev, doc)
        doc.index_no = row["index_no"] or steps.allocate_index(organization, timezone.localtime(row["published_at"]).year)
        doc.published_at = doc.updated_at = row["published_at"]
        doc.status = DocStatus.PUBLISHED
        doc.published_revision = rev
        doc.save()
        steps.sync_index(doc)
        audit.record(
            actor, doc,
            summary=f"迁移导入第 {number} 行：“{rev.title}”，索引号 {doc.index_no}" + (f"，原网址 {row['url']}" if row["url"] else ""),
        )
    return len(rows)


@audit.service("publishing.settings.save", "设置索引号格式")
def save_publisher_settings(actor: User, organization: Organization, index_template: str) -> PublisherSettings:
    permissions.require(actor, "publishing.configure", organization)
    template = (index_template or "").strip()
    try:
        sample = template.format(code=organization.code, year=2024, seq=1)
        other = template.format(code=organization.code, year=2024, seq=2)
    except (KeyError, IndexError, ValueError):
        raise ValidationError({"index_template": "格式只能使用 {code}、{year}、{seq}，如 {code}/{year}-{seq:05d}。"}) from None
    if sample == other or "{year" not in template:
        raise ValidationError({"index_template": "格式必须包含 {year} 和 {seq}，否则索引号会重复。"})
    obj, _ = PublisherSettings.objects.update_or_create(organization=organization, defaults={"index_template": template})
    audit.record(actor, obj, summary=f"{organization.short_name} 索引号格式：{template}（示例 {sample}）")
    return obj
