"""Real Chromium: the county office imports the work points by upload, a unit reports progress with an
attachment, the office returns it, accepts the corrected report and closes the task; axe on the pages."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory
from tests.workplan_data import SEED, build_tree
from zwgk.core.models import Role
from zwgk.workplan.models import Plan, ReportState, TaskState

from .test_browser import browser, login  # noqa: F401  (the shared Chromium fixture and login helper)
from .test_portal_browser import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.inject_script
def test_unit_reports_progress_and_the_office_closes_the_loop(live_server, browser, settings, tmp_path):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    tree = build_tree()
    UserFactory(username="gkb", full_name="王公开", organization=tree["县政府办公室"], roles=[Role.COUNTY_OFFICE])
    UserFactory(username="jiaoti_editor", full_name="李教信", organization=tree["县教体局"], roles=[Role.EDITOR])
    base = live_server.url
    seed = tmp_path / "2024年浮梁县政务公开工作要点.txt"
    seed.write_bytes(SEED)
    evidence = tmp_path / "划片范围公开截图.png"
    evidence.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)

    office = login(browser, base, "gkb", bypass_csp=True)
    office.locator('.nav a[href="/staff/workplan/"]').click()
    office.get_by_role("link", name="导入工作要点").first.click()
    office.get_by_label("文件").set_input_files(str(seed))
    office.get_by_label("年度").fill("2024")
    office.get_by_role("button", name="导入").click()
    assert "已导入 13 项任务" in office.locator(".messages").inner_text()
    assert "“县直有关部门”" in office.locator("main").inner_text()
    plan = Plan.objects.get(year=2024)
    two = plan.tasks.get(number="二")

    unit = login(browser, base, "jiaoti_editor", bypass_csp=True)
    unit.locator('.nav a[href="/staff/workplan/"]').click()
    assert "本单位的任务（县教体局）" in unit.locator("main").inner_text()
    unit.get_by_role("link", name="聚焦民生保障强化信息公开").click()
    unit.get_by_label("工作进展").fill("已公开义务教育招生政策。")
    unit.get_by_label("附件（PDF、Word、Excel、OFD、图片，可多选，每个不超过 20 MB）").set_input_files(str(evidence))
    unit.get_by_role("button", name="报送").click()
    assert "进展已报送" in unit.locator(".messages").inner_text()
    assert two.reports.get().files.count() == 1

    office.goto(base + "/staff/workplan/?year=2024")
    office.get_by_role("link", name="聚焦民生保障强化信息公开").first.click()
    office.get_by_label("办结意见").fill("完成")
    office.get_by_role("button", name="确认办结").click()
    assert "牵头单位还没有被采纳的进展报送" in office.locator(".messages").inner_text()
    office.get_by_label("审核意见（退回时必填）").fill("请补充公办学校划片范围的公开情况。")
    office.get_by_role("button", name="退回").click()
    assert two.reports.get().state == ReportState.RETURNED

    unit.reload()
    assert "请补充公办学校划片范围的公开情况" in unit.locator("main").inner_text()
    unit.get_by_label("工作进展").fill("已公开义务教育招生政策和公办学校划片范围，并在“浮梁教育”抖音号推送查询入口。")
    unit.get_by_role("button", name="报送").click()

    office.reload()
    office.get_by_role("button", name="采纳").click()
    assert "已采纳" in office.locator(".messages").inner_text()
    office.get_by_label("办结意见").fill("招生信息已全部公开，闭环。")
    office.get_by_role("button", name="确认办结").click()
    assert "任务已办结" in office.locator(".messages").inner_text()
    two.refresh_from_db()
    assert two.state == TaskState.CLOSED
    assert "按期办结" in office.locator(".status-line").inner_text() or "逾期办结" in office.locator(".status-line").inner_text()

    office.goto(base + "/staff/workplan/?year=2024")
    assert "已办结 1 项" in office.locator("main").inner_text()
    office.locator("figure svg").first.wait_for()

    # the pages pass an accessibility audit (no serious or critical violations)
    for pg, path in ((office, "/staff/workplan/?year=2024"), (office, f"/staff/workplan/tasks/{two.pk}/"), (unit, "/staff/workplan/")):
        pg.goto(base + path)
        bad = audit(pg)
        assert bad == [], (path, bad)
