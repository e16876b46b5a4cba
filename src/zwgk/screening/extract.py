"""File types by content (not by name) and text extraction for screening and search.

Extraction is bounded: an attachment is hostile input (a 97 KB ZIP once became 99.6 MB of text). Every
ZIP-based format (ZIP, DOCX, XLSX, OFD) is unpacked here, member by member through ``ZipFile.open`` in
chunks, counting the bytes actually decompressed (a member's declared ``file_size`` is never trusted), and
the parsing libraries only ever see the members so counted. When a limit is reached extraction stops,
keeps what was read up to it, and says why in ``Extraction.problems`` (Chinese, to become a screening
finding: “附件“x.zip”解压后过大，已停止提取文字，请检查附件”).
"""

from __future__ import annotations

import codecs
import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple
from xml.etree import ElementTree

# kind -> (label, file-name extensions that fit it)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("PDF 文档", (".pdf",)),
    "ofd": ("OFD 版式文档", (".ofd",)),
    "docx": ("Word 文档", (".docx",)),
    "xlsx": ("Excel 表格", (".xlsx",)),
    "ole": ("Word/Excel/WPS 97-2003 文档", (".doc", ".xls", ".wps", ".et", ".dps", ".ppt")),
    "png": ("PNG 图片", (".png",)),
    "jpeg": ("JPEG 图片", (".jpg", ".jpeg")),
    "gif": ("GIF 图片", (".gif",)),
    "zip": ("ZIP 压缩包", (".zip",)),
    "text": ("文本", (".txt",)),
}


def _zip_kind(fileobj) -> str | None:  # noqa: ANN001
    """ofd, docx, xlsx or zip by the archive's directory (read from its end, not the whole file)."""
    try:
        with zipfile.ZipFile(fileobj) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "OFD.xml" in names:
        return "ofd"
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    return "zip"


SNIFF_HEAD = 4096


def sniff_file(fileobj) -> str | None:  # noqa: ANN001
    """:func:`sniff` for a seekable file without reading it whole: its first bytes, and for a ZIP its directory."""
    fileobj.seek(0)
    head = fileobj.read(SNIFF_HEAD)
    fileobj.seek(0)
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(fileobj)
        fileobj.seek(0)
        return kind
    return sniff(head)


