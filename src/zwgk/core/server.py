"""The gunicorn worker of ``./run serve`` and ``./run demo`` (``--worker-class zwgk.core.server.Worker``).

gunicorn refuses a request line longer than ``--limit-request-line`` (at most 8190 bytes) or too large headers before
Django sees the request, and answers them itself with an English page. This worker answers them with the site's own
Chinese page instead. Shorter over-long addresses reach Django, where ``LongUrlMiddleware`` refuses them first
(``ZWGK_MAX_URL_LENGTH``), with the same page.
"""

from __future__ import annotations

from typing import Any

from gunicorn import util
from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.workers.sync import SyncWorker

# gunicorn's refusal -> (status line, template)
REFUSALS = {LimitRequestLine: ("414 URI Too Long", "414.html"), LimitRequestHeaders: ("431 Request Header Fields Too Large", "400.html")}


def error_page(status: str, template: str) -> bytes:
    """A complete HTTP response with the rendered Chinese page (rendered without a request: no cookies, no user)."""
    from django.conf import settings
    from django.template.loader import render_to_string

    body = render_to_string(template, {"zwgk_site": settings.ZWGK_SITE}).encode()
    head = (f"HTTP/1.1 {status}\r\nConnection: close\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nX-Content-Type-Options: nosniff\r\n\r\n")
    return head.encode("latin-1") + body


class Worker(SyncWorker):
    """gunicorn's sync worker; a request it refuses as too large gets the site's Chinese page."""

    _pages: dict[type, bytes] = {}

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        refusal = next((cls for cls in REFUSALS if isinstance(exc, cls)), None)
        if refusal is None:
            return super().handle_error(req, client, addr, exc)
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        if refusal not in self._pages:
            self._pages[refusal] = error_page(*REFUSALS[refusal])
        try:
            util.write_nonblock(client, self._pages[refusal])
        except OSError:
            self.log.debug("Failed to send error message.")
        return None
