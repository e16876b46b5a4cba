"""The one chart mechanism (core.charts + core/_chart.html): the specs' axes, labels and values worked out by hand,
and every page that draws a chart renders it with its axes, its description in words and its data table."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from zwgk.core import charts
from zwgk.core.charts import Point

D = dt.date


# --- the specs -------------------------------------------------------------------------------------------

def test_axis_range_rounds_up_to_a_step_of_1_2_2_5_or_5():
    assert charts.axis_range(7) == (8, 2)
    assert charts.axis_range(23) == (25, 5)
    assert charts.axis_range(100) == (100, 20)
    assert charts.axis_range(1234) == (1250, 250)
    assert charts.axis_range(3) == (3, 1)
    assert charts.axis_range(2) == (2, 1)  # counts: never a tick at 0.5
    assert charts.axis_range(0.3) == (0.3, 0.1)
    assert charts.axis_range(0) == (5, 1)  # nothing yet: the axis still reads 0 to 5
    assert charts.axis_range(11) == (15, 5)  # 11 applications a month: 0, 5, 10, 15, never 2.5 or 7.5


def test_numbers_are_written_without_exponents_or_trailing_zeros():
    assert [charts.number(v) for v in (12, 12.0, 12.5, 12.345, 0.1 + 0.2, 1e6)] == ["12", "12", "12.5", "12.35", "0.3", "1000000"]


def test_bars_worked_example():
    chart = charts.bars("k", "收到和答复", [Point("收到", 3), Point("逾期", 7, "超过期限", "bad")],
                        category_title="项目", value_title="申请数（件）", unit="件")
    assert chart.maximum == 8
    assert [(t.label, t.at, t.anchor) for t in chart.ticks] == [
        ("0", 0, "start"), ("2", 25, "middle"), ("4", 50, "middle"), ("6", 75, "middle"), ("8", 100, "end")]
    first, second = chart.items
    assert (first["width"], first["value_text"], first["value_inside"]) == (37.5, "3件", False)  # short bar: value after it
    assert (second["width"], second["value_text"], second["value_inside"]) == (87.5, "7件 超过期限", True)
    assert second["point"].fill == "#b3261e"
    assert chart.plot_bottom == 18 + 2 * charts.ROW and chart.height == chart.plot_bottom + charts.AXIS
    assert chart.description == "收到和答复（项目，申请数（件））：收到 3件；逾期 7件（超过期限）。"


def test_a_full_score_that_is_not_a_round_number_ends_the_axis():
    chart = charts.bars("k", "总分", [Point("县教体局", 30)], category_title="单位", value_title="总分（分）", maximum=37.5)
    assert [(t.label, t.at) for t in chart.ticks] == [("0", 0), ("10", 26.67), ("20", 53.33), ("30", 80), ("37.5", 100)]
    assert chart.items[0]["width"] == 80
    crowded = charts.bars("k", "总分", [Point("a", 1)], category_title="单位", value_title="分", maximum=41)
    assert [t.label for t in crowded.ticks] == ["0", "10", "20", "30", "41"]  # 40 would sit on 41


def test_line_worked_example_with_a_reference_line():
    chart = charts.line("k", "得分", [Point("2025-01-01", 30), Point("2025-02-01", 80, "不合格", "bad"), Point("2025-03-01", 55)],
                        category_title="检查日期", value_title="得分（分）", unit="分", maximum=100, marks=(("合格线", 60),))
    assert [(t.label, t.at) for t in chart.ticks] == [
        ("0", 190), ("20", 158.8), ("40", 127.6), ("60", 96.4), ("80", 65.2), ("100", 34)]
    assert [(i["x"], i["y"], i["anchor"]) for i in chart.items] == [(3, 143.2, "start"), (50, 65.2, "middle"), (97, 104.2, "end")]
    assert chart.segments == [{"x1": 3, "y1": 143.2, "x2": 50, "y2": 65.2}, {"x1": 50, "y1": 65.2, "x2": 97, "y2": 104.2}]
    assert chart.marks == [{"label": "合格线 60分", "value": 60, "at": 96.4}]
    assert chart.items[1]["value_text"] == "80分 不合格"


def test_columns_worked_example_and_a_phone_shows_every_other_month():
    chart = charts.columns("k", "各月", [Point(f"{m}月", m % 3) for m in range(1, 13)], category_title="月份", value_title="件")
    assert chart.maximum == 2 and [t.label for t in chart.ticks] == ["0", "1", "2"]
    first = chart.items[0]
    assert (first["x"], first["bar_x"], first["bar_w"], first["y"], first["height"]) == (4.17, 1.67, 5, 112, 78)
    shown = [i["point"].label for i in chart.items if i["label_class"] == ""]
    assert shown == ["1月", "3月", "5月", "7月", "9月", "12月"]  # 11月 would touch 12月
    assert all(i["label_class"] in ("", "chart-wide") for i in chart.items)  # a wide screen shows all twelve
    assert [i["value_class"] for i in chart.items[:3]] == ["", "", "chart-none"]  # a zero column has no value label


def test_a_long_line_labels_some_dates_on_a_phone_and_twelve_on_a_wide_screen():
    points = [Point(f"第{i}次", 50) for i in range(30)]
    chart = charts.line("k", "得分", points, category_title="检查", value_title="分", maximum=100)
    narrow = [i for i, item in enumerate(chart.items) if item["label_class"] == ""]
    wide = [i for i, item in enumerate(chart.items) if item["label_class"] in ("", "chart-wide")]
    assert narrow == [0, 9, 18, 29]  # a subset of the wide screen's, so that no two collide there
    assert wide == [0, 3, 6, 9, 12, 15, 18, 21, 24, 29]  # 27 would sit against 29
    assert all(item["label_class"] == "chart-none" for i, item in enumerate(chart.items) if i not in wide)


def test_the_include_draws_axes_values_description_and_table():
    chart = charts.columns("c-test", "各月收到", [Point("1月", 4), Point("2月", 0)], category_title="月份", value_title="申请数（件）", unit="件")
    html = render_to_string("core/_chart.html", {"chart": chart})
    doc = lxml.html.fromstring(html)
    frame = doc.xpath(".//div[@class='chart-frame']")[0]
    assert frame.get("role") == "img" and frame.get("aria-describedby") == "c-test-desc"
    assert doc.get_element_by_id("c-test-desc").text_content() == "各月收到（月份，申请数（件））：1月 4件；2月 0件。"
    texts = [t.text_content() for t in doc.xpath(".//svg//text")]
    for expected in ("申请数（件）", "月份", "1月", "2月", "4件", "0", "4"):
        assert expected in texts, expected
    assert table(doc, "c-test") == [["月份", "申请数（件）"], ["1月", "4"], ["2月", "0"]]
    assert not doc.xpath(".//script")


def test_an_empty_chart_says_so():
    chart = charts.line("c-empty", "得分", [], category_title="日期", value_title="分", empty="还没有完成的检查。")
    doc = lxml.html.fromstring(render_to_string("core/_chart.html", {"chart": chart}))
    assert "还没有完成的检查。" in doc.text_content() and not doc.xpath(".//svg")


def test_a_label_is_escaped():
    chart = charts.bars("c-x", "标题", [Point("<script>x</script>", 1)], category_title="项", value_title="值")
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_unknown_tone_is_refused():
    with pytest.raises(ValueError, match="unknown tone"):
        Point("a", 1, tone="red")


# --- the pages -------------------------------------------------------------------------------------------

def table(doc, key: str) -> list[list[str]]:
    """The chart's data table as rows of cell texts (header first)."""
    figure = doc.get_element_by_id(key)
    return [[c.text_content().strip() for c in row.xpath("./th|./td")] for row in figure.xpath(".//details//table//tr")]