def sniff(data: bytes) -> str | None:
    """The kind of a file judged by its bytes, or None when it is none of the accepted kinds."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(io.BytesIO(data))
    try:  # the first 4 KB may end inside a character
        text = codecs.getincrementaldecoder("utf-8")().decode(data[:4096], final=False)
    except UnicodeDecodeError:
        return None
    if "\x00" not in text:
        return "text"
    return None


# --- limits ------------------------------------------------------------------------------------------------
# One attachment is at most settings.ZWGK_ATTACHMENT_MAX_MB (50 MB) as uploaded. Text formats compress about
# 3-10:1 (Office XML up to about 20:1), PDFs, images and media hardly at all, so an honest archive of that size
# unpacks to well under MAX_UNPACKED_BYTES; a bomb's zeros compress over 1000:1.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # decompressed bytes read in one extraction, all archive levels together
MAX_MEMBER_BYTES = 20 * 1024 * 1024  # one member (the size the previous code skipped on, but by declared size)
# Apache POI's ZipSecureFile (the reference zip-bomb guard for Office files) refuses an entry that inflates more
# than 100:1 (MIN_INFLATE_RATIO = 0.01) once past a grace size; here the ratio is of the bytes unpacked from an
# archive to the archive's real length, checked once more than RATIO_GRACE_BYTES have come out of it.
MAX_RATIO = 100
RATIO_GRACE_BYTES = 1024 * 1024
# An Office or OFD package holds a few dozen parts (one per sheet or page plus a handful); 1000 covers a
# 300-page OFD or a ZIP of a few hundred documents. The previous code read the first 200 members of a ZIP.
MAX_MEMBERS = 1000
MAX_NESTING = 3  # archive levels: a ZIP holding a ZIP holding a DOCX is 3
# Screening and the search index need the words, not every copy: 2 million characters is some 2000 pages of
# a 公文 (about 1000 characters a page) and screens in well under a second (99.6 MB took 17 s).
MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 1000  # pypdf itself bounds each decompressed stream (pypdf.Configuration, 75 MB by default)
CHUNK = 64 * 1024

TOO_BIG = "解压后过大，已停止提取文字"
MEMBER_TOO_BIG = "中有文件解压后过大，只提取了其前一部分文字"
TOO_MANY = f"包含的文件超过 {MAX_MEMBERS} 个，已停止提取文字"
TOO_DEEP = f"压缩包嵌套超过 {MAX_NESTING} 层，未提取更深层的文字"
DAMAGED = "中有文件已损坏或加密，只提取了能读出的部分文字"
TOO_LONG = f"的文字超过 {MAX_TEXT_CHARS:,} 字，只检查了前 {MAX_TEXT_CHARS:,} 字"
TOO_MANY_PAGES = f"超过 {MAX_PDF_PAGES} 页，只提取了前 {MAX_PDF_PAGES} 页的文字"


class Extraction(NamedTuple):
    text: str | None  # None: the format holds no extractable text (images, OLE) or the file is damaged
    problems: list[str]  # why extraction stopped early, to follow “附件“名称”” in a finding


@dataclass
class _Budget:
    """What one extraction has used so far, shared by every archive level."""

    unpacked: int = 0
    members: int = 0
    chars: int = 0
    stopped: bool = False  # no more unpacking: what was unpacked is still read for text
    problems: list[str] = field(default_factory=list)

    def note(self, problem: str, stop: bool = False) -> None:
        if problem not in self.problems:
            self.problems.append(problem)
        self.stopped = self.stopped or stop

    def take(self, text: str) -> str:
        """``text`` cut to what the character limit still allows."""
        room = MAX_TEXT_CHARS - self.chars
        if len(text) > room:
            text = text[: max(room, 0)]
            self.note(TOO_LONG)
        self.chars += len(text)
        return text


def _unpack(data: bytes, budget: _Budget, depth: int, wanted: Callable[[str], bool] | None = None) -> tuple[list[tuple[str, bytes]], bool]:
    """The members of an archive as read, and whether they were read whole (no limit reached, nothing damaged).
    Members not ``wanted`` (pictures and other binary parts of a package) are listed empty, never decompressed."""
    if depth >= MAX_NESTING:
        budget.note(TOO_DEEP)
        return [], False
    members: list[tuple[str, bytes]] = []
    whole, unpacked = True, 0
    archive_limit = max(RATIO_GRACE_BYTES, MAX_RATIO * len(data))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if budget.stopped:
                return members, False
            if info.is_dir():
                continue
            if wanted is not None and not wanted(info.filename):
                members.append((info.filename, b""))
                continue
            budget.members += 1
            if budget.members > MAX_MEMBERS:
                budget.note(TOO_MANY, stop=True)
                return members, False
            chunks, size = [], 0
            try:
                with zf.open(info) as member:
                    while chunk := member.read(CHUNK):
                        room_member = MAX_MEMBER_BYTES - size
                        room_total = min(MAX_UNPACKED_BYTES - budget.unpacked, archive_limit - unpacked)
                        kept = chunk[: max(0, min(room_member, room_total))]
                        chunks.append(kept)
                        size, unpacked, budget.unpacked = size + len(kept), unpacked + len(kept), budget.unpacked + len(kept)
                        if len(chunk) > room_total:
                            budget.note(TOO_BIG, stop=True)
                        elif len(chunk) > room_member:
                            budget.note(MEMBER_TOO_BIG)
                        else:
                            continue
                        whole = False
                        break
            except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, RuntimeError, NotImplementedError, ValueError):
                budget.note(DAMAGED)  # a bad CRC (as when a member is longer than declared), encrypted, unknown compression
                whole = False
            members.append((info.filename, b"".join(chunks)))
    return members, whole


def _package_xml(name: str) -> bool:
    """The parts of an Office package that hold its words and structure (not media, embedded files or fonts)."""
    return name.endswith((".xml", ".rels"))


def _repack(members: list[tuple[str, bytes]]) -> io.BytesIO:
    """The counted members as a new, uncompressed archive for a parsing library."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for name, data in dict(members).items():  # a repeated name: the last one, as ZipFile.read() would
            zf.writestr(name, data)
    out.seek(0)
    return out


