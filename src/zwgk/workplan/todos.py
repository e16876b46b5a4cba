"""The work-points module's to-dos on the 工作台 (``zwgk.core.todos``): 督办 to answer and tasks due for the
units, progress reports to review for the county office, and its column of overdue tasks by unit."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from zwgk.core import permissions, todos
from zwgk.core.models import User

from . import selectors


def supervision_items(user: User, limit: int) -> list[todos.Item]:
    today = timezone.localdate()
    out = []
    for s in selectors.supervisions_to_answer(user)[:limit]:
        when, urgent = todos.due_in_days(s.answer_by, today, what="前反馈")
        notice = s.notice.strip().replace("\n", " ")
        out.append(todos.Item(
            title=str(s.task), url=reverse("workplan:task", args=[s.task_id]) + "#h-sup",
            where=f"督办：{notice[:40]}{'…' if len(notice) > 40 else ''}", when=when, urgent=urgent))
    return out


def supervision_count(user: User) -> int:
    return selectors.supervisions_to_answer(user).count()


def task_items(user: User, limit: int) -> list[todos.Item]:
    today = timezone.localdate()
    out = []
    for t in selectors.tasks_due(user, today)[:limit]:
        when, urgent = todos.due_in_days(t.due_on, today, what="完成时限")
        role = "牵头" if t.lead_id == user.organization_id else "责任单位"
        out.append(todos.Item(title=str(t), url=t.get_absolute_url(), where=f"本单位{role}", when=when, urgent=urgent))
    return out


def task_count(user: User) -> int:
    return selectors.tasks_due(user).count()


def report_items(user: User, limit: int) -> list[todos.Item]:
    now = timezone.now()
    out = []
    for r in selectors.pending_reports().order_by("submitted_at", "pk")[:limit]:
        out.append(todos.Item(
            title=str(r.task), url=reverse("workplan:task", args=[r.task_id]) + f"#report-{r.pk}",
            where=f"{r.organization.short_name} · {r.author.get_full_name()}报送", when=todos.waited(r.submitted_at, now)))
    return out


def report_count(user: User) -> int:
    return selectors.pending_reports().count()


def nav_count(user: User) -> int:
    """The menu's number: reports to review for the county office, 督办 to answer for a unit."""
    return report_count(user) if permissions.has(user, "workplan.manage") else supervision_count(user)


def overdue_counts(today: dt.date) -> dict[int, int]:
    return selectors.overdue_tasks_by_organization(today)


def _has_unit(user: User) -> bool:
    return user.organization_id is not None


def register() -> None:
    todos.register(todos.TodoKind(
        "workplan-supervisions", "督办：待本单位反馈", 40, supervision_items, supervision_count, "workplan:index",
        any_of=("workplan.report",), needs=_has_unit, hint="在任务页“督办”处写明落实情况并反馈。"))
    todos.register(todos.TodoKind(
        "workplan-tasks", f"工作要点任务：已逾期或 {selectors.DUE_SOON_DAYS} 天内到期", 45, task_items, task_count,
        "workplan:index", any_of=("workplan.report",), needs=_has_unit, hint="报送进展，办结后由公开办确认。"))
    todos.register(todos.TodoKind(
        "workplan-reports", "待审核的进展报送", 46, report_items, report_count, "workplan:index",
        any_of=("workplan.manage",), hint="采纳或退回各单位报送的进展。"))
    todos.register_county_column(todos.CountyColumn(
        "workplan-overdue", "逾期未办结的任务", 20, overdue_counts, "workplan:index", any_of=("workplan.manage",)))
