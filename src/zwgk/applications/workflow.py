"""A disclosure request's handling as a state machine (``zwgk.core.workflow``).

The states are the statutory clock's (``clock.STATE_LABELS``), derived from the request's events each time
(``selectors.clock``), never stored: 办理中 → (一次性告知补正) 等待补正 → 办理中; 办理中 → (征求意见) 暂停计时 →
办理中; (收费通知) 等待缴费 → 办理中; → 已答复; 逾期未补正 / 逾期未缴费 close it by law (视为放弃). Each step may
happen once where the law says once (补正, 延期, 收费). ``available_actions(app, user, state)`` says what the
handling page offers; the services check the same transitions under their row lock.
"""

from __future__ import annotations

from typing import Any

from zwgk.core.workflow import Machine, Transition

from . import selectors
from .clock import STATE_LABELS, State

# Handling steps are possible in every state until the request is closed by a reply (``_not_replied`` says
# when and how, in the office's words); the applicant's time running out (逾期未补正/未缴费) closes it only
# when the system records it, until then staff may still reply.
ANY = frozenset(STATE_LABELS)
CLOSED = frozenset({State.REPLIED, State.ABANDONED_CORRECTION, State.ABANDONED_FEE})


def _not_replied(app: Any, user: Any) -> str | None:
    if app.reply_type:
        return f"该申请已于 {app.reply_on:%Y-%m-%d} 办结（{app.get_reply_type_display()}），不能再办理。"
    return None


def _no_correction_yet(app: Any, user: Any) -> str | None:
    if app.correction_sent_on:
        return f"补正只能一次性告知，本申请已于 {app.correction_sent_on:%Y-%m-%d} 告知补正。"
    return None


def _correction_awaited(app: Any, user: Any) -> str | None:
    if not app.correction_sent_on:
        return "本申请没有告知补正。"
    return f"已于 {app.corrected_on:%Y-%m-%d} 收到补正。" if app.corrected_on else None


def _no_open_consultation(app: Any, user: Any) -> str | None:
    return "上一次征求意见尚未答复；请先登记答复。" if app.consultations.filter(answered_on__isnull=True).exists() else None


def _not_extended(app: Any, user: Any) -> str | None:
    if app.extension_days:
        return f"答复期限只能延长一次，本申请已于 {app.extension_on:%Y-%m-%d} 延长 {app.extension_days} 个工作日。"
    return None


def _no_fee_yet(app: Any, user: Any) -> str | None:
    if app.fee_notice_on:
        return f"已于 {app.fee_notice_on:%Y-%m-%d} 发出收费通知；同一申请只能按一种方式收费一次。"
    return None


def _fee_unpaid(app: Any, user: Any) -> str | None:
    if not app.fee_notice_on:
        return "本申请没有发出收费通知。"
    return f"已于 {app.fee_paid_on:%Y-%m-%d} 登记缴费。" if app.fee_paid_on else None


def _consultation_open(app: Any, user: Any) -> str | None:
    return None if app.consultations.filter(answered_on__isnull=True).exists() else "没有尚未答复的征求意见。"


def _fee_notice_unpaid(app: Any, user: Any) -> str | None:
    return _fee_unpaid(app, user)


def _nothing_recorded_yet(app: Any, user: Any) -> str | None:
    """A split gives each new 件 the clock of the receipt; once a correction, consultation, extension or fee is on
    record, the new 件 would not share it, so the split must come first."""
    if app.correction_sent_on:
        return "已告知补正的申请不能再拆分（拆分应在补正、征求意见、延期、收费之前）。"
    if app.consultations.exists():
        return "已征求意见的申请不能再拆分（拆分应在补正、征求意见、延期、收费之前）。"
    if app.extension_days:
        return "已延期的申请不能再拆分（拆分应在补正、征求意见、延期、收费之前）。"
    if app.fee_notice_on:
        return "已发出收费通知的申请不能再拆分（拆分应在补正、征求意见、延期、收费之前）。"
    return None


def _replied(app: Any, user: Any) -> str | None:
    return None if app.reply_type else "尚未答复，不能登记送达。"


def _not_delivered(app: Any, user: Any) -> str | None:
    return f"已于 {app.delivered_on:%Y-%m-%d} 登记送达。" if app.delivered_on else None


HANDLE = "applications.handle"
APPLICATION = Machine(
    name="applications.application",
    state_of=lambda app: selectors.clock(app).state,
    labels=STATE_LABELS,
    organization_of=lambda app: app.organization,
).add(
    Transition("reply", "答复", ANY, permission=HANDLE, guards=(_not_replied,)),
    Transition("correction", "告知补正", ANY, permission=HANDLE, guards=(_not_replied, _no_correction_yet)),
    Transition("corrected", "登记收到补正", ANY, permission=HANDLE, guards=(_not_replied, _correction_awaited)),
    Transition("consult", "征求意见", ANY, permission=HANDLE, guards=(_not_replied, _no_open_consultation)),
    Transition("extend", "延期答复", ANY, permission="applications.approve", guards=(_not_replied, _not_extended)),
    Transition("fee", "发出收费通知", ANY, permission=HANDLE, guards=(_not_replied, _no_fee_yet)),
    Transition("paid", "登记缴费", ANY, permission=HANDLE, guards=(_not_replied, _fee_unpaid)),
    Transition("consult_receipt", "登记对方收到征求意见书", ANY, permission=HANDLE, guards=(_not_replied, _consultation_open)),
    Transition("consult_answer", "登记征求意见的答复", ANY, permission=HANDLE, guards=(_not_replied, _consultation_open)),
    Transition("fee_receipt", "登记申请人收到收费通知", ANY, permission=HANDLE, guards=(_not_replied, _fee_notice_unpaid)),
    Transition("split", "拆分申请（一事一申请）", ANY, permission=HANDLE, guards=(_not_replied, _nothing_recorded_yet)),
    Transition("reassign", "转办", ANY, permission="applications.reassign", guards=(_not_replied,)),
    Transition("delivered", "登记送达", CLOSED, permission=HANDLE, guards=(_replied, _not_delivered),
               wrong_state="尚未答复，不能登记送达。"),
)


def available_actions(app: Any, user: Any) -> set[str]:
    return set(APPLICATION.available(app, user))
