"""Real Chromium: a reviewer returns a draft; its editor sees the badge, finds the notification in the notification
centre and goes from it to the draft; the centre and the preferences page pass axe."""

from __future__ import annotations

import pytest

from zwgk.publishing import services as pub

from .test_browser import browser, login  # noqa: F401  (the shared Chromium fixture and login helper)
from .test_portal_browser import audit
from .test_publishing import CONTENT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.inject_script
def test_a_returned_draft_shows_in_the_editors_notification_centre(live_server, browser, settings, staff, county):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    base = live_server.url
    doc = pub.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
    pub.submit(staff["jiaoti_editor"], doc)

    reviewer = login(browser, base, "jiaoti_reviewer", bypass_csp=True)
    assert reviewer.get_by_role("link", name="通知").first.inner_text().startswith("通知 1")  # 待我审核
    reviewer.get_by_role("link", name="通知").first.click()
    reviewer.get_by_role("link", name=f"待审核：{CONTENT['title']}").click()
    reviewer.get_by_label("审查意见").fill("请补充招生范围的附件后重新报送。")
    reviewer.get_by_role("button", name="退回修改").click()
    assert "已退回" in reviewer.locator(".messages").inner_text()

    editor = login(browser, base, "jiaoti_editor", bypass_csp=True)
    badge = editor.locator('.nav a[href="/staff/notifications/"] .count')
    assert badge.inner_text().startswith("1")
    editor.get_by_role("link", name="通知").first.click()
    row = editor.locator("tr", has_text=f"稿件退回：{CONTENT['title']}")
    assert "请补充招生范围的附件后重新报送。" in row.inner_text() and "未读" in row.inner_text()
    row.get_by_role("button", name="去办理").click()
    editor.wait_for_url(f"{base}/staff/docs/{doc.pk}/")
    assert editor.locator('.nav a[href="/staff/notifications/"] .count').count() == 0  # read: no badge any more
    assert editor.locator('.nav a[href="/staff/docs/"] .count').inner_text().startswith("1")  # the draft still waits
    editor.goto(base + "/staff/notifications/?show=read")
    assert f"稿件退回：{CONTENT['title']}" in editor.locator("main").inner_text()

    for path in ("/staff/notifications/?show=all", "/staff/notifications/preferences/"):
        editor.goto(base + path)
        bad = audit(editor)
        assert bad == [], (path, bad)


LINES = """(td) => { const r = document.createRange(); r.selectNodeContents(td);
  return new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size; }"""


def test_the_centre_keeps_short_cells_on_one_line_and_stacks_on_a_phone(live_server, browser, settings, staff, county):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    from zwgk.publishing.models import Revision

    doc = pub.create_draft(staff["jiaoti_editor"], county["jiaoti"],
                           **{**CONTENT, "title": "浮梁县教育体育局关于做好2024年义务教育阶段学校招生入学工作的通知" * 2})
    rev = pub.submit(staff["jiaoti_editor"], doc)
    pub.decide(staff["jiaoti_reviewer"], Revision.objects.get(pk=rev.pk), "reject",
               "请补充招生范围的附件，核对各学校的招生计划和划片范围，并附上听取意见的情况说明后重新报送。" * 3)

    wide = login(browser, live_server.url, "jiaoti_editor", viewport={"width": 1366, "height": 900})
    wide.goto(live_server.url + "/staff/notifications/")
    row = wide.locator("table.notifications tbody tr").first
    for label in ("时间", "类别", "状态", "操作"):  # beside the long notice: each on one line
        cell = row.locator(f"td[data-label='{label}']")
        assert wide.evaluate(LINES, cell.element_handle()) == 1, (label, cell.inner_text())
    assert row.locator("td[data-label='状态']").inner_text() == "未读"

    phone = login(browser, live_server.url, "jiaoti_editor", viewport={"width": 390, "height": 844})
    phone.goto(live_server.url + "/staff/notifications/")
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    row = phone.locator("table.notifications tbody tr").first
    for label in ("类别", "状态", "操作"):  # each cell on its own line, led by its column's name, within the screen
        cell = row.locator(f"td[data-label='{label}']")
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (label, box)
        assert phone.evaluate("(td) => getComputedStyle(td, '::before').content", cell.element_handle()) == f'"{label}"'
    kind = row.locator("td[data-label='类别']")
    assert phone.evaluate(LINES, kind.element_handle()) == 1, kind.inner_text()
    assert row.get_by_role("button", name="标为已读").is_visible()
