"""The consultation as a state machine (``zwgk.core.workflow``): 草稿 → 征集中 → 征集结束 → 已完成.

A draft is edited and opened by its unit; it closes after its closing day (the periodic job, or staff); a closed
consultation takes its answers and its adoption report, and is finished (已完成) only once that report is public.
"""

from __future__ import annotations

from typing import Any

from zwgk.core.workflow import Machine, Transition

from .models import Consultation, ConsultationState

DRAFT, OPEN, CLOSED, FINISHED = (ConsultationState.DRAFT, ConsultationState.OPEN, ConsultationState.CLOSED,
                                 ConsultationState.FINISHED)

CONSULTATION = Machine(
    name="participation.consultation",
    state_of=lambda c: c.state,
    labels=dict(ConsultationState.choices),
    organization_of=lambda c: c.organization,
).add(
    Transition("edit", "修改", frozenset({DRAFT}), permission="participation.edit",
               wrong_state="意见征集已发布（{state}），草案和期限不能再修改。"),
    Transition("open", "发布征集", frozenset({DRAFT}), permission="participation.edit", wrong_state="意见征集已经发布。"),
    Transition("enter", "录入意见", frozenset({OPEN, CLOSED}), permission="participation.edit",
               wrong_state="当前状态（{state}）下不能录入意见。"),
    Transition("close", "结束征集", frozenset({OPEN}), permission="participation.edit", wrong_state="意见征集不在征集中。"),
    Transition("answer", "答复意见", frozenset({OPEN, CLOSED}), permission="participation.edit",
               wrong_state="当前状态（{state}）下不能再修改答复。"),
    Transition("report", "送审采纳情况", frozenset({CLOSED}), permission="participation.edit",
               wrong_state="征集结束后才能送审采纳情况（当前：{state}）。"),
    Transition("finish", "办结", frozenset({CLOSED}), permission="participation.edit", wrong_state="当前状态（{state}）下不能办结。"),
)


def available_actions(c: Consultation, user: Any) -> set[str]:
    return set(CONSULTATION.available(c, user))
