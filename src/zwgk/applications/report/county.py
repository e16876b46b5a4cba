"""The county-wide report (全县汇总): the same tables, each figure the sum of the units' figures, each unit read as
the public knows it, its published report where there is one, else its figures counted now. ``breakdown`` lists
one figure per unit (the drill-down). See docs/domain/annual-report.md."""

from __future__ import annotations

from dataclasses import dataclass

from zwgk.core import permissions
from zwgk.core.models import Organization

from ..models import AnnualReport, CountyReportText
from ..steps import ACCEPTING_KINDS
from .files import grid_a, grid_b, grid_c
from .frozen import from_snapshot, published_data
from .rows import B_COLUMNS
from .tables import Report, TableB, build, carried_out_only, check_table_b, check_table_c, last_year_basis


@dataclass
class Unit:
    organization: Organization
    report: Report
    published: bool  # its published report (else its figures counted now)

    @property
    def source(self) -> str:
        return "已发布报告" if self.published else "当前统计（未发布）"


@dataclass
class CountyReport:
    county: Organization
    year: int
    report: Report
    units: list[Unit]


def county_of(org: Organization) -> Organization:
    """The top of the organization's tree (the county government)."""
    while org.parent_id is not None:
        org = org.parent
    return org


def units_of(county: Organization, year: int) -> list[Organization]:
    """The bodies that receive applications in the county: the active ones, and any inactive one with a report
    for the year."""
    ids = permissions.subtree_ids(county.pk)
    with_report = set(AnnualReport.objects.filter(year=year, organization_id__in=ids).values_list("organization_id", flat=True))
    orgs = Organization.objects.filter(pk__in=ids, kind__in=ACCEPTING_KINDS).order_by("pk")
    return [o for o in orgs if o.is_active or o.pk in with_report]


def unit_report(org: Organization, year: int) -> Unit:
    data = published_data(AnnualReport.objects.filter(organization=org, year=year).first())
    if data is not None:
        return Unit(org, from_snapshot(org, year, data), True)
    return Unit(org, build(org, year), False)


def _add(a: object, b: object) -> object:
    total = (a or 0) + (b or 0)
    return round(total, 4) if isinstance(total, float) else total


def last_year_sum(county: Organization, year: int, units: list[Unit]) -> tuple[TableB, str]:
    """Rule 5 on the sums: what the county's 二、上年结转 must equal, the sum over the units of this year and of last year
    (a unit gone since still carried its open requests out) of each unit's own basis (its published report of last
    year, else the figure entered for its first year, else last year counted now)."""
    orgs = {u.organization.pk: u.organization for u in units} | {o.pk: o for o in units_of(county, year - 1)}
    sums = {column: 0 for column, _ in B_COLUMNS[:-1]}
    for org in orgs.values():
        basis, _ = last_year_basis(org, year, AnnualReport.objects.filter(organization=org, year=year).first())
        for column in sums:
            sums[column] += basis.cell("carried_out", column)
    return carried_out_only(sums), f"{year - 1}年各单位报告（已发布的按已发布报告）之和"


def aggregate(county: Organization, year: int) -> CountyReport:
    units = [unit_report(o, year) for o in units_of(county, year)]
    base = build(county, year) if not units else units[0].report
    table_a = [{"block": b["block"], "columns": list(b["columns"]), "rows": [[r[0], *[0 for _ in r[1:]]] for r in b["rows"]]}
               for b in base.table_a]
    b_rows = [{**row, "cells": {c: 0 for c, _ in B_COLUMNS} if row["cells"] else {}} for row in base.table_b.rows]
    c = {"header": base.table_c["header"], "cells": [0] * len(base.table_c["cells"]),
         "groups": [{**g, "cells": [{**cell, "n": 0} for cell in g["cells"]]} for g in base.table_c["groups"]]}
    fees = 0
    for unit in units:
        r = unit.report
        for block, theirs in zip(table_a, r.table_a, strict=True):
            for row, their_row in zip(block["rows"], theirs["rows"], strict=True):
                row[1:] = [_add(x, y) for x, y in zip(row[1:], their_row[1:], strict=True)]
        for row, their_row in zip(b_rows, r.table_b.rows, strict=True):
            for column in row["cells"]:
                row["cells"][column] += their_row["cells"][column]
        c["cells"] = [x + y for x, y in zip(c["cells"], r.table_c["cells"], strict=True)]
        for g, theirs in zip(c["groups"], r.table_c["groups"], strict=True):
            for cell, their_cell in zip(g["cells"], theirs["cells"], strict=True):
                cell["n"] += their_cell["n"]
        fees += r.fees_collected
    # 行政规范性文件 is counted from the library for an organization and every unit below it (tables.table_a), so the
    # units' figures overlap (县政府's include its office's): the county's row is the library's own count, not a sum.
    from zwgk.publishing import selectors as publishing

    normative = publishing.normative_counts(year, county)
    table_a[0]["rows"][1][1:] = [normative["issued"], normative["repealed"], normative["valid"]]
    published = sum(1 for u in units if u.published)
    note = (f"本报告为{county.name}所属 {len(units)} 个单位{year}年度报告数字的汇总：{published} 个单位采用其已发布报告的数字，"
            f"{len(units) - published} 个单位采用当前统计数字（尚未发布）。")
    text = CountyReportText.objects.filter(county=county, year=year).first()
    parts = {"part_one": f"{text.part_one}\n\n{note}" if text and text.part_one else note,
             "part_five": text.part_five if text else "", "part_six": text.part_six if text else ""}
    report = Report(county, year, table_a, TableB(B_COLUMNS, b_rows), c, parts, fees,
                    title=f"{county.name}{year}年政府信息公开工作年度报告（全县汇总）", source="county")
    report.problems = check_table_b(report.table_b, *last_year_sum(county, year, units)) + check_table_c(c)
    for unit in units:
        report.problems += [f"{unit.organization.name}：{p}" for p in unit.report.problems]
    return CountyReport(county, year, report, units)


def figure(report: Report, key: str) -> object | None:
    """The figure a key names in a report ("a.block.row.col", "b.row.col", "c.i"), or None for an unknown key."""
    for grid in (grid_a(report), grid_b(report), grid_c(report)):
        for *_, value, _, k in grid.cells:
            if k == key:
                return value
    return None


def label(report: Report, key: str) -> str:
    """A figure's place in words (表二/三/四, its row and column)."""
    from .rows import PARTS, ROW_LABEL

    parts = key.split(".")
    try:
        if parts[0] == "a":
            block = report.table_a[int(parts[1])]
            return f"{PARTS[1]} {block['block']} {block['rows'][int(parts[2])][0]} / {block['columns'][int(parts[3])]}"
        if parts[0] == "b":
            return f"{PARTS[2]} {ROW_LABEL[parts[1]]} / {dict(B_COLUMNS)[parts[2]]}"
        if parts[0] == "c":
            i = int(parts[1])
            g = report.table_c["groups"][i // 5]
            return f"{PARTS[3]} {g['label']} / {g['cells'][i % 5]['label']}"
    except (IndexError, KeyError, ValueError):
        return ""
    return ""


def breakdown(county_report: CountyReport, key: str) -> list[tuple[Unit, object]]:
    """Each unit's figure for one cell of the county report (empty for an unknown key)."""
    if figure(county_report.report, key) is None:
        return []
    return [(unit, figure(unit.report, key)) for unit in county_report.units]
