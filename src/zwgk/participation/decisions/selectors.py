"""Questions about the decision catalogs, and the public querysets (``public()`` on each model decides what the
public sees; every public page and the API read through the functions here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from zwgk.core.models import Organization
from zwgk.participation import publish

from . import rules
from .models import DONE_STATES, CatalogAdjustment, DecisionCatalog, DecisionItem, ItemState, Procedure


def _evidenced(p: Procedure, public_docs: set[int]) -> bool:
    if not p.has_evidence:
        return False
    if p.evidence_kind == rules.DOCUMENT:
        return bool(p.document_id) and p.document_id in public_docs
    return True


def _public_docs(procedures: Iterable[Procedure]) -> set[int]:
    return publish.public_ids(p.document_id for p in procedures if p.evidence_kind == rules.DOCUMENT)


def missing_procedures(item: DecisionItem) -> list[str]:
    """The labels of the required procedures without evidence (a document counts only while it is public)."""
    procs = list(item.procedures.all())
    docs = _public_docs(procs)
    return [p.get_kind_display() for p in sorted(procs, key=_order) if p.required and not _evidenced(p, docs)]


def _order(p: Procedure) -> int:
    return [r.kind for r in rules.PROCEDURES].index(p.kind)


def procedure_rows(item: DecisionItem) -> list[dict[str, Any]]:
    """Each procedure of the item in the order of the rules, with whether its evidence counts."""
    procs = sorted(item.procedures.all(), key=_order)
    docs = _public_docs(procs)
    return [{"procedure": p, "rule": p.rule, "evidenced": _evidenced(p, docs)} for p in procs]


# --- the public ---------------------------------------------------------------------------------

def public_catalogs() -> QuerySet[DecisionCatalog]:
    """Published catalogs, newest year first."""
    return DecisionCatalog.objects.public().order_by("-year")


def public_catalog(year: int) -> DecisionCatalog | None:
    return public_catalogs().filter(year=year).first()


def public_items(catalog: DecisionCatalog) -> list[DecisionItem]:
    """The catalog's public items with their procedures, each procedure row marked ``evidenced`` (attribute)."""
    items = list(DecisionItem.objects.public().filter(catalog=catalog).select_related("lead")
                 .prefetch_related(Prefetch("procedures", queryset=Procedure.objects.order_by("pk"))))
    procs = [p for i in items for p in i.procedures.all()]
    docs = _public_docs(procs)
    for i in items:
        rows = {p.kind: p for p in i.procedures.all()}
        for p in rows.values():
            p.evidenced = _evidenced(p, docs)
        i.procedure_by_kind = rows
    return items


def public_adjustments(catalog: DecisionCatalog) -> QuerySet[CatalogAdjustment]:
    return CatalogAdjustment.objects.public().filter(catalog=catalog).order_by("adjusted_on", "pk")


def completion_list(items: Iterable[DecisionItem]) -> list[DecisionItem]:
    """The year-end completion list (完成情况): items decided (or further), by decision date."""
    return sorted((i for i in items if i.state in DONE_STATES), key=lambda i: (i.decided_on or dt.date.max, i.position))


# --- assessment ---------------------------------------------------------------------------------

def decided_in_period(org: Organization, start: dt.date, end: dt.date) -> list[tuple[DecisionItem, bool, str]]:
    """Items led by ``org`` decided within [start, end]: (item, every required procedure evidenced, note in Chinese)."""
    items = list(DecisionItem.objects.filter(lead=org, state__in=DONE_STATES, decided_on__gte=start, decided_on__lte=end)
                 .select_related("catalog").prefetch_related("procedures").order_by("decided_on", "pk"))
    docs = _public_docs(p for i in items for p in i.procedures.all())
    out = []
    for i in items:
        missing = [p.get_kind_display() for p in sorted(i.procedures.all(), key=_order) if p.required and not _evidenced(p, docs)]
        note = "需履行的法定程序均有佐证" if not missing else "缺少佐证：" + "、".join(missing)
        out.append((i, not missing, f"{i.title}（{i.decided_on}决策）：{note}"))
    return out


def year_counts(year: int) -> dict[str, int]:
    """Counts of the year's catalog: items listed, decided (or further), withdrawn, and adjustments."""
    items = DecisionItem.objects.filter(catalog__year=year)
    return {
        "listed": items.count(),
        "decided": items.filter(state__in=DONE_STATES).count(),
        "withdrawn": items.filter(state=ItemState.WITHDRAWN).count(),
        "adjustments": CatalogAdjustment.objects.filter(catalog__year=year).count(),
    }


# --- staff ---------------------------------------------------------------------------------------

def overdue_items(org: Organization | None, today: dt.date) -> QuerySet[DecisionItem]:
    """Items led by ``org`` (every unit when None) past their planned date and not yet decided."""
    qs = DecisionItem.objects.filter(state__in=(ItemState.LISTED, ItemState.IN_PROGRESS), planned_on__lt=today)
    if org is not None:
        qs = qs.filter(lead=org)
    return qs.select_related("catalog", "lead").order_by("planned_on", "pk")
