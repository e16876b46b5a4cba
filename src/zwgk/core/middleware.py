from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict

from . import audit, text


def client_address(request: HttpRequest) -> str | None:
    """The client's address; behind ZWGK_PROXY_COUNT trusted proxies, read from X-Forwarded-For."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    if proxies:
        chain = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def _cleaned(data: QueryDict) -> QueryDict:
    out = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        out.setlist(text.clean(key), values if "password" in key else [text.clean(v) for v in values])
    out._mutable = False
    return out


class CleanTextMiddleware:
    """Every text value a browser sends is cleaned (``zwgk.core.text.clean``) before any view or form sees it.

    Why here and not in the form fields: one place at the request boundary covers every form of every app
    (ours, the admin's, Django's auth forms) and the views that read ``request.POST`` or ``request.GET``
    directly, with no form having to opt in, and without changing how Django's fields behave. Query strings
    and url-encoded or multipart bodies are cleaned; other bodies (JSON to the API) are left to their parsers.
    Passwords (fields whose name contains ``password``) are passed as typed: a password is compared, never shown.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.GET:
            request.GET = _cleaned(request.GET)
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            request.POST = _cleaned(request.POST)
        return self.get_response(request)


class AuditContextMiddleware:
    """Makes the client address of the current request available to audit.record()."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with audit.client_ip(client_address(request)):
            return self.get_response(request)


class LongUrlMiddleware:
    """An address longer than ZWGK_MAX_URL_LENGTH gets the Chinese 414 page before any view reads it. The limit is below
    gunicorn's request-line limit, so Django answers first; longer lines get the same page from ``zwgk.core.server``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.get_full_path()) > settings.ZWGK_MAX_URL_LENGTH:
            from django.shortcuts import render

            return render(request, "414.html", status=414)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith(("/staff/", "/admin/")):
            response.setdefault("Cache-Control", "no-store")
        return response
