"""The annual report on government information disclosure (国办公开办函〔2021〕30号 format).

Table B is counted from the applications: new this year by applicant type, carried over from last
year, outcomes of those closed this year, carried into next year. Table A's 行政规范性文件 row comes
from the normative-document library; the other rows are the office's figures. Table C counts the
recorded reconsideration and litigation cases. Labels are exact (domain/annual-report.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from zwgk.core import permissions
from zwgk.core.models import Organization

from . import rules
from .models import AnnualReport, Application, CaseKind, CaseResult, ReviewCase

PARTS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
         "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
B_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
B_COLUMNS = [("natural", "自然人"), ("business", "商业企业"), ("research", "科研机构"), ("charity", "社会公益组织"),
             ("legal", "法律服务机构"), ("other", "其他"), ("total", "总计")]
LEGAL_COLUMNS = [c for c, _ in B_COLUMNS[1:6]]

# (key, label, indent, kind): kind "new", "carried_in", "result" (a reply group's item), "heading", "total", "carried_out"
B_ROWS: list[tuple[str, str, int, str]] = [
    ("new", "一、本年新收政府信息公开申请数量", 0, "new"),
    ("carried_in", "二、上年结转政府信息公开申请数量", 0, "carried_in"),
    ("results", "三、本年度办理结果", 0, "heading"),
    ("disclosed", "（一）予以公开", 1, "result"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, "result"),
    ("h3", "（三）不予公开", 1, "heading"),
    *[(f"nd{i}", label, 2, "result") for i, label in enumerate(
        ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
         "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"], 1)],
    ("h4", "（四）无法提供", 1, "heading"),
    *[(f"cp{i}", label, 2, "result") for i, label in enumerate(
        ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"], 1)],
    ("h5", "（五）不予处理", 1, "heading"),
    *[(f"np{i}", label, 2, "result") for i, label in enumerate(
        ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"], 1)],
    ("h6", "（六）其他处理", 1, "heading"),
    *[(f"ot{i}", label, 2, "result") for i, label in enumerate(
        ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"], 1)],
    ("result_total", "（七）总计", 1, "total"),
    ("carried_out", "四、结转下年度继续办理", 0, "carried_out"),
]
RESULT_KEYS = [k for k, _, _, kind in B_ROWS if kind == "result"]
_ROW_BY_LABEL = {label: key for key, label, _, _ in B_ROWS}
# reply type -> table B row key, through the report row label each reply type names in rules.py
REPLY_ROW = {r.code: _ROW_BY_LABEL[r.report_row] for r in rules.REPLY_TYPES}

C_GROUPS = [(CaseKind.RECONSIDERATION, "行政复议"), (CaseKind.LITIGATION_DIRECT, "未经复议直接起诉"), (CaseKind.LITIGATION_AFTER, "复议后起诉")]
C_RESULTS = [(CaseResult.MAINTAINED, "结果维持"), (CaseResult.CORRECTED, "结果纠正"), (CaseResult.OTHER, "其他结果"),
             (CaseResult.PENDING, "尚未审结"), ("total", "总计")]


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
        return Q(received_on__lt=first) & (Q(reply_type="") | Q(reply_on__gte=first))
    if key == "carried_out":
        return Q(received_on__lte=last) & (Q(reply_type="") | Q(reply_on__gt=last))
    closed = Q(reply_on__gte=first, reply_on__lte=last) & ~Q(reply_type="")
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


def check_table_b(b: TableB, last_year: TableB | None = None) -> list[str]:
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
                                f"不等于上年报告的结转下年度（{last_year.cell('carried_out', column)}）。")
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


def build(org: Organization, year: int) -> Report:
    saved = AnnualReport.objects.filter(organization=org, year=year).first()
    figures = saved.table_a if saved else {}
    b = table_b(org, year)
    last = table_b(org, year - 1)
    first, end = year_bounds(year)
    fees = sum(Application.objects.filter(organization=org, fee_paid_on__gte=first, fee_paid_on__lte=end).values_list("fee_amount", flat=True))
    parts = {
        "part_one": saved.part_one if saved else "",
        "part_five": saved.part_five if saved else "",
        "part_six": saved.part_six if saved else "",
    }
    report = Report(org, year, table_a(org, year, figures), b, table_c(org, year), parts, fees)
    report.problems = check_table_b(b, last)
    for group in report.table_c["groups"]:
        cells = {c["result"]: c["n"] for c in group["cells"]}
        if cells["total"] != sum(v for k, v in cells.items() if k != "total"):
            report.problems.append(f"表四“{group['label']}”：总计不等于各项之和。")
    return report


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


# --- exports ------------------------------------------------------------------------------------
def to_docx(report: Report) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from zwgk.core.exports import set_text, word_document

    doc = word_document(12)
    doc.add_paragraph(f"{report.organization.name}{report.year}年政府信息公开工作年度报告", align=WD_ALIGN_PARAGRAPH.CENTER,
                      bold=True, size=18)
    doc.add_heading(PARTS[0], level=2)
    for line in report.parts["part_one"].splitlines() or [""]:
        doc.add_paragraph(line)
    doc.add_heading(PARTS[1], level=2)
    for block in report.table_a:
        t = doc.add_table(rows=1, cols=len(block["columns"]))
        set_text(t.rows[0].cells[0].merge(t.rows[0].cells[-1]), block["block"])
        doc.add_row(t, block["columns"])
        for row in block["rows"]:
            doc.add_row(t, row)
        doc.add_paragraph()
    doc.add_heading(PARTS[2], level=2)
    b = report.table_b
    t = doc.add_table(rows=3, cols=3 + len(b.columns))
    # Header: corner (3 columns × 3 rows), 申请人情况 over all, 自然人 | 法人或其他组织 (5) | 总计, then the five types.
    set_text(t.cell(0, 0).merge(t.cell(2, 2)), B_CORNER)
    set_text(t.cell(0, 3).merge(t.cell(0, 2 + len(b.columns))), "申请人情况")
    set_text(t.cell(1, 3).merge(t.cell(2, 3)), "自然人")
    set_text(t.cell(1, 4).merge(t.cell(1, 8)), "法人或其他组织")
    set_text(t.cell(1, 9).merge(t.cell(2, 9)), "总计")
    for i, c in enumerate(LEGAL_COLUMNS):
        set_text(t.cell(2, 4 + i), dict(B_COLUMNS)[c])
    for row in b.rows:
        cells = doc.add_row(t, [])
        set_text(cells[0].merge(cells[2]), row["label"])
        for i, (c, _) in enumerate(b.columns):
            set_text(cells[3 + i], "" if not row["cells"] else row["cells"][c])
    doc.add_paragraph()
    doc.add_heading(PARTS[3], level=2)
    t = doc.add_table(rows=3, cols=15)
    set_text(t.cell(0, 0).merge(t.cell(1, 4)), "行政复议")
    set_text(t.cell(0, 5).merge(t.cell(0, 14)), "行政诉讼")
    set_text(t.cell(1, 5).merge(t.cell(1, 9)), "未经复议直接起诉")
    set_text(t.cell(1, 10).merge(t.cell(1, 14)), "复议后起诉")
    for g, group in enumerate(report.table_c["groups"]):
        for i, c in enumerate(group["cells"]):
            set_text(t.cell(2, g * 5 + i), c["label"])
    doc.add_row(t, report.table_c["cells"])
    doc.add_heading(PARTS[4], level=2)
    for line in report.parts["part_five"].splitlines() or [""]:
        doc.add_paragraph(line)
    doc.add_heading(PARTS[5], level=2)
    for line in part_six_text(report).splitlines():
        doc.add_paragraph(line)
    return doc.bytes()


def to_xlsx(report: Report) -> bytes:
    from openpyxl.styles import Alignment, Font

    from zwgk.core.exports import Book

    book = Book()
    ws = book.sheet("二、主动公开")
    for block in report.table_a:
        ws.append([block["block"]])
        ws.append(block["columns"])
        for row in block["rows"]:
            ws.append(row)
        ws.append([])
    ws = book.sheet("三、申请情况")
    ws.append([B_CORNER, "申请人情况"])
    ws.append(["", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    ws.append(["", "", *[dict(B_COLUMNS)[c] for c in LEGAL_COLUMNS], ""])
    ws.merge_cells("A1:A3")
    ws.merge_cells("B1:H1")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:G2")
    ws.merge_cells("H2:H3")
    ws["A1"].alignment = Alignment(wrap_text=True, vertical="center")
    for row in report.table_b.rows:
        ws.append([("　" * row["indent"]) + row["label"], *([row["cells"][c] for c, _ in B_COLUMNS] if row["cells"] else [])])
    ws.column_dimensions["A"].width = 60
    ws = book.sheet("四、复议诉讼")
    ws.append(["行政复议", "", "", "", "", "行政诉讼"])
    ws.append(["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉"])
    ws.append([c["label"] for g in report.table_c["groups"] for c in g["cells"]])
    ws.append(report.table_c["cells"])
    ws.merge_cells("A1:E2")
    ws.merge_cells("F1:O1")
    ws.merge_cells("F2:J2")
    ws.merge_cells("K2:O2")
    ws = book.sheet("一五六、文字部分")
    for title, text in ((PARTS[0], report.parts["part_one"]), (PARTS[4], report.parts["part_five"]), (PARTS[5], part_six_text(report))):
        ws.append([title])
        ws[ws.max_row][0].font = Font(bold=True)
        for line in text.splitlines():
            ws.append([line])
    return book.bytes()


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
