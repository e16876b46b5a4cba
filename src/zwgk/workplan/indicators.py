"""The assessment's indicator system as data, and the platform sources that score some indicators.

``DEFAULT_INDICATORS`` is what a new installation starts with (the office edits weights and rules in
the back office; the rows live in ``Indicator``). A source reads another module through that
module's selectors and returns the records behind the number, so every score shows its evidence.

Scoring rule of a computed indicator: points = weight × (numerator / denominator). When a unit had
nothing to assess in the period (denominator 0) the indicator does not apply to it: no points, and its weight
is left out of what the unit could have scored (无此项工作的不扣分, without full marks for nothing). The ranking
(``selectors.ranking``) compares units by their score converted to the full scale, 实得分 ÷ 应得分 × 满分, and
lists a unit with nothing assessed as 无应考核事项, unranked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from zwgk.core.models import Organization

# (code, group, name, weight, source, rule, basis)
DEFAULT_INDICATORS: list[tuple[str, str, str, float, str, str, str]] = [
    ("interpretation", "政策解读", "行政规范性文件随文解读率", 15, "interpretation",
     "考核期内发布的行政规范性文件中有已发布解读的比例 × 分值",
     "2024年工作要点五：“三同步”，重大政策解读率达到100%"),
    ("timely_publication", "主动公开", "信息形成后20个工作日内公开的比例", 15, "timely_publication",
     "考核期内发布、填有成文日期的信息中，成文日期后20个工作日内发布的比例 × 分值",
     "《中华人民共和国政府信息公开条例》第二十六条"),
    ("applications_on_time", "依申请公开", "依申请公开按期答复率", 15, "applications_on_time",
     "考核期内答复的申请中在法定期限内答复的比例 × 分值", "《中华人民共和国政府信息公开条例》第三十三条"),
    ("findings_fixed", "平台建设", "网站检查问题按期整改率", 15, "findings_fixed",
     "整改期限在考核期内的问题中，在期限内复核销号的比例 × 分值", "2024年工作要点八：及时做好监测反馈问题整改"),
    ("tasks_on_time", "工作落实", "工作要点任务按期办结率", 20, "tasks_on_time",
     "完成时限在考核期内、本单位牵头或负责的任务中按期办结的比例 × 分值", "2024年工作要点十三：时间表、任务书、责任单，全程闭环"),
    ("opinion_response", "回应关切", "政务舆情回应", 10, "manual",
     "按舆情回应台账人工评分（舆情模块建成后改为自动计算）", "2024年工作要点七"),
    ("participation", "公众参与", "重大行政决策公众参与和政府开放日", 5, "manual",
     "按意见征集、政府开放日开展情况人工评分（公众参与模块建成后改为自动计算）", "2024年工作要点六"),
    ("training", "培训", "政务公开培训", 5, "manual", "按培训开展情况人工评分", "2024年工作要点十一"),
]


NOT_APPLICABLE_NOTE = "考核期内无应考核事项，本项不计分，也不计入应得分"


@dataclass
class Measure:
    numerator: int
    denominator: int
    evidence: list[dict] = field(default_factory=list)  # {"label", "kind", "id", "ok", "note"}: the record as a reference (zwgk.core.references)
    unit_label: str = "项"

    def points(self, weight: float) -> float | None:
        """None when there was nothing to assess: the indicator does not apply (neither full marks nor a deduction)."""
        if self.denominator == 0:
            return None
        return round(weight * self.numerator / self.denominator, 2)

    def explanation(self) -> str:
        if self.denominator == 0:
            return NOT_APPLICABLE_NOTE
        return f"{self.numerator}/{self.denominator} {self.unit_label}（{100 * self.numerator / self.denominator:.1f}%）"


Source = Callable[[Organization, dt.date, dt.date], Measure]
SOURCES: dict[str, tuple[str, Source]] = {}


def source(code: str, label: str) -> Callable[[Source], Source]:
    def register(func: Source) -> Source:
        SOURCES[code] = (label, func)
        return func

    return register


@source("interpretation", "稿件与解读（发布模块）")
def _interpretation(org: Organization, start: dt.date, end: dt.date) -> Measure:
    from zwgk.publishing import selectors

    rows = selectors.normative_interpretations(org, start, end)
    return Measure(sum(ok for _, ok in rows), len(rows),
                   [{"label": d.title, "kind": "document", "id": d.pk, "ok": ok, "note": "已随文解读" if ok else "无已发布的解读"}
                    for d, ok in rows], "件")


@source("timely_publication", "稿件（发布模块）")
def _timely(org: Organization, start: dt.date, end: dt.date) -> Measure:
    from zwgk.publishing import selectors

    rows = selectors.publication_lags(org, start, end)
    limit = selectors.PUBLISH_WITHIN_WORKDAYS
    return Measure(sum(1 for _, lag in rows if lag is not None and lag <= limit), len(rows),
                   [{"label": d.title, "kind": "document", "id": d.pk, "ok": lag is not None and lag <= limit,
                     "note": f"成文 {d.written_date:%Y-%m-%d}，发布 {timezone.localdate(d.published_at):%Y-%m-%d}，" +
                     (f"{lag} 个工作日" if lag is not None else "工作日历缺少年度，无法计算")} for d, lag in rows], "件")


@source("applications_on_time", "依申请公开")
def _applications(org: Organization, start: dt.date, end: dt.date) -> Measure:
    from zwgk.applications import selectors

    rows = selectors.replies_on_time(org, start, end)
    return Measure(sum(ok for _, ok, _ in rows), len(rows),
                   [{"label": f"{a.tracking_code} {a.description[:30]}", "kind": "application", "id": a.pk, "ok": ok, "note": note}
                    for a, ok, note in rows], "件")


@source("findings_fixed", "网站与新媒体监测")
def _findings(org: Organization, start: dt.date, end: dt.date) -> Measure:
    from zwgk.monitoring import selectors

    rows = selectors.rectification_in_period(org, start, end)
    return Measure(sum(ok for _, ok, _ in rows), len(rows),
                   [{"label": f"{f.message[:60]}", "kind": "run", "id": f.run_id, "ok": ok, "note": note}
                    for f, ok, note in rows], "个")


@source("tasks_on_time", "工作要点（本模块）")
def _tasks(org: Organization, start: dt.date, end: dt.date) -> Measure:
    from . import selectors

    rows = selectors.tasks_on_time(org, start, end)
    return Measure(sum(ok for _, ok, _ in rows), len(rows),
                   [{"label": str(t), "kind": "task", "id": t.pk, "ok": ok, "note": note} for t, ok, note in rows], "项")


SILENT_AFTER_DAYS = 30  # a task with no progress report for this long counts as silent (practice: units report monthly)
SUPERVISION_ANSWER_DAYS = 5  # working days a unit has to answer a 督办 notice (default of the notice form)
