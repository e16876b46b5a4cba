"""API of 意见征集及其采纳情况: the public consultations (``consultations.selectors.public``) with their opinion counts
and whether the adoption report is public; one consultation with its draft's articles and their counts."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from zwgk.core.bounds import MAX_ID, MAX_PAGE, MAX_YEAR, MIN_YEAR
from zwgk.participation.consultations import selectors

router = Router(tags=["公众参与"])


class ConsultationOut(Schema):
    id: int
    title: str
    opens: dt.date
    closes: dt.date
    status: str = Field(description="open：正在征集（含即将开始）；closed：已结束")
    opinion_count: int
    adoption_published: bool = Field(description="采纳情况是否已经公开")
    url: str


class ArticleOut(Schema):
    anchor: str
    label: str
    text: str
    opinion_count: int


class ConsultationDetail(ConsultationOut):
    organization: str
    kind: str
    period_rule: str
    urgency_reason: str
    days_left: int | None
    version: int | None
    articles: list[ArticleOut]
    results_url: str


class ConsultationPage(Schema):
    total: int
    page: int
    page_size: int
    items: list[ConsultationOut]


class ConsultationFilters(Schema):
    status: Literal["open", "closed"] | None = Field(None, description="open：正在征集；closed：已结束")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="开始征集的年份")
    page: int = Field(1, description=f"页码，1 到 {MAX_PAGE}")
    page_size: int = Field(20, description="每页条数，1 到 100")


def _out(c, today: dt.date, published: set[int]) -> dict:  # noqa: ANN001
    return {"id": c.pk, "title": c.title, "opens": c.opens, "closes": c.closes,
            "status": "closed" if c.has_ended(today) else "open", "opinion_count": c.opinion_count,
            "adoption_published": c.pk in published, "url": c.get_absolute_url()}


@router.get("/consultations", response=ConsultationPage, summary="意见征集列表")
def consultations(request, filters: Query[ConsultationFilters]):  # noqa: ANN001, ANN201
    if not 1 <= filters.page <= MAX_PAGE or not 1 <= filters.page_size <= 100:
        raise HttpError(400, f"page 在 1 到 {MAX_PAGE} 之间，page_size 在 1 到 100 之间。")
    today = timezone.localdate()
    qs = selectors.public().with_counts().order_by("-opens", "-pk")
    if filters.status == "open":
        qs = qs.collecting(today)
    elif filters.status == "closed":
        qs = qs.ended(today)
    if filters.year:
        qs = qs.filter(opens__year=filters.year)
    offset = (filters.page - 1) * filters.page_size
    items = list(qs[offset : offset + filters.page_size])
    published = selectors.reports_public(items)
    return {"total": qs.count(), "page": filters.page, "page_size": filters.page_size,
            "items": [_out(c, today, published) for c in items]}


@router.get("/consultations/{consultation_id}", response=ConsultationDetail, summary="意见征集详情")
def consultation(request, consultation_id: int = Path(..., ge=1, le=MAX_ID)):  # noqa: ANN001, ANN201, B008
    today = timezone.localdate()
    c = get_object_or_404(selectors.public().with_counts(), pk=consultation_id)
    published = selectors.reports_public([c])
    version = selectors.latest_version(c)
    counts = selectors.target_counts(c)
    from django.urls import reverse

    return {
        **_out(c, today, published), "organization": c.organization.name, "kind": c.rule.label, "period_rule": c.rule.text,
        "urgency_reason": c.urgency_reason, "days_left": c.days_left(today) if c.is_collecting(today) else None,
        "version": version.number if version else None,
        "articles": [{"anchor": p.anchor, "label": p.label, "text": p.text, "opinion_count": counts.get(p.anchor, 0)}
                     for p in selectors.parts(version) if p.commentable],
        "results_url": reverse("portal:consultation_results", args=[c.pk]),
    }
