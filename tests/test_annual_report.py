"""The annual report as the official document (issue 13 §3), from worked examples with the figures written out:
the Word and Excel layout of the 国办公开办函〔2021〕30号 template, the published report frozen, the corrected report
through review, rule 5 (二 = last year's 四) against last year's published report or the entered figure, and the
county-wide report with its drill-down."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document as Docx
from docx.oxml.ns import qn
from openpyxl import load_workbook

from zwgk.applications import report as annual
from zwgk.applications import services
from zwgk.applications.models import AnnualReport
from zwgk.core.codes import make_uscc
from zwgk.core.models import AuditEntry

from .test_applications import applicant, resident_id

D = dt.date


def register(people, org, name, received, editor="jiaoti_editor", **over):
    return services.register(people[editor], applicant(name=name, description=f"{name}申请的政府信息内容", **over), org,
                             "in_person", received)


def layout(table):
    """Each row as [(first grid column, gridSpan, vMerge, text)] from the table's XML."""
    out = []
    for tr in table._tbl.tr_lst:
        col, row = 0, []
        for tc in tr.tc_lst:
            pr = tc.tcPr
            span = int(pr.find(qn("w:gridSpan")).get(qn("w:val"))) if pr is not None and pr.find(qn("w:gridSpan")) is not None else 1
            vm = pr.find(qn("w:vMerge")) if pr is not None else None
            vmerge = None if vm is None else (vm.get(qn("w:val")) or "continue")
            row.append((col, span, vmerge, "".join(t.text or "" for t in tc.iter(qn("w:t")))))
            col += span
        out.append(row)
    return out


@pytest.fixture
def year_2025(people, county):
    """县教体局 2025: 张三 received 26 September, disclosed 9 October; 李四 received 3 November, still open at the end
    of the year. Table A: 行政许可 12. So 一 = 2, （一）予以公开 = 1, 四 = 1 (自然人)."""
    a = register(people, county["jiaoti"], "张三", D(2025, 9, 26))
    services.reply(people["jiaoti_editor"], a, "disclose", on=D(2025, 10, 9), text="文件一份")
    b = register(people, county["jiaoti"], "李四", D(2025, 11, 3), id_number=resident_id("36022219820303123"), phone="13907985678")
    services.save_report(people["jiaoti_reviewer"], county["jiaoti"], 2025, part_one="本年度依法做好政务公开。", part_five="问题与改进。",
                         part_six="", table_a={"licensing": "12"})
    return a, b


def test_word_file_is_a4_with_one_table_per_part_and_the_templates_merged_cells(people, county, year_2025):
    doc = Docx(io.BytesIO(annual.to_docx(annual.build(county["jiaoti"], 2025))))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    # 二、三、四 each one table: three in all (table A is one table, not one per block).
    assert len(doc.tables) == 3
    a, b, c = (layout(t) for t in doc.tables)
    # Table A: 4 blocks × (heading + header) + 6 rows = 14 rows; each 第二十条 heading across the four columns.
    assert len(a) == 14 and [r[0] for r in a if r[0][3].startswith("第二十条")] == [
        (0, 4, None, f"第二十条第（{n}）项") for n in "一五六八"]
    assert a[6] == [(0, 1, None, "行政许可"), (1, 3, None, "12")]
    # Table B: 3 header rows + 一、二 + 22 result rows + 四 = 28 rows; no blank heading rows.
    assert len(b) == 28
    assert b[0][0] == (0, 3, "restart", annual.B_CORNER) and b[3][0] == (0, 3, None, "一、本年新收政府信息公开申请数量")
    assert [cell[3] for cell in b[3][1:]] == ["2", "0", "0", "0", "0", "0", "2"]
    # 三、本年度办理结果 merged down its 22 rows, in the first column.
    assert b[5][0] == (0, 1, "restart", "三、本年度办理结果") and all(r[0][:3] == (0, 1, "continue") for r in b[6:27])
    assert b[5][1] == (1, 2, None, "（一）予以公开") and b[5][2][3] == "1"
    assert b[26][1] == (1, 2, None, "（七）总计") and b[27][0] == (0, 3, None, "四、结转下年度继续办理")
    # （三）不予公开 merged down its 8 items in the second column, （四） 3, （五） 5, （六） 3.
    for first, count, label in ((7, 8, "（三）不予公开"), (15, 3, "（四）无法提供"), (18, 5, "（五）不予处理"), (23, 3, "（六）其他处理")):
        assert b[first][1] == (1, 1, "restart", label)
        assert all(r[1][:3] == (1, 1, "continue") for r in b[first + 1:first + count])
    assert b[7][2][3] == "1.属于国家秘密" and b[25][2][3] == "3.其他"
    # Table C: 行政复议 over two rows and five columns, 行政诉讼 over ten; 15 figures in one row.
    assert c[0][0] == (0, 5, "restart", "行政复议") and c[0][1] == (5, 10, None, "行政诉讼")
    assert c[1][1:] == [(5, 5, None, "未经复议直接起诉"), (10, 5, None, "复议后起诉")] and len(c[3]) == 15


