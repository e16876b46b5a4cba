"""What 重大行政决策目录及其法定程序 registers when the app is ready: the reference kind ``decision_item`` and the lead
unit's to-do (items past their planned date not yet decided)."""

from __future__ import annotations

from typing import Any


def _items(user: Any, limit: int) -> list:
    from django.utils import timezone

    from zwgk.core import todos

    from . import selectors

    today = timezone.localdate()
    out = []
    for item in selectors.overdue_items(user.organization, today)[:limit]:
        when, urgent = todos.due_in_days(item.planned_on, today, what="计划完成")
        out.append(todos.Item(title=item.title, url=item.get_absolute_url(), where=f"{item.catalog.year}年度重大行政决策",
                              when=when, urgent=urgent))
    return out


def _count(user: Any) -> int:
    from django.utils import timezone

    from . import selectors

    return selectors.overdue_items(user.organization, timezone.localdate()).count()


def _has_unit(user: Any) -> bool:
    return user.organization_id is not None


def register() -> None:
    from zwgk.core import references, todos

    references.register("decision_item", "participation:decision_item")
    todos.register(todos.TodoKind(
        "participation-decisions-overdue", "重大行政决策事项：已过计划完成时间尚未决策", 48, _items, _count,
        "participation:decisions", any_of=("participation.edit",), needs=_has_unit,
        hint="记录法定程序的履行情况，具备条件后标记为已决策。"))