def chart_on(page: str, key: str) -> tuple[lxml.html.HtmlElement, list[list[str]]]:
    doc = lxml.html.fromstring(page)
    figure = doc.get_element_by_id(key)
    assert figure.xpath(".//div[@class='chart-frame'][@role='img']//svg"), key
    assert doc.get_element_by_id(f"{key}-desc").text_content()
    return figure, table(doc, key)


@pytest.fixture
def replies(people, county):
    """Four requests to 县教体局 in 2025: two replied on time, one late, one still open."""
    from zwgk.applications import services

    from .test_applications import applicant

    editor = people["jiaoti_editor"]
    apps = [services.register(editor, applicant(description=f"浮梁县2025年第{i}批城区公办小学划片范围的依据文件"), county["jiaoti"], "in_person", day)
            for i, day in enumerate((D(2025, 3, 3), D(2025, 9, 26), D(2025, 9, 26), D(2025, 11, 3)))]
    services.reply(editor, apps[0], "disclose", on=D(2025, 3, 10), text="见附件")
    services.reply(editor, apps[1], "partial", on=D(2025, 10, 9), text="见附件", withheld="身份证号码：保护个人隐私")
    services.reply(editor, apps[2], "not_held", on=D(2025, 11, 20), reason="本机关不掌握", agency="县人社局")  # due 2025-10-30
    return apps


