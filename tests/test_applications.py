"""Disclosure requests through the services: intake, correction, consultation, extension, fee, reply
with its notice, abandonment, reminders, masking, and the annual report's tables and rules."""

import datetime as dt
import io
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document as Docx

from zwgk.applications import report as annual
from zwgk.applications import rules, selectors, services
from zwgk.applications.models import Application, ConsultKind
from zwgk.core import audit
from zwgk.core.codes import id_check_char
from zwgk.core.models import AuditEntry

D = dt.date


def resident_id(body17="36022219800101123"):
    return body17 + id_check_char(body17)


def applicant(**over):
    data = {
        "applicant_type": "natural", "name": "张三", "id_type": "resident", "id_number": resident_id(), "phone": "13907981234",
        "email": "zhangsan@example.com", "description": "浮梁县2024年城区公办小学划片范围的依据文件", "medium": "electronic",
        "delivery": "email",
    }
    data.update(over)
    return data


@pytest.fixture
def app(people, county):
    return services.register(people["jiaoti_editor"], applicant(), county["jiaoti"], "in_person", D(2025, 9, 26))


def test_online_application_gets_a_tracking_code_and_todays_date(county):
    from django.utils import timezone

    a = services.submit_online(applicant(), county["jiaoti"])
    assert a.tracking_code.startswith("FL") and len(a.tracking_code) == 14
    assert a.received_on == timezone.localdate() and a.channel == "online"
    assert selectors.find_by_tracking(a.tracking_code.lower(), "13907981234") == a
    assert selectors.find_by_tracking(a.tracking_code, "13900000000") is None
    with pytest.raises(ValidationError, match="已经提交过同样的申请"):
        services.submit_online(applicant(), county["jiaoti"])
    assert Application.objects.count() == 1


@pytest.mark.parametrize(("over", "field", "message"), [
    ({"id_number": "360222198001011230"}, "id_number", "身份证号码校验位不符，请核对后重新填写。"),
    ({"id_number": "360222198013011234"}, "id_number", "出生日期"),
    ({"phone": "12345"}, "phone", "联系电话"),
    ({"description": "表"}, "description", "至少 5 个字"),
    ({"applicant_type": "business", "id_type": "uscc", "id_number": "91360222MA35XXXXXX"}, "id_number", "统一社会信用代码"),
    ({"applicant_type": "business", "id_type": "resident"}, "id_type", "统一社会信用代码"),
    ({"delivery": "post", "address": ""}, "address", "通信地址"),
])
def test_bad_applications_are_refused_in_chinese_and_change_nothing(county, over, field, message):
    with pytest.raises(ValidationError) as e:
        services.submit_online(applicant(**over), county["jiaoti"])
    assert message in " ".join(e.value.message_dict[field])
    assert not Application.objects.exists()


def test_only_government_bodies_receive_applications(county):
    with pytest.raises(ValidationError, match="行政机关"):
        services.submit_online(applicant(), county["school"])


def test_staff_register_with_the_channel_rule_and_only_for_their_units(people, county, app):
    assert app.channel == "in_person" and app.registered_by == people["jiaoti_editor"]
    entry = AuditEntry.objects.filter(action="applications.register").get()
    assert "申请人当面提交之日" in entry.summary
    with pytest.raises(PermissionDenied):
        services.register(people["jiaoti_editor"], applicant(name="李四"), county["weijian"], "fax", D(2025, 9, 26))
    with pytest.raises(ValidationError, match="晚于今天"):
        services.register(people["jiaoti_editor"], applicant(name="李四"), county["jiaoti"], "fax", D(2099, 1, 1))


def test_correction_once_within_seven_working_days(people, app):
    editor = people["jiaoti_editor"]
    with pytest.raises(ValidationError, match="2025-10-13"):
        services.request_correction(editor, app, "请写明文件名称", D(2025, 10, 14), D(2025, 10, 24))
    services.request_correction(editor, app, "请写明文件名称", D(2025, 10, 13), D(2025, 10, 24))
    with pytest.raises(ValidationError, match="一次性告知"):
        services.request_correction(editor, app, "再补一次", D(2025, 10, 13), D(2025, 10, 24))
    app.refresh_from_db()
    assert selectors.clock(app, today=D(2025, 10, 15)).state == "awaiting_correction"
    services.receive_correction(editor, app, D(2025, 10, 20), "《浮梁县2024年城区公办小学划片范围》")
    app.refresh_from_db()
    c = selectors.clock(app, today=D(2025, 10, 21))
    assert c.due == D(2025, 11, 17) and "重新计算" in c.text


