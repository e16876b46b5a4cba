"""Drafting: a document or interpretation created, its draft edited (a new revision after review), attachments
added and removed. Reading an attachment's text is slow, so it runs in ``add_attachment``'s ``prepare`` step
(``_read_attachment``) before the transaction opens.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from zwgk.core import audit, permissions
from zwgk.core.models import Organization, User
from zwgk.screening import extract

from .. import steps, workflow
from ..html import sanitize
from ..models import Attachment, Document, Kind, Revision, RevisionState

ALLOWED_ATTACHMENT_KINDS = {"pdf", "ofd", "docx", "xlsx", "ole", "png", "jpeg", "gif", "zip"}


def _require_draft_rights(actor: User | None, org: Organization) -> None:
    permissions.require(actor, "publishing.draft", org)

@audit.service("publishing.document.create", "起草稿件")
def create_draft(
    actor: User, organization: Organization, kind: str = Kind.DOCUMENT, policies: list[Document] | None = None,
    at: dt.datetime | None = None, **content: Any,
) -> Document:
    """A new document or interpretation with its first draft. ``at``: when it was drafted, for a draft made earlier
    and recorded afterwards (补录; the demo's history); never in the future."""
    _require_draft_rights(actor, organization)
    if kind not in Kind.values:
        raise ValidationError({"kind": "未知的稿件类型。"})
    when = steps.moment(at, what="起草")
    doc = Document(kind=kind, organization=organization, created_by=actor)
    doc.save()
    rev = Revision(document=doc, number=1, created_by=actor)
    steps.apply_content(rev, content)
    rev.save()
    if at is not None:  # the creation time is set on insert; a recorded draft keeps the time it was made
        doc.created_at = rev.created_at = when
        doc.save(update_fields=["created_at"])
        rev.save(update_fields=["created_at"])
    if policies:
        _link_policies(actor, doc, policies)
    audit.record(actor, doc, summary=f"起草{doc.get_kind_display()}“{rev.title or '（无标题）'}”{steps.recorded(at)}")
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
    steps.copy_content(latest, new)
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
    if "body_html" in content and sanitize(content["body_html"], doc.pk) != rev.body_html:
        changes["body_html"] = ["…", "（正文已修改）"]
    steps.apply_content(rev, content)
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
    same = rev.attachments.filter(sha256=digest).first()
    if same is not None:
        raise ValidationError(f"附件“{name}”与本稿件已有的附件“{same.name}”内容相同，不能重复上传。")
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
    from ..html import image_url

    if image_url(doc.pk, target.sha256) in (rev.body_html or ""):
        raise ValidationError(f"正文中插入了图片“{att.name}”，请先在正文中删除该图片并保存，再删除附件。")
    target.delete()
    audit.record(actor, doc, summary=f"第 {rev.number} 版删除附件“{att.name}”")