def test_year_figures_count_received_on_time_by_group_and_month(people, replies):
    from zwgk.applications import selectors

    f = selectors.year_figures(people["jiaoti_editor"], 2025)
    assert (f.received, f.replied, f.on_time, f.late) == (4, 3, 2, 1)
    assert f.closed_by_group == {"予以公开": 1, "部分公开": 1, "不予公开": 0, "无法提供": 1, "不予处理": 0, "其他处理": 0}
    assert f.received_by_month == [0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 1, 0]
    assert selectors.year_figures(people["weijian_reviewer"], 2025).received == 0  # another unit's requests are not counted


def test_applications_dashboard_draws_the_years_charts(client, people, replies):
    client.force_login(people["jiaoti_editor"])
    page = client.get("/staff/applications/", {"year": 2025}).content.decode()
    _, handled = chart_on(page, "chart-handled")
    assert handled == [["项目", "申请数（件）", "说明"], ["收到的申请", "4", ""], ["已答复", "3", ""],
                       ["其中按期答复", "2", "占已答复的 67%"], ["其中逾期答复", "1", "超过法定期限"]]
    _, results = chart_on(page, "chart-results")
    assert results[1:] == [["予以公开", "1"], ["部分公开", "1"], ["不予公开", "0"], ["无法提供", "1"], ["不予处理", "0"], ["其他处理", "0"]]
    figure, months = chart_on(page, "chart-months")
    assert months[3] == ["3月", "1"] and months[9] == ["9月", "2"] and len(months) == 13
    assert "2025年各月收到的申请" in figure.text_content()
    assert "收到 4 件，答复 3 件，其中按期答复 2 件、逾期答复 1 件" in page
    # a year out of range falls back to this one, not an error
    other = client.get("/staff/applications/", {"year": "1900"})
    assert other.status_code == 200 and f"{timezone.localdate().year}年收到和答复的申请" in other.content.decode()


def test_annual_report_page_draws_table_b(client, people, county, replies):
    client.force_login(people["jiaoti_reviewer"])
    page = client.get("/staff/applications/report/", {"org": county["jiaoti"].pk, "year": 2025}).content.decode()
    _, rows = chart_on(page, "chart-table-b")
    assert rows == [["表三项目", "申请数（件）"], ["本年新收", "4"], ["上年结转", "0"], ["办理结果：予以公开", "1"],
                    ["办理结果：部分公开", "1"], ["办理结果：不予公开", "0"], ["办理结果：无法提供", "1"], ["办理结果：不予处理", "0"],
                    ["办理结果：其他处理", "0"], ["结转下年度", "1"]]


