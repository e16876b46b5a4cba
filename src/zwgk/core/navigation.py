"""The staff menu as a registry: each app adds its entries in its ``AppConfig.ready()``, and every person sees
the entries their roles allow (the same permissions the views check). Core knows no app's pages.

An entry names the URL to open and the permissions of which any one opens it; ``needs`` is for the few
entries that depend on the person rather than a permission (their own organization's page, the admin site).
``count`` (optional) says how many things wait for the person there, in one cheap query: it is usually the
``count`` of the app's to-do kind (``core.todos``), or the unread notifications; the menu shows it when it is not
zero, with ``count_label`` for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from . import permissions


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    order: int
    any_of: tuple[str, ...] = ()  # permissions; empty means every signed-in staff member
    needs: Callable[[Any], bool] | None = None
    args: Callable[[Any], tuple] | None = None  # URL arguments from the user
    count: Callable[[Any], int] | None = None  # how many wait for the user there (one query)
    count_label: str = " 件待办"  # what the count counts, for screen readers (" 条未读")


NAV: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    """Add (or replace, by key) a menu entry; apps call it from ``ready()``."""
    NAV[item.key] = item


def _visible(item: NavItem, user: Any) -> bool:
    if item.needs is not None and not item.needs(user):
        return False
    return not item.any_of or any(permissions.has(user, p) for p in item.any_of)


def menu_for(user: Any, path: str = "") -> list[dict[str, Any]]:
    """The menu entries ``user`` may open, in order, each with its URL; the entry whose URL is the longest
    prefix of ``path`` is marked current (the section the page belongs to)."""
    if user is None or not user.is_authenticated:
        return []
    out = []
    for item in sorted(NAV.values(), key=lambda i: (i.order, i.key)):
        if _visible(item, user):
            url = reverse(item.url_name, args=item.args(user) if item.args else ())
            count = item.count(user) if item.count is not None else 0
            out.append({"key": item.key, "label": item.label, "url": url, "current": False, "count": count,
                        "count_label": item.count_label})
    matching = [e for e in out if path.startswith(e["url"])]
    if matching:
        max(matching, key=lambda e: len(e["url"]))["current"] = True
    return out
