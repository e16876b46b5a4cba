"""The report as a Word document and an Excel workbook, laid out as county reports print the 国办公开办函〔2021〕30号
template: A4, one table per part (二, 三, 四), heading cells merged as the template merges them (三、本年度办理结果
down the result rows, （三）…（六） down their items, no blank heading rows), explicit Chinese fonts.

Each table is first described as a :class:`Grid` (cells with their merged ranges and roles), then written to Word
and to Excel from the same description, so the two files have the same cells."""

from __future__ import annotations

from dataclasses import dataclass, field

from .rows import B_COLUMNS, B_CORNER, LEGAL_COLUMNS, PARTS
from .tables import Report, part_six_text

HEAD, LABEL, ITEM, NUM = "head", "label", "item", "num"  # a cell's role: header, row label, numbered item, figure


@dataclass
class Grid:
    rows: int
    cols: int
    widths_mm: list[float]
    size: float  # the cells' size in points in Word
    head_rows: int = 0  # the header rows at the top (a page puts them in <thead>)
    # (r0, c0, r1, c1, value, role, key): a figure's key names it for drill-down ("a.block.row.col", "b.row.col", "c.i")
    cells: list[tuple[int, int, int, int, object, str, str]] = field(default_factory=list)

    def put(self, r0: int, c0: int, value: object, role: str, r1: int | None = None, c1: int | None = None, key: str = "") -> None:
        self.cells.append((r0, c0, r0 if r1 is None else r1, c0 if c1 is None else c1, value, role, key))


def grid_a(report: Report) -> Grid:
    """Table A as one table of four columns: each block's 第二十条第（…）项 across, its header, its rows; a block
    of one figure has that figure across the three figure columns."""
    g = Grid(rows=sum(2 + len(b["rows"]) for b in report.table_a), cols=4, widths_mm=[39, 39, 39, 39], size=10.5)
    r = 0
    for bi, block in enumerate(report.table_a):
        g.put(r, 0, block["block"], HEAD, c1=3)
        r += 1
        wide = len(block["columns"]) == 2
        for c, label in enumerate(block["columns"]):
            g.put(r, c, label, HEAD, c1=3 if wide and c == 1 else None)
        r += 1
        for ri, row in enumerate(block["rows"]):
            g.put(r, 0, row[0], LABEL)
            for c, value in enumerate(row[1:], 1):
                g.put(r, c, value, NUM, c1=3 if wide else None, key=f"a.{bi}.{ri}.{c}")
            r += 1
    return g


def grid_b(report: Report) -> Grid:
    """Table B: the corner and the applicant header over three rows; 一、二、四 across the three label columns;
    三、本年度办理结果 merged down its 22 rows; （一）（二）（七） across two label columns; （三）…（六） merged down
    their numbered items."""
    b = report.table_b
    data = [row for row in b.rows if row["kind"] != "heading"]
    heading = {row["key"]: row["label"] for row in b.rows if row["kind"] == "heading"}
    g = Grid(rows=3 + len(data), cols=3 + len(B_COLUMNS), widths_mm=[10, 16, 52] + [11] * len(B_COLUMNS), size=10.5,
             head_rows=3)
    g.put(0, 0, B_CORNER, HEAD, r1=2, c1=2)
    g.put(0, 3, "申请人情况", HEAD, c1=2 + len(B_COLUMNS))
    g.put(1, 3, "自然人", HEAD, r1=2)
    g.put(1, 4, "法人或其他组织", HEAD, c1=3 + len(LEGAL_COLUMNS))
    g.put(1, 4 + len(LEGAL_COLUMNS), "总计", HEAD, r1=2)
    for i, c in enumerate(LEGAL_COLUMNS):
        g.put(2, 4 + i, dict(B_COLUMNS)[c], HEAD)
    group_of: dict[str, str] = {}  # item key -> its heading's key (h3…h6)
    current = ""
    for row in b.rows:
        if row["kind"] == "heading" and row["indent"] == 1:
            current = row["key"]
        elif row["indent"] == 2:
            group_of[row["key"]] = current
        elif row["indent"] == 1:
            current = ""
    result_rows = [3 + i for i, row in enumerate(data) if row["indent"] >= 1]
    g.put(result_rows[0], 0, heading["results"], HEAD, r1=result_rows[-1])
    spans: dict[str, list[int]] = {}
    for i, row in enumerate(data):
        r = 3 + i
        if row["indent"] == 0:
            g.put(r, 0, row["label"], LABEL, c1=2)
        elif row["indent"] == 1:
            g.put(r, 1, row["label"], LABEL, c1=2)
        else:
            spans.setdefault(group_of[row["key"]], []).append(r)
            g.put(r, 2, row["label"], ITEM)
        for j, (column, _) in enumerate(B_COLUMNS):
            g.put(r, 3 + j, row["cells"][column], NUM, key=f"b.{row['key']}.{column}")
    for key, rows in spans.items():
        g.put(rows[0], 1, heading[key], HEAD, r1=rows[-1])
    return g


