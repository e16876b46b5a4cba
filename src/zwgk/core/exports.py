"""Exports: the audit log as Excel (.xlsx) and CSV (UTF-8 with BOM, so that Excel opens it in Chinese), and the
one writer of every module's spreadsheets and Word documents.

Every .xlsx is built from a :class:`Book` (its sheets append through :func:`safe_cell`) and every .docx from
:func:`word_document` (its paragraphs, headings and cells through :func:`xml_text`), so any stored string, even
one holding control characters from old data or starting with ``=``, makes a file that opens, with the text as
text. ``tests/test_exports.py`` checks that no other module writes cells or Word text itself."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from .models import AuditEntry

COLUMNS = ("时间", "操作人", "所属机构", "操作", "对象类型", "对象编号", "对象", "变更摘要", "客户端地址")


def _row(entry: AuditEntry) -> list[str]:
    return [
        timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S"),
        entry.actor_name,
        entry.organization_name,
        entry.action_label,
        entry.object_type,
        entry.object_id,
        entry.object_repr,
        entry.summary,
        entry.client_ip or "",
    ]


# Characters an XML 1.0 document cannot hold (openpyxl raises IllegalCharacterError, python-docx ValueError):
# C0 controls but tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def xml_text(value: object) -> str:
    """Any value as text that a Word or Excel file can hold (characters XML 1.0 forbids are dropped)."""
    return XML_ILLEGAL.sub("", value if isinstance(value, str) else str(value))


def safe_cell(value: Any) -> Any:
    """A spreadsheet cell value: text that XML can hold, and that starts with = + - @ (or tab, CR) quoted, since
    spreadsheet programs would run it as a formula (CSV injection). Numbers, dates and None pass unchanged."""
    if value is None or isinstance(value, (bool, int, float, Decimal, dt.date, dt.time, dt.timedelta)):
        return value
    text = xml_text(value)
    return "'" + text if text[:1] in FORMULA_PREFIXES else text


class Sheet:
    """A worksheet whose every value goes through :func:`safe_cell` (styles, merges and sizes reach openpyxl's)."""

    def __init__(self, ws) -> None:  # noqa: ANN001
        object.__setattr__(self, "ws", ws)

    def append(self, values: Iterable[Any]) -> None:
        self.ws.append([safe_cell(v) for v in values])

    def cell(self, row: int, column: int, value: Any = None):  # noqa: ANN201
        return self.ws.cell(row=row, column=column, value=safe_cell(value))

    def __getitem__(self, key):  # noqa: ANN001, ANN204
        return self.ws[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ws, name)

    def __setattr__(self, name: str, value: Any) -> None:  # title and the like are the worksheet's
        setattr(self.ws, name, value)


class Book:
    """An .xlsx workbook made only of :class:`Sheet` s. The first ``sheet()`` is the workbook's first sheet."""

    def __init__(self, write_only: bool = False) -> None:
        from openpyxl import Workbook

        self.wb = Workbook(write_only=write_only)
        self._fresh = not write_only  # an ordinary workbook starts with one empty sheet

    def sheet(self, title: str) -> Sheet:
        title = re.sub(r"[\\/*?:\[\]]", "", xml_text(title))[:31] or "Sheet"  # what Excel allows in a sheet name
        if self._fresh:
            self._fresh = False
            ws = self.wb.active
            ws.title = title
        else:
            ws = self.wb.create_sheet(title)
        return Sheet(ws)

    def bytes(self) -> bytes:
        buf = io.BytesIO()
        self.wb.save(buf)
        return buf.getvalue()


class WordDocument:
    """A python-docx document whose every text goes through :func:`xml_text`: paragraphs, headings, runs and table
    cells are written with these methods (the underlying document is ``.doc`` for layout only)."""

    def __init__(self, doc) -> None:  # noqa: ANN001
        self.doc = doc

    def add_paragraph(  # noqa: ANN201
        self, text: object = "", style: str | None = None, *, align: int | None = None, bold: bool = False, size: float | None = None,
    ):
        """A paragraph (python-docx's signature), optionally aligned (WD_ALIGN_PARAGRAPH), bold or at a size in points."""
        from docx.shared import Pt

        p = self.doc.add_paragraph(style=style)
        if text != "" and text is not None:
            run = p.add_run(xml_text(text))
            if bold:
                run.bold = True
            if size:
                run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        return p

    def add_heading(self, text: object = "", level: int = 1):  # noqa: ANN201
        return self.doc.add_heading(xml_text(text), level)

    def add_table(self, rows: int, cols: int, style: str | None = "Table Grid"):  # noqa: ANN201
        table = self.doc.add_table(rows=rows, cols=cols)
        if style:
            table.style = style
        return table

    def add_row(self, table, values: Iterable[object]) -> list:  # noqa: ANN001
        """A new table row holding these values, one a cell; the row's cells."""
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            set_text(cell, value)
        return cells

    def bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def set_text(cell, value: object, *, size: float | None = None, bold: bool = False, face: str | None = None,  # noqa: ANN001
             center: bool = False) -> None:
    """Write a Word table cell's text; optionally at a size in points, bold, in a named face (the East Asian face
    too, so Chinese text takes it) and centred horizontally and vertically."""
    cell.text = xml_text(value)
    if center:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for p in cell.paragraphs:
        for run in p.runs:
            _style_run(run, size, bold, face)


def _style_run(run, size: float | None, bold: bool, face: str | None) -> None:  # noqa: ANN001
    from docx.oxml.ns import qn
    from docx.shared import Pt

    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if face:
        run.font.name = face
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)


