"""Reading a 政务公开工作要点 document: numbered points and the units responsible for each.

Pure text work, no database: :func:`parse` gives a tree of :class:`Point` with the unit names as
written; ``matching`` resolves those names against the organization tree.

Layouts understood (both seen in county work-point documents):
- 〔县发改委、县工信局（县科技局）、…，各乡（镇）人民政府〕 at the end of the point's text; the first
  unit leads unless one is marked 牵头 (〔县政府办公室牵头，县发改委、…按职责分工负责〕);
- （责任单位：…） or （牵头单位：…；责任单位：…）, and lines that begin 牵头单位：… / 责任单位：… /
  配合单位：…, optionally with 完成时限：2025年6月底前.
Levels: 一、 / （一） / 1. (also 1、 and 1．).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

CN_DIGITS = "零一二三四五六七八九十百"
LEVEL_PATTERNS = [
    re.compile(r"^\s*([一二三四五六七八九十百]+)\s*、\s*(.*)$"),
    re.compile(r"^\s*[（(]\s*([一二三四五六七八九十百]+)\s*[）)]\s*(.*)$"),
    re.compile(r"^\s*(\d{1,2})\s*[.．、]\s*(?!\d)(.*)$"),
]
BRACKET_UNITS = re.compile(r"〔([^〔〕]*)〕")
LABELLED = re.compile(
    r"(牵头单位|主责单位|责任单位|配合单位|参与单位|完成时限|时限要求|时限)\s*[：:]\s*([^；;（）()〔〕\n]*(?:[（(][^）)]*[）)][^；;（）()〔〕\n]*)*)"
)
PAREN_LABELLED = re.compile(r"[（(]\s*(?=(?:牵头单位|主责单位|责任单位|配合单位|完成时限))(.*?)[）)]\s*$")
SPLIT = re.compile(r"[、，,；;]")
SUFFIXES = ("按职责分工负责", "按照职责分工负责", "分工负责", "按职责负责", "负责落实", "负责", "配合", "等单位", "等")
LEAD_MARKS = ("牵头",)
DEADLINE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|底|末)?\s*前?")


def chinese_number(text: str) -> int:
    """一 → 1, 十三 → 13, 二十 → 20 (the work points' own numbering)."""
    values = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = values[ch]
    return total + current


@dataclass
class UnitName:
    name: str
    lead: bool = False  # marked 牵头 (or 牵头单位：)


@dataclass
class Point:
    number: str  # as written: 一, （一）, 1.
    level: int  # 1, 2, 3
    title: str
    paragraphs: list[str] = field(default_factory=list)
    units: list[UnitName] = field(default_factory=list)
    due: dt.date | None = None
    children: list[Point] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


class ParseError(ValueError):
    """The document holds no numbered work points."""


def read_text(data: bytes, filename: str = "") -> str:
    """The document's text, cleaned (``zwgk.core.text.clean``): .docx by its content (a ZIP with word/document.xml),
    else text in UTF-8 or GB18030."""
    from zwgk.core.text import clean

    return clean(_read_text(data))


def _read_text(data: bytes) -> str:
    if data[:2] == b"PK":
        import zipfile

        from zwgk.screening.extract import MAX_MEMBERS, MAX_UNPACKED_BYTES

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" not in z.namelist():
                    raise ParseError("文件不是 Word 文档（.docx）或纯文本。")
                # zipfile never yields more than a member's declared size, so the declared total bounds what
                # python-docx unpacks below (a zip bomb is refused here, before anything is decompressed)
                members = z.infolist()
                if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                    raise ParseError(f"Word 文档解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB 或部件过多，"
                                     "不像是工作要点文件，未导入。")
        except zipfile.BadZipFile:
            raise ParseError("文件已损坏，无法作为 Word 文档打开。") from None
        from docx import Document as Docx

        doc = Docx(io.BytesIO(data))
        lines = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                lines.append("，".join(c.text for c in row.cells))
        return "\n".join(lines)
    if b"\x00" in data[:4096]:
        raise ParseError("文件不是纯文本或 Word 文档（.docx），请上传 .txt 或 .docx。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ParseError("无法识别文件编码，请另存为 UTF-8 文本或 .docx。")


def _heading(line: str) -> tuple[int, str, str] | None:
    for level, pattern in enumerate(LEVEL_PATTERNS, start=1):
        m = pattern.match(line)
        if m and m.group(2).strip():
            return level, m.group(1), m.group(2).strip()
    return None


def _number_label(level: int, raw: str) -> str:
    return raw if level == 1 else f"（{raw}）" if level == 2 else f"{raw}."


def _split_title(rest: str) -> tuple[str, str]:
    """"加强解读。正文……" → ("加强解读", "正文……"); a heading without a full stop is all title."""
    m = re.search(r"[。！？]", rest)
    if m is None or m.end() == len(rest) and not BRACKET_UNITS.search(rest):
        return rest.rstrip("。"), ""
    return rest[: m.start()], rest[m.end():].strip()


def _top_level_split(text: str) -> list[str]:
    """Split on 、，；, but not inside parentheses (县工信局（县科技局）, 各乡（镇）人民政府)."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                continue  # a stray closing bracket (〔…人民政府）〕 in the 2024 seed)
            depth -= 1
        if depth == 0 and SPLIT.match(ch):
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def clean_unit(raw: str) -> UnitName | None:
    name = raw.strip().strip("。．.：:")
    lead = False
    changed = True
    while changed:
        changed = False
        for mark in LEAD_MARKS:
            if name.endswith(mark):
                name, lead, changed = name[: -len(mark)].strip(), True, True
        for suffix in SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                name, changed = name[: -len(suffix)].strip(), True
    return UnitName(name, lead) if name else None


def split_units(text: str, lead: bool = False) -> list[UnitName]:
    out = []
    for part in _top_level_split(text):
        unit = clean_unit(part)
        if unit is not None:
            unit.lead = unit.lead or lead
            out.append(unit)
    return out


def _deadline(text: str, year: int | None) -> dt.date | None:
    import calendar

    m = DEADLINE.search(text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            day = int(m.group(3)) if m.group(3) else calendar.monthrange(y, mo)[1]
            try:
                return dt.date(y, mo, day)
            except ValueError:
                return None
    m = re.search(r"(\d{1,2})\s*月\s*(?:底|末)\s*前", text)
    if m and year and 1 <= int(m.group(1)) <= 12:
        mo = int(m.group(1))
        return dt.date(year, mo, calendar.monthrange(year, mo)[1])
    return None


def _take_units(point: Point, year: int | None) -> None:
    """Find the units in the point's own text and remove the annotation from it."""
    text = point.text
    labelled = list(LABELLED.finditer(text))
    units: list[UnitName] = []
    if labelled:
        for m in labelled:
            label, value = m.group(1), m.group(2)
            if label in ("完成时限", "时限要求", "时限"):
                point.due = _deadline(value, year)
                continue
            units.extend(split_units(value, lead=label in ("牵头单位", "主责单位")))
        cleaned = []
        for para in point.paragraphs:
            para = PAREN_LABELLED.sub("", para)
            para = LABELLED.sub("", para).strip(" ；;，,")
            if para:
                cleaned.append(para)
        point.paragraphs = cleaned
    else:
        found = None
        for i, para in enumerate(point.paragraphs):
            for m in BRACKET_UNITS.finditer(para):
                found = (i, m)
        if found is not None:
            i, m = found
            units = split_units(m.group(1))
            para = (point.paragraphs[i][: m.start()] + point.paragraphs[i][m.end():]).strip()
            if para:
                point.paragraphs[i] = para
            else:
                del point.paragraphs[i]
    point.units = units


def parse(text: str, year: int | None = None) -> list[Point]:
    """The numbered points of a work-points document, nested by level, with their units."""
    roots: list[Point] = []
    stack: list[Point] = []
    seen_levels: list[int] = []
    for raw_line in text.replace("\r", "\n").split("\n"):
        line = raw_line.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        heading = _heading(line)
        if heading is not None and stack or heading is not None and heading[0] == 1:
            level, raw_number, rest = heading
            # a level appears only below the one above it (a stray 1. before any 一、 is text)
            if level > 1 and not any(p.level < level for p in stack):
                heading = None
            else:
                title, remainder = _split_title(rest)
                point = Point(_number_label(level, raw_number), level, title.strip())
                if remainder:
                    point.paragraphs.append(remainder)
                while stack and stack[-1].level >= level:
                    stack.pop()
                (stack[-1].children if stack else roots).append(point)
                stack.append(point)
                if level not in seen_levels:
                    seen_levels.append(level)
                continue
        if stack:
            if re.match(r"^(抄送|印发|浮梁县人民政府办公室\s+\d{4}年)", line) or re.match(r"^.{2,30}\s{2,}\d{4}年\d{1,2}月\d{1,2}日印发$", line):
                stack = []  # the document's tail (抄送, 印发 line) is not part of the last point
                continue
            stack[-1].paragraphs.append(line)
    if not roots:
        raise ParseError("文件中没有找到编号的工作要点（应以“一、”“（一）”或“1.”开头）。")

    def walk(points: list[Point], parent: Point | None) -> None:
        for p in points:
            _take_units(p, year)
            if parent is not None:
                # a sub-point that names nobody is its parent's units' work, by the parent's time limit
                if not p.units:
                    p.units = [UnitName(u.name, u.lead) for u in parent.units]
                p.due = p.due or parent.due
            walk(p.children, p)

    walk(roots, None)
    return roots


def flatten(points: list[Point]) -> list[Point]:
    out = []
    for p in points:
        out.append(p)
        out.extend(flatten(p.children))
    return out
