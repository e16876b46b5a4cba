"""Read-only helpers of the work points that are not state changes: what an import would create, and
records of the platform cited as evidence of progress."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from zwgk.core.models import Organization

from . import parsing
from .matching import Matcher
from .models import UnitAlias


def aliases() -> dict[str, list[Organization]]:
    return {a.name: list(a.organizations.all()) for a in UnitAlias.objects.prefetch_related("organizations")}


def preview(data: bytes, filename: str, year: int) -> dict[str, Any]:
    """What an import would create, as the command's --json prints it (nothing is written)."""
    points = parsing.parse(parsing.read_text(data, filename), year)
    matcher = Matcher(aliases=aliases())
    unmatched: list[str] = []

    def node(p: parsing.Point) -> dict[str, Any]:
        units = matcher.point_units(p)
        for name, _ in units.unmatched:
            if name not in unmatched:
                unmatched.append(name)
        return {
            "number": p.number, "title": p.title, "lead": units.lead.name if units.lead else None,
            "units": [o.name for o in units.units], "due": p.due.isoformat() if p.due else None,
            "unmatched": [name for name, _ in units.unmatched],
            "children": [node(c) for c in p.children],
        }

    tasks = [node(p) for p in points]
    return {"tasks": tasks, "unmatched": unmatched}


def evidence_ref(kind: str, object_id: str) -> dict[str, Any]:
    """A record of the platform as evidence: a published document (by id or 索引号) or a disclosure request."""
    object_id = (object_id or "").strip()
    if kind == "document":
        from zwgk.publishing import selectors as publishing

        doc = publishing.published_by_reference(object_id)
        if doc is None:
            raise ValidationError({"evidence": f"没有找到已发布的信息“{object_id}”（填写稿件编号或索引号）。"})
        return {"kind": "document", "id": str(doc.pk), "title": doc.title}
    if kind == "application":
        from zwgk.applications import selectors as applications

        app = applications.by_tracking_code(object_id)
        if app is None:
            raise ValidationError({"evidence": f"没有找到查询码为“{object_id}”的依申请公开件。"})
        return {"kind": "application", "id": str(app.pk), "title": f"依申请公开 {app.tracking_code}"}
    if kind == "link":
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["http", "https"])(object_id)
        except ValidationError:
            raise ValidationError({"evidence": "链接应以 http:// 或 https:// 开头。"}) from None
        return {"kind": "link", "id": object_id, "title": object_id}
    raise ValidationError({"evidence": "未知的佐证类型。"})
