"""Disclosure requests through the web: the public form and lookup, the staff pages and exports."""

import datetime as dt
import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as Docx
from openpyxl import load_workbook

from zwgk.applications import services
from zwgk.applications.models import Application
from zwgk.core.models import AuditEntry

from .test_applications import applicant

D = dt.date


def form_data(county, **over):
    data = {**applicant(), "organization": county["jiaoti"].pk}
    data.update(over)
    return data


def test_public_form_confirms_and_the_status_lookup_finds_it(client, county):
    page = client.get("/zfxxgk/apply/form/")
    assert page.status_code == 200 and "在线申请政府信息公开" in page.content.decode()
    pdf = SimpleUploadedFile("身份证.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = client.post("/zfxxgk/apply/form/", {**form_data(county), "files": [pdf]}, follow=True)
    body = response.content.decode()
    app = Application.objects.get()
    assert app.tracking_code in body and "申请已提交" in body and app.files.count() == 1
    found = client.post("/zfxxgk/apply/status/", {"code": app.tracking_code, "phone": "13907981234"}).content.decode()
    assert "办理中" in found and county["jiaoti"].name in found
    wrong = client.post("/zfxxgk/apply/status/", {"code": app.tracking_code, "phone": "13900000000"}).content.decode()
    assert "没有找到该申请" in wrong


def test_the_public_forms_offices_list_the_county_government_first_then_by_sort_order(client, county):
    import re

    from zwgk.core import audit
    from zwgk.core.models import Organization

    order = {"gov": 50, "office": 2, "jiaoti": 3, "weijian": 1, "town": 3}  # 县教体局 and 浮梁镇 tie: by name
    with audit.allow_direct_writes():  # test data, as the fixtures write it
        for key, n in order.items():
            Organization.objects.filter(pk=county[key].pk).update(sort_order=n)
    page = client.get("/zfxxgk/apply/form/").content.decode()
    select = re.search(r'<select name="organization".*?</select>', page, re.S).group(0)
    names = [n for n in re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)]
    assert names == ["浮梁县人民政府", "浮梁县卫生健康委员会", "浮梁县人民政府办公室",
                     *sorted(["浮梁县教育体育局", "浮梁县浮梁镇人民政府"])]  # no 事业单位: it receives none


def test_public_form_errors_in_chinese_and_nothing_saved(client, county):
    bad = client.post("/zfxxgk/apply/form/", form_data(county, id_number="360222198001011230", phone="1")).content.decode()
    assert "身份证号码校验位不符，请核对后重新填写。" in bad and "联系电话" in bad
    assert "位应为" not in bad  # the right check digit is never told
    exe = SimpleUploadedFile("说明.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    bad = client.post("/zfxxgk/apply/form/", {**form_data(county), "files": [exe]}).content.decode()
    assert "不是 PDF" in bad
    assert not Application.objects.exists()


def test_public_form_is_rate_limited(client, county):
    from zwgk.portal import apply

    for i in range(apply.SUBMITS_PER_HOUR):
        client.post("/zfxxgk/apply/form/", form_data(county, description=f"第{i}份政府信息的名称"))
    response = client.post("/zfxxgk/apply/form/", form_data(county, description="再多一份政府信息"))
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Application.objects.count() == apply.SUBMITS_PER_HOUR


@pytest.fixture
def handled(people, county):
    editor = people["jiaoti_editor"]
    app = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2025, 9, 26))
    return app


