"""The report's tables computed. Table B is counted from the applications: new this year by applicant type, carried
over from last year, outcomes of those closed this year, carried into next year. Table A's 行政规范性文件 row comes
from the normative-document library; the other rows are the office's figures. Table C counts the recorded
reconsideration and litigation cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from zwgk.core import permissions
from zwgk.core.models import Organization

from ..models import OPEN, AnnualReport, Application, CaseResult, ReviewCase
from .rows import B_COLUMNS, B_CORNER, B_ROWS, C_GROUPS, C_RESULTS, REPLY_ROW, RESULT_KEYS


@dataclass
class TableB:
    columns: list[tuple[str, str]]
    rows: list[dict]  # {"key", "label", "indent", "kind", "cells": {column: int or None}}

    def cell(self, key: str, column: str) -> int:
        for row in self.rows:
            if row["key"] == key:
                return row["cells"].get(column) or 0
        raise KeyError(key)


@dataclass
class Report:
    organization: Organization
    year: int
    table_a: list[dict]
    table_b: TableB
    table_c: dict
    parts: dict[str, str]
    fees_collected: int
    problems: list[str] = field(default_factory=list)
    title: str = ""
    # Where the figures come from: "live" (counted now), "published" (the frozen report), "county" (the sum of units)
    source: str = "live"
    sent_at: str = ""  # a frozen report: when it was sent to publication (ISO)

    def __post_init__(self) -> None:
        self.title = self.title or f"{self.organization.name}{self.year}年政府信息公开工作年度报告"


def _scope(org: Organization) -> QuerySet[Application]:
    return Application.objects.filter(organization=org)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def row_filter(key: str, year: int) -> Q:
    """The applications a table B row counts, as a filter (the ledger uses it for the cell links)."""
    first, last = year_bounds(year)
    if key == "new":
        return Q(received_on__gte=first, received_on__lte=last)
    if key == "carried_in":
        return Q(received_on__lt=first) & (OPEN | Q(reply_on__gte=first))
    if key == "carried_out":
        return Q(received_on__lte=last) & (OPEN | Q(reply_on__gt=last))
    closed = Q(reply_on__gte=first, reply_on__lte=last) & ~OPEN
    if key == "result_total":
        return closed
    codes = [code for code, row in REPLY_ROW.items() if row == key]
    return closed & Q(reply_type__in=codes)


def column_filter(column: str) -> Q:
    return Q() if column == "total" else Q(applicant_type=column)


def table_b(org: Organization, year: int) -> TableB:
    from django.db.models import Count

    apps = _scope(org)
    counted: dict[str, dict[str, int]] = {}
    for key in ("new", "carried_in", "carried_out"):
        counted[key] = dict(apps.filter(row_filter(key, year)).values_list("applicant_type").annotate(n=Count("pk")))
    results = apps.filter(row_filter("result_total", year)).values_list("reply_type", "applicant_type").annotate(n=Count("pk"))
    for reply_type, applicant, n in results:
        row = REPLY_ROW[reply_type]
        counted.setdefault(row, {})
        counted[row][applicant] = counted[row].get(applicant, 0) + n
    rows = []
    for key, label, indent, kind in B_ROWS:
        if kind == "heading":
            rows.append({"key": key, "label": label, "indent": indent, "kind": kind, "cells": {}})
            continue
        if kind == "total":
            by_col = {c: sum(counted.get(k, {}).get(c, 0) for k in RESULT_KEYS) for c, _ in B_COLUMNS[:-1]}
        else:
            by_col = {c: counted.get(key, {}).get(c, 0) for c, _ in B_COLUMNS[:-1]}
        by_col["total"] = sum(by_col.values())
        rows.append({"key": key, "label": label, "indent": indent, "kind": kind, "cells": by_col})
    return TableB(B_COLUMNS, rows)


def check_table_b(b: TableB, last_year: TableB | None = None, basis: str = "上年报告") -> list[str]:
    """The report's consistency rules; each violation in words (empty when all hold)."""
    problems = []
    for column, label in b.columns:
        left = b.cell("new", column) + b.cell("carried_in", column)
        right = b.cell("result_total", column) + b.cell("carried_out", column)
        if left != right:
            problems.append(f"“{label}”列：第一项加第二项（{left}）不等于第三项总计加第四项（{right}）。")
    for row in b.rows:
        cells = row["cells"]
        if cells and cells["total"] != sum(cells[c] for c, _ in b.columns[:-1]):
            problems.append(f"“{row['label']}”行：总计不等于各类申请人之和。")
    for column, label in b.columns:
        if b.cell("result_total", column) != sum(b.cell(k, column) for k in RESULT_KEYS):
            problems.append(f"“{label}”列：（七）总计不等于各项办理结果之和。")
    if last_year is not None:
        for column, label in b.columns:
            if b.cell("carried_in", column) != last_year.cell("carried_out", column):
                problems.append(f"“{label}”列：上年结转（{b.cell('carried_in', column)}）"
                                f"不等于{basis}的结转下年度（{last_year.cell('carried_out', column)}）。")
    return problems