def test_consultation_extension_and_permissions(people, app):
    editor, reviewer = people["jiaoti_editor"], people["jiaoti_reviewer"]
    consultation = services.start_consultation(editor, app, ConsultKind.THIRD_PARTY, "某公司", D(2025, 10, 20))
    services.end_consultation(editor, consultation, D(2025, 10, 23), "不同意公开")
    app.refresh_from_db()
    assert selectors.clock(app, today=D(2025, 10, 24)).due == D(2025, 11, 4)
    with pytest.raises(PermissionDenied):
        services.extend(editor, app, 20, "需要与多个部门核实", D(2025, 10, 28))
    with pytest.raises(ValidationError, match="1 到 20"):
        services.extend(reviewer, app, 21, "需要核实", D(2025, 10, 28))
    services.extend(reviewer, app, 20, "需要与多个部门核实", D(2025, 10, 28))
    with pytest.raises(ValidationError, match="只能延长一次"):
        services.extend(reviewer, app, 5, "再延", D(2025, 10, 29))
    app.refresh_from_db()
    c = selectors.clock(app, today=D(2025, 10, 29))
    assert app.extension_approver and c.due == D(2025, 12, 2)
    assert c.text.endswith("延长 20 个工作日 → 2025-12-02")


def test_fees_per_item_over_the_month_and_per_volume(people, county):
    editor = people["jiaoti_editor"]
    apps = [services.register(editor, applicant(description=f"第{i}份材料的复印件"), county["jiaoti"], "email", D(2025, 3, 3))
            for i in range(1, 12)]
    with pytest.raises(ValidationError, match="免费范围"):
        services.send_fee_notice(editor, apps[9], "items", None, D(2025, 3, 5))
    eleventh = services.send_fee_notice(editor, apps[10], "items", None, D(2025, 3, 5))
    assert (eleventh.fee_quantity, eleventh.fee_amount) == (11, 100)
    with pytest.raises(ValidationError, match="只能按一种方式"):
        services.send_fee_notice(editor, apps[10], "pages", 300, D(2025, 3, 5))
    paged = services.send_fee_notice(editor, apps[0], "pages", 2219, D(2025, 3, 5))
    assert paged.fee_amount == 83460
    services.record_payment(editor, paged, D(2025, 3, 10))
    paged.refresh_from_db()
    assert selectors.clock(paged, today=D(2025, 3, 11)).due == D(2025, 4, 3)  # 20 working days from 03-03, +3 paused


def _notice_text(app):
    app.refresh_from_db()
    with app.notice.open("rb") as fh:
        return "\n".join(p.text for p in Docx(io.BytesIO(fh.read())).paragraphs)


def test_reply_rules_and_the_notice(people, app, county):
    editor = people["jiaoti_editor"]
    with pytest.raises(ValidationError) as e:
        services.reply(editor, app, "third_party", on=D(2025, 10, 28))
    assert "理由" in e.value.message_dict["reason"][0]
    with pytest.raises(ValidationError) as e:
        services.reply(editor, app, "partial", on=D(2025, 10, 28), reason="涉及个人信息", text="见附件")
    assert "不予公开的内容" in e.value.message_dict["withheld"][0]
    with pytest.raises(ValidationError):
        services.reply(editor, app, "no_correction", on=D(2025, 10, 28))
    services.reply(editor, app, "partial", on=D(2025, 10, 28), reason="涉及学生家庭住址等个人信息", withheld="附表中的住址栏",
                   text="划片范围文件一份（电子版）", delivered_by="email", delivered_on=D(2025, 10, 28))
    text = _notice_text(app)
    assert "政府信息部分公开告知书" in text and "附表中的住址栏" in text and "第三十七条" in text
    assert "60日内依法申请行政复议" in text and "6个月内依法向人民法院提起行政诉讼" in text
    assert county["jiaoti"].name in text and "2025年10月28日" in text
    with pytest.raises(ValidationError, match="已于 2025-10-28 办结"):
        services.reply(editor, app, "disclose", on=D(2025, 10, 28), text="再答")
    assert selectors.clock(app, today=D(2025, 12, 1)).state == "replied"


