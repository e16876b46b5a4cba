"""The monitoring module's to-dos on the 工作台 (``zwgk.core.todos``): findings of the inspections that one's
units have to rectify, and the county office's column of open findings by unit."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from zwgk.core import todos
from zwgk.core.models import User

from . import selectors


def items(user: User, limit: int) -> list[todos.Item]:
    today = timezone.localdate()
    out = []
    for f in selectors.to_rectify(user)[:limit]:
        when, urgent = todos.due_in_days(f.due_on, today, what="整改期限") if f.due_on else ("未定整改期限", False)
        page = f.page_title or f.url
        out.append(todos.Item(
            title=f.message + (f"：{f.text[:30]}" if f.text else ""),
            url=reverse("monitoring:tasks") + f"#finding-{f.pk}",
            where=f"{f.site.name}" + (f" · {page[:40]}" if page else "") + f" · {f.get_state_display()}",
            when=when, urgent=urgent,
        ))
    return out


def count(user: User) -> int:
    return selectors.to_rectify(user).count()


def open_counts(today: dt.date) -> dict[int, int]:
    return selectors.to_rectify_by_organization()


def register() -> None:
    todos.register(todos.TodoKind(
        "monitoring-findings", "网站检查发现的问题：待整改", 50, items, count, "monitoring:tasks",
        any_of=("monitoring.rectify",), hint="整改后在整改任务页标记“已整改”，下次检查复核销号。"))
    todos.register_county_column(todos.CountyColumn(
        "monitoring-open", "待整改的检查问题", 30, open_counts, "monitoring:tasks", any_of=("monitoring.manage",)))
