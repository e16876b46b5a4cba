"""The statutory clock's remaining rules (issue 13 §2) and the notices the office sends (§6), from worked examples
with the dates written out (calendar of 2025: 国庆/中秋 10-01..08 off, 09-28 and 10-11 worked)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document as Docx
from docx.shared import Mm

from zwgk.applications import notices, numbering, rules, selectors, services
from zwgk.applications.clock import Facts, Pause, compute
from zwgk.applications.models import Application, NoticeNumber
from zwgk.core import workdays
from zwgk.core.models import AuditEntry
from zwgk.core.services import orgs

from .test_applications import applicant

D = dt.date


@pytest.fixture
def cal(db):
    return workdays.load()


# --- consultations -------------------------------------------------------------------------------------------


def test_another_agencys_silence_ends_the_pause(cal):
    # Received 2025-09-26 → due 2025-10-30. Agency consulted 10-09, received Fri 10-10; its 15 working days from 10-10:
    # 10-11 (Sat, worked: 1), 10-13..17 (6), 10-20..24 (11), 10-27..30 (15) → 2025-10-30. Nobody records an answer.
    facts = Facts(received=D(2025, 9, 26), pauses=(Pause("agency", D(2025, 10, 9), None, D(2025, 10, 10)),))
    during = compute(facts, cal, today=D(2025, 10, 20))
    assert during.state == "paused" and during.agency_due == D(2025, 10, 30)
    # After 10-30 the pause has ended by itself: 16 working days paused (10-10, 10-11, 10-13..17, 10-20..24, 10-27..30),
    # so the due date moves from 10-30 by 16: 10-31 (1), 11-03..07 (6), 11-10..14 (11), 11-17..21 (16) → 2025-11-21.
    after = compute(facts, cal, today=D(2025, 11, 10))
    assert after.state == "running" and after.due == D(2025, 11, 21)
    assert "2025-10-30 期满未答复，视为同意公开（第三十四条）" in after.text


def test_a_third_partys_days_run_from_its_receipt(cal):
    # Sent 2025-10-09, received Mon 10-13: 10-14..17 (4), 10-20..24 (9), 10-27..31 (14), 11-03 (15) → 2025-11-03.
    got = compute(Facts(received=D(2025, 9, 26), pauses=(Pause("third_party", D(2025, 10, 9), None, D(2025, 10, 13)),)),
                  cal, today=D(2025, 10, 20))
    assert got.third_party_due == D(2025, 11, 3)
    # Without a recorded receipt: from the sending, 10-10 (1), 10-11 (Sat, worked: 2), 10-13..17 (7), 10-20..24 (12),
    # 10-27..29 (15) → 10-29.
    unrecorded = compute(Facts(received=D(2025, 9, 26), pauses=(Pause("third_party", D(2025, 10, 9)),)), cal, today=D(2025, 10, 20))
    assert unrecorded.third_party_due == D(2025, 10, 29)


@pytest.mark.django_db
def test_consultation_receipt_is_recorded_and_checked(people, county):
    editor = people["jiaoti_editor"]
    app = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2025, 9, 26))
    consultation = services.start_consultation(editor, app, "third_party", "浮梁县某公司", D(2025, 10, 9))
    with pytest.raises(ValidationError, match="不能早于发出日期"):
        services.record_consultation_receipt(editor, consultation, D(2025, 10, 8))
    services.record_consultation_receipt(editor, consultation, D(2025, 10, 13))
    app.refresh_from_db()
    assert selectors.clock(app, today=D(2025, 10, 20)).third_party_due == D(2025, 11, 3)
    assert AuditEntry.objects.filter(action="applications.consult_receipt", summary__contains="2025-10-13").exists()


# --- delivery ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_on_time_by_the_delivery_date(people, county):
    editor = people["jiaoti_editor"]
    # Due 2025-10-30. Decided 10-29, posted 10-31: the postmark counts → 1 working day late.
    late = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2025, 9, 26))
    late = services.reply(editor, late, "disclose", on=D(2025, 10, 29), text="见附件", delivered_by="post", delivered_on=D(2025, 10, 31))
    clock = selectors.clock(late)
    assert clock.late_days == 1 and clock.text.endswith("2025-10-31 送达，逾期 1 个工作日")
    # Decided 10-29, e-mailed the same day: on time.
    on_time = services.register(editor, applicant(description="另一份文件"), county["jiaoti"], "in_person", D(2025, 9, 26))
    on_time = services.reply(editor, on_time, "disclose", on=D(2025, 10, 29), text="见附件", delivered_by="email",
                             delivered_on=D(2025, 10, 29))
    assert selectors.clock(on_time).late_days == 0
    # The assessment counts the same way.
    found = {a.pk: (ok, why) for a, ok, why in selectors.replies_on_time(county["jiaoti"], D(2025, 1, 1), D(2025, 12, 31))}
    assert found[late.pk] == (False, "期限 2025-10-30，2025-10-31 送达，逾期")
    assert found[on_time.pk][0] is True
    assert rules.DELIVERY_POINT["post"].startswith("交邮之日")


# --- fees ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_days_to_pay_run_from_the_applicants_receipt(people, county, settings):
    editor = people["jiaoti_editor"]
    app = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2025, 9, 26))
    app = services.send_fee_notice(editor, app, "pages", 120, D(2025, 10, 13))
    printed = _docx_text(notices.step_notice(app, "fee")[1])  # before the receipt is known: the period in words only
    assert "请于收到本通知次日起20个工作日内缴纳。" in printed and "2025年11月10日" not in printed
    # No payment method on the office's profile: the applicant is told to ask, by the office's telephone.
    phone = county["jiaoti"].phone
    assert (f"缴纳方式请与本机关联系（联系电话：{phone}）。" if phone else "缴纳方式请与本机关联系。") in printed
    # From the notice (receipt not recorded): 10-14..17 (4), 10-20..24 (9), 10-27..31 (14), 11-03..07 (19), 11-10 → 11-10.
    assert selectors.clock(app, today=D(2025, 10, 20)).fee_due == D(2025, 11, 10)
    # Received Thu 10-16: from 10-17: 10-17 (1), 10-20..24 (6), 10-27..31 (11), 11-03..07 (16), 11-10..13 (20) → 11-13.
    app = services.record_fee_notice_receipt(editor, app, D(2025, 10, 16))
    assert selectors.clock(app, today=D(2025, 10, 20)).fee_due == D(2025, 11, 13)
    # The notice states the pause only when the setting says the clock stops.
    settings.ZWGK_FEE_STOPS_CLOCK = True
    text = _docx_text(notices.step_notice(app, "fee")[1])
    assert "请于收到本通知次日起20个工作日内（你于2025年10月16日收到本通知，即最迟于2025年11月13日（含当日））" in text
    assert "收费期间不计入答复期限" in text and "个工作日内前" not in text
    settings.ZWGK_FEE_STOPS_CLOCK = False
    assert "收费期间不计入答复期限" not in _docx_text(notices.step_notice(app, "fee")[1])
    # The office enters how to pay on its profile (its own reviewer may): the notice prints it.
    from zwgk.core.services import orgs

    reviewer = people["jiaoti_reviewer"]
    orgs.update_organization(reviewer, county["jiaoti"],
                             fee_payment="非税收入缴款账户：户名 浮梁县教育体育局，开户行 中国银行浮梁支行，账号 1234 5678 9012")
    app.organization.refresh_from_db()
    text = _docx_text(notices.step_notice(app, "fee")[1])
    assert "缴纳方式：非税收入缴款账户：户名 浮梁县教育体育局，开户行 中国银行浮梁支行，账号 1234 5678 9012。" in text
    assert "请与本机关联系" not in text


@pytest.mark.django_db
def test_one_application_split_into_several(people, county):
    editor = people["jiaoti_editor"]
    app = services.register(editor, applicant(description="甲文件；乙文件；丙文件"), county["jiaoti"], "in_person", D(2025, 9, 26))
    made = services.split_application(editor, app, ["甲文件", "乙文件", "丙文件"], "包含三个互不相关的事项")
    app.refresh_from_db()
    assert app.description == "甲文件" and [a.description for a in made] == ["乙文件", "丙文件"]
    assert all(a.split_from_id == app.pk and a.received_on == D(2025, 9, 26) and a.id_number == app.id_number for a in made)
    assert selectors.clock(made[0], today=D(2025, 10, 1)).due == D(2025, 10, 30)  # the same clock
    entry = AuditEntry.objects.filter(action="applications.split", object_id=str(app.pk)).get()
    assert made[0].tracking_code in entry.summary
    with pytest.raises(ValidationError, match="至少列出两个事项"):
        services.split_application(editor, made[0], ["只有一项"], "理由")
    assert Application.objects.count() == 3


@pytest.mark.django_db
def test_the_applicant_is_told_of_the_split_and_sees_it(client, people, county):
    """Split on 2025-09-29 (time-machine): the 办理过程 shows it, the applicant gets a numbered 分件办理告知书 listing
    each part with its tracking code, and the public status page names the other parts' codes."""
    import time_machine

    editor = people["jiaoti_editor"]
    app = services.register(editor, applicant(description="甲文件；乙文件"), county["jiaoti"], "in_person", D(2025, 9, 26))
    with time_machine.travel(dt.datetime(2025, 9, 29, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        made = services.split_application(editor, app, ["甲文件", "乙文件"], "互不相关的政府信息")
    app.refresh_from_db()
    prefix = county["jiaoti"].doc_prefix or county["jiaoti"].short_name
    assert app.split_on == D(2025, 9, 29) and numbering.number_for(app, "split") == f"{prefix}依申拆〔2025〕1号"
    name, data = notices.step_notice(app, "split")
    text = _docx_text(data)
    assert name.endswith("一事一申请告知书.docx") and "政府信息公开申请分件办理告知书" in text
    assert f"1．“甲文件”，查询码 {app.tracking_code}；" in text and f"2．“乙文件”，查询码 {made[0].tracking_code}。" in text
    assert "该申请包含2项互不相关的政府信息。" in text and "各件均以2025年9月26日为收到申请之日" in text
    client.force_login(editor)
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "2025-09-29 按一事一申请拆分（互不相关的政府信息），另立" in page and "分件办理告知书" in page
    page = client.get(f"/staff/applications/{made[0].pk}/").content.decode()
    assert f"由 <a href=\"/staff/applications/{app.pk}/\">{app.tracking_code}</a> 拆分而来" in page
    client.logout()
    status = client.post("/zfxxgk/apply/status/", {"code": app.tracking_code, "phone": app.phone}).content.decode()
    assert f"其他各件的查询码：{made[0].tracking_code}" in status
    status = client.post("/zfxxgk/apply/status/", {"code": made[0].tracking_code, "phone": app.phone}).content.decode()
    assert f"本件由查询码 {app.tracking_code} 的申请按“一事一申请”分出" in status



@pytest.mark.django_db
def test_the_public_status_page_shows_the_extension(client, people, county):
    """Received 2025-09-26 (due 10-30); extended 20 working days on 10-28 → 2025-11-27: the applicant's page says so."""
    import time_machine

    app = services.register(people["jiaoti_editor"], applicant(), county["jiaoti"], "in_person", D(2025, 9, 26))
    services.extend(people["jiaoti_reviewer"], app, 20, "需要与多个部门核实", D(2025, 10, 28))
    with time_machine.travel(dt.datetime(2025, 10, 29, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        page = client.post("/zfxxgk/apply/status/", {"code": app.tracking_code, "phone": app.phone}).content.decode()
    assert "<dt>延期答复</dt><dd>2025年10月28日经批准延长 20 个工作日，答复期限至 2025年11月27日（理由：需要与多个部门核实）</dd>" in page


# --- notices ---------------------------------------------------------------------------------------------------


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)


@pytest.mark.django_db
def test_the_notice_is_a4_with_the_official_faces_and_its_number(people, county):
    editor = people["jiaoti_editor"]
    orgs.update_organization(people["jiaoti_reviewer"], county["jiaoti"], notice_number_pattern="浮教体依申{类}〔{年}〕{号}号")
    first = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2026, 3, 2))
    first = services.reply(editor, first, "disclose", on=D(2026, 3, 10), text="文件一份，见附件。")
    second = services.register(editor, applicant(description="另一份政府文件的名称"), county["jiaoti"], "in_person", D(2026, 3, 2))
    second = services.reply(editor, second, "disclose", on=D(2026, 3, 11), text="见附件")
    assert numbering.number_for(first, "reply") == "浮教体依申复〔2026〕1号"
    assert numbering.number_for(second, "reply") == "浮教体依申复〔2026〕2号"
    doc = Docx(first.notice.open("rb"))
    section = doc.sections[0]
    def mm(length):  # Word stores twips: compare to a tenth of a millimetre
        return round(length / Mm(1), 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)  # A4
    assert [mm(m) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    paragraphs = [p for p in doc.paragraphs if p.text]
    assert paragraphs[0].text == "政府信息公开申请答复告知书"
    title_font = paragraphs[0].runs[0]._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert title_font == "方正小标宋简体"
    assert paragraphs[1].text == "浮教体依申复〔2026〕1号"
    assert paragraphs[2].text == "张三："
    body = "\n".join(p.text for p in paragraphs)
    assert "收到你当面提出的" in body and "你（单位）" not in body and "你单位" not in body
    assert "。”。" not in body
    assert "。。" not in body  # “文件一份，见附件。” meets the template's own full stop
    font_table = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml").blob.decode()
    assert 'w:name="方正小标宋简体"' in font_table and 'w:val="黑体"' in font_table and 'w:val="仿宋"' in font_table


@pytest.mark.django_db
def test_an_organization_is_addressed_as_you_unit_and_numbers_are_never_reused(people, county):
    editor = people["jiaoti_editor"]
    # 91360222MA35L0G7X + check character 0 (GB 32100-2015, computed by core.codes.uscc_check_char).
    data = applicant(applicant_type="business", name="浮梁县某某有限公司", id_type="uscc", id_number="91360222MA35L0G7X0",
                     legal_representative="李四")
    app = services.register(editor, data, county["jiaoti"], "in_person", D(2026, 3, 2))
    app = services.request_correction(editor, app, "请写明文件名称。", D(2026, 3, 3), D(2026, 3, 20))
    text = _docx_text(notices.step_notice(app, "correction")[1])
    assert "收到你单位提出的" in text and "请你单位作出补正" in text
    prefix = county["jiaoti"].doc_prefix or county["jiaoti"].short_name
    assert numbering.number_for(app, "correction") == f"{prefix}依申补〔2026〕1号"  # the default pattern
    assert NoticeNumber.objects.filter(application=app).count() == 1
    assert notices.you(app) == "你单位"


def test_doubled_punctuation_is_tidied():
    assert notices.tidy("理由：依法不予公开。。根据") == "理由：依法不予公开。根据"
    assert notices.tidy("见附件，。") == "见附件。"
    assert notices.tidy("“文件”。") == "“文件”。"


@pytest.mark.django_db
def test_the_number_pattern_is_checked(people, county):
    with pytest.raises(ValidationError, match="必须包含"):
        orgs.update_organization(people["jiaoti_reviewer"], county["jiaoti"], notice_number_pattern="浮教体依申复")
    with pytest.raises(ValidationError, match="只能使用"):
        orgs.update_organization(people["jiaoti_reviewer"], county["jiaoti"], notice_number_pattern="{机关}〔{年}〕{号}号")


def test_a_replied_clock_does_not_move_with_the_day_it_is_looked_at(cal):
    # Received 2025-03-03 → due 2025-03-31. Third party consulted 03-10 (received the same day), never answered;
    # reply decided 03-20 while the consultation was open: the pause is 03-11..03-20 = 8 working days; from 03-31:
    # 04-01..03 (3; 04-04 清明), 04-07..10 (7), 04-11 (8) → due 04-11.
    facts = Facts(received=D(2025, 3, 3), pauses=(Pause("third_party", D(2025, 3, 10), None, D(2025, 3, 10)),),
                  replied=D(2025, 3, 20), decided=D(2025, 3, 20))
    seen = {compute(facts, cal, today=day).due for day in (D(2025, 3, 20), D(2025, 3, 25), D(2025, 6, 1))}
    assert seen == {D(2025, 4, 11)}


def test_a_late_answer_pauses_only_the_partys_fifteen_days(cal):
    # Third party sent and received 2025-03-10: its days end 03-31 (03-11..14, 17..21, 24..28, 31 = 15).
    # It answers 05-30: only 15 working days are paused, so due 2025-03-31 (received 03-03) + 15:
    # 04-01..03 (3), 04-07..11 (8), 04-14..18 (13), 04-21, 22 (15) → 04-22.
    facts = Facts(received=D(2025, 3, 3), pauses=(Pause("third_party", D(2025, 3, 10), D(2025, 5, 30), D(2025, 3, 10)),))
    got = compute(facts, cal, today=D(2025, 6, 3))
    assert got.third_party_due == D(2025, 3, 31) and got.due == D(2025, 4, 22)
    assert "暂停只计至该日" in got.text


def test_overlapping_pauses_count_each_day_once(cal):
    # Fee notice 2025-03-10 (paid 03-14) and a third party consulted 03-12 answering 03-18: the paused days are
    # 03-11..03-18 = 6 working days, not 4 + 4. Due 2025-03-31 + 6: 04-01..03 (3), 04-07..09 (6) → 04-09.
    facts = Facts(received=D(2025, 3, 3), fee_notice=D(2025, 3, 10), fee_paid=D(2025, 3, 14),
                  pauses=(Pause("third_party", D(2025, 3, 12), D(2025, 3, 18), D(2025, 3, 12)),))
    assert compute(facts, cal, today=D(2025, 3, 20)).due == D(2025, 4, 9)


@pytest.mark.django_db
def test_a_pattern_without_the_kind_shares_one_sequence(people, county):
    editor = people["jiaoti_editor"]
    orgs.update_organization(people["jiaoti_reviewer"], county["jiaoti"], notice_number_pattern="浮教体依申〔{年}〕{号}号")
    app = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2026, 3, 2))
    app = services.request_correction(editor, app, "请写明文件名称。", D(2026, 3, 3), D(2026, 3, 20))
    other = services.register(editor, applicant(description="另一份政府文件的名称"), county["jiaoti"], "in_person", D(2026, 3, 2))
    other = services.reply(editor, other, "disclose", on=D(2026, 3, 10), text="见附件")
    assert [numbering.number_for(app, "correction"), numbering.number_for(other, "reply")] == ["浮教体依申〔2026〕1号", "浮教体依申〔2026〕2号"]