def test_not_held_names_the_responsible_agency(people, app):
    services.reply(people["jiaoti_editor"], app, "not_held", on=D(2025, 10, 9), reason="该信息由县自然资源规划局制作",
                   agency="浮梁县自然资源规划局，电话 0798-2621234")
    assert "负责公开机关为：浮梁县自然资源规划局" in _notice_text(app)


def test_stale_reply_is_refused(people, app):
    version = app.version
    services.start_consultation(people["jiaoti_editor"], app, ConsultKind.AGENCY, "县自然资源规划局", D(2025, 9, 29))
    with pytest.raises(ValidationError, match="刚被其他人修改过"):
        services.reply(people["jiaoti_editor"], app, "disclose", on=D(2025, 10, 9), text="文件一份", version=version)


def test_open_closed_and_replied_applications_by_queryset(people, county):
    """Open until a reply (or the system's closure) is recorded; closed_between counts by the day closed, both ends
    included; replied leaves out what the system closed as abandoned."""
    editor = people["jiaoti_editor"]
    abandoned = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2025, 3, 3))
    services.request_correction(editor, abandoned, "请写明文件名称", D(2025, 3, 5), D(2025, 3, 19))
    replied = services.register(editor, applicant(description="另一份材料的全部附件"), county["jiaoti"], "in_person", D(2025, 3, 3))
    services.reply(editor, replied, "disclose", on=D(2025, 3, 20), text="文件一份")
    waiting = services.register(editor, applicant(description="第三份材料的目录"), county["jiaoti"], "in_person", D(2025, 3, 3))
    services.close_abandoned(D(2025, 4, 15))  # closes ``abandoned`` on 2025-03-20, the day after its deadline
    apps = Application.objects.filter(organization=county["jiaoti"])
    assert list(apps.open()) == [waiting] and set(apps.closed()) == {abandoned, replied}
    assert set(apps.closed_between(D(2025, 3, 20), D(2025, 3, 20))) == {abandoned, replied}
    assert not apps.closed_between(D(2025, 3, 21), D(2025, 12, 31)).exists()
    assert list(apps.closed_between(D(2025, 1, 1), D(2025, 12, 31)).replied()) == [replied]
    assert Application.objects.get(pk=waiting.pk).is_open and not Application.objects.get(pk=abandoned.pk).is_open


def test_abandoned_when_the_applicant_lets_the_deadline_pass(people, county):
    editor = people["jiaoti_editor"]
    a = services.register(editor, applicant(), county["jiaoti"], "in_person", D(2025, 3, 3))
    services.request_correction(editor, a, "请写明文件名称", D(2025, 3, 5), D(2025, 3, 19))
    b = services.register(editor, applicant(description="另一份材料的全部附件"), county["jiaoti"], "in_person", D(2025, 3, 3))
    services.send_fee_notice(editor, b, "pages", 500, D(2025, 3, 5))
    assert services.close_abandoned(D(2025, 3, 19)) == []
    closed = services.close_abandoned(D(2025, 4, 15))
    assert {x.reply_type for x in closed} == {"no_correction", "unpaid"}
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.reply_on == D(2025, 3, 20) and b.reply_on == D(2025, 4, 3)  # fee: 20 working days after 03-05 is 04-02
    assert services.close_abandoned(D(2025, 4, 16)) == []


def test_reminders_once_a_day_to_the_handlers(people, county, app):
    """Deadline reminders are notifications to the handling unit's staff (not the county office), once a day."""
    from zwgk.notifications.models import Mail, Notification

    today = D(2025, 10, 27)  # three working days before 2025-10-30
    made = services.send_reminders(today)
    assert {n.recipient.username for n in made} == {"jiaoti_editor", "jiaoti_reviewer"}
    assert all(n.kind == "applications.deadline_near" and "还剩 3 个工作日" in n.title for n in made)
    assert all(n.target_url == f"/staff/applications/{app.pk}/" for n in made)
    assert services.send_reminders(today) == []
    late = services.send_reminders(D(2025, 10, 31))
    assert late and all(n.kind == "applications.overdue" for n in late)
    assert Notification.objects.filter(recipient=people["jiaoti_editor"]).count() == 2
    assert not Mail.objects.exists()  # the factory's people have no e-mail address: in the app only


