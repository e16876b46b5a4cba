"""Real Chromium: the applications dashboard's charts render with their axes and values under the site's CSP (no
console errors), the figures are described to assistive technology, axe finds nothing serious; screenshots at a
phone's and a desktop's width go to var/screenshots/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .test_browser import browser, login  # noqa: F401  (the shared Chromium fixture and login helper)
from .test_charts import assessed, replies  # noqa: F401  (2025 requests; a plan with an assessment period)
from .test_portal_browser import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("ZWGK_SCREENSHOTS") or Path(__file__).resolve().parents[1] / "var" / "screenshots")


def test_dashboard_charts_render_with_axes_under_the_csp(live_server, browser, settings, people, replies):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1366):
        pg = login(browser, live_server.url, "jiaoti_editor", viewport={"width": width, "height": 900})
        errors: list[str] = []
        pg.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        pg.goto(live_server.url + "/staff/applications/?year=2025")
        months = pg.locator("#chart-months")
        months.scroll_into_view_if_needed()
        texts = months.locator("svg text").all_text_contents()
        assert "申请数（件）" in texts and "月份" in texts and "2件" in texts  # both axes' titles and a value
        visible = [t for t in months.locator("svg text.chart-tick").all() if t.is_visible()]
        assert {"0", "1", "2", "1月", "12月"} <= {t.text_content() for t in visible}
        frame = months.locator(".chart-frame")
        assert frame.get_attribute("role") == "img"
        described = pg.evaluate("id => document.getElementById(id).textContent", frame.get_attribute("aria-describedby"))
        assert "9月 2件" in described and "3月 1件" in described
        # the drawing is the full width of its column: a bar chart's axis spans it and its text is not scaled down
        handled = pg.locator("#chart-handled svg")
        box = handled.bounding_box()
        assert box["width"] > 250
        size = pg.evaluate("() => getComputedStyle(document.querySelector('#chart-handled text.chart-label')).fontSize")
        assert size == "14px"
        bar = pg.locator("#chart-handled rect.chart-bar").nth(0).bounding_box()
        assert abs(bar["width"] - box["width"]) < 2  # 收到 4 is the largest: its bar reaches the axis's end (4)
        # the data table opens without script
        months.locator("summary").click()
        assert months.locator("table").is_visible() and "9月" in months.locator("table").inner_text()
        pg.screenshot(path=str(SHOTS / f"dashboard-{width}.png"), full_page=True)
        pg.locator("section", has=pg.locator("#h-year")).screenshot(path=str(SHOTS / f"dashboard-{width}-charts.png"))
        assert errors == [], errors
        pg.context.close()


@pytest.mark.inject_script
def test_chart_pages_pass_axe(live_server, browser, settings, people, county, replies):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    pg = login(browser, live_server.url, "jiaoti_reviewer", bypass_csp=True)
    for path in ("/staff/applications/?year=2025", f"/staff/applications/report/?org={county['jiaoti'].pk}&year=2025"):
        pg.goto(live_server.url + path)
        pg.locator(".chart-frame svg").first.wait_for()
        assert audit(pg) == [], path


@pytest.mark.inject_script
def test_workplan_and_monitoring_charts_pass_axe(live_server, browser, settings, assessed):  # noqa: F811
    from zwgk.core import audit as writes
    from zwgk.monitoring import services
    from zwgk.monitoring.models import Run, RunState

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    office = assessed["gkb"]
    site = services.save_site(office, name="浮梁县人民政府", url="https://www.fuliang.gov.cn/", organization=office.organization)
    with writes.allow_direct_writes():
        for day, score, verdict in (("2025-03-01", 72, "合格"), ("2025-06-01", 55, "不合格"), ("2025-09-01", 90, "合格")):
            Run.objects.create(site=site, start_url=site.url, state=RunState.DONE, checked_on=day, score=score, verdict=verdict)
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg = login(browser, live_server.url, "gkb", bypass_csp=True, viewport={"width": 1366, "height": 900})
    for path, key in (("/staff/workplan/", "chart-progress"), ("/staff/workplan/assessment/", "chart-trend"),
                      (f"/staff/monitoring/sites/{site.pk}/", "chart-site-trend")):
        pg.goto(live_server.url + path)
        chart = pg.locator(f"#{key}")
        chart.locator("svg").first.wait_for()
        assert "得分（分）" in chart.locator("svg text").all_text_contents() or key == "chart-progress"
        assert audit(pg) == [], path
        chart.screenshot(path=str(SHOTS / f"{key}-1366.png"))
