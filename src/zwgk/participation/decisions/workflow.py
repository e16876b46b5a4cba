"""A decision item as a state machine (``zwgk.core.workflow``): 已列入目录 → 推进中 → 已决策 → 已公布 → 实施中 →
已评估, or 已撤回 (with the reason) before it is decided. The lead unit's staff (``participation.edit`` for the lead
unit; the county office holds it county-wide) move it; withdrawing is the county office's (``participation.manage``).
The "decided" step is refused while a required procedure has no evidence (the guard names them)."""

from __future__ import annotations

from typing import Any

from zwgk.core.workflow import Machine, Transition

from .models import DecisionItem, ItemState

S = ItemState


def _missing_guard(item: DecisionItem, user: Any) -> str | None:
    from . import selectors

    missing = selectors.missing_procedures(item)
    if missing:
        return "以下需履行的法定程序尚无佐证材料，不能标记为已决策：" + "、".join(missing) + "。"
    return None


def _lead(item: DecisionItem, user: Any) -> Any:
    return item.lead


ITEM = Machine(
    name="participation.decision_item",
    state_of=lambda item: item.state,
    labels=dict(ItemState.choices),
    organization_of=lambda item: None,  # the catalog is the county government's
).add(
    Transition("record", "记录法定程序", frozenset({S.LISTED, S.IN_PROGRESS}), permission="participation.edit",
               permission_org=_lead, wrong_state="事项{state}，不能再记录法定程序。"),
    Transition("start", "开始推进", frozenset({S.LISTED}), permission="participation.edit", permission_org=_lead),
    Transition("decide", "标记为已决策", frozenset({S.IN_PROGRESS}), permission="participation.edit",
               permission_org=_lead, guards=(_missing_guard,)),
    Transition("publish", "登记决策公布", frozenset({S.DECIDED}), permission="participation.edit", permission_org=_lead),
    Transition("implement", "开始实施", frozenset({S.PUBLISHED}), permission="participation.edit", permission_org=_lead),
    Transition("evaluate", "登记决策后评估", frozenset({S.IMPLEMENTING}), permission="participation.edit",
               permission_org=_lead),
    Transition("withdraw", "撤回", frozenset({S.LISTED, S.IN_PROGRESS}), permission="participation.manage"),
    Transition("require", "调整需履行的程序", frozenset({S.LISTED, S.IN_PROGRESS}), permission="participation.manage"),
)


def available_actions(item: DecisionItem, user: Any) -> set[str]:
    return set(ITEM.available(item, user))
