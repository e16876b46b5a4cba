"""The report as a Word document and an Excel workbook."""

from __future__ import annotations

from .rows import B_COLUMNS, B_CORNER, LEGAL_COLUMNS, PARTS
from .tables import Report, part_six_text


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
