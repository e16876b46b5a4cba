"""API of 重大行政决策目录: ``GET /api/decisions?year=`` lists the items of a year's published catalog (public data only,
from ``participation.decisions.selectors.public_*``)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from zwgk.core.bounds import MAX_YEAR, MIN_YEAR
from zwgk.participation.decisions import rules, selectors

router = Router(tags=["公众参与"])


class ProcedureOut(Schema):
    kind: str = Field(description="程序：" + "、".join(f"{r.kind}（{r.label}）" for r in rules.PROCEDURES))
    label: str
    required: bool = Field(description="是否需履行")
    done_on: dt.date | None = Field(description="履行日期（有公开佐证时）")


class DecisionOut(Schema):
    year: int
    position: int = Field(description="目录中的序号")
    title: str
    lead: str = Field(description="承办单位")
    planned: dt.date = Field(description="计划完成时间")
    status: str = Field(description="listed、in_progress、decided、published、implementing、evaluated 或 withdrawn")
    status_label: str
    decided_on: dt.date | None
    procedures: list[ProcedureOut]
    url: str = Field(description="目录公开页面")


class DecisionFilters(Schema):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="年度；不填为最近一年已公布的目录")


@router.get("/decisions", response=list[DecisionOut], summary="重大行政决策事项目录", tags=["公众参与"])
def decisions(request, filters: Query[DecisionFilters]):  # noqa: ANN001, ANN201
    catalogs = selectors.public_catalogs()
    catalog = catalogs.filter(year=filters.year).first() if filters.year else catalogs.first()
    if catalog is None:
        raise HttpError(404, "没有找到该年度已公布的重大行政决策事项目录。")
    url = reverse("portal:decision_catalog", args=[catalog.year])
    out = []
    for item in selectors.public_items(catalog):
        procs = sorted(item.procedure_by_kind.values(), key=lambda p: [r.kind for r in rules.PROCEDURES].index(p.kind))
        out.append({
            "year": catalog.year, "position": item.position, "title": item.title, "lead": item.lead.name,
            "planned": item.planned_on, "status": item.state, "status_label": item.get_state_display(),
            "decided_on": item.decided_on, "url": url,
            "procedures": [{"kind": p.kind, "label": p.get_kind_display(), "required": p.required,
                            "done_on": p.done_on if p.evidenced else None} for p in procs],
        })
    return out
