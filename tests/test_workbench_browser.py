"""Real Chromium: an editor's 工作台 shows the draft a reviewer returned, its link opens the edit page; axe on the
page; screenshots at 390 px and 1366 px in var/screenshots/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from tests import workbench_data as wd

from .test_browser import browser, login  # noqa: F401  (the shared Chromium fixture and login helper)
from .test_portal_browser import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"


@pytest.mark.inject_script
def test_editor_workbench_shows_the_returned_draft(live_server, browser, settings, staff, county):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    today = timezone.localdate()
    rev = wd.returned_draft(county["jiaoti"], staff["jiaoti_editor"], staff["jiaoti_reviewer"], opinion="请补充线路图和停靠站点。")
    wd.application(county["jiaoti"], today - dt.timedelta(days=45), 1)
    wd.application(county["jiaoti"], today, 2)
    plan = wd.plan()
    task = wd.task(plan, county["jiaoti"], today - dt.timedelta(days=3), 0)
    wd.supervision(task, county["jiaoti"], staff["gkb"], today + dt.timedelta(days=2))
    wd.finding(wd.site(county["jiaoti"]), today + dt.timedelta(days=6))
    SHOTS.mkdir(parents=True, exist_ok=True)

    page = login(browser, live_server.url, "jiaoti_editor", bypass_csp=True, viewport={"width": 1366, "height": 900})
    main = page.locator("main")
    assert main.get_by_role("heading", name="下一步").is_visible()
    group = page.locator("#todo-publishing-returned")
    assert "退回给我修改的稿件（1）" in group.get_by_role("heading").inner_text()
    assert "请补充线路图和停靠站点" in group.inner_text()
    assert "依申请公开" in page.locator("nav").inner_text()
    assert audit(page) == []
    page.screenshot(path=str(SHOTS / "workbench-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(SHOTS / "workbench-390.png"), full_page=True)
    group.get_by_role("link", name="关于调整校车线路的通知").click()
    page.wait_for_url(live_server.url + f"/staff/docs/{rev.document_id}/edit/")
    assert page.get_by_label("标题", exact=True).input_value() == "关于调整校车线路的通知"
