"""The work plan's charts as `core.charts` specs: the points' progress, the units' scores, the scores over periods."""

from __future__ import annotations

from zwgk.core import charts
from zwgk.core.charts import Point

TONE = {"overdue": "bad", "silent": "bad", "closed_late": "warn", "closed": "good"}


def progress(rows: list[dict], key: str = "chart-progress") -> charts.Chart:
    """One bar per work point (first level): 100 % closed, 50 % with an accepted report, else 0 %, its status written
    after the value; behind (overdue, no report for long) in red."""
    points = []
    for row in rows:
        task = row["task"]
        if task.level != 1:
            continue
        done = 100 if not task.is_open else (50 if row["accepted"] else 0)
        points.append(Point(f"{task.number} {task.title}", done, row["status"].label, TONE.get(row["status"].code, "")))
    return charts.bars(key, "各项要点完成情况", points, category_title="工作要点", value_title="完成程度（%）", unit="%",
                       maximum=100, empty="还没有任务。")


def ranking(rows: list[dict], full: float, title: str = "各单位总分", key: str = "chart-ranking") -> charts.Chart:
    """The units' totals, highest first, against the full score; a total with indicators still to be scored says so."""
    points = [Point(f"{r['rank']}. {r['organization'].short_name}", r["total"],
                    f"{r['missing']} 项待评" if r.get("missing") else "") for r in rows]
    return charts.bars(key, title, points, category_title="单位（按排名）", value_title="总分（分）", unit="分",
                       maximum=full or None, empty="尚未计算得分。")


def trend(points: list[tuple[str, float]], title: str = "历次考核平均分", key: str = "chart-trend",
          full: float | None = None) -> charts.Chart:
    """Totals over the periods in time order."""
    return charts.line(key, title, [Point(label, value) for label, value in points], category_title="考核期",
                       value_title="得分（分）", unit="分", maximum=full or None, empty="还没有考核得分。")
