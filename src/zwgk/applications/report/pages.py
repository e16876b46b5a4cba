"""The report as a page: the staff page's context (each table B number linking to the ledger rows it counts) and
the HTML published through review."""

from __future__ import annotations

from .rows import B_COLUMNS, B_CORNER, LEGAL_COLUMNS
from .tables import Report, part_six_text


def context(report: Report, links: bool = False) -> dict:
    """What the report template needs; with links, each table B number links to the ledger rows it counts."""
    from urllib.parse import urlencode

    from django.urls import reverse

    rows = []
    for row in report.table_b.rows:
        cells = []
        if row["cells"]:
            for column, _ in B_COLUMNS:
                query = urlencode({"org": report.organization.pk, "year": report.year, "row": row["key"], "col": column})
                cells.append({"n": row["cells"][column], "url": f"{reverse('applications:ledger')}?{query}" if links else ""})
        rows.append({"label": row["label"], "indent": row["indent"], "cells": cells})
    return {"report": report, "rows": rows, "corner": B_CORNER, "links": links, "part_six": part_six_text(report),
            "legal_labels": [dict(B_COLUMNS)[c] for c in LEGAL_COLUMNS]}


def to_html(report: Report) -> str:
    from django.template.loader import render_to_string

    return render_to_string("applications/_report_tables.html", context(report))