def test_masking_and_logged_full_view(people, app):
    assert selectors.mask_id(app.id_number) == "360222********" + app.id_number[-4:]
    assert selectors.mask_phone("13907981234") == "139****1234"
    services.view_personal(people["jiaoti_editor"], app)
    assert AuditEntry.objects.filter(action="applications.view_personal", actor=people["jiaoti_editor"]).exists()
    with pytest.raises(PermissionDenied):
        services.view_personal(people["weijian_reviewer"], app)


# --- annual report ---------------------------------------------------------------------------------
TYPES = [t for t, _ in rules.APPLICANT_TYPES]
REPLIES = [r.code for r in rules.REPLY_TYPES]


def _generate_year(org, n, seed=7):
    """n applications received 2024-07-01 … 2025-12-31, most replied within weeks, some still open."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        received = D(2024, 7, 1) + dt.timedelta(days=rng.randrange(549))
        replied = rng.random() < 0.9
        reply_on = received + dt.timedelta(days=rng.randrange(1, 60)) if replied else None
        rows.append(Application(
            tracking_code=f"GEN{i:07d}", organization=org, applicant_type=rng.choice(TYPES), name=f"申请人{i}",
            id_type="other", id_number=f"X{i:08d}", phone="13907981234", description="生成的申请", channel="online",
            received_on=received, reply_type=rng.choice(REPLIES) if replied else "", reply_on=reply_on,
        ))
    with audit.allow_direct_writes():
        Application.objects.bulk_create(rows, batch_size=1000)
    return rows


def _expected(rows, year):
    first, last = D(year, 1, 1), D(year, 12, 31)
    new = sum(1 for r in rows if first <= r.received_on <= last)
    carried_in = sum(1 for r in rows if r.received_on < first and (not r.reply_type or r.reply_on >= first))
    closed = [r for r in rows if r.reply_type and first <= r.reply_on <= last]
    carried_out = sum(1 for r in rows if r.received_on <= last and (not r.reply_type or r.reply_on > last))
    return new, carried_in, closed, carried_out


def test_table_b_on_a_generated_year_of_10000_applications(county):
    rows = _generate_year(county["jiaoti"], 10_000)
    b = annual.table_b(county["jiaoti"], 2025)
    new, carried_in, closed, carried_out = _expected(rows, 2025)
    assert b.cell("new", "total") == new and b.cell("carried_in", "total") == carried_in
    assert b.cell("result_total", "total") == len(closed) and b.cell("carried_out", "total") == carried_out
    partial = sum(1 for r in closed if r.reply_type == "partial")
    assert b.cell("partial", "total") == partial
    other3 = sum(1 for r in closed if r.reply_type in ("special_procedure", "other"))
    assert b.cell("ot3", "total") == other3
    natural_new = sum(1 for r in rows if r.applicant_type == "natural" and r.received_on.year == 2025)
    assert b.cell("new", "natural") == natural_new
    last_year = annual.table_b(county["jiaoti"], 2024)
    assert annual.check_table_b(b, last_year) == []
    report = annual.build(county["jiaoti"], 2025)
    assert report.problems == []
    # The rules can fail: a tampered table is caught, each rule in words.
    b.rows[0]["cells"]["natural"] += 1
    problems = annual.check_table_b(b, last_year)
    assert any("第一项加第二项" in p for p in problems) and any("总计不等于各类申请人之和" in p for p in problems)
    last_year.rows[-1]["cells"]["total"] += 2
    assert any("上年报告的结转下年度" in p for p in annual.check_table_b(annual.table_b(county["jiaoti"], 2025), last_year))


def test_every_row_label_of_the_official_form():
    labels = [label for _, label, _, _ in annual.B_ROWS]
    assert labels[0] == "一、本年新收政府信息公开申请数量" and labels[-1] == "四、结转下年度继续办理"
    assert "3.危及“三安全一稳定”" in labels and "（七）总计" in labels
    assert len(annual.RESULT_KEYS) == 21
    assert set(annual.REPLY_ROW.values()) == set(annual.RESULT_KEYS)


def test_every_reply_type_names_an_existing_result_row_by_its_key_under_its_group():
    """rules.py names each reply type's table B row by the row's key; the row exists, is a result row, and sits
    under the heading of the reply type's group (予以公开 and 部分公开 are their own rows)."""
    heading = {}
    current = ""
    for key, label, indent, _ in annual.B_ROWS:
        if indent == 1:
            current = label
        heading[key] = current
    for r in rules.REPLY_TYPES:
        assert r.report_row in annual.RESULT_KEYS, (r.code, r.report_row)
        assert r.group in heading[r.report_row], (r.code, r.report_row, heading[r.report_row])
        assert annual.REPLY_ROW[r.code] == r.report_row