def test_staff_handle_reply_and_download_the_notice(client, people, county, handled):
    client.force_login(people["jiaoti_editor"])
    page = client.get(f"/staff/applications/{handled.pk}/").content.decode()
    assert "收到 2025-09-26 → 20个工作日 → 2025-10-30" in page
    assert handled.id_number not in page and "360222********" in page
    client.post(f"/staff/applications/{handled.pk}/personal/")
    assert handled.id_number in client.get(f"/staff/applications/{handled.pk}/").content.decode()
    assert handled.id_number not in client.get(f"/staff/applications/{handled.pk}/").content.decode()
    assert AuditEntry.objects.filter(action="applications.view_personal").count() == 1
    bad = client.post(f"/staff/applications/{handled.pk}/reply/", {
        "reply-reply_type": "secret", "reply-on": "2025-10-09", "reply-version": handled.version}).content.decode()
    assert "必须写明理由" in bad
    client.post(f"/staff/applications/{handled.pk}/reply/", {
        "reply-reply_type": "disclose", "reply-on": "2025-10-09", "reply-text": "文件一份，见附件", "reply-version": handled.version,
        "reply-delivered_by": "email", "reply-delivered_on": "2025-10-09"})
    handled.refresh_from_db()
    assert handled.reply_type == "disclose"
    assert "（年度报告：予以公开 · （一）予以公开）" in client.get(f"/staff/applications/{handled.pk}/").content.decode()
    response = client.get(f"/staff/applications/{handled.pk}/notice/")
    text = "\n".join(p.text for p in Docx(io.BytesIO(b"".join(response.streaming_content))).paragraphs)
    assert "政府信息公开申请答复告知书" in text and "文件一份，见附件" in text


def test_other_units_do_not_see_the_application(client, people, handled):
    client.force_login(people["weijian_reviewer"])
    assert client.get(f"/staff/applications/{handled.pk}/").status_code == 404
    assert client.post(f"/staff/applications/{handled.pk}/personal/").status_code == 404


def test_dashboard_ledger_export_masks(client, people, handled):
    client.force_login(people["jiaoti_editor"])
    page = client.get("/staff/applications/").content.decode()
    assert "各机关办理情况" in page and handled.tracking_code in page  # overdue long since (2025)
    ledger = client.get("/staff/applications/ledger/", {"from": "2025-13-01"}, follow=True).content.decode()
    assert "格式不正确" in ledger
    response = client.get("/staff/applications/ledger/", {"format": "xlsx"})
    assert "filename*=UTF-8''" + quote("依申请公开台账-") in response["Content-Disposition"]  # core.web.download
    assert response["X-Content-Type-Options"] == "nosniff"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == handled.tracking_code and rows[1][4].startswith("360222***") and rows[1][5] == "139****1234"
    assert handled.id_number not in str(rows)
    assert AuditEntry.objects.filter(action="applications.ledger_export").exists()


def test_report_page_links_each_number_and_exports(client, people, county, handled):
    services.reply(people["jiaoti_editor"], handled, "disclose", on=D(2025, 10, 9), text="文件一份")
    client.force_login(people["jiaoti_reviewer"])
    page = client.get("/staff/applications/report/", {"org": county["jiaoti"].pk, "year": 2025}).content.decode()
    assert "勾稽关系检查通过" in page and "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in page
    link = f"/staff/applications/ledger/?org={county['jiaoti'].pk}&amp;year=2025&amp;row=disclosed&amp;col=natural"
    assert link in page
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert handled.tracking_code in listed and "（一）予以公开" in listed
    docx = client.get("/staff/applications/report/", {"org": county["jiaoti"].pk, "year": 2025, "format": "docx"})
    assert "二、主动公开政府信息情况" in [p.text for p in Docx(io.BytesIO(docx.content)).paragraphs]
    assert quote(f"{county['jiaoti'].name}2025年政府信息公开工作年度报告.docx") in docx["Content-Disposition"]
    assert docx["X-Content-Type-Options"] == "nosniff"
    saved = client.post(f"/staff/applications/report/?org={county['jiaoti'].pk}&year=2025", {
        "org": county["jiaoti"].pk, "year": 2025, "part_one": "总体情况良好。", "licensing": "7", "part_five": "", "part_six": ""}, follow=True)
    assert "已保存" in saved.content.decode() and "总体情况良好" in saved.content.decode()


def test_cases_page(client, people, county):
    client.force_login(people["jiaoti_reviewer"])
    r = client.post("/staff/applications/cases/", {"organization": county["jiaoti"].pk, "kind": "reconsideration",
                                                   "filed_on": "2025-05-06", "result": "corrected", "concluded_on": ""})
    assert "已审结的案件请填写审结日期" in r.content.decode()
    client.post("/staff/applications/cases/", {"organization": county["jiaoti"].pk, "kind": "reconsideration",
                                              "filed_on": "2025-05-06", "result": "corrected", "concluded_on": "2025-07-01"})
    from zwgk.applications import report

    assert report.table_c(county["jiaoti"], 2025)["cells"][:5] == [0, 1, 0, 0, 1]


