"""Shared pieces of the project's management commands."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def read_text(path: str) -> str:
    """A UTF-8 text file (a BOM is fine), or a CommandError in Chinese."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return fh.read()
    except FileNotFoundError:
        raise CommandError(f"找不到文件“{path}”。") from None
    except IsADirectoryError:
        raise CommandError(f"“{path}”是目录，请给出文件。") from None
    except UnicodeDecodeError:
        raise CommandError(f"“{path}”不是 UTF-8 编码的文本文件。") from None


def run_import(importer: Callable[[str], int], path: str) -> int:
    """Run an all-or-nothing import service on a file; its line-numbered errors become the command's error."""
    try:
        return importer(read_text(path))
    except ValidationError as exc:
        raise CommandError("未导入任何记录。以下行有问题：\n" + "\n".join(exc.messages)) from None
