"""The one web idiom of the staff pages: load an object and authorize it in one call, map a service's
ValidationError onto the bound form, and answer a download with a correct Chinese file name.

A view reads its input through a form, loads its object with :func:`object_for`, calls a service, and on a
ValidationError shows the form again with :func:`errors_to_form`. An object the user may not see answers 404
with the same message as a missing one, so the existence of another unit's records is not revealed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse

from . import permissions

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv; charset=utf-8"
CONTENT_TYPES = {"xlsx": XLSX, "docx": DOCX, "csv": CSV}


def object_for(
    request: HttpRequest,
    queryset: type[models.Model] | models.QuerySet,
    pk: Any,
    permission: str | tuple[str, ...] | Callable[[Any, Any], bool],
    *,
    organization: Callable[[Any], Any] = lambda obj: obj.organization,
    missing: str = "没有找到该记录，或您无权查看。",
) -> Any:
    """The object ``pk`` of ``queryset`` if ``request.user`` holds one of ``permission`` for its organization (or,
    for an object that belongs to no single organization, if ``permission(user, obj)`` answers True);
    404 otherwise (the same answer whether it does not exist or belongs to a unit the user may not see)."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    try:
        obj = qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(missing) from None
    if callable(permission):
        allowed = permission(request.user, obj)
    else:
        wanted = (permission,) if isinstance(permission, str) else permission
        org = organization(obj)
        allowed = any(permissions.has(request.user, p, org) for p in wanted)
    if not allowed:
        raise Http404(missing)
    return obj


def errors_to_form(form: forms.BaseForm, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Put a service's errors on the form: each on its field when the form has it (``aliases`` maps a model
    field to the form field that edits it), otherwise at the top of the form."""
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            target = aliases.get(name, name)
            for error in errors:
                form.add_error(target if target in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


def download(data: bytes, filename: str, fmt: str | None = None) -> HttpResponse:
    """A file to save: the content type from the format (or the name's extension) and a name that keeps its
    Chinese characters in every browser (RFC 6266 ``filename*``, with an ASCII fallback)."""
    filename = "".join(c for c in filename if c.isprintable()) or "download"  # a name from a form may hold a newline
    fmt = fmt or filename.rsplit(".", 1)[-1].lower()
    response = HttpResponse(data, content_type=CONTENT_TYPES.get(fmt, "application/octet-stream"))
    ascii_name = filename.encode("ascii", "ignore").decode() or f"download.{fmt}"
    ascii_name = ascii_name.replace('"', "").replace("\\", "")
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