def word_document(font_size: int) -> WordDocument:
    """A Word document in the official-document face (仿宋) at the given size, on A4 with GB/T 9704 margins."""
    from docx import Document as Docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Docx()
    _a4(doc)
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(font_size)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    _font_fallbacks(doc)
    return WordDocument(doc)


# GB/T 9704-2012《党政机关公文格式》 5.2.1-5.2.2, 7.2: A4 (210 mm × 297 mm); 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm
# (so the right margin is 26 mm and the bottom 35 mm); title 2号小标宋, body 3号仿宋 (16 pt), 22 lines of 28 characters.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TITLE_FONT, TITLE_FALLBACK, TITLE_PT = "方正小标宋简体", "黑体", 22
BODY_FONT, BODY_FALLBACK, BODY_PT = "仿宋_GB2312", "仿宋", 16
HEADING_FONT = "黑体"  # 7.3.3: 一级标题 黑体
LINE_PT = 28.95  # 225 mm of 版心 / 22 lines


def _a4(doc) -> None:  # noqa: ANN001
    from docx.shared import Mm

    for section in doc.sections:
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])


def _font_fallbacks(doc) -> None:  # noqa: ANN001
    """Declare the official faces in the font table with the face Word uses where they are not installed
    (方正小标宋简体 → 黑体, 仿宋_GB2312 → 仿宋): the w:altName of ECMA-376 17.8.3.1."""
    from lxml import etree

    part = next((p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    for name, alt in ((TITLE_FONT, TITLE_FALLBACK), (BODY_FONT, BODY_FALLBACK)):
        font = etree.SubElement(root, f"{{{ns}}}font", {f"{{{ns}}}name": name})
        etree.SubElement(font, f"{{{ns}}}altName", {f"{{{ns}}}val": alt})
        etree.SubElement(font, f"{{{ns}}}charset", {f"{{{ns}}}val": "86"})  # GB2312
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def official_document() -> WordDocument:
    """A letter-type official document (告知书, 通知) laid out as GB/T 9704 prescribes; see :class:`OfficialDocument`."""
    doc = word_document(BODY_PT)
    return OfficialDocument(doc.doc)


class OfficialDocument(WordDocument):
    """Title in 小标宋 (2号), the document number, the addressee flush left, body paragraphs indented two characters,
    the office and the date on the right; fixed line spacing for 22 lines a page."""

    def _spacing(self, p) -> None:  # noqa: ANN001
        from docx.shared import Pt

        p.paragraph_format.line_spacing = Pt(LINE_PT)
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)

    def _run_font(self, run, face: str, size: float) -> None:  # noqa: ANN001
        _style_run(run, size, False, face)

    def title(self, text: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        p = self.doc.add_paragraph()
        self._spacing(p)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run_font(p.add_run(xml_text(text)), TITLE_FONT, TITLE_PT)

    def number(self, text: str) -> None:
        """The document number (发文字号), centred under the title, with a blank line before the body."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        p = self.add_paragraph(text, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._spacing(p)
        self._spacing(self.doc.add_paragraph())

    def heading(self, text: str, size: float = BODY_PT) -> None:
        """A first-level heading (GB/T 9704 7.3.3: 黑体, the body's size), in explicit fonts and not in Word's
        Heading styles (whose theme colours and faces are not those of an official document)."""
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        self._spacing(p)
        p.paragraph_format.first_line_indent = Pt(2 * size)
        self._run_font(p.add_run(xml_text(text)), HEADING_FONT, size)

    def table_caption(self, text: str, size: float) -> None:
        """A centred line above a table (its unit, a note), in the body face."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run_font(p.add_run(xml_text(text)), BODY_FONT, size)

    def addressee(self, text: str) -> None:
        self._spacing(self.add_paragraph(text))

    def body(self, text: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self.add_paragraph(text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        self._spacing(p)
        p.paragraph_format.first_line_indent = Pt(2 * BODY_PT)

    def signature(self, office: str, date: str) -> None:
        """The office and the date, right-aligned (GB/T 9704 7.3.5.2: 成文日期 右空四字)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self._spacing(self.doc.add_paragraph())
        for text in (office, date):
            p = self.add_paragraph(text, align=WD_ALIGN_PARAGRAPH.RIGHT)
            self._spacing(p)
            p.paragraph_format.right_indent = Pt(4 * BODY_PT)


def to_xlsx(entries: Iterable[AuditEntry]) -> bytes:
    book = Book(write_only=True)
    ws = book.sheet("审计日志")
    ws.append(COLUMNS)
    for entry in entries:
        ws.append(_row(entry))
    return book.bytes()


def to_csv(entries: Iterable[AuditEntry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow([safe_cell(v) for v in _row(entry)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
