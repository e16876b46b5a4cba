"""The statutory clock of one application, derived from its events on the working-day calendar.

One function, :func:`compute`, turns what people recorded (receipt, correction notice and answer,
consultations, extension, fee notice and payment, reply) into the due date, the working days left and
a plain-language explanation such as
“收到 2025-09-26 → 20个工作日 → 2025-10-30；征求第三方意见暂停 3 个工作日 → 2025-11-04”.
Nothing here is stored: the model keeps the events, this module decides what time means (ARCHITECTURE.md,
“derive, don't store”). Rules and their sources: ``rules.py``.

Conventions: counting starts on the first working day after an event's day; a pause of k working days
(the working days after the day it began, up to and including the day it ended) moves the due date by
exactly k working days; due dates are always working days.

A clock that counted days of a year whose holiday schedule is not entered yet is *provisional*
(``Clock.provisional`` lists those years): its dates are computed on the law's holidays
(``core.holiday_law``), every surface marks them 暂定 with :attr:`Clock.provisional_note`, and since
nothing is stored they are recomputed on the real schedule as soon as the year is entered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from zwgk.core import holiday_law
from zwgk.core.workdays import UnknownCalendarYear, WorkCalendar

from . import rules


@dataclass(frozen=True)
class Pause:
    kind: str  # "third_party" (Art. 32), "agency" (Art. 34), "fee"
    start: dt.date  # the office sent the request (or the fee notice)
    end: dt.date | None = None  # None: still running
    received: dt.date | None = None  # the party received it: its 15 working days run from then (Art. 32, 34)


class State(StrEnum):
    """The clock's states (derived, never stored); equal to their string values, as templates compare them."""

    RUNNING = "running"
    PAUSED = "paused"
    AWAITING_CORRECTION = "awaiting_correction"
    AWAITING_FEE = "awaiting_fee"
    REPLIED = "replied"
    ABANDONED_CORRECTION = "abandoned_correction"
    ABANDONED_FEE = "abandoned_fee"
    UNKNOWN_CALENDAR = "unknown_calendar"


PAUSE_LABELS = {"third_party": "征求第三方意见", "agency": "征求其他机关意见", "fee": "等待缴纳信息处理费"}

STATE_LABELS = {
    State.RUNNING: "办理中", State.PAUSED: "暂停计时（征求意见）", State.AWAITING_CORRECTION: "等待补正", State.AWAITING_FEE: "等待缴费",
    State.REPLIED: "已答复", State.ABANDONED_CORRECTION: "逾期未补正", State.ABANDONED_FEE: "逾期未缴费", State.UNKNOWN_CALENDAR: "工作日历缺失",
}


@dataclass(frozen=True)
class Facts:
    """What the application's events say, in the clock's terms."""

    received: dt.date
    correction_sent: dt.date | None = None
    correction_deadline: dt.date | None = None  # stated in the notice
    corrected: dt.date | None = None  # the corrected application arrived
    pauses: tuple[Pause, ...] = ()
    extension_days: int = 0
    fee_notice: dt.date | None = None
    fee_received: dt.date | None = None  # the applicant received the fee notice: the 20 days to pay run from the day after
    fee_paid: dt.date | None = None
    replied: dt.date | None = None  # the day the reply counts as given: its delivery (rules.DELIVERY_POINT), else the reply's date
    delivery_recorded: bool = True  # False: ``replied`` is the reply's date, its delivery not recorded yet
    decided: dt.date | None = None  # the reply's own date (before its delivery): a pause still open then ends there


@dataclass
class Clock:
    state: str  # a State
    due: dt.date | None
    days_left: int | None  # working days from today to the due date; negative when overdue
    explanation: list[str] = field(default_factory=list)
    correction_due: dt.date | None = None  # last day to send the correction notice (7 working days)
    third_party_due: dt.date | None = None
    agency_due: dt.date | None = None
    fee_due: dt.date | None = None
    message: str = ""
    late_days: int = 0  # replied: working days past the due date, by the delivery date
    provisional: tuple[int, ...] = ()  # years counted on the law's holidays only (not entered yet)

    @property
    def provisional_note(self) -> str:
        return holiday_law.reason(self.provisional) if self.provisional else ""

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0 and self.state not in CLOSED

    @property
    def due_today(self) -> bool:
        return self.days_left == 0 and self.state not in CLOSED

    @property
    def due_soon(self) -> bool:
        return self.days_left is not None and 0 < self.days_left <= rules.DUE_SOON_DAYS and self.state not in CLOSED

    @property
    def text(self) -> str:
        return "；".join(self.explanation)

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def due_label(self) -> str:
        """What ``due`` is: while a correction is awaited, the applicant's deadline to correct, not the reply's."""
        return "补正期限" if self.state == State.AWAITING_CORRECTION else "答复期限"


CLOSED = {State.REPLIED, State.ABANDONED_CORRECTION, State.ABANDONED_FEE}


def _d(day: dt.date) -> str:
    return day.isoformat()


def compute(facts: Facts, cal: WorkCalendar, today: dt.date, *, fee_stops_clock: bool = rules.FEE_STOPS_CLOCK_DEFAULT) -> Clock:
    cal = cal.fresh()
    try:
        clock = _compute(facts, cal, today, fee_stops_clock)
    except UnknownCalendarYear as e:
        return Clock(State.UNKNOWN_CALENDAR, None, None, [f"收到 {_d(facts.received)}"], message=str(e))
    clock.provisional = cal.provisional_years
    if clock.provisional:
        clock.explanation.append(f"其中 {'、'.join(map(str, clock.provisional))} 年按法定节假日暂定")
    return clock