def table_a(org: Organization, year: int, figures: dict) -> list[dict]:
    from zwgk.publishing import selectors as publishing

    normative = publishing.normative_counts(year, org)
    f = lambda k: figures.get(k, 0)  # noqa: E731
    return [
        {"block": "第二十条第（一）项", "columns": ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
         "rows": [["规章", f("rules_issued"), f("rules_repealed"), f("rules_valid")],
                  ["行政规范性文件", normative["issued"], normative["repealed"], normative["valid"]]]},
        {"block": "第二十条第（五）项", "columns": ["信息内容", "本年处理决定数量"], "rows": [["行政许可", f("licensing")]]},
        {"block": "第二十条第（六）项", "columns": ["信息内容", "本年处理决定数量"],
         "rows": [["行政处罚", f("penalty")], ["行政强制", f("coercion")]]},
        {"block": "第二十条第（八）项", "columns": ["信息内容", "本年收费金额（单位：万元）"], "rows": [["行政事业性收费", f("fees_wan")]]},
    ]


def table_c(org: Organization, year: int) -> dict:
    first, last = year_bounds(year)
    cases = ReviewCase.objects.filter(organization=org, filed_on__gte=first, filed_on__lte=last)
    groups = []
    cells: list[int] = []
    for kind, label in C_GROUPS:
        counts = {r: 0 for r, _ in C_RESULTS}
        for case in cases.filter(kind=kind):
            result = case.result if case.concluded_on and case.concluded_on <= last else CaseResult.PENDING
            counts[result] += 1
        counts["total"] = sum(v for k, v in counts.items() if k != "total")
        groups.append({"kind": kind, "label": label, "cells": [{"result": r, "label": lab, "n": counts[r]} for r, lab in C_RESULTS]})
        cells.extend(counts[r] for r, _ in C_RESULTS)
    return {"header": ["行政复议", "行政诉讼"], "groups": groups, "cells": cells}


def carried_out_only(figures: dict[str, int]) -> TableB:
    """A table B holding only 四、结转下年度 (the figures entered for the first year in use)."""
    by_col = {c: int(figures.get(c, 0) or 0) for c, _ in B_COLUMNS[:-1]}
    by_col["total"] = sum(by_col.values())
    rows = [{"key": key, "label": label, "indent": indent, "kind": kind,
             "cells": (by_col if key == "carried_out" else {c: 0 for c, _ in B_COLUMNS}) if kind != "heading" else {}}
            for key, label, indent, kind in B_ROWS]
    return TableB(B_COLUMNS, rows)


def last_year_basis(org: Organization, year: int, saved: AnnualReport | None = None) -> tuple[TableB, str]:
    """What this year's 二、上年结转 must equal (rule 5), and where it comes from: last year's published report
    when there is one; else the figure the office entered for the first year in use; else last year counted now."""
    from .frozen import published_data, table_b_of

    previous = AnnualReport.objects.filter(organization=org, year=year - 1).first()
    data = published_data(previous)
    if data is not None:
        return table_b_of(data), f"{year - 1}年已发布报告"
    if saved is not None and saved.carried_in:
        return carried_out_only(saved.carried_in), f"录入的{year - 1}年报告（理由：{saved.carried_in_reason}）"
    return table_b(org, year - 1), f"{year - 1}年统计"


def build(org: Organization, year: int) -> Report:
    """The report counted now (live)."""
    saved = AnnualReport.objects.filter(organization=org, year=year).first()
    figures = saved.table_a if saved else {}
    b = table_b(org, year)
    last, basis = last_year_basis(org, year, saved)
    first, end = year_bounds(year)
    fees = sum(Application.objects.filter(organization=org, fee_paid_on__gte=first, fee_paid_on__lte=end).values_list("fee_amount", flat=True))
    parts = {
        "part_one": saved.part_one if saved else "",
        "part_five": saved.part_five if saved else "",
        "part_six": saved.part_six if saved else "",
    }
    report = Report(org, year, table_a(org, year, figures), b, table_c(org, year), parts, fees)
    report.problems = check_table_b(b, last, basis) + check_table_c(report.table_c)
    return report


def check_table_c(c: dict) -> list[str]:
    problems = []
    for group in c["groups"]:
        cells = {cell["result"]: cell["n"] for cell in group["cells"]}
        if cells["total"] != sum(v for k, v in cells.items() if k != "total"):
            problems.append(f"表四“{group['label']}”：总计不等于各项之和。")
    return problems


def part_six_text(report: Report) -> str:
    fee_line = f"本年度依据《政府信息公开信息处理费管理办法》收取信息处理费 {report.fees_collected} 元。" if report.fees_collected else \
        "本年度未收取信息处理费。"
    return (report.parts["part_six"] + "\n" + fee_line).strip()


def as_json(report: Report) -> dict:
    return {
        "organization": report.organization.name, "year": report.year,
        "table_a": report.table_a,
        "table_b": {"corner": B_CORNER, "columns": [label for _, label in B_COLUMNS],
                    "rows": [{"label": r["label"], "cells": {label: r["cells"][c] for c, label in B_COLUMNS} if r["cells"] else {}}
                             for r in report.table_b.rows]},
        "table_c": {"columns": [f"{g['label']}/{c['label']}" for g in report.table_c["groups"] for c in g["cells"]],
                    "cells": report.table_c["cells"]},
        "problems": report.problems,
    }


def find_organization(ref: str) -> Organization:
    ref = (ref or "").strip()
    org = Organization.objects.filter(Q(code=ref) | Q(name=ref) | Q(short_name=ref)).first()
    if org is None:
        raise Organization.DoesNotExist(f"没有找到机构“{ref}”（请使用机构代码或全称）。")
    return org


def may_see(user, org: Organization) -> bool:  # noqa: ANN001
    return permissions.has(user, "applications.handle", org) or permissions.has(user, "applications.report", org)
