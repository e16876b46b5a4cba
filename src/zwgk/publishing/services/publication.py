"""After publication: withdrawal, expiry on the date of 失效, and the index number's format. Publishing itself
happens when the last review step approves (``steps.publish_when_ready``: the index number, 三同步)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from zwgk.core import audit, permissions
from zwgk.core.models import Organization, User

from .. import steps, workflow
from ..models import DocStatus, Document, PublisherSettings, Validity

EXPIRE = audit.register_action("publishing.document.expire", "到期自动失效")


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
