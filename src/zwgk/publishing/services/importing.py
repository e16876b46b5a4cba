"""Migration: already-published items imported from an old site, all rows or none."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from zwgk.core import audit, permissions
from zwgk.core.models import Organization, Role, User

from .. import steps
from ..models import DocStatus, Document, Kind, Revision, RevisionState


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
        steps.apply_content(rev, row["content"])
        rev.save()
        steps.copy_content(rev, doc)
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
