"""The county's normative-document library: registration on publication, validity limits, clean-up."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from zwgk.core import audit, permissions
from zwgk.core.models import User

from .. import steps
from ..models import CleanupAction, DocStatus, Document, NormativeCleanup, NormativeRecord, Validity


@audit.service("publishing.normative.cleanup", "规范性文件清理")
def record_cleanup(
    actor: User, doc: Document, action: str, decision: str, decided_on: dt.date, note: str = ""
) -> NormativeCleanup:
    """Record a clean-up decision; amending or repealing changes the published validity, visibly."""
    doc = Document.objects.select_for_update().get(pk=doc.pk)
    permissions.require(actor, "publishing.normative", doc.organization)
    record = NormativeRecord.objects.filter(document=doc).first()
    if record is None:
        raise ValidationError("该文件不在规范性文件库中（只有已发布的行政规范性文件才登记入库）。")
    if action not in CleanupAction.values:
        raise ValidationError({"action": "清理结果只能是继续有效、修改或废止。"})
    if not (decision or "").strip():
        raise ValidationError({"decision": "请写明清理决定或依据文件。"})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": "决定日期不能晚于今天。"})
    if doc.validity == Validity.REPEALED:
        raise ValidationError("该文件已废止，不能再清理。")
    cleanup = NormativeCleanup.objects.create(
        record=record, action=action, decision=decision.strip(), decided_on=decided_on, note=note, recorded_by=actor
    )
    before = doc.get_validity_display()
    new_validity = {CleanupAction.AMENDED: Validity.AMENDED, CleanupAction.REPEALED: Validity.REPEALED}.get(action)
    if new_validity and doc.status == DocStatus.PUBLISHED:
        doc.validity = new_validity
        doc.updated_at = timezone.now()
        doc.save(update_fields=["validity", "updated_at"])
        steps.sync_index(doc)
    audit.record(
        actor, doc,
        summary=f"清理：{cleanup.get_action_display()}（{cleanup.decision}，{decided_on:%Y-%m-%d}）；有效性 {before} → {doc.get_validity_display()}",
    )
    return cleanup
