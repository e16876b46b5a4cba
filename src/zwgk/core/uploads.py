"""Bounds on what a request may send, enforced before its body is read.

Every request body is limited to ``settings.ZWGK_REQUEST_MAX_BYTES`` (form fields only) unless its view declares
that it takes uploads with :func:`accepts_uploads`, with the largest body that view's own limits allow (for
instance the public application form: 5 files of at most 10 MB). :class:`RequestSizeMiddleware` answers a
larger declared ``Content-Length`` with a Chinese 413 page before anything is read, and
:class:`BoundedUploadHandler` stops a multipart upload as soon as more bytes arrive than that limit (a client
that declares less than it sends). Files are written to disk above ``FILE_UPLOAD_MAX_MEMORY_SIZE``.

The reverse proxy should refuse larger bodies first (nginx ``client_max_body_size``, see README).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.html import escape

MB = 1024 * 1024
MARGIN = 1 * MB  # the form fields and multipart headers beside the files


def accepts_uploads(max_bytes: Callable[[], int]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare that a view takes file uploads whose files add up to at most ``max_bytes()`` (called per request,
    so a limit from settings is read when the request comes)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        view.zwgk_upload_bytes = max_bytes  # type: ignore[attr-defined]
        return view

    return decorate


def check_files(files: Sequence[File], max_files: int, max_bytes: int, field: str = "files") -> None:
    """The count of uploaded files and each one's size, from what the upload declares: nothing is read. A
    ValidationError in Chinese on ``field`` when one is over its limit."""
    if len(files) > max_files:
        raise ValidationError({field: f"附件最多 {max_files} 个，您选择了 {len(files)} 个。"})
    for f in files:
        if f.size is None or f.size > max_bytes:
            raise ValidationError({field: f"“{f.name}”超过 {_megabytes(max_bytes)}。"})


def body_limit(request: HttpRequest) -> int:
    """The largest body this request may send."""
    try:
        view = resolve(request.path_info, getattr(request, "urlconf", None)).func
    except Resolver404:
        view = None
    declared = getattr(view, "zwgk_upload_bytes", None)
    return settings.ZWGK_REQUEST_MAX_BYTES + (declared() + MARGIN if declared else 0)


def _megabytes(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n // 1024} KB"


class RequestSizeMiddleware:
    """Refuses a body larger than the request's limit from its declared length, before reading it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = request.zwgk_body_limit = body_limit(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return too_large(limit)
        return self.get_response(request)


def too_large(limit: int) -> HttpResponse:
    """413 in Chinese; a plain page, since the request has gone through no other middleware."""
    text = escape(f"提交的内容过大（超过 {_megabytes(limit)}），未被接收。请减少或压缩附件后重新提交；"
                  "附件较多时可分次提交，或通过信函、当面等方式提出。")
    html = (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>提交的内容过大</title></head>'
            f"<body><h1>提交的内容过大</h1><p>{text}</p><p>请使用浏览器的“后退”返回上一页。</p></body></html>")
    return HttpResponse(html, status=413, content_type="text/html; charset=utf-8")


class BoundedUploadHandler(FileUploadHandler):
    """First of the upload handlers: counts the file bytes that arrive and stops the upload once they pass the
    request's limit (the body is then not read further; the form sees the files as missing)."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = (getattr(request, "zwgk_body_limit", None) or body_limit(request)) if request is not None else 0
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.limit and self.received > self.limit:
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the file
