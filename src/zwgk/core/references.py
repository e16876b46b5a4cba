"""References to records as (kind, id), resolved to a page only when shown.

A module that stores a pointer to another module's record (a progress report's evidence, an assessment
score's records) keeps ``{"kind": …, "id": …}``, never a URL: addresses change, the record stays. Each app
registers the page of its kinds in ``ready()``; ``url_for`` builds the address when a page is rendered.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

PAGES: dict[str, str] = {}  # kind -> URL name taking the id


def register(kind: str, url_name: str) -> None:
    PAGES[kind] = url_name


def url_for(kind: str, object_id: Any) -> str:
    """The page of a referenced record; a ``link`` is its own address; "" for an unknown kind."""
    if kind == "link":
        text = str(object_id)
        return text if text.startswith(("http://", "https://")) else ""
    name = PAGES.get(kind)
    if name is None:
        return ""
    try:
        return reverse(name, args=[object_id])
    except NoReverseMatch:
        return ""


def entry_url(entry: dict[str, Any]) -> str:
    """The page of a stored reference; entries written before references were kinds kept their URL."""
    if "kind" in entry and "id" in entry:
        return url_for(entry["kind"], entry["id"])
    return entry.get("url", "")
