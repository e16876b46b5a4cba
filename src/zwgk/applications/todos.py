"""The disclosure-request module's to-dos on the 工作台 (``zwgk.core.todos``): the open applications of one's
units by the statutory clock's urgency, dates computed on the law's holidays marked 暂定; and the county
office's column of overdue applications by unit."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from zwgk.core import todos
from zwgk.core.models import User

from . import rules, selectors
from .clock import State


def _when(clock) -> tuple[str, bool]:  # noqa: ANN001
    due = f"{clock.due_label} {clock.due:%Y-%m-%d}" if clock.due else ""
    if clock.state == State.UNKNOWN_CALENDAR:
        return "工作日历缺失，无法计算期限", True
    if clock.overdue:
        return f"已超期 {-clock.days_left} 个工作日（{due}）", True
    if clock.due_today:
        return f"今天到期（{due}）", True
    if clock.state in (State.AWAITING_CORRECTION, State.AWAITING_FEE, State.PAUSED):
        return f"{clock.state_label}" + (f"，{due}" if due else ""), False
    if clock.days_left is not None:
        soon = "即将到期，" if clock.due_soon else ""
        return f"{soon}还剩 {clock.days_left} 个工作日（{due}）", False
    return clock.state_label, False


def items(user: User, limit: int) -> list[todos.Item]:
    out = []
    for row in selectors.by_urgency(user)[:limit]:
        app, clock = row.app, row.clock
        when, urgent = _when(clock)
        text = app.description.strip().replace("\n", " ")
        out.append(todos.Item(
            title=f"{app.tracking_code} {text[:30]}{'…' if len(text) > 30 else ''}",
            url=reverse("applications:detail", args=[app.pk]),
            where=f"{app.organization.short_name or app.organization.name} · 申请人 {app.name} · {app.received_on:%Y-%m-%d} 收到",
            when=when, urgent=urgent,
            note=f"暂定：{clock.provisional_note}" if clock.provisional else "",
        ))
    return out


def overdue_counts(today: dt.date) -> dict[int, int]:
    return selectors.overdue_by_organization(today)


def register() -> None:
    todos.register(todos.TodoKind(
        "applications", "依申请公开：办理中的申请", 30, items, selectors.open_count, "applications:dashboard",
        any_of=("applications.handle",),
        hint=f"按法定期限的紧急程度排列：已超期、今天到期、{rules.DUE_SOON_DAYS} 个工作日内到期的在前（按工作日计算）。"))
    todos.register_county_column(todos.CountyColumn(
        "applications-overdue", "超期未答复的申请", 10, overdue_counts, "applications:dashboard", any_of=("applications.handle",)))
