"""The report as a page: the staff page's context and the HTML published through review. The tables are the same
:class:`~.files.Grid` s the Word and Excel files are written from (one table per part, the template's merged
cells as rowspan/colspan); a figure links where ``link(key)`` says (the ledger rows a table B figure counts, or
the county report's per-unit figures)."""

from __future__ import annotations

from collections.abc import Callable

from .files import HEAD, NUM, Grid, grid_a, grid_b, grid_c
from .rows import PARTS
from .tables import Report, part_six_text


def html_table(grid: Grid, link: Callable[[str], str] | None = None) -> dict:
    """{"head": rows, "body": rows}, each row a list of {"value", "th", "scope", "rowspan", "colspan", "url"}."""
    rows: list[list[dict]] = [[] for _ in range(grid.rows)]
    for r0, c0, r1, c1, value, role, key in sorted(grid.cells, key=lambda c: (c[0], c[1])):
        in_head = r0 < grid.head_rows
        scope = "" if role == NUM else ("col" if c1 == c0 else "colgroup") if in_head else \
            ("rowgroup" if r1 > r0 else "row") if role != HEAD or c0 < 3 else "col"
        rows[r0].append({"value": value, "th": role != NUM, "scope": scope, "rowspan": r1 - r0 + 1, "colspan": c1 - c0 + 1,
                         "url": link(key) if link and key and value else ""})
    return {"head": rows[:grid.head_rows], "body": rows[grid.head_rows:]}


def context(report: Report, links: bool = False, link: Callable[[str], str] | None = None) -> dict:
    """What the report template needs; with links, each table B figure links to the ledger rows it counts (or, with
    ``link``, wherever it says)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    def ledger(key: str) -> str:
        if not key.startswith("b."):
            return ""
        _, row, column = key.split(".")
        query = urlencode({"org": report.organization.pk, "year": report.year, "row": row, "col": column})
        return f"{reverse('applications:ledger')}?{query}"

    link = link or (ledger if links else None)
    return {"report": report, "links": bool(link), "part_six": part_six_text(report), "parts": PARTS,
            "table_a": html_table(grid_a(report), link), "table_b": html_table(grid_b(report), link),
            "table_c": html_table(grid_c(report), link)}


def to_html(report: Report) -> str:
    from django.template.loader import render_to_string

    return render_to_string("applications/_report_tables.html", context(report))



