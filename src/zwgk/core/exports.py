"""Exports: the audit log as Excel (.xlsx) and CSV (UTF-8 with BOM, so that Excel opens it in Chinese), and the
shared pieces of every module's spreadsheets and Word documents."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import timezone
from openpyxl import Workbook

from .models import AuditEntry

COLUMNS = ("时间", "操作人", "所属机构", "操作", "对象类型", "对象编号", "对象", "变更摘要", "客户端地址")


def _row(entry: AuditEntry) -> list[str]:
    return [
        timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S"),
        entry.actor_name,
        entry.organization_name,
        entry.action_label,
        entry.object_type,
        entry.object_id,
        entry.object_repr,
        entry.summary,
        entry.client_ip or "",
    ]


def safe_cell(value: str) -> str:
    """A cell starting with = + - @ would be run as a formula by spreadsheet programs (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def word_document(font_size: int):  # noqa: ANN201
    """A python-docx document in the official-document face (仿宋) at the given size."""
    from docx import Document as Docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Docx()
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(font_size)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    return doc


def word_bytes(doc) -> bytes:  # noqa: ANN001
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def to_xlsx(entries: Iterable[AuditEntry]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计日志")
    ws.append(list(COLUMNS))
    for entry in entries:
        ws.append([safe_cell(v) for v in _row(entry)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_csv(entries: Iterable[AuditEntry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow([safe_cell(v) for v in _row(entry)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
