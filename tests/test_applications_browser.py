"""Real Chromium: a member of the public applies online; staff handle it through correction,
extension and reply, and download the notice and the annual report."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document as Docx

from zwgk.applications.models import Application

from .test_applications import resident_id
from .test_browser import browser, login  # noqa: F401  (fixtures and helper shared with the other browser tests)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def known_year(people):
    """This year and the next must be in the holiday table, as an administrator keeps it when the State
    Council publishes the schedule (deadlines late in the year run into the next)."""
    from zwgk.core.models import CalendarYear
    from zwgk.core.services import calendar

    for year in (timezone.localdate().year, timezone.localdate().year + 1):
        if not CalendarYear.objects.filter(year=year).exists():
            calendar.set_year(people["admin"], year, f"测试：{year} 年的节假日安排")


def test_apply_online_then_correct_extend_reply_and_download(live_server, browser, settings, people, county, known_year):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    base = live_server.url
    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(base + "/zfxxgk/apply/")
    public.get_by_role("link", name="在线提交申请").click()
    public.get_by_label("向哪个机关申请").select_option(label="浮梁县教育体育局")
    public.get_by_label("姓名或单位名称").fill("王小明")
    public.get_by_label("证件号码").fill("360222198001011230")  # wrong check digit first
    public.get_by_label("联系电话").fill("13907981234")
    public.get_by_label("电子邮箱").fill("wang@example.com")
    public.get_by_label("所需信息的名称或内容描述").fill("浮梁县2024年城区公办小学划片范围的确定依据")
    public.get_by_role("button", name="提交申请").click()
    assert "身份证号码校验位不符" in public.locator("main").inner_text()
    public.get_by_label("证件号码").fill(resident_id())
    public.get_by_role("button", name="提交申请").click()
    public.get_by_role("heading", name="申请已提交").wait_for()
    code = public.locator("strong.code").inner_text()
    app = Application.objects.get(tracking_code=code)
    public.get_by_role("link", name="查询办理进度").click()
    public.get_by_label("查询码").fill(code)
    public.get_by_label("申请时填写的联系电话").fill("13907981234")
    public.get_by_role("button", name="查询").click()
    assert "办理中" in public.locator("section[role=status]").inner_text()

    staff = login(browser, base, "jiaoti_reviewer")
    staff.locator('.nav a[href="/staff/applications/"]').click()  # its name carries the count of what waits
    staff.get_by_role("link", name="台账").click()
    staff.get_by_role("link", name=code).click()
    assert f"收到 {app.received_on:%Y-%m-%d} → 20个工作日" in staff.locator(".clock").inner_text()
    assert resident_id() not in staff.locator("main").inner_text()

    today = timezone.localdate()
    staff.locator("#do-correction summary").click()
    staff.get_by_label("需补正的事项（一次性全部列明）").fill("请写明所需文件的名称或文号。")
    staff.get_by_label("补正期限").fill(f"{today + dt.timedelta(days=14):%Y-%m-%d}")
    staff.get_by_role("button", name="告知补正").click()
    assert "已告知补正" in staff.locator(".messages").inner_text()
    assert "等待补正" in staff.locator(".clock").inner_text()
    staff.get_by_label("补正内容").fill("《浮梁县2024年城区公办小学划片范围》")
    staff.get_by_role("button", name="登记补正").click()
    assert "重新计算" in staff.locator(".clock").inner_text()

    staff.locator("#do-extend summary").click()
    staff.get_by_label("延长工作日数").fill("10")
    staff.get_by_label("延期理由").fill("需要调取历年划片档案核实")
    staff.get_by_role("button", name="批准延期").click()
    assert "延长 10 个工作日" in staff.locator(".clock").inner_text()

    staff.locator("#do-reply summary").click()
    staff.get_by_label("答复类型").select_option(label="予以公开")
    staff.get_by_label("提供的信息，或获取的方式、途径和时间").fill("所申请的文件已通过电子邮件发送。")
    staff.get_by_role("button", name="答复并生成告知书").click()
    assert "已答复" in staff.locator(".messages").inner_text()
    with staff.expect_download() as got:
        staff.get_by_role("link", name="下载告知书（Word）").click()
    notice = Docx(got.value.path())
    text = "\n".join(p.text for p in notice.paragraphs)
    assert "政府信息公开申请答复告知书" in text and code in text and "经批准，答复期限延长10个工作日" in text

    staff.get_by_role("navigation", name="主导航").get_by_role("link", name="依申请公开").click()
    staff.get_by_role("link", name="年度报告").click()
    staff.get_by_label("年度", exact=True).select_option(str(today.year))
    staff.get_by_role("button", name="查看").click()
    assert "勾稽关系检查通过" in staff.locator("main").inner_text()
    with staff.expect_download() as got:
        staff.get_by_role("link", name="导出 Word").click()
    report = Docx(got.value.path())
    cells = [c.text for t in report.tables for row in t.rows for c in row.cells]
    assert "一、本年新收政府信息公开申请数量" in cells and "（一）予以公开" in cells
    with open(got.value.path(), "rb") as fh:
        assert Docx(io.BytesIO(fh.read())).paragraphs[0].text.endswith("政府信息公开工作年度报告")
