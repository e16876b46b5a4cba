"""The disclosure requests' charts as `core.charts` specs: the dashboard's year and the annual report's table B."""

from __future__ import annotations

from zwgk.core import charts
from zwgk.core.charts import Point

from . import rules
from .selectors import YearFigures


def dashboard(f: YearFigures) -> dict[str, charts.Chart]:
    """收到和答复, 答复结果 (table B's groups), 各月收到 for the year ``f`` counts."""
    share = f"{round(100 * f.on_time / f.replied)}%" if f.replied else ""
    handled = charts.bars("chart-handled", f"{f.year}年收到和答复的申请", [
        Point("收到的申请", f.received),
        Point("已答复", f.replied),
        Point("其中按期答复", f.on_time, f"占已答复的 {share}" if share else "", "good"),
        Point("其中逾期答复", f.late, "超过法定期限" if f.late else "", "bad" if f.late else ""),
    ], category_title="项目", value_title="申请数（件）", unit="件", empty="")
    results = charts.bars("chart-results", f"{f.year}年办结申请的处理结果",
                          [Point(group, n) for group, n in f.closed_by_group.items()],
                          category_title="处理结果（年度报告表三分类）", value_title="申请数（件）", unit="件")
    months = charts.columns("chart-months", f"{f.year}年各月收到的申请",
                            [Point(f"{m}月", n) for m, n in enumerate(f.received_by_month, start=1)],
                            category_title="月份", value_title="申请数（件）", unit="件")
    return {"handled": handled, "results": results, "months": months}


GROUP_ROWS = {group: [r.report_row for r in rules.REPLY_TYPES if r.group == group] for group in rules.REPORT_GROUPS}


def table_b(b, year: int) -> charts.Chart:  # noqa: ANN001 (a report.tables.TableB)
    """Table B's main figures, the 总计 column: new and carried in, the results by group, carried out."""
    points = [Point("本年新收", b.cell("new", "total")), Point("上年结转", b.cell("carried_in", "total"))]
    for group, keys in GROUP_ROWS.items():
        points.append(Point(f"办理结果：{group}", sum(b.cell(k, "total") for k in dict.fromkeys(keys))))
    points.append(Point("结转下年度", b.cell("carried_out", "total")))
    return charts.bars("chart-table-b", f"{year}年收到和处理政府信息公开申请情况（表三总计列）", points,
                       category_title="表三项目", value_title="申请数（件）", unit="件")
