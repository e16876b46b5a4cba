"""The work-point task as a state machine (``zwgk.core.workflow``): 推进中 ⇄ 已办结.

While a task is open its units report progress and the county office schedules, supervises and closes it
(闭环); a closed task takes no reports or supervision until the office reopens it. ``available_actions``
answers "what may this person do with this task now" for the task page; the services check the same.
"""

from __future__ import annotations

from typing import Any

from zwgk.core.workflow import Machine, Refusal, Transition

from . import selectors
from .models import Task, TaskState

OPEN, CLOSED = TaskState.OPEN, TaskState.CLOSED


def _responsible(task: Task, user: Any) -> Refusal | None:
    if user is not None and (user.organization_id is None or not selectors.is_responsible(user, task)):
        return Refusal("permission", "只有该任务的牵头单位和责任单位可以报送进展。")
    return None


TASK = Machine(
    name="workplan.task",
    state_of=lambda task: task.state,
    labels=dict(TaskState.choices),
    organization_of=lambda task: None,  # the plan is the county's: managing it is a county-wide permission
).add(
    Transition("report", "报送进展", frozenset({OPEN}), permission="workplan.report", guards=(_responsible,),
               permission_org=lambda task, user: user.organization, wrong_state="任务已办结，不再接收进展报送。"),
    Transition("schedule", "设定时限和节点", frozenset({OPEN}), permission="workplan.manage",
               wrong_state="任务已办结，不能再调整时限。"),
    Transition("units", "调整责任单位", frozenset({OPEN, CLOSED}), permission="workplan.manage"),
    Transition("supervise", "督办", frozenset({OPEN}), permission="workplan.manage", wrong_state="任务已办结，无需督办。"),
    Transition("close", "办结", frozenset({OPEN}), permission="workplan.manage", wrong_state="任务已经办结。"),
    Transition("reopen", "重新打开", frozenset({CLOSED}), permission="workplan.manage", wrong_state="任务尚未办结。"),
)


def available_actions(task: Task, user: Any) -> set[str]:
    return set(TASK.available(task, user))
