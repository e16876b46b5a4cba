"""The law and the limits of consultations (意见征集), as data with their sources (docs/domain/participation.md §2).

A comment period runs from the day it opens to the day it closes, both included (a consultation open from
1 to 30 June has 30 days). A period counted in working days counts the working days of the project's calendar
(``core.workdays``) in that span, the opening day included when it is one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CALENDAR, WORKDAYS = "calendar", "workdays"


@dataclass(frozen=True)
class PeriodRule:
    key: str
    label: str
    days: int
    unit: str  # CALENDAR or WORKDAYS
    source: str
    verified: bool  # False: the article or the figure was not checked against the official text here

    @property
    def text(self) -> str:
        return f"不少于 {self.days} {'个工作日' if self.unit == WORKDAYS else '日'}"


PERIODS: dict[str, PeriodRule] = {r.key: r for r in (
    PeriodRule("major_decision", "重大行政决策草案", 30, CALENDAR,
               "《重大行政决策程序暂行条例》（国务院令第713号）第十四条：征求意见期限一般不少于30日；"
               "因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明", False),
    PeriodRule("normative", "行政规范性文件草案", 7, WORKDAYS,
               "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）：征求意见的期限一般不少于7个工作日",
               False),
    PeriodRule("normative_market", "与市场主体生产经营活动密切相关的行政规范性文件草案", 30, CALENDAR,
               "《优化营商环境条例》（国务院令第722号）第六十二条：与市场主体生产经营活动密切相关的行政规范性文件，"
               "公开征求意见的期限一般不少于30日", False),
    PeriodRule("enrolment_zone", "义务教育招生片区调整方案", 15, CALENDAR,
               "《教育部办公厅关于做好2022年义务教育招生入学工作的通知》（教基厅〔2022〕1号）要求片区调整前科学评估、"
               "广泛征求意见，未规定期限；15日为本系统的选择", True),
    PeriodRule("other", "其他草案", 7, CALENDAR, "无统一规定；7日为本系统的选择", True),
)}

KIND_CHOICES = [(r.key, r.label) for r in PERIODS.values()]

MAX_OPINION = 2000  # characters of one opinion (the form says so; beyond it the opinion is refused, not cut)
MAX_NAME, MAX_PHONE, MAX_SUBJECT_TEXT = 50, 30, 500
MAX_DRAFT = 200_000  # characters of one draft text
DUPLICATE_MINUTES = 10  # the same text from the same client on the same consultation within this is stored once
SUBMITS_PER_HOUR = 20  # online opinions per client address and hour (core.throttle)
OPINIONS_PAGE = 50  # opinions per staff page

DECISION_CHOICES = [
    ("adopted", "采纳"),
    ("partly", "部分采纳"),
    ("not_adopted", "未采纳"),
    ("out_of_scope", "不属于本次征集"),
]
REASON_OPTIONAL = {"adopted"}  # every other answer needs its reason


def period_rule(kind: str) -> PeriodRule:
    return PERIODS.get(kind) or PERIODS["other"]


def span(kind: str, opens: dt.date, closes: dt.date, calendar) -> int:  # noqa: ANN001
    """The length of the period in the rule's unit (``calendar``: a ``core.workdays.WorkCalendar``)."""
    rule = period_rule(kind)
    if closes < opens:
        return 0
    if rule.unit == WORKDAYS:
        return calendar.between(opens - dt.timedelta(days=1), closes)
    return (closes - opens).days + 1


def earliest_close(kind: str, opens: dt.date, calendar) -> dt.date:  # noqa: ANN001
    """The first closing day that satisfies the rule for a period opening on ``opens``."""
    rule = period_rule(kind)
    if rule.unit == WORKDAYS:
        return calendar.add(opens - dt.timedelta(days=1), rule.days)
    return opens + dt.timedelta(days=rule.days - 1)


def too_short(kind: str, opens: dt.date, closes: dt.date, calendar) -> str:  # noqa: ANN001
    """Why the period is shorter than its kind's rule, or "" when it is long enough."""
    rule = period_rule(kind)
    if span(kind, opens, closes, calendar) >= rule.days:
        return ""
    return (f"{rule.label}的征求意见期限{rule.text}（{rule.source.split('：')[0]}）；"
            f"自 {opens:%Y-%m-%d} 起至少应征集至 {earliest_close(kind, opens, calendar):%Y-%m-%d}。"
            f"确因情况紧急需要缩短的，请填写缩短期限的理由，理由将向社会公开。")
