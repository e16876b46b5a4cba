"""File types by content (not by name) and text extraction for screening and search."""

from __future__ import annotations

import io
import re
import zipfile
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
    try:
        text = data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" not in text:
        return "text"
    return None


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells = [str(v) for v in row if v is not None]
            if cells:
                lines.append("\t".join(cells))
    wb.close()
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _ofd_text(data: bytes) -> str:
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        pages = sorted(n for n in zf.namelist() if re.search(r"Pages/Page_\d+/Content\.xml$", n))
        for name in pages:
            root = ElementTree.fromstring(zf.read(name))
            for el in root.iter():
                if el.tag.endswith("TextCode") and el.text:
                    lines.append(el.text)
    return "\n".join(lines)


def _zip_text(data: bytes) -> str:
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist()[:200]:
            parts.append(info.filename)
            if info.file_size > 20 * 1024 * 1024 or info.is_dir():
                continue
            inner = zf.read(info)
            kind = sniff(inner)
            if kind in ("docx", "xlsx", "pdf", "ofd", "text"):
                parts.append(extract_text(inner, kind) or "")
    return "\n".join(parts)


EXTRACTORS = {"docx": _docx_text, "xlsx": _xlsx_text, "pdf": _pdf_text, "ofd": _ofd_text, "zip": _zip_text}


def extract_text(data: bytes, kind: str | None = None) -> str | None:
    """Plain text of a file, or None when the format holds no extractable text (images, OLE)."""
    kind = kind or sniff(data)
    if kind == "text":
        return data.decode("utf-8", errors="replace")
    extractor = EXTRACTORS.get(kind or "")
    if extractor is None:
        return None
    try:
        return extractor(data)
    except Exception:  # a damaged file: screening reports that no text could be read
        return None
