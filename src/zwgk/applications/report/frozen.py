"""Published means frozen: the report as sent to publication is stored whole on its ``AnnualReport`` (``snapshot``),
and what the report pages, downloads and the next year's rule 5 read once it exists. A corrected report waits in
``correction`` until its revision is published (it goes through the same review as the first). ``differences``
compares a frozen report with the figures counted now, row by row (docs/domain/annual-report.md)."""

from __future__ import annotations

from django.utils import timezone

from zwgk.core.models import Organization

from ..models import AnnualReport
from .rows import B_COLUMNS, B_ROWS, PARTS
from .tables import Report, TableB

VERSION = 1
PUBLISHED_STATES = ("published", "superseded")  # a revision that reached the public (superseded: by a later one)


def to_snapshot(report: Report, revision: int | None = None) -> dict:
    """The report as JSON: every figure of tables A, B and C, the written parts and the fees."""
    return {
        "version": VERSION, "sent_at": timezone.now().isoformat(), "revision": revision,
        "table_a": report.table_a,
        "table_b": {row["key"]: row["cells"] for row in report.table_b.rows if row["cells"]},
        "table_c": report.table_c,
        "parts": dict(report.parts),
        "fees_collected": report.fees_collected,
    }


def table_b_of(data: dict) -> TableB:
    cells = data["table_b"]
    rows = [{"key": key, "label": label, "indent": indent, "kind": kind,
             "cells": {c: int(cells.get(key, {}).get(c, 0)) for c, _ in B_COLUMNS} if kind != "heading" else {}}
            for key, label, indent, kind in B_ROWS]
    return TableB(B_COLUMNS, rows)


def from_snapshot(org: Organization, year: int, data: dict) -> Report:
    """The frozen report as a :class:`Report` (labels from the layout, figures from the snapshot)."""
    return Report(org, year, data["table_a"], table_b_of(data), data["table_c"], dict(data["parts"]), data["fees_collected"],
                  source="published", sent_at=data.get("sent_at", ""))


def correction_published(saved: AnnualReport) -> bool:
    from zwgk.publishing import selectors as publishing

    c = saved.correction
    return bool(c and saved.published_document_id
                and publishing.revision_state(saved.published_document_id, c["revision"]) in PUBLISHED_STATES)


def correction_state(saved: AnnualReport | None) -> str | None:
    """The state of the corrected report's revision (审核中, 退回修改, …) as its label, or None without one."""
    from zwgk.publishing import selectors as publishing
    from zwgk.publishing.models import RevisionState

    if saved is None or not saved.correction or not saved.published_document_id:
        return None
    state = publishing.revision_state(saved.published_document_id, saved.correction["revision"])
    return RevisionState(state).label if state else None


def published_data(saved: AnnualReport | None) -> dict | None:
    """The snapshot the public has (or, before the first review ends, the one sent): a corrected report once its
    revision is published, else the first."""
    if saved is None or saved.snapshot is None:
        return None
    if correction_published(saved):
        return saved.correction
    return saved.snapshot


def published(org: Organization, year: int) -> Report | None:
    data = published_data(AnnualReport.objects.filter(organization=org, year=year).first())
    return from_snapshot(org, year, data) if data is not None else None


def differences(frozen: Report, live: Report) -> dict:
    """Where the figures counted now differ from the frozen report: {"rows": [{"part", "row", "columns": [{"column",
    "published", "now"}]}], "texts": [part names whose text changed]}."""
    rows = []

    def compare(part: str, row: str, columns: list[str], old: list, new: list) -> None:
        changed = [{"column": c, "published": o, "now": n} for c, o, n in zip(columns, old, new, strict=True) if o != n]
        if changed:
            rows.append({"part": part, "row": row, "columns": changed})

    for old_block, new_block in zip(frozen.table_a, live.table_a, strict=True):
        for old_row, new_row in zip(old_block["rows"], new_block["rows"], strict=True):
            compare(PARTS[1], f"{old_block['block']} {old_row[0]}", old_block["columns"][1:], old_row[1:], new_row[1:])
    labels = [label for _, label in B_COLUMNS]
    for old_row, new_row in zip(frozen.table_b.rows, live.table_b.rows, strict=True):
        if old_row["cells"]:
            compare(PARTS[2], old_row["label"], labels, [old_row["cells"][c] for c, _ in B_COLUMNS],
                    [new_row["cells"][c] for c, _ in B_COLUMNS])
    c_labels = [f"{g['label']}/{c['label']}" for g in frozen.table_c["groups"] for c in g["cells"]]
    compare(PARTS[3], "行政复议、行政诉讼", c_labels, frozen.table_c["cells"], live.table_c["cells"])
    compare(PARTS[5], "信息处理费（元）", ["金额"], [frozen.fees_collected], [live.fees_collected])
    texts = [PARTS[i] for i, key in ((0, "part_one"), (4, "part_five"), (5, "part_six"))
             if frozen.parts.get(key, "") != live.parts.get(key, "")]
    return {"rows": rows, "texts": texts}


def changed_published_years(org: Organization, first: int, last: int) -> list[tuple[int, dict]]:
    """The years from ``first`` to ``last`` whose published report differs now from the figures counted now, each
    with its differences (a registration or reply that lands in a published year: the published report stays as it
    is until a corrected report goes through review). Only table-level differences count (not the written parts)."""
    from .tables import build

    years = sorted(AnnualReport.objects.filter(organization=org, year__gte=first, year__lte=last, snapshot__isnull=False)
                   .values_list("year", flat=True))
    out = []
    for year in years:
        frozen = published(org, year)
        if frozen is None:
            continue
        diff = differences(frozen, build(org, year))
        if diff["rows"]:
            out.append((year, diff))
    return out

