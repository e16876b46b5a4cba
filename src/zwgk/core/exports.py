"""Audit-log exports: Excel (.xlsx) and CSV (UTF-8 with BOM, so that Excel opens it in Chinese)."""

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


def _safe(value: str) -> str:
    # A cell starting with = + - @ would be run as a formula by spreadsheet programs (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_xlsx(entries: Iterable[AuditEntry]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计日志")
    ws.append(list(COLUMNS))
    for entry in entries:
        ws.append([_safe(v) for v in _row(entry)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_csv(entries: Iterable[AuditEntry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow([_safe(v) for v in _row(entry)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