def test_word_file_uses_explicit_chinese_fonts_and_no_heading_styles(people, county, year_2025):
    data = annual.to_docx(annual.build(county["jiaoti"], 2025))
    doc = Docx(io.BytesIO(data))
    assert not [p.style.name for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    title = doc.paragraphs[0]
    assert title.text == "浮梁县教育体育局2025年政府信息公开工作年度报告"
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    heading = next(p for p in doc.paragraphs if p.text == "二、主动公开政府信息情况")
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    body = next(p for p in doc.paragraphs if p.text == "本年度依法做好政务公开。")
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and body.style.name == "Normal"
    cell_run = doc.tables[1].rows[3].cells[0].paragraphs[0].runs[0]
    assert cell_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert b"themeColor" not in doc.part.blob  # no theme colour in the document body
    fonts = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml").blob.decode()
    assert 'w:name="方正小标宋简体"' in fonts and 'w:val="黑体"' in fonts and 'w:name="仿宋_GB2312"' in fonts and 'w:val="仿宋"' in fonts


def test_excel_file_merges_as_the_template_and_indents_by_the_cell_not_spaces(people, county, year_2025):
    wb = load_workbook(io.BytesIO(annual.to_xlsx(annual.build(county["jiaoti"], 2025))))
    a, b, c = wb["二、主动公开"], wb["三、申请情况"], wb["四、复议诉讼"]
    assert a.max_row == 14 and {"A1:D1", "B6:D6", "B7:D7", "A5:D5"} <= {str(r) for r in a.merged_cells.ranges}
    assert a["A7"].value == "行政许可" and a["B7"].value == 12
    merged = {str(r) for r in b.merged_cells.ranges}
    # corner; 一 across A:C; 三 down rows 6–27; （一） across B:C; （三） down rows 8–15; 四 across A:C.
    assert {"A1:C3", "A4:C4", "A6:A27", "B6:C6", "B8:B15", "B16:B18", "B19:B23", "B24:B26", "B27:C27", "A28:C28"} <= merged
    assert b["A6"].value == "三、本年度办理结果" and b["B8"].value == "（三）不予公开" and b["C8"].value == "1.属于国家秘密"
    assert b["D4"].value == 2 and b["J6"].value == 1 and b["J28"].value == 1
    labels = [cell for row in b.iter_rows(min_col=1, max_col=3) for cell in row if isinstance(cell.value, str)]
    assert labels and not [cell.value for cell in labels if cell.value[:1] in ("\u3000", " ")]
    items = [cell for cell in labels if cell.column == 3]
    assert len(items) == 19 and all(cell.alignment.indent == 1 for cell in items)
    assert "A1:E2" in {str(r) for r in c.merged_cells.ranges} and [c.cell(4, i).value for i in range(1, 16)] == [0] * 15


def approve(staff, doc):
    from zwgk.publishing import services as publishing
    from zwgk.publishing.models import Revision

    for name in ("jiaoti_reviewer", "jiaoti_secrecy"):
        publishing.decide(staff[name], Revision.objects.filter(document=doc).latest("number"), "approve", "同意")


def test_the_published_report_is_frozen_and_the_office_sees_the_difference(client, people, county, staff, year_2025):
    """Published 10 figures: 四 = 1. On 1 December 2025 李四 gets 本机关不掌握 (无法提供 1): counted now 四 = 0 and
    （四）1 = 1, but the published report, its page and its Word file keep 四 = 1 until a correction is published."""
    gkb = people["gkb"]
    _, lisi = year_2025
    first = services.publish_report(gkb, county["jiaoti"], 2025)
    saved = AnnualReport.objects.get(organization=county["jiaoti"], year=2025)
    assert saved.published_at is not None and saved.snapshot["table_b"]["carried_out"]["natural"] == 1
    services.reply(people["jiaoti_editor"], lisi, "not_held", on=D(2025, 12, 1), reason="本机关不掌握该信息", agency="浮梁县自然资源局")
    live, frozen = annual.build(county["jiaoti"], 2025), annual.published(county["jiaoti"], 2025)
    assert (live.table_b.cell("carried_out", "total"), live.table_b.cell("cp1", "total")) == (0, 1)
    assert (frozen.table_b.cell("carried_out", "total"), frozen.table_b.cell("cp1", "total")) == (1, 0)
    diff = annual.differences(frozen, live)
    assert [(r["row"], [(c["column"], c["published"], c["now"]) for c in r["columns"]]) for r in diff["rows"]] == [
        ("1.本机关不掌握相关政府信息", [("自然人", 0, 1), ("总计", 0, 1)]),
        ("（七）总计", [("自然人", 1, 2), ("总计", 1, 2)]),
        ("四、结转下年度继续办理", [("自然人", 1, 0), ("总计", 1, 0)]),
    ]
    client.force_login(people["jiaoti_reviewer"])
    page = client.get("/staff/applications/report/", {"org": county["jiaoti"].pk, "year": 2025}).content.decode()
    assert "本页显示已发布的报告" in page and "当前统计与已发布的报告不一致" in page
    assert "<th scope=\"row\">四、结转下年度继续办理</th><td>自然人</td><td>1</td><td>0</td>" in page
    docx = Docx(io.BytesIO(client.get("/staff/applications/report/", {"org": county["jiaoti"].pk, "year": 2025, "format": "docx"}).content))
    rows = layout(docx.tables[1])
    assert rows[27][-1][3] == "1" and rows[16][-1][3] == "0"  # 四 = 1 and （四）1 = 0 as published
    # A second plain publication is refused; the correction goes through the same review, the published one stays.
    with pytest.raises(ValidationError, match="发布更正报告"):
        services.publish_report(gkb, county["jiaoti"], 2025)
    with pytest.raises(ValidationError, match="仍在审核中"):
        services.publish_report(gkb, county["jiaoti"], 2025, corrected=True)
    approve(staff, first)
    assert first.revisions.get(number=1).state == "published"
    doc = services.publish_report(gkb, county["jiaoti"], 2025, corrected=True)
    saved.refresh_from_db()
    assert saved.correction["revision"] == 2 and saved.correction["table_b"]["carried_out"]["natural"] == 0
    assert doc.revisions.get(number=2).state == "in_review"
    assert annual.published(county["jiaoti"], 2025).table_b.cell("carried_out", "total") == 1
    assert annual.correction_state(saved) == "审核中"
    with pytest.raises(ValidationError, match="正在审核中"):
        services.publish_report(gkb, county["jiaoti"], 2025, corrected=True)
    entry = AuditEntry.objects.filter(action="applications.report_publish").order_by("-pk").first()
    assert "更正送审" in entry.summary and any("四、结转下年度继续办理：自然人 1→0" in r for r in entry.changes["rows"])


def test_a_reply_that_changes_a_published_year_warns_the_office(client, people, county, year_2025):
    """2025 is published with 四 = 1 (李四 open). On 1 December 2025 the office replies to 李四 (予以公开): the page
    warns that the published 2025 report's figures changed (（一） 1→2 with 张三's, 四 1→0) and links to the report page; a reply
    in a year with no published report warns nothing."""
    _, lisi = year_2025
    services.publish_report(people["gkb"], county["jiaoti"], 2025)
    client.force_login(people["jiaoti_editor"])
    response = client.post(f"/staff/applications/{lisi.pk}/reply/", {
        "reply-reply_type": "disclose", "reply-on": "2025-12-01", "reply-text": "文件一份", "reply-version": lisi.version,
        "reply-delivered_by": "email", "reply-delivered_on": "2025-12-01"}, follow=True)
    page = response.content.decode()
    assert "注意：这次登记改变了已发布的2025年度报告的数字" in page
    assert "（一）予以公开（自然人 1→2、总计 1→2）；（七）总计（自然人 1→2、总计 1→2）；四、结转下年度继续办理（自然人 1→0、总计 1→0）" in page
    assert f'<a href="/staff/applications/report/?org={county["jiaoti"].pk}&amp;year=2025">2025年度报告页</a>' in page
    assert annual.published(county["jiaoti"], 2025).table_b.cell("carried_out", "total") == 1  # left as published
    other = register(people, county["jiaoti"], "王五", D(2026, 3, 2))
    page = client.post(f"/staff/applications/{other.pk}/reply/", {
        "reply-reply_type": "disclose", "reply-on": "2026-03-09", "reply-text": "文件一份", "reply-version": other.version,
        "reply-delivered_by": "email", "reply-delivered_on": "2026-03-09"}, follow=True).content.decode()
    assert "已发布的" not in page


def test_the_correction_replaces_the_published_report_once_review_publishes_it(people, county, staff, year_2025):
    _, lisi = year_2025
    approve(staff, services.publish_report(people["gkb"], county["jiaoti"], 2025))
    services.reply(people["jiaoti_editor"], lisi, "not_held", on=D(2025, 12, 1), reason="本机关不掌握该信息", agency="浮梁县自然资源局")
    doc = services.publish_report(people["gkb"], county["jiaoti"], 2025, corrected=True)
    approve(staff, doc)
    assert doc.revisions.get(number=2).state == "published"
    frozen = annual.published(county["jiaoti"], 2025)
    assert frozen.table_b.cell("carried_out", "total") == 0 and frozen.table_b.cell("cp1", "total") == 1
    assert annual.differences(frozen, annual.build(county["jiaoti"], 2025)) == {"rows": [], "texts": []}


def test_rule_five_is_checked_against_last_years_published_report(people, county):
    """2024: 王五 received 20 December 2024, open at the year end: 四 = 1; the 2024 report is published. Then 赵六,
    received 25 December 2024, is registered late: 2025's 二 counts 2, last year's published 四 says 1."""
    register(people, county["jiaoti"], "王五", D(2024, 12, 20))
    services.publish_report(people["gkb"], county["jiaoti"], 2024)
    assert annual.build(county["jiaoti"], 2025).problems == []
    register(people, county["jiaoti"], "赵六", D(2024, 12, 25), id_number=resident_id("36022219850505123"), phone="13907980000")
    problems = annual.build(county["jiaoti"], 2025).problems
    assert "“自然人”列：上年结转（2）不等于2024年已发布报告的结转下年度（1）。" in problems
    assert "“总计”列：上年结转（2）不等于2024年已发布报告的结转下年度（1）。" in problems
    with pytest.raises(ValidationError, match="勾稽关系检查未通过"):
        services.publish_report(people["gkb"], county["jiaoti"], 2025)
    with pytest.raises(ValidationError, match="已在本系统发布"):
        services.save_carried_in(people["jiaoti_reviewer"], county["jiaoti"], 2025, {"natural": 2}, "纸质报告")


def test_the_first_year_in_use_takes_last_years_carried_over_figure_with_a_reason(client, people, county):
    """zwgk in use from 2025; the 2024 paper report printed 四 = 3 (自然人 2, 商业企业 1). Two of them are registered
    (received 10 and 12 December 2024): 2025's 二 counts 2, so the check says 2 against 3; the third registered, it holds."""
    reviewer = people["jiaoti_reviewer"]
    with pytest.raises(ValidationError) as e:
        services.save_carried_in(reviewer, county["jiaoti"], 2025, {"natural": 2, "business": 1}, "")
    assert "carried_in_reason" in e.value.message_dict
    services.save_carried_in(reviewer, county["jiaoti"], 2025, {"natural": "2", "business": "1"}, "本系统自2025年起使用，2024年报告为纸质报告")
    entry = AuditEntry.objects.get(action="applications.report_carried_in")
    assert "共 3 件" in entry.summary and "纸质报告" in entry.summary
    register(people, county["jiaoti"], "王五", D(2024, 12, 10))
    register(people, county["jiaoti"], "赵六", D(2024, 12, 12), id_number=resident_id("36022219850505123"), phone="13907980000")
    problems = annual.build(county["jiaoti"], 2025).problems
    assert "“商业企业”列：上年结转（0）不等于录入的2024年报告（理由：本系统自2025年起使用，2024年报告为纸质报告）的结转下年度（1）。" in problems
    assert any(p.startswith("“总计”列：上年结转（2）") and p.endswith("的结转下年度（3）。") for p in problems)
    register(people, county["jiaoti"], "某公司", D(2024, 12, 16), applicant_type="business", id_type="uscc",
             id_number=make_uscc("9", "1", "360222", "MA35ABCD"), legal_representative="钱七", contact_person="孙八", phone="13907981111")
    assert not [p for p in annual.build(county["jiaoti"], 2025).problems if "上年结转" in p]
    client.force_login(reviewer)
    page = client.post(f"/staff/applications/report/?org={county['jiaoti'].pk}&year=2025", {
        "org": county["jiaoti"].pk, "year": 2025, "carried": "1", "carried_natural": "2", "carried_in_reason": ""}).content.decode()
    assert "field-error" in page or "errors" in page


def test_county_report_sums_the_units_published_or_live_with_drill_down(client, people, county, year_2025):
    """县教体局 publishes (一 = 2, （一）= 1, 四 = 1, 行政许可 12); then 周九 arrives on 1 December 2025, which its
    published report does not count. 县卫健委 (not published): 吴十 received 10 October, 部分公开 on 20 October; 行政许可 5.
    全县: 一 = 2 + 1 = 3, （一） = 1, （二） = 1, 四 = 1 + 0 = 1, 行政许可 17."""
    services.publish_report(people["gkb"], county["jiaoti"], 2025)
    register(people, county["jiaoti"], "周九", D(2025, 12, 1), id_number=resident_id("36022219900101123"), phone="13907982222")
    wu = register(people, county["weijian"], "吴十", D(2025, 10, 10), editor="gkb")
    services.reply(people["gkb"], wu, "partial", on=D(2025, 10, 20), text="部分公开", withheld="第三方的联系电话",
                   reason="涉及个人隐私，依据《条例》第十五条不予公开")
    services.save_report(people["weijian_reviewer"], county["weijian"], 2025, part_one="", part_five="", part_six="", table_a={"licensing": 5})
    result = annual.aggregate(county["gov"], 2025)
    b = result.report.table_b
    assert (b.cell("new", "natural"), b.cell("disclosed", "natural"), b.cell("partial", "natural"), b.cell("carried_out", "total")) == (3, 1, 1, 1)
    assert result.report.table_a[1]["rows"][0] == ["行政许可", 17]
    sources = {u.organization.name: u.source for u in result.units}
    assert sources["浮梁县教育体育局"] == "已发布报告" and sources["浮梁县卫生健康委员会"] == "当前统计（未发布）"
    drill = {u.organization.name: n for u, n in annual.breakdown(result, "b.new.natural")}
    assert drill["浮梁县教育体育局"] == 2 and drill["浮梁县卫生健康委员会"] == 1 and sum(drill.values()) == 3
    assert {u.organization.name: n for u, n in annual.breakdown(result, "a.1.0.1")}["浮梁县卫生健康委员会"] == 5
    assert annual.breakdown(result, "b.nope.natural") == []
    client.force_login(people["jiaoti_reviewer"])
    assert client.get("/staff/applications/report/county/", {"year": 2025}).status_code == 403
    client.force_login(people["gkb"])
    page = client.get("/staff/applications/report/county/", {"year": 2025, "cell": "b.new.natural"}).content.decode()
    assert "浮梁县人民政府2025年政府信息公开工作年度报告（全县汇总）" in page and "全县 3" in page and "已发布报告" in page
    assert "?year=2025&amp;cell=b.new.natural#drill" in page
    assert "没有这个数字" in client.get("/staff/applications/report/county/", {"year": 2025, "cell": "x" * 80}).content.decode()
    response = client.get("/staff/applications/report/county/", {"year": 2025, "format": "docx"})
    doc = Docx(io.BytesIO(response.content))
    assert len(doc.tables) == 3 and "全县汇总" in doc.paragraphs[0].text
    assert layout(doc.tables[1])[3][-1][3] == "3"
    wb = load_workbook(io.BytesIO(client.get("/staff/applications/report/county/", {"year": 2025, "format": "xlsx"}).content))
    assert wb["三、申请情况"]["J4"].value == 3 and wb["二、主动公开"]["B7"].value == 17


def test_county_report_has_the_offices_written_parts(client, people, county, year_2025):
    """The county office writes parts 一, 五 and 六 of the 全县 report; part 一 keeps the line saying how it was summed;
    the Word file carries them. A unit's reviewer may not."""
    from zwgk.applications.models import CountyReportText

    client.force_login(people["gkb"])
    page = client.post("/staff/applications/report/county/", {
        "year": 2025, "part_one": "2025年，全县深入推进政务公开。", "part_five": "个别单位答复不够规范。", "part_six": ""}, follow=True)
    text = page.content.decode()
    assert "已保存全县报告的文字部分" in text and "2025年，全县深入推进政务公开。" in text and "个别单位答复不够规范。" in text
    report = annual.aggregate(county["gov"], 2025).report
    assert report.parts["part_one"].startswith("2025年，全县深入推进政务公开。\n\n本报告为浮梁县人民政府所属")
    doc = Docx(io.BytesIO(client.get("/staff/applications/report/county/", {"year": 2025, "format": "docx"}).content))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "2025年，全县深入推进政务公开。" in body and "个别单位答复不够规范。" in body
    with pytest.raises(PermissionDenied):
        services.save_county_report(people["jiaoti_reviewer"], county["gov"], 2025, part_one="x", part_five="", part_six="")
    assert CountyReportText.objects.get(county=county["gov"], year=2025).part_five == "个别单位答复不够规范。"


def test_rule_five_is_checked_on_the_county_sums(people, county):
    """县卫健委 2024: 吴十 received 20 December 2024, open at the year end: its published 2024 report says 四 = 1. In
    2025 县卫健委 is merged away (deactivated, no 2025 report): no unit of 2025 carries 吴十 in, so the county's 二 (0)
    does not equal the sum of last year's units' 四 (1) — though every unit's own rule 5 holds."""
    from zwgk.core.services import orgs

    register(people, county["weijian"], "吴十", D(2024, 12, 20), editor="gkb")
    services.publish_report(people["gkb"], county["weijian"], 2024)
    assert annual.aggregate(county["gov"], 2025).report.problems == []
    orgs.update_organization(people["admin"], county["weijian"], is_active=False)
    problems = annual.aggregate(county["gov"], 2025).report.problems
    assert problems == ["“自然人”列：上年结转（0）不等于2024年各单位报告（已发布的按已发布报告）之和的结转下年度（1）。",
                        "“总计”列：上年结转（0）不等于2024年各单位报告（已发布的按已发布报告）之和的结转下年度（1）。"]


def test_the_county_counts_normative_documents_once(people, county, staff):
    """县教体局 publishes one 行政规范性文件 this year. Its own report says 1, and so does 县政府's (the library counts an
    organization with the units below it): the 全县 row is the library's count for the county, 1, not the sum 2."""
    from django.utils import timezone

    from .test_normative_catalog import publish_normative

    publish_normative(staff, county)
    year = timezone.localdate().year
    assert annual.build(county["jiaoti"], year).table_a[0]["rows"][1][1] == 1
    assert annual.build(county["gov"], year).table_a[0]["rows"][1][1] == 1
    assert annual.aggregate(county["gov"], year).report.table_a[0]["rows"][1][1:] == [1, 0, 1]