def _xml_texts(data: bytes, tag: str | None = None) -> list[str]:
    """The texts of the elements (all, or those named ``tag``) of XML that may be cut off anywhere."""
    parser = ElementTree.XMLPullParser(events=("end",))
    texts: list[str] = []
    try:
        for start in range(0, len(data), CHUNK):
            parser.feed(data[start : start + CHUNK])
            for _, el in parser.read_events():
                if (tag is None or el.tag.rsplit("}", 1)[-1] == tag) and el.text and el.text.strip():
                    texts.append(el.text)
                el.clear()  # the tree of a 20 MB part is not kept
    except ElementTree.ParseError:
        pass  # the rest is damaged or cut off: keep what came before
    return texts


def _partial_package_text(members: list[tuple[str, bytes]]) -> str:
    """The words of an Office package that could be read only in part, where its library cannot open it."""
    lines = []
    for name, data in members:
        if name.endswith(".xml") and name != "[Content_Types].xml":
            lines += _xml_texts(data)
    return "\n".join(lines)


def _docx_text(data: bytes, budget: _Budget, depth: int) -> str:
    import docx

    members, whole = _unpack(data, budget, depth, _package_xml)
    if not whole:
        return _partial_package_text(members)
    document = docx.Document(_repack(members))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx_text(data: bytes, budget: _Budget, depth: int) -> str:
    from openpyxl import load_workbook

    members, whole = _unpack(data, budget, depth, _package_xml)
    if not whole:
        return _partial_package_text(members)
    wb = load_workbook(_repack(members), read_only=True, data_only=True)
    lines = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells = [str(v) for v in row if v is not None]
            if cells:
                lines.append("\t".join(cells))
    wb.close()
    return "\n".join(lines)


def _pdf_text(data: bytes, budget: _Budget, depth: int) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts, chars = [], budget.chars
    for number, page in enumerate(reader.pages):
        if number == MAX_PDF_PAGES:
            budget.note(TOO_MANY_PAGES)
            break
        parts.append(page.extract_text() or "")
        chars += len(parts[-1]) + 1
        if chars > MAX_TEXT_CHARS:
            break  # _extract cuts the text at the limit and says so
    return "\n".join(parts)


OFD_PAGE = re.compile(r"Pages/Page_\d+/Content\.xml$")


def _ofd_text(data: bytes, budget: _Budget, depth: int) -> str:
    members, _ = _unpack(data, budget, depth, lambda name: bool(OFD_PAGE.search(name)))
    lines = []
    for _, content in sorted((m for m in members if OFD_PAGE.search(m[0])), key=lambda m: m[0]):
        lines += _xml_texts(content, "TextCode")
    return "\n".join(lines)


def _plain_text(data: bytes, budget: _Budget, depth: int) -> str:
    return data[: MAX_TEXT_CHARS * 4].decode("utf-8", errors="replace")  # enough bytes for the characters kept


def _zip_text(data: bytes, budget: _Budget, depth: int) -> str:
    members, _ = _unpack(data, budget, depth)
    parts = []
    for name, inner in members:
        parts.append(budget.take(name))
        kind = sniff(inner)
        if kind in EXTRACTORS and budget.chars < MAX_TEXT_CHARS:
            parts.append(_extract(inner, kind, budget, depth + 1) or "")
    return "\n".join(parts)


EXTRACTORS = {"docx": _docx_text, "xlsx": _xlsx_text, "pdf": _pdf_text, "ofd": _ofd_text, "zip": _zip_text, "text": _plain_text}


def _extract(data: bytes, kind: str, budget: _Budget, depth: int) -> str | None:
    extractor = EXTRACTORS.get(kind)
    if extractor is None:
        return None
    try:
        text = extractor(data, budget, depth)
    except Exception:  # noqa: BLE001 (a damaged file of any format: screening reports that no text could be read)
        return None
    return text if kind == "zip" else budget.take(text)  # a ZIP's members were counted one by one


def extract(data: bytes, kind: str | None = None) -> Extraction:
    """Plain text of a file within the limits above, and what stopped it early."""
    budget = _Budget()
    text = _extract(data, kind or sniff(data) or "", budget, 0)
    return Extraction(None if text is None else text[:MAX_TEXT_CHARS], budget.problems)


def extract_text(data: bytes, kind: str | None = None) -> str | None:
    """Plain text of a file, or None when the format holds no extractable text (images, OLE)."""
    return extract(data, kind).text
