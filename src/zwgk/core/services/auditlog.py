"""Reading the audit log is open to the county office; exporting it is itself logged."""

from __future__ import annotations

from typing import Any

from .. import audit, permissions
from ..models import User


@audit.service("core.audit.export", "导出审计日志")
def record_export(actor: User, fmt: str, count: int, filters: dict[str, Any]) -> None:
    permissions.require(actor, "audit.view")
    audit.record(actor, None, summary=f"导出审计日志 {count} 条（{fmt}）", changes={"filters": filters})