def _compute(f: Facts, cal: WorkCalendar, today: dt.date, fee_stops_clock: bool) -> Clock:
    lines: list[str] = []
    # The 7 days for the correction notice are a hint beside the clock, not its due date: counted on a copy, so that
    # they alone do not make the clock 暂定.
    correction_due = cal.fresh().add(f.received, rules.CORRECTION_NOTICE_DAYS)
    start, head = f.received, f"收到 {_d(f.received)}"
    if f.correction_sent:
        deadline = f.correction_deadline
        lines.append(f"收到 {_d(f.received)}")
        lines.append(f"{_d(f.correction_sent)} 一次性告知补正，补正期限 {_d(deadline) if deadline else '未写明'}")
        if f.corrected is None:
            if f.replied:
                return Clock(State.REPLIED, None, None, lines, correction_due=correction_due)
            if deadline and today > deadline:
                lines.append("逾期未补正，视为放弃申请")
                return Clock(State.ABANDONED_CORRECTION, None, None, lines, correction_due=correction_due)
            left = cal.fresh().between(today, deadline) if deadline else None  # the office's own date: not 暂定
            return Clock(State.AWAITING_CORRECTION, deadline, left, lines, correction_due=correction_due,
                         message="等待申请人补正；答复期限自收到补正申请之日起重新计算。")
        start, head = f.corrected, f"{_d(f.corrected)} 收到补正申请，重新计算"
    due = cal.add(start, rules.REPLY_DAYS)
    lines.append(f"{head} → {rules.REPLY_DAYS}个工作日 → {_d(due)}")
    state = State.RUNNING
    third_party_due = None
    pauses = list(f.pauses)
    fee_due = None
    agency_due = None
    notes: list[str] = []
    if f.fee_notice:
        fee_due = cal.add(f.fee_received or f.fee_notice, rules.FEE_PAYMENT_DAYS)
        if fee_stops_clock:
            pauses.append(Pause("fee", f.fee_notice, f.fee_paid))
    # A pause still open when the reply was decided ends with the reply: a closed clock does not move with the day
    # it is looked at.
    decided = f.decided or f.replied
    horizon = decided or today
    covered = None  # paused days are counted once when two pauses overlap (a consultation during a fee wait)
    for p in sorted(pauses, key=lambda p: p.start):
        end = p.end
        if p.kind in ("third_party", "agency"):
            party_due = cal.add(p.received or p.start, rules.CONSULTATION_DAYS)
            if p.kind == "third_party":
                third_party_due = party_due
            else:
                agency_due = party_due
            if end is not None and end > party_due:
                # A late answer does not lengthen the pause: the law gives the party 15 working days (Art. 32, 34).
                notes.append(f"{PAUSE_LABELS[p.kind]}的答复晚于 {_d(party_due)}，暂停只计至该日")
                end = party_due
            elif end is None and horizon > party_due:
                # Its 15 working days are up: the office decides (Art. 32); another agency's silence is consent (Art. 34).
                end = party_due
                notes.append(f"{PAUSE_LABELS[p.kind]}至 {_d(party_due)} 期满未答复，"
                             + ("视为同意公开（第三十四条）" if p.kind == "agency" else "由本机关依法决定（第三十二条）")
                             + "，恢复计时")
        if end is None and decided:
            end = max(decided, p.start)
        begin = p.start if covered is None else max(p.start, covered)
        if end is None:
            # Still paused: the due date moves on with every working day of the pause.
            k = cal.between(begin, max(today, begin))
            covered = max(today, begin)
            due = cal.add(due, k)
            state = State.AWAITING_FEE if p.kind == "fee" else State.PAUSED
            lines.append(f"{_d(p.start)} 起{PAUSE_LABELS[p.kind]}，暂停中（已 {k} 个工作日）→ 暂按 {_d(due)}")
            continue
        k = cal.between(begin, end) if end > begin else 0
        covered = end if covered is None else max(covered, end)
        due = cal.add(due, k)
        lines.append(f"{PAUSE_LABELS[p.kind]}暂停 {k} 个工作日 → {_d(due)}")
    lines.extend(notes)
    if f.extension_days:
        due = cal.add(due, f.extension_days)
        lines.append(f"延长 {f.extension_days} 个工作日 → {_d(due)}")
    if f.fee_notice and f.fee_paid is None and not f.replied and today > fee_due:
        lines.append(f"收费通知 {_d(f.fee_notice)} 后 {rules.FEE_PAYMENT_DAYS} 个工作日内未缴费，视为放弃申请")
        return Clock(State.ABANDONED_FEE, None, None, lines, correction_due=correction_due, fee_due=fee_due)
    if f.replied:
        late = cal.between(due, f.replied)
        what = "送达" if f.delivery_recorded else "答复（送达日期未登记，暂按答复日期）"
        lines.append(f"{_d(f.replied)} {what}" + (f"，逾期 {late} 个工作日" if late > 0 else "，在期限内"))
        return Clock(State.REPLIED, due, None, lines, correction_due=correction_due, third_party_due=third_party_due,
                     agency_due=agency_due, fee_due=fee_due, late_days=max(late, 0))
    return Clock(state, due, cal.between(today, due), lines, correction_due=correction_due,
                 third_party_due=third_party_due, agency_due=agency_due, fee_due=fee_due)