def test_step_notices_for_correction_extension_and_fee(client, people, county, handled):
    editor, reviewer = people["jiaoti_editor"], people["jiaoti_reviewer"]
    client.force_login(reviewer)
    assert client.get(f"/staff/applications/{handled.pk}/notice/correction/").status_code == 404
    services.request_correction(editor, handled, "请写明文件名称", D(2025, 9, 29), D(2025, 10, 17))
    services.receive_correction(editor, handled, D(2025, 10, 9))
    services.extend(reviewer, handled, 10, "需要调取档案核实", D(2025, 10, 20))
    services.send_fee_notice(editor, handled, "pages", 150, D(2025, 10, 21))

    def text(kind):
        response = client.get(f"/staff/applications/{handled.pk}/notice/{kind}/")
        assert response["X-Content-Type-Options"] == "nosniff" and 'attachment; filename="' in response["Content-Disposition"]
        return "\n".join(p.text for p in Docx(io.BytesIO(response.content)).paragraphs)

    assert "补正告知书" in text("correction") and "2025年10月17日前补正" in text("correction")
    assert "答复期限延长10个工作日" in text("extension") and "第三十三条第二款" in text("extension")
    fee = text("fee")
    assert "应缴金额：1700元" in fee and "150页" in fee  # 70×10 + 50×20


def test_awaiting_correction_shows_the_applicant_deadline_and_the_ledger_shows_states(client, people, county, handled):
    from django.utils import timezone

    from zwgk.core.models import CalendarYear
    from zwgk.core.services import calendar

    today = timezone.localdate()
    for year in (today.year, today.year + 1):  # deadlines late in a year run into the next
        if not CalendarYear.objects.filter(year=year).exists():
            calendar.set_year(people["admin"], year, f"测试：{year} 年的节假日安排")
    editor = people["jiaoti_editor"]
    waiting = services.register(editor, applicant(), county["jiaoti"], "in_person", today)
    services.request_correction(editor, waiting, "请写明所需文件的名称或文号", today, today + dt.timedelta(days=14))
    services.reply(editor, handled, "disclose", on=D(2025, 10, 9), text="文件一份")
    client.force_login(editor)
    status = client.get(f"/staff/applications/{waiting.pk}/").content.decode().split('id="h-clock"')[1].split("</section>")[0]
    assert f"补正期限 <strong>{today + dt.timedelta(days=14):%Y-%m-%d}</strong>" in status and "· 答复期限" not in status
    ledger = client.get("/staff/applications/ledger/").content.decode()
    cells = {code: ledger.split(code)[1].split("</tr>")[0] for code in (waiting.tracking_code, handled.tracking_code)}
    assert '<td data-label="状态">等待补正</td>' in cells[waiting.tracking_code] and "（补正期限）" in cells[waiting.tracking_code]
    assert '<td data-label="状态">已答复</td>' in cells[handled.tracking_code]
    assert "个工作日" not in ledger.split("<tbody>")[1]


def test_statutory_day_counts_come_from_the_rules_not_the_templates():
    import re
    from pathlib import Path

    import zwgk

    root = Path(zwgk.__file__).parent
    literal = re.compile(r"\d+ ?个工作日")
    found = [f"{p.relative_to(root)}: {m.group(0)}" for folder in ("applications", "portal")
             for p in (root / folder / "templates").rglob("*.html") for m in literal.finditer(p.read_text())]
    assert found == [], "day counts belong in applications/rules.py, passed to the template"


@pytest.mark.django_db
def test_the_register_form_starts_from_a_walk_in_today(client, people):
    """Staff register what was handed in at the counter: today's date, 当面提交, and 当面领取 (no e-mail address needed)."""
    from django.utils import timezone

    client.force_login(people["jiaoti_editor"])
    page = client.get("/staff/applications/new/").content.decode()
    assert f'name="received_on" value="{timezone.localdate():%Y-%m-%d}"' in page
    assert '<option value="in_person" selected>' in page and '<option value="pickup" selected>' in page
