"""Public pages of 重大行政决策: the catalogs by year and each year's catalog as county catalogs print it (是否履行
公众参与/听证/专家论证/风险评估/合法性审查/公平竞争审查 with ticks and text alternatives, links to the public evidence),
its dynamic adjustments with dates and the year-end completion list. Only published catalogs (``public()``, read
through ``participation.decisions.selectors``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse

from zwgk.core import bounds
from zwgk.participation.decisions import rules, selectors

PRINTED = [r for r in rules.PROCEDURES if r.kind != "collective"]  # the columns county catalogs print


def _evidence_url(p) -> str:  # noqa: ANN001
    """Where the public reads a procedure's evidence: a public document, or the consultation's public page."""
    try:
        if p.evidence_kind == rules.DOCUMENT and p.document_id:
            return reverse("portal:document", args=[p.document_id])
        if p.evidence_kind == rules.CONSULTATION and p.consultation_id:
            return reverse("portal:consultation", args=[p.consultation_id])
    except NoReverseMatch:
        return ""
    return ""


def index(request: HttpRequest) -> HttpResponse:
    catalogs = list(selectors.public_catalogs())
    return render(request, "portal/participation/decisions/index.html", {
        "catalogs": [(c, selectors.year_counts(c.year)) for c in catalogs]})


def catalog(request: HttpRequest, year: int) -> HttpResponse:
    year = bounds.year(year)
    found = selectors.public_catalog(year) if year else None
    if found is None:
        raise Http404("没有找到该年度已公布的重大行政决策事项目录。")
    items = selectors.public_items(found)
    rows = []
    for item in items:
        cells = []
        for r in PRINTED:
            p = item.procedure_by_kind.get(r.kind)
            cells.append({"rule": r, "required": bool(p and p.required), "done": bool(p and p.required and p.evidenced),
                          "done_on": p.done_on if p else None, "url": _evidence_url(p) if p and p.evidenced else ""})
        rows.append({"item": item, "cells": cells})
    return render(request, "portal/participation/decisions/catalog.html", {
        "catalog": found, "rows": rows, "printed": PRINTED, "adjustments": selectors.public_adjustments(found),
        "completed": selectors.completion_list(items), "others": selectors.public_catalogs().exclude(pk=found.pk)})


urlpatterns: list = [
    path("", index, name="decisions"),
    path("<int:year>/", catalog, name="decision_catalog"),
]
