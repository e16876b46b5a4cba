"""An inspection finding's rectification as a state machine (``zwgk.core.workflow``)::

    待整改 --单位整改--> 已整改待复核 --下次检查不再出现--> 已销号
       ^                      \\--下次检查仍然出现--> 复核未通过 --单位整改--> 已整改待复核

The owning unit marks a finding fixed; the verification is the system's, when the next inspection of the
same site runs (``services.finish_run``): a finding no longer found is closed, a fixed one still found is
reopened. A finding of a one-off inspection (no registered site) is not assigned to anybody.
"""

from __future__ import annotations

from typing import Any

from zwgk.core.workflow import Machine, Transition

from .models import Finding, TaskState


def _assigned(finding: Finding, user: Any) -> str | None:
    return "一次性检查的问题不派发整改任务。" if finding.site_id is None else None


FINDING = Machine(
    name="monitoring.finding",
    state_of=lambda finding: finding.state,
    labels=dict(TaskState.choices),
    organization_of=lambda finding: finding.site.organization if finding.site_id else None,
).add(
    Transition("fix", "标记整改", frozenset({TaskState.OPEN, TaskState.REOPENED}), permission="monitoring.rectify",
               guards=(_assigned,), wrong_state="该问题当前状态为“{state}”，不能再标记整改。"),
    # the next inspection of the site, as the system (no person, no permission)
    Transition("verify_closed", "复核销号", frozenset({TaskState.OPEN, TaskState.FIXED, TaskState.REOPENED})),
    Transition("verify_reopened", "复核未通过", frozenset({TaskState.FIXED})),
)


def available_actions(finding: Finding, user: Any) -> set[str]:
    return set(FINDING.available(finding, user, names=["fix"]))