def test_monitoring_site_page_draws_the_score_trend(client, people, county):
    from zwgk.core import audit
    from zwgk.monitoring import services
    from zwgk.monitoring.models import Run, RunState

    site = services.save_site(people["gkb"], name="浮梁县人民政府", url="https://www.fuliang.gov.cn/", organization=county["gov"])
    with audit.allow_direct_writes():
        for day, score, verdict in ((D(2025, 3, 1), 72, "合格"), (D(2025, 6, 1), 55, "不合格"), (D(2025, 9, 1), 90, "合格")):
            Run.objects.create(site=site, start_url=site.url, state=RunState.DONE, checked_on=day, score=score, verdict=verdict)
    client.force_login(people["gkb"])
    page = client.get(f"/staff/monitoring/sites/{site.pk}/").content.decode()
    figure, rows = chart_on(page, "chart-site-trend")
    assert rows == [["检查日期", "得分（分）", "说明"], ["2025-03-01", "72", "合格"], ["2025-06-01", "55", "不合格"], ["2025-09-01", "90", "合格"]]
    texts = [t.text_content() for t in figure.xpath(".//svg//text")]
    assert "合格线 60分" in texts and "55分 不合格" in texts and "100" in texts and "检查日期" in texts


@pytest.fixture
def assessed(db):
    from tests.factories import UserFactory
    from tests.workplan_data import SEED, build_tree
    from zwgk.core.models import Role
    from zwgk.workplan import services

    tree = build_tree()
    gkb = UserFactory(username="gkb", organization=tree["县政府办公室"], roles=[Role.COUNTY_OFFICE])
    year = timezone.localdate().year
    plan = services.import_plan(gkb, SEED, "2024.txt", year)
    period = services.create_period(gkb, "本年度", D(year, 1, 1), D(year, 12, 31), plan)
    services.compute_scores(gkb, period)
    # Nothing on the platform to assess yet: units are ranked on what the office scored by hand (a new plan's first days).
    from zwgk.workplan.models import Score

    manual = Score.objects.filter(period=period, manual=True).select_related("indicator", "organization").order_by("organization_id", "pk")
    for i, score in enumerate(manual[:6]):
        services.score_manually(gkb, score, round(score.indicator.weight * (0.5 + 0.1 * i), 2), "培训记录核查")
    return {"gkb": gkb, "plan": plan, "period": period}


def test_workplan_dashboard_draws_progress_ranking_and_trend(client, assessed):
    from zwgk.workplan import selectors

    client.force_login(assessed["gkb"])
    page = client.get("/staff/workplan/").content.decode()
    figure, rows = chart_on(page, "chart-progress")
    first_level = [t for t in selectors.task_queryset().filter(plan=assessed["plan"]) if t.level == 1]
    assert len(rows) == 1 + len(first_level) and rows[0] == ["工作要点", "完成程度（%）", "说明"]
    two = next(t for t in first_level if t.number == "二")
    assert [f"二 {two.title}", "0", selectors.status(two, timezone.localdate()).label] in rows
    assert "100" in [t.text_content() for t in figure.xpath(".//svg//text")]  # the 100 % end of the axis
    ranking = selectors.ranked(selectors.ranking(assessed["period"]))
    assert len(ranking) >= 2
    _, scores = chart_on(page, "chart-ranking")
    assert [row[:2] for row in scores[1:]] == [[f"{r['rank']}. {r['organization'].short_name}", charts.number(r["total"])]
                                              for r in ranking[:20]]
    _, trend = chart_on(page, "chart-trend")
    average = round(sum(r["total"] for r in ranking) / len(ranking), 1)
    assert trend == [["考核期", "得分（分）"], ["本年度", charts.number(average)]]


def test_assessment_and_period_pages_draw_the_ranking(client, assessed):
    from zwgk.workplan import selectors

    client.force_login(assessed["gkb"])
    ranking = selectors.ranked(selectors.ranking(assessed["period"]))
    assert len(ranking) >= 2
    expected = [[f"{r['rank']}. {r['organization'].short_name}", charts.number(r["total"])] for r in ranking]
    for url in ("/staff/workplan/assessment/", f"/staff/workplan/assessment/periods/{assessed['period'].pk}/"):
        page = client.get(url).content.decode()
        _, rows = chart_on(page, "chart-ranking")
        assert [row[:2] for row in rows[1:]] == expected, url
    _, trend = chart_on(client.get("/staff/workplan/assessment/").content.decode(), "chart-trend")
    assert trend[1][0] == "本年度"