@pytest.mark.django_db
def test_no_split_after_a_step_and_no_receipt_after_the_reply(client, people, county):
    editor = people["jiaoti_editor"]
    app = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2025, 9, 26))
    consultation = services.start_consultation(editor, app, "agency", "县自然资源局", D(2025, 10, 9))
    with pytest.raises(ValidationError, match="已征求意见的申请不能再拆分"):
        services.split_application(editor, app, ["甲文件的名称", "乙文件的名称"], "两件事")
    services.end_consultation(editor, consultation, D(2025, 10, 13))
    app = services.reply(editor, Application.objects.get(pk=app.pk), "disclose", on=D(2025, 10, 20), text="见附件")
    with pytest.raises(ValidationError):
        services.record_consultation_receipt(editor, consultation, D(2025, 10, 10))
    client.force_login(editor)  # a stale page posting a receipt with no open consultation: a message, not a 500
    response = client.post(f"/staff/applications/{app.pk}/consult_receipt/", {"consult_receipt-received_on": "2025-10-10"})
    assert response.status_code == 200 and "未能保存" in response.content.decode()


@pytest.mark.django_db
def test_the_extension_notice_states_the_new_deadline(people, county):
    # Received 2025-09-26 → due 2025-10-30; extended by 20 working days on 10-20: 10-31 (1), 11-03..07 (6),
    # 11-10..14 (11), 11-17..21 (16), 11-24..27 (20) → 2025-11-27.
    app = services.register(people["jiaoti_editor"], applicant(description="需要延期的申请内容。"), county["jiaoti"], "in_person",
                            D(2025, 9, 26))
    app = services.extend(people["jiaoti_reviewer"], app, 20, "需要会同相关单位核实", D(2025, 10, 20))
    text = _docx_text(notices.step_notice(app, "extension")[1])
    assert "答复期限延长20个工作日，即延长至2025年11月27日。" in text
    assert "申请获取“需要延期的申请内容”。" in text


@pytest.mark.django_db
def test_overdue_applications_are_asked_of_the_queryset(people, county):
    editor = people["jiaoti_editor"]
    late = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2025, 9, 26))  # due 2025-10-30
    services.register(editor, applicant(description="昨天收到的另一份申请"), county["jiaoti"], "in_person", D(2025, 10, 29))
    assert Application.objects.overdue(today=D(2025, 10, 30)) == []
    assert Application.objects.overdue(today=D(2025, 10, 31)) == [late]


@pytest.mark.django_db
def test_a_correction_deadline_is_bounded_and_no_extension_while_it_runs(people, county):
    editor = people["jiaoti_editor"]
    app = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2025, 9, 26))
    with pytest.raises(ValidationError, match="不宜超过告知日期后 90 天"):
        services.request_correction(editor, app, "请写明文件名称。", D(2025, 9, 29), D(2100, 1, 1))
    app = services.request_correction(editor, app, "请写明文件名称。", D(2025, 9, 29), D(2025, 10, 20))
    with pytest.raises(ValidationError, match="正在等待申请人补正"):
        services.extend(people["jiaoti_reviewer"], app, 10, "需要核实", D(2025, 10, 9))