def test_reply_types_fall_in_the_rows_of_the_official_form(people, county):
    """Worked example: 属于国家秘密 is row 不予公开 1, 逾期未缴费 is 其他处理 2, and both special procedures and
    其他 are 其他处理 3; a reply counts in its row's cell of table B and nowhere else."""
    assert (annual.REPLY_ROW["secret"], annual.ROW_LABEL["nd1"]) == ("nd1", "1.属于国家秘密")
    assert annual.ROW_LABEL[annual.REPLY_ROW["unpaid"]] == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert annual.REPLY_ROW["special_procedure"] == annual.REPLY_ROW["other"] == "ot3"
    assert annual.REPLY_ROW["already_public"] == annual.REPLY_ROW["disclose"] == "disclosed"
    app = services.submit_online(applicant(), county["jiaoti"])
    services.reply(people["jiaoti_editor"], app, "not_held", on=app.received_on, reason="本机关不掌握该信息",
                   agency="浮梁县自然资源局")
    b = annual.table_b(county["jiaoti"], app.received_on.year)
    assert b.cell("cp1", "natural") == 1 and b.cell("result_total", "natural") == 1
    assert sum(b.cell(k, "total") for k in annual.RESULT_KEYS if k != "cp1") == 0


def test_report_exports_and_command(people, county, app, tmp_path):
    import json
    from io import StringIO

    from django.core.management import call_command
    from openpyxl import load_workbook

    services.reply(people["jiaoti_editor"], app, "disclose", on=D(2025, 10, 9), text="文件一份")
    services.save_report(people["jiaoti_reviewer"], county["jiaoti"], 2025, part_one="本年度依法做好政务公开。", part_five="问题与改进。",
                         part_six="", table_a={"licensing": "12", "fees_wan": "1.5"})
    with pytest.raises(ValidationError):
        services.save_report(people["jiaoti_reviewer"], county["jiaoti"], 2025, part_one="", part_five="", part_six="",
                             table_a={"penalty": "很多"})
    report = annual.build(county["jiaoti"], 2025)
    doc = Docx(io.BytesIO(annual.to_docx(report)))
    texts = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert annual.B_CORNER in texts and "（一）予以公开" in texts and "行政许可" in texts and "12" in texts
    assert "复议后起诉" in texts
    wb = load_workbook(io.BytesIO(annual.to_xlsx(report)))
    sheet = wb["三、申请情况"]
    rows = {[v for v in r[:3] if v][-1]: r[3:] for r in sheet.iter_rows(values_only=True) if any(r[:3])}
    assert rows["（一）予以公开"][-1] == 1 and rows["一、本年新收政府信息公开申请数量"][0] == 1
    out = StringIO()
    call_command("annual-report", "2025", "--org", county["jiaoti"].name, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) >= {"table_a", "table_b", "table_c"}
    assert data["table_b"]["rows"][0] == {"label": "一、本年新收政府信息公开申请数量",
                                          "cells": {"自然人": 1, "商业企业": 0, "科研机构": 0, "社会公益组织": 0,
                                                    "法律服务机构": 0, "其他": 0, "总计": 1}}
    assert len(data["table_c"]["cells"]) == 15


def test_publishing_the_report_goes_through_review_to_the_annual_report_column(people, county, app):
    from zwgk.publishing.models import Document, RevisionState

    services.reply(people["jiaoti_editor"], app, "disclose", on=D(2025, 10, 9), text="文件一份")
    with pytest.raises(PermissionDenied):
        services.publish_report(people["weijian_reviewer"], county["jiaoti"], 2025)
    doc = services.publish_report(people["gkb"], county["jiaoti"], 2025)
    doc = Document.objects.get(pk=doc.pk)
    rev = doc.revisions.get()
    assert rev.genre == "年报" and rev.state == RevisionState.IN_REVIEW and "（一）予以公开" in rev.body_html
    with pytest.raises(ValidationError, match="已经送审"):
        services.publish_report(people["gkb"], county["jiaoti"], 2025)
