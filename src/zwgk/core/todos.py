"""The 工作台's to-do list as a registry: each app adds the kinds of work it gives people in its ``AppConfig.ready()``
(drafts returned, reviews waiting, disclosure requests by urgency, 督办, findings to rectify, …); core knows no
app's tables.

A kind answers two questions for one person: ``items(user, limit)`` — at most ``limit`` items, most urgent first, in
one bounded query — and ``count(user)`` — how many there are, in one query (also shown beside the kind's menu
entry). The page asks ``count`` only when a list comes back full, so a group costs one query in the usual case and
two at most, whatever the amount of data.

The county office (whole-county scope) also sees the county's overdue work by unit: each app registers a column
(``CountyColumn``) whose ``counts()`` gives {organization id: number} in one grouped query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from . import permissions

LIMIT = 8  # items shown per group; the rest behind 查看全部


@dataclass(frozen=True)
class Item:
    """One thing to do: what, where or from whom, how long it has waited or when it is due, and where it is done."""

    title: str
    url: str
    where: str = ""  # the unit, the person, the step
    when: str = ""  # "已等待 3 天" / "2025-06-30 前反馈" / "已逾期 2 个工作日"
    urgent: bool = False  # overdue or due today: shown first and marked
    note: str = ""  # a qualifier such as 暂定


@dataclass(frozen=True)
class TodoKind:
    key: str
    label: str
    order: int
    items: Callable[[Any, int], list[Item]]  # (user, limit) -> at most limit items, most urgent first
    count: Callable[[Any], int]  # (user) -> how many in all
    url_name: str  # the page listing them all (查看全部)
    any_of: tuple[str, ...] = ()  # permissions of which one makes the kind apply; empty: everyone
    needs: Callable[[Any], bool] | None = None  # a condition on the person beyond permissions
    hint: str = ""  # what to do with these, one short sentence
    url_args: Callable[[Any], tuple] | None = None


@dataclass(frozen=True)
class CountyColumn:
    """A column of the county office's table of overdue work by unit."""

    key: str
    label: str
    order: int
    counts: Callable[[dt.date], dict[int, int]]  # {organization id: number}, one grouped query
    url_name: str
    any_of: tuple[str, ...] = ()  # held county-wide by whoever sees the column


KINDS: dict[str, TodoKind] = {}
COUNTY_COLUMNS: dict[str, CountyColumn] = {}


def register(kind: TodoKind) -> None:
    """Add (or replace, by key) a kind of to-do; apps call it from ``ready()``."""
    KINDS[kind.key] = kind


def register_county_column(column: CountyColumn) -> None:
    COUNTY_COLUMNS[column.key] = column


def applies(kind: TodoKind, user: Any) -> bool:
    if kind.needs is not None and not kind.needs(user):
        return False
    return not kind.any_of or any(permissions.has(user, p) for p in kind.any_of)


@dataclass
class Group:
    kind: TodoKind
    items: list[Item]
    total: int
    url: str

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    @property
    def urgent(self) -> int:
        return sum(1 for i in self.items if i.urgent)


def groups_for(user: Any, limit: int = LIMIT) -> list[Group]:
    """The kinds that apply to ``user``, in order, each with at most ``limit`` items and its total."""
    if user is None or not user.is_authenticated:
        return []
    out = []
    for kind in sorted(KINDS.values(), key=lambda k: (k.order, k.key)):
        if not applies(kind, user):
            continue
        items = list(kind.items(user, limit))[:limit]
        total = len(items) if len(items) < limit else max(kind.count(user), len(items))
        url = reverse(kind.url_name, args=kind.url_args(user) if kind.url_args else ())
        out.append(Group(kind, items, total, url))
    return out


def next_step(groups: list[Group]) -> Item | None:
    """What to do first: the first urgent item in the groups' order, else the first item."""
    for g in groups:
        for item in g.items:
            if item.urgent:
                return item
    for g in groups:
        if g.items:
            return g.items[0]
    return None


@dataclass
class CountyTable:
    columns: list[CountyColumn]
    rows: list[dict] = field(default_factory=list)  # {"organization", "cells": [int, …], "sum"}
    totals: list[int] = field(default_factory=list)


def county_table(user: Any, today: dt.date) -> CountyTable | None:
    """The county's overdue work by unit, for a person of whole-county scope; None for everyone else."""
    from .models import Organization

    if user is None or not user.is_authenticated or permissions.scope_ids(user, "org.view") is not None:
        return None
    columns = [c for c in sorted(COUNTY_COLUMNS.values(), key=lambda c: (c.order, c.key))
               if all(permissions.scope_ids(user, p) is None for p in c.any_of)]
    if not columns:
        return None
    counts = [c.counts(today) for c in columns]
    ids = {pk for per in counts for pk, n in per.items() if n}
    orgs = {o.pk: o for o in Organization.objects.filter(pk__in=ids)}
    rows = []
    for pk, org in orgs.items():
        cells = [per.get(pk, 0) for per in counts]
        rows.append({"organization": org, "cells": cells, "sum": sum(cells)})
    rows.sort(key=lambda r: (-r["cells"][0], -r["sum"], r["organization"].sort_order, r["organization"].pk))
    return CountyTable(columns, rows, [sum(per.values()) for per in counts])


def _span(since: dt.datetime, now: dt.datetime) -> str:
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes >= 24 * 60:
        return f"{minutes // (24 * 60)} 天"
    if minutes >= 60:
        return f"{minutes // 60} 小时"
    return f"{minutes} 分钟"


def waited(since: dt.datetime | None, now: dt.datetime) -> str:
    """How long something has waited, in Chinese: 已等待 3 天 / 5 小时 / 12 分钟."""
    return f"已等待 {_span(since, now)}" if since is not None else ""


def ago(since: dt.datetime | None, now: dt.datetime, what: str) -> str:
    """“3 天前退回”, “刚刚退回”."""
    if since is None:
        return ""
    return f"刚刚{what}" if (now - since).total_seconds() < 60 else f"{_span(since, now)}前{what}"


def due_in_days(due: dt.date, today: dt.date, *, what: str = "到期") -> tuple[str, bool]:
    """(“2025-06-30 到期，还有 3 天” / “今天到期” / “已逾期 2 天”, urgent) for a calendar-day deadline."""
    days = (due - today).days
    if days < 0:
        return f"{due:%Y-%m-%d} {what}，已逾期 {-days} 天", True
    if days == 0:
        return f"今天{what}", True
    return f"{due:%Y-%m-%d} {what}，还有 {days} 天", False