def grid_c(report: Report) -> Grid:
    """Table C: 行政复议 over two header rows, 行政诉讼 over its two groups, the fifteen results, one row of figures."""
    g = Grid(rows=4, cols=15, widths_mm=[10.4] * 15, size=9, head_rows=3)
    g.put(0, 0, "行政复议", HEAD, r1=1, c1=4)
    g.put(0, 5, "行政诉讼", HEAD, c1=14)
    g.put(1, 5, "未经复议直接起诉", HEAD, c1=9)
    g.put(1, 10, "复议后起诉", HEAD, c1=14)
    for gi, group in enumerate(report.table_c["groups"]):
        for i, cell in enumerate(group["cells"]):
            g.put(2, gi * 5 + i, cell["label"], HEAD)
    for i, n in enumerate(report.table_c["cells"]):
        g.put(3, i, n, NUM, key=f"c.{i}")
    return g


def _word_table(doc, grid: Grid) -> None:  # noqa: ANN001
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    from zwgk.core.exports import BODY_FONT, set_text

    t = doc.add_table(rows=grid.rows, cols=grid.cols)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for c, width in enumerate(grid.widths_mm):
        t.columns[c].width = Mm(width)
        for row in t.rows:
            row.cells[c].width = Mm(width)
    for r0, c0, r1, c1, value, role, _ in grid.cells:
        cell = t.cell(r0, c0)
        if (r1, c1) != (r0, c0):
            cell = cell.merge(t.cell(r1, c1))
        set_text(cell, value, size=grid.size, face=BODY_FONT, bold=role == HEAD, center=role in (HEAD, NUM))


def to_docx(report: Report) -> bytes:
    from zwgk.core.exports import official_document

    doc = official_document()
    doc.title(report.title)
    doc.add_paragraph()

    def text(part: str) -> None:
        for line in part.splitlines():
            if line.strip():
                doc.body(line.strip())

    doc.heading(PARTS[0])
    text(report.parts["part_one"])
    for part, grid in ((PARTS[1], grid_a(report)), (PARTS[2], grid_b(report)), (PARTS[3], grid_c(report))):
        doc.heading(part)
        _word_table(doc, grid)
    doc.heading(PARTS[4])
    text(report.parts["part_five"])
    doc.heading(PARTS[5])
    text(part_six_text(report))
    return doc.bytes()


def _sheet_table(ws, grid: Grid, top: int = 1) -> None:  # noqa: ANN001
    """The grid written from row ``top``: values in the top-left cell of each range, ranges merged, thin borders,
    labels left-aligned with the numbered items indented by the cell's indent (never by leading spaces)."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r in range(grid.rows):
        for c in range(grid.cols):
            ws.cell(top + r, 1 + c).border = border
    for r0, c0, r1, c1, value, role, _ in grid.cells:
        cell = ws.cell(top + r0, 1 + c0, value)
        if (r1, c1) != (r0, c0):
            ws.merge_cells(start_row=top + r0, start_column=1 + c0, end_row=top + r1, end_column=1 + c1)
        cell.font = Font(name="黑体" if role == HEAD else "仿宋", size=11)
        if role in (HEAD, NUM):
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        else:
            cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1 if role == ITEM else 0)
    for c, width in enumerate(grid.widths_mm):
        ws.column_dimensions[get_column_letter(1 + c)].width = round(width / 2.1, 1)  # about 2.1 mm a character


def to_xlsx(report: Report) -> bytes:
    from openpyxl.styles import Alignment, Font

    from zwgk.core.exports import Book

    book = Book()
    for name, grid in (("二、主动公开", grid_a(report)), ("三、申请情况", grid_b(report)), ("四、复议诉讼", grid_c(report))):
        _sheet_table(book.sheet(name), grid)
    ws = book.sheet("一五六、文字部分")
    ws.column_dimensions["A"].width = 100
    for title, text in ((PARTS[0], report.parts["part_one"]), (PARTS[4], report.parts["part_five"]), (PARTS[5], part_six_text(report))):
        ws.append([title])
        ws[ws.max_row][0].font = Font(name="黑体", size=12)
        for line in text.splitlines():
            if line.strip():
                ws.append([line.strip()])
                ws[ws.max_row][0].alignment = Alignment(wrap_text=True)
                ws[ws.max_row][0].font = Font(name="仿宋", size=12)
    return book.bytes()
