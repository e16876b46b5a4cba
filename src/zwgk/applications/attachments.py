"""Files attached to an application (ID copy, authorization letter, the document's details): their limits and checks.

The limits are this platform's (the regulation sets none): at most 5 files of at most 10 MB each. The count and
each file's size are checked first, from the upload's size, before any file is read; the type is then judged by
the first bytes of its content (and for a ZIP container by its directory), never by its name, and the file is
streamed to storage. The public form's request body is bounded by the same numbers (``zwgk.core.uploads``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files import File

KINDS = {"pdf": "PDF", "jpeg": "JPEG 图片", "png": "PNG 图片", "docx": "Word 文档", "ofd": "OFD 文件"}
MAX_FILES = 5
MAX_FILE_MB = 10
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024


def max_upload_bytes() -> int:
    """The most file bytes one application may send (for the request-body bound)."""
    return MAX_FILES * MAX_FILE_BYTES


def check_limits(files: Sequence[File]) -> None:
    """Count and sizes, from the uploads' sizes: nothing is read."""
    if len(files) > MAX_FILES:
        raise ValidationError(f"最多上传 {MAX_FILES} 个附件，您选择了 {len(files)} 个。")
    for f in files:
        if f.size is None or f.size > MAX_FILE_BYTES:
            raise ValidationError(f"附件“{f.name}”超过 {MAX_FILE_MB} MB。")


def check(files: Sequence[File]) -> list[tuple[File, str]]:
    """Each file with its kind, judged by its content; every limit checked first."""
    from zwgk.screening.extract import sniff_file

    try:
        check_limits(files)
    except ValidationError as e:
        raise ValidationError({"files": e.messages}) from None
    out = []
    for f in files:
        kind = sniff_file(f)
        if kind not in KINDS:
            raise ValidationError({"files": f"附件“{f.name}”不是 PDF、JPEG、PNG、Word（.docx）或 OFD 文件。"})
        out.append((f, kind))
    return out
