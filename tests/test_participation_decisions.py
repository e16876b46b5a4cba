"""The major-decision catalog (重大行政决策事项目录): the rules, the services and their refusals, the staff pages,
the public pages and the API. Worked examples are written out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from zwgk.participation import publish
from zwgk.participation.decisions import rules, selectors, services
from zwgk.participation.decisions.models import (
    CatalogAdjustment,
    CatalogState,
    DecisionCatalog,
    DecisionItem,
    ItemState,
    Procedure,
)
from zwgk.publishing import services as publishing
from zwgk.publishing.models import Revision

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def approve(staff, doc_id: int) -> None:
    """Run the publishing review of a document to its end (every step by whoever may take it)."""
    for _ in range(6):
        if publish.is_public(doc_id):
            return
        rev = Revision.objects.filter(document_id=doc_id).latest("number")
        for name in ("office_reviewer", "office_secrecy", "gkb2", "jiaoti_reviewer", "jiaoti_secrecy", "admin"):
            try:
                publishing.decide(staff[name], rev, "approve", "同意发布。")
                break
            except (ValidationError, PermissionDenied):
                continue
    assert publish.is_public(doc_id)


def public_document(staff, county, title="浮梁县城区停车收费管理办法（征求意见稿）公开征求意见的公告") -> int:
    doc = publish.draft(staff["office_editor"], county["office"], title=title,
                        body_html="<p>现将办法公开征求意见，征求意见期限为30日。</p>", genre="公告")
    publish.submit(staff["office_editor"], doc.pk)
    approve(staff, doc.pk)
    return doc.pk


@pytest.fixture
def catalog(staff, county):
    gkb = staff["gkb"]
    c = services.create_catalog(gkb, TODAY.year, standard="涉及全县经济社会发展全局、社会涉及面广、与人民群众利益密切相关的事项。")
    services.add_item(gkb, c, title="浮梁县城区停车收费管理办法", lead=county["jiaoti"], planned_on=TODAY + dt.timedelta(days=90),
                      description="规范城区停车收费。")
    services.add_item(gkb, c, title="浮梁县农村生活垃圾治理三年行动方案", lead=county["weijian"], planned_on=TODAY - dt.timedelta(days=3))
    return c


def published_catalog(staff, catalog):
    gkb = staff["gkb"]
    services.start_consulting(gkb, catalog)
    services.record_party_approval(gkb, catalog, TODAY - dt.timedelta(days=1), "县委常委会会议")
    catalog = services.publish_catalog(gkb, catalog)
    publish.submit(gkb, catalog.document_id)
    approve(staff, catalog.document_id)
    return DecisionCatalog.objects.get(pk=catalog.pk)


def item_of(catalog, title_start="浮梁县城区停车"):
    return DecisionItem.objects.get(catalog=catalog, title__startswith=title_start)


def proc(item, kind) -> Procedure:
    return Procedure.objects.get(item=item, kind=kind)


def evidence_all(staff, county, item, who="jiaoti_editor"):
    user = staff[who]
    day = TODAY - dt.timedelta(days=10)
    services.record_procedure(user, proc(item, "participation"), done_on=day, evidence_kind="document",
                              document_id=public_document(staff, county))
    services.record_procedure(user, proc(item, "expert"), done_on=day, evidence_kind="report",
                              file=ContentFile(PDF, name="专家论证报告.pdf"))
    services.record_procedure(user, proc(item, "risk"), done_on=day, evidence_kind="report",
                              file=ContentFile(PDF, name="社会稳定风险评估报告.pdf"))
    services.record_procedure(user, proc(item, "legality"), done_on=day, evidence_kind="opinion",
                              opinion="经审查，该办法草案符合法律法规规定，程序合法，同意提交讨论。")
    services.record_procedure(user, proc(item, "collective"), done_on=day, evidence_kind="meeting",
                              meeting_name="县政府第12次常务会议", meeting_date=day)


# --- rules ----------------------------------------------------------------------------------------

def test_rules_name_the_five_procedures_with_sources():
    assert rules.FIVE == ("participation", "expert", "risk", "legality", "collective")
    labels = [rules.BY_KIND[k].label for k in rules.FIVE]
    assert labels == ["公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定"]
    for r in rules.PROCEDURES:
        assert r.source and r.evidence
    # 听证 and 公平竞争审查 apply only where marked; the five start as required
    assert {r.kind for r in rules.PROCEDURES if r.default_required} == set(rules.FIVE)
    assert "第三条" in rules.PARTY_APPROVAL_SOURCE
    assert rules.BY_KIND["collective"].evidence == (rules.MEETING,)


def test_new_item_has_one_procedure_row_per_kind(catalog):
    item = item_of(catalog)
    kinds = dict(item.procedures.values_list("kind", "required"))
    assert kinds == {"participation": True, "hearing": False, "expert": True, "risk": True, "legality": True,
                     "collective": True, "fair_competition": False}
    assert item.state == ItemState.LISTED and item.position == 1


# --- catalog states ---------------------------------------------------------------------------------

def test_catalog_cannot_be_published_before_party_approval(staff, catalog):
    gkb = staff["gkb"]
    with pytest.raises(ValidationError, match="第三条"):
        services.publish_catalog(gkb, catalog)
    services.start_consulting(gkb, catalog)
    with pytest.raises(ValidationError, match="党委同意"):
        services.publish_catalog(gkb, catalog)
    with pytest.raises(ValidationError, match="党委同意日期"):
        services.record_party_approval(gkb, catalog, None, "县委常委会会议")
    with pytest.raises(ValidationError, match="党委同意情况"):
        services.record_party_approval(gkb, catalog, TODAY, "")
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.record_party_approval(gkb, catalog, TODAY + dt.timedelta(days=1), "县委常委会会议")
    catalog.refresh_from_db()
    assert catalog.state == CatalogState.CONSULTING and catalog.document_id is None


def test_catalog_public_exactly_when_its_document_is(staff, catalog):
    gkb = staff["gkb"]
    services.start_consulting(gkb, catalog)
    services.record_party_approval(gkb, catalog, TODAY, "县委常委会会议")
    c = services.publish_catalog(gkb, catalog)
    assert c.state == CatalogState.PUBLISHED and c.document_id
    assert list(selectors.public_catalogs()) == []  # drafted, not yet through the review
    publish.submit(gkb, c.document_id)
    assert list(selectors.public_catalogs()) == []
    approve(staff, c.document_id)
    assert list(selectors.public_catalogs()) == [c]
    with pytest.raises(ValidationError, match="动态调整"):
        services.add_item(gkb, c, title="新增事项名称", lead=c.items.first().lead, planned_on=TODAY)


def test_only_the_county_office_manages_catalogs(staff, catalog, county):
    with pytest.raises(PermissionDenied):
        services.create_catalog(staff["jiaoti_editor"], TODAY.year + 1)
    with pytest.raises(PermissionDenied):
        services.add_item(staff["jiaoti_editor"], catalog, title="某某事项名称", lead=county["jiaoti"], planned_on=TODAY)
    with pytest.raises(ValidationError, match="已经存在"):
        services.create_catalog(staff["gkb"], TODAY.year)


# --- procedures and the item's steps ------------------------------------------------------------------

def test_decided_refused_without_evidence_and_allowed_with_it(staff, county, catalog):
    editor = staff["jiaoti_editor"]
    item = item_of(catalog)
    services.start_item(editor, item)
    with pytest.raises(ValidationError) as e:
        services.decide_item(editor, item, TODAY)
    assert e.value.messages == ["以下需履行的法定程序尚无佐证材料，不能标记为已决策：公众参与、专家论证、风险评估、合法性审查、集体讨论决定。"]
    services.record_procedure(editor, proc(item, "legality"), done_on=TODAY, evidence_kind="opinion",
                              opinion="经审查，该办法草案符合法律法规规定，同意提交讨论。")
    with pytest.raises(ValidationError, match="：公众参与、专家论证、风险评估、集体讨论决定。"):
        services.decide_item(editor, item, TODAY)
    evidence_all(staff, county, item)
    assert selectors.missing_procedures(item) == []
    services.decide_item(editor, item, TODAY)
    item.refresh_from_db()
    assert item.state == ItemState.DECIDED and item.decided_on == TODAY


def test_a_procedure_not_required_needs_no_evidence_and_hearing_when_required(staff, county, catalog):
    gkb, editor = staff["gkb"], staff["jiaoti_editor"]
    item = item_of(catalog)
    services.set_required(gkb, proc(item, "hearing"), True)
    evidence_all(staff, county, item)
    assert selectors.missing_procedures(item) == ["听证"]
    services.set_required(gkb, proc(item, "hearing"), False)
    services.decide_item(editor, item, TODAY)


def test_document_evidence_must_be_public(staff, county, catalog):
    editor = staff["jiaoti_editor"]
    item = item_of(catalog)
    draft = publish.draft(staff["office_editor"], county["office"], title="未公开的公告", body_html="<p>草稿</p>")
    with pytest.raises(ValidationError, match="尚未公开"):
        services.record_procedure(editor, proc(item, "participation"), done_on=TODAY, evidence_kind="document",
                                  document_id=draft.pk)
    for bad in ("", "abc", "-3", "0", "99999999999999999999999"):
        with pytest.raises(ValidationError, match="正整数"):
            services.record_procedure(editor, proc(item, "participation"), done_on=TODAY, evidence_kind="document",
                                      document_id=bad)
    assert not proc(item, "participation").has_evidence


def test_consultation_evidence_checks_a_positive_id(staff, catalog):
    editor = staff["jiaoti_editor"]
    item = item_of(catalog)
    with pytest.raises(ValidationError, match="意见征集编号"):
        services.record_procedure(editor, proc(item, "participation"), done_on=TODAY, evidence_kind="consultation",
                                  consultation_id="x")
    p = services.record_procedure(editor, proc(item, "participation"), done_on=TODAY, evidence_kind="consultation",
                                  consultation_id="7")
    assert p.consultation_id == 7 and p.has_evidence


def test_evidence_kind_must_fit_the_procedure(staff, catalog):
    editor = staff["jiaoti_editor"]
    item = item_of(catalog)
    with pytest.raises(ValidationError, match="集体讨论决定的佐证应为：决策会议"):
        services.record_procedure(editor, proc(item, "collective"), done_on=TODAY, evidence_kind="opinion",
                                  opinion="同意。同意。同意。同意。")
    with pytest.raises(ValidationError, match="会议名称"):
        services.record_procedure(editor, proc(item, "collective"), done_on=TODAY, evidence_kind="meeting",
                                  meeting_date=TODAY)
    with pytest.raises(ValidationError, match="会议日期"):
        services.record_procedure(editor, proc(item, "collective"), done_on=TODAY, evidence_kind="meeting",
                                  meeting_name="县政府常务会议")


def test_report_file_kind_by_content_and_size(staff, catalog, settings):
    editor = staff["jiaoti_editor"]
    item = item_of(catalog)
    with pytest.raises(ValidationError, match="不是 PDF"):
        services.record_procedure(editor, proc(item, "expert"), done_on=TODAY, evidence_kind="report",
                                  file=ContentFile(b"MZ\x90\x00 an exe named pdf", name="报告.pdf"))
    huge = SimpleUploadedFile("大报告.pdf", b"%PDF-" + b"0" * 10, content_type="application/pdf")
    huge.size = rules.REPORT_MAX_BYTES + 1
    with pytest.raises(ValidationError, match="超过 20 MB"):
        services.record_procedure(editor, proc(item, "expert"), done_on=TODAY, evidence_kind="report", file=huge)
    with pytest.raises(ValidationError, match="请上传报告文件"):
        services.record_procedure(editor, proc(item, "expert"), done_on=TODAY, evidence_kind="report")
    assert not proc(item, "expert").has_evidence
    p = services.record_procedure(editor, proc(item, "expert"), done_on=TODAY, evidence_kind="report",
                                  file=ContentFile(PDF, name="专家论证报告.pdf"))
    assert p.file_kind == "pdf" and p.file_name == "专家论证报告.pdf" and p.file_size == len(PDF) and len(p.file_sha256) == 64
    item.refresh_from_db()
    assert item.state == ItemState.IN_PROGRESS  # the first record starts the item


def test_another_unit_cannot_record_procedures(staff, catalog):
    item = item_of(catalog)  # led by 县教体局
    with pytest.raises(PermissionDenied):
        services.record_procedure(staff["weijian_reviewer"], proc(item, "legality"), done_on=TODAY, evidence_kind="opinion",
                                  opinion="经审查，该办法草案符合法律法规规定。")
    with pytest.raises(PermissionDenied):
        services.start_item(staff["weijian_reviewer"], item)
    # the lead's reviewer and the county office may
    services.record_procedure(staff["jiaoti_reviewer"], proc(item, "legality"), done_on=TODAY, evidence_kind="opinion",
                              opinion="经审查，该办法草案符合法律法规规定。")


def test_machine_refusals(staff, county, catalog):
    gkb, editor = staff["gkb"], staff["jiaoti_editor"]
    item = item_of(catalog)
    with pytest.raises(ValidationError, match="已列入目录"):
        services.decide_item(editor, item, TODAY)  # listed: start first
    with pytest.raises(ValidationError, match="不能登记决策公布"):
        services.record_publication(editor, item, 1)
    with pytest.raises(PermissionDenied):
        services.withdraw_item(editor, item, "情况变化，不再决策。")
    with pytest.raises(ValidationError, match="撤回理由"):
        services.withdraw_item(gkb, item, "")
    evidence_all(staff, county, item)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.decide_item(editor, item, TODAY + dt.timedelta(days=2))
    with pytest.raises(ValidationError, match="不是有效日期"):
        services.decide_item(editor, item, "2025-02-30")
    services.decide_item(editor, item, TODAY)
    with pytest.raises(ValidationError, match="不能再记录法定程序"):
        services.record_procedure(editor, proc(item, "hearing"), done_on=TODAY, evidence_kind="report",
                                  file=ContentFile(PDF, name="听证报告.pdf"))
    with pytest.raises(ValidationError, match="撤回"):
        services.withdraw_item(gkb, item, "情况变化，不再决策。")
    doc = public_document(staff, county, "浮梁县城区停车收费管理办法")
    services.record_publication(editor, item, doc)
    services.start_implementation(editor, item)
    with pytest.raises(ValidationError, match="决策后评估情况"):
        services.record_evaluation(editor, item, "好")
    services.record_evaluation(editor, item, "实施半年，城区停车秩序明显好转，群众满意度较高。")
    assert DecisionItem.objects.get(pk=item.pk).state == ItemState.EVALUATED


def test_withdraw_before_publication(staff, catalog):
    item = item_of(catalog, "浮梁县农村")
    services.withdraw_item(staff["gkb"], item, "并入其他事项统一决策。")
    item.refresh_from_db()
    assert item.state == ItemState.WITHDRAWN and item.withdrawn_reason == "并入其他事项统一决策。"
    assert selectors.year_counts(TODAY.year) == {"listed": 2, "decided": 0, "withdrawn": 1, "adjustments": 0}


# --- adjustments ------------------------------------------------------------------------------------------

def test_adjustment_add_remove_change_each_published(staff, county, catalog):
    gkb = staff["gkb"]
    with pytest.raises(ValidationError, match="尚未发布"):
        services.adjust_catalog(gkb, catalog, kind="add", adjusted_on=TODAY, reason="工作需要增列",
                                title="浮梁县全域旅游发展规划", lead=county["jiaoti"], planned_on=TODAY)
    c = published_catalog(staff, catalog)
    add = services.adjust_catalog(gkb, c, kind="add", adjusted_on=TODAY, reason="县政府工作部署新增",
                                  title="浮梁县全域旅游发展规划", lead=county["jiaoti"], planned_on=TODAY + dt.timedelta(days=60))
    assert add.item.position == 3 and add.item.added_by == add and add.document_id
    assert [i.title for i in selectors.public_items(c)] == ["浮梁县城区停车收费管理办法", "浮梁县农村生活垃圾治理三年行动方案"]
    assert list(selectors.public_adjustments(c)) == []
    publish.submit(gkb, add.document_id)
    approve(staff, add.document_id)
    assert [i.position for i in selectors.public_items(c)] == [1, 2, 3]
    assert list(selectors.public_adjustments(c)) == [add]
    remove = services.adjust_catalog(gkb, c, kind="remove", adjusted_on=TODAY, reason="上级政策调整，暂缓决策",
                                     item=item_of(c, "浮梁县农村"))
    assert remove.item.state == ItemState.WITHDRAWN and remove.item.withdrawn_reason.startswith("目录动态调整")
    change = services.adjust_catalog(gkb, c, kind="change", adjusted_on=TODAY, reason="前期调研需延长",
                                     item=item_of(c), planned_on=TODAY + dt.timedelta(days=200))
    assert change.item.planned_on == TODAY + dt.timedelta(days=200)
    with pytest.raises(ValidationError, match="至少调整"):
        services.adjust_catalog(gkb, c, kind="change", adjusted_on=TODAY, reason="无实际调整", item=item_of(c))
    with pytest.raises(ValidationError, match="调整类型"):
        services.adjust_catalog(gkb, c, kind="merge", adjusted_on=TODAY, reason="无实际调整", item=item_of(c))
    with pytest.raises(ValidationError, match="不能早于"):
        services.adjust_catalog(gkb, c, kind="change", adjusted_on=TODAY - dt.timedelta(days=30), reason="前期调研需延长",
                                item=item_of(c), planned_on=TODAY)
    c.refresh_from_db()
    assert c.state == CatalogState.ADJUSTED
    assert CatalogAdjustment.objects.filter(catalog=c).count() == 3
    assert selectors.year_counts(TODAY.year) == {"listed": 3, "decided": 0, "withdrawn": 1, "adjustments": 3}


# --- selectors for the assessment -----------------------------------------------------------------------

def test_decided_in_period(staff, county, catalog):
    editor = staff["jiaoti_editor"]
    item = item_of(catalog)
    evidence_all(staff, county, item)
    services.decide_item(editor, item, TODAY)
    rows = selectors.decided_in_period(county["jiaoti"], TODAY - dt.timedelta(days=1), TODAY)
    assert rows == [(item, True, f"浮梁县城区停车收费管理办法（{TODAY}决策）：需履行的法定程序均有佐证")]
    assert selectors.decided_in_period(county["jiaoti"], TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=9)) == []
    assert selectors.decided_in_period(county["weijian"], TODAY - dt.timedelta(days=1), TODAY) == []
    # the public-participation notice is withdrawn from the site afterwards: the item no longer counts as complete
    doc_id = proc(item, "participation").document_id
    from zwgk.core import audit
    from zwgk.publishing.models import Document

    with audit.allow_direct_writes():
        Document.objects.filter(pk=doc_id).update(status="withdrawn")
    [(same, ok, note)] = selectors.decided_in_period(county["jiaoti"], TODAY - dt.timedelta(days=1), TODAY)
    assert same == item and not ok and note.endswith("缺少佐证：公众参与")


# --- bad input ------------------------------------------------------------------------------------------

def test_bad_input_changes_nothing(staff, county, catalog):
    gkb = staff["gkb"]
    before = DecisionItem.objects.count()
    with pytest.raises(ValidationError, match="HTML"):
        services.add_item(gkb, catalog, title="<script>alert(1)</script>", lead=county["jiaoti"], planned_on=TODAY)
    with pytest.raises(ValidationError, match="不能超过 5000 个字"):
        services.add_item(gkb, catalog, title="很长的事项说明", lead=county["jiaoti"], planned_on=TODAY, description="字" * 10000)
    with pytest.raises(ValidationError, match="不是有效日期"):
        services.add_item(gkb, catalog, title="日期错误的事项", lead=county["jiaoti"], planned_on="2025-13-01")
    with pytest.raises(ValidationError, match="年份"):
        services.add_item(gkb, catalog, title="日期错误的事项", lead=county["jiaoti"], planned_on="9999-01-01")
    with pytest.raises(ValidationError, match="承办单位"):
        services.add_item(gkb, catalog, title="没有承办单位", lead=None, planned_on=TODAY)
    with pytest.raises(ValidationError, match="同名"):
        services.add_item(gkb, catalog, title="浮梁县城区停车收费管理办法", lead=county["jiaoti"], planned_on=TODAY)
    with pytest.raises(ValidationError, match="年度"):
        services.create_catalog(gkb, "二〇二五")
    with pytest.raises(ValidationError, match="年度"):
        services.create_catalog(gkb, 20255)
    assert DecisionItem.objects.count() == before
    item = services.add_item(gkb, catalog, title="浮梁县\x00养老服务\x1b体系建设规划", lead=county["jiaoti"], planned_on=TODAY,
                             description="<b>说明</b>")
    assert item.title == "浮梁县养老服务体系建设规划"
    assert item.description == "<b>说明</b>"  # stored as text, escaped wherever shown


def test_catalog_html_escapes(staff, county, catalog):
    gkb = staff["gkb"]
    services.add_item(gkb, catalog, title="浮梁县“a&b”事项", lead=county["jiaoti"], planned_on=TODAY)
    services.start_consulting(gkb, catalog)
    services.record_party_approval(gkb, catalog, TODAY, "县委常委会<会议>")
    body = services.catalog_html(DecisionCatalog.objects.get(pk=catalog.pk))
    assert "县委常委会&lt;会议&gt;" in body and "“a&amp;b”" in body
    assert "<th>是否履行公众参与程序</th>" in body and "<th>是否举行听证</th>" in body


def test_overdue_todo_for_the_lead_unit(staff, catalog):
    from zwgk.core import todos

    kind = todos.KINDS["participation-decisions-overdue"]
    assert kind.count(staff["weijian_reviewer"]) == 1  # 垃圾治理 is past its planned date
    assert kind.count(staff["jiaoti_editor"]) == 0
    [entry] = kind.items(staff["weijian_reviewer"], 8)
    assert entry.title == "浮梁县农村生活垃圾治理三年行动方案" and entry.urgent


def test_reference_kind_registered(catalog):
    from zwgk.core import references

    item = item_of(catalog)
    assert references.url_for("decision_item", item.pk) == f"/staff/participation/decisions/items/{item.pk}/"





# --- staff pages ----------------------------------------------------------------------------------------

def test_staff_pages_and_actions(client, staff, county, catalog):
    client.force_login(staff["gkb"])
    r = client.get("/staff/participation/decisions/")
    assert r.status_code == 200 and catalog.title in r.text
    r = client.get(f"/staff/participation/decisions/catalogs/{catalog.pk}/")
    assert r.status_code == 200 and "浮梁县城区停车收费管理办法" in r.text and "登记党委同意" in r.text
    url = f"/staff/participation/decisions/catalogs/{catalog.pk}/act/"
    r = client.post(url, {"action": "publish"}, follow=True)
    assert "尚未经党委同意" in r.text
    client.post(url, {"action": "consult"})
    r = client.post(url, {"action": "party", "approved_on": "2025-02-30", "note": "县委常委会会议"}, follow=True)
    assert "不是有效日期" in r.text
    client.post(url, {"action": "party", "approved_on": TODAY.isoformat(), "note": "县委常委会会议"})
    r = client.post(url, {"action": "publish"}, follow=True)
    assert "送审" in r.text
    catalog.refresh_from_db()
    assert catalog.state == CatalogState.PUBLISHED and catalog.document_id
    r = client.post(url, {"action": "adjust", "kind": "add", "adjusted_on": TODAY.isoformat(), "reason": "县政府工作部署新增",
                          "title": "浮梁县全域旅游发展规划", "lead": str(county["jiaoti"].pk), "planned_on": TODAY.isoformat(),
                          "required": ["participation", "legality", "collective"]}, follow=True)
    assert "调整已记录" in r.text
    added = DecisionItem.objects.get(title="浮梁县全域旅游发展规划")
    assert dict(added.procedures.values_list("kind", "required"))["expert"] is False


def test_staff_item_page_records_with_upload(client, staff, catalog):
    item = item_of(catalog)
    client.force_login(staff["jiaoti_editor"])
    r = client.get(f"/staff/participation/decisions/items/{item.pk}/")
    assert r.status_code == 200 and "记录履行情况" in r.text and "合法性审查" in r.text
    url = f"/staff/participation/decisions/items/{item.pk}/record/"
    p = proc(item, "expert")
    r = client.post(url, {"procedure": p.pk, "done_on": TODAY.isoformat(), "evidence_kind": "report",
                          "file": SimpleUploadedFile("报告.pdf", b"<html>not a pdf</html>")}, follow=True)
    assert "不是 PDF" in r.text and not proc(item, "expert").has_evidence
    r = client.post(url, {"procedure": p.pk, "done_on": TODAY.isoformat(), "evidence_kind": "report",
                          "file": SimpleUploadedFile("专家论证报告.pdf", PDF)}, follow=True)
    assert "已记录专家论证" in r.text and proc(item, "expert").has_evidence
    r = client.get(f"/staff/participation/decisions/files/{p.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    r = client.post(f"/staff/participation/decisions/items/{item.pk}/act/", {"action": "decide", "decided_on": TODAY.isoformat()},
                    follow=True)
    assert "尚无佐证材料" in r.text and "公众参与" in r.text
    # another unit's reviewer sees the page but cannot record
    client.force_login(staff["weijian_reviewer"])
    r = client.get(f"/staff/participation/decisions/items/{item.pk}/")
    assert r.status_code == 200 and "记录履行情况" not in r.text
    r = client.post(url, {"procedure": proc(item, "legality").pk, "done_on": TODAY.isoformat(), "evidence_kind": "opinion",
                          "opinion": "经审查，该办法草案符合法律法规规定。"}, follow=True)
    assert "权限" in r.text and not proc(item, "legality").has_evidence
    r = client.get("/staff/participation/decisions/items/99999999999999999999/")
    assert r.status_code == 404


# --- public pages and API -------------------------------------------------------------------------------

def test_public_pages_show_only_published_catalogs_with_ticks(client, staff, county, catalog):
    gkb = staff["gkb"]
    other = services.create_catalog(gkb, TODAY.year - 1)
    services.add_item(gkb, other, title="未公布目录中的事项", lead=county["jiaoti"], planned_on=TODAY)
    r = client.get("/gzcy/decisions/")
    assert r.status_code == 200 and "暂无已公布的目录" in r.text
    assert client.get(f"/gzcy/decisions/{TODAY.year}/").status_code == 404
    c = published_catalog(staff, catalog)
    item = item_of(c)
    evidence_all(staff, county, item)
    services.decide_item(staff["jiaoti_editor"], item, TODAY)
    add = services.adjust_catalog(gkb, c, kind="change", adjusted_on=TODAY, reason="前期调研需延长", item=item_of(c, "浮梁县农村"),
                                  planned_on=TODAY + dt.timedelta(days=100))
    publish.submit(gkb, add.document_id)
    approve(staff, add.document_id)
    r = client.get("/gzcy/decisions/")
    assert c.title in r.text and "未公布目录中的事项" not in r.text and other.title not in r.text
    r = client.get(f"/gzcy/decisions/{TODAY.year}/")
    assert r.status_code == 200
    text = r.text
    assert "是否履行公众参与程序" in text and "是否举行听证" in text and "是否履行公平竞争审查程序" in text
    assert text.count('<span aria-hidden="true">✓</span><span class="visually-hidden">是，已履行</span>') == 4  # 公众参与、专家、风险、合法性
    assert "是（待履行）" in text and "否</td>" in text
    doc_id = proc(item, "participation").document_id
    assert f'href="/documents/{doc_id}/"' in text  # the evidence link
    assert "前期调研需延长" in text and TODAY.isoformat() in text
    assert "完成情况" in text and "已决策" in text
    assert client.get(f"/gzcy/decisions/{TODAY.year - 1}/").status_code == 404
    assert client.get("/gzcy/decisions/99999/").status_code == 404
    assert client.get("/gzcy/decisions/99999999999999999999999/").status_code == 404


def test_api_decisions_fields(client, staff, county, catalog):
    r = client.get("/api/decisions")
    assert r.status_code == 404 and r.json() == {"detail": "没有找到该年度已公布的重大行政决策事项目录。"}
    c = published_catalog(staff, catalog)
    item = item_of(c)
    evidence_all(staff, county, item)
    services.decide_item(staff["jiaoti_editor"], item, TODAY)
    r = client.get(f"/api/decisions?year={TODAY.year}")
    assert r.status_code == 200
    first, second = r.json()
    assert first["title"] == "浮梁县城区停车收费管理办法" and first["lead"] == "浮梁县教育体育局"
    assert first["status"] == "decided" and first["status_label"] == "已决策" and first["decided_on"] == TODAY.isoformat()
    day = (TODAY - dt.timedelta(days=10)).isoformat()
    assert first["procedures"] == [
        {"kind": "participation", "label": "公众参与", "required": True, "done_on": day},
        {"kind": "hearing", "label": "听证", "required": False, "done_on": None},
        {"kind": "expert", "label": "专家论证", "required": True, "done_on": day},
        {"kind": "risk", "label": "风险评估", "required": True, "done_on": day},
        {"kind": "legality", "label": "合法性审查", "required": True, "done_on": day},
        {"kind": "collective", "label": "集体讨论决定", "required": True, "done_on": day},
        {"kind": "fair_competition", "label": "公平竞争审查", "required": False, "done_on": None},
    ]
    assert second["status"] == "listed" and all(p["done_on"] is None for p in second["procedures"])
    assert client.get("/api/decisions").json() == r.json()  # the latest year by default
    r = client.get("/api/decisions?year=abc")
    assert r.status_code == 422 and "year" in r.json()["detail"]
    assert client.get("/api/decisions?year=99999").status_code == 422
    assert "/api/decisions" in client.get("/api/openapi.json").json()["paths"]


# --- demo -------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_demo(client):
    from zwgk.core import demo as core_demo
    from zwgk.participation.decisions import demo

    core_demo.seed()
    lines = demo.seed()
    assert lines and demo.seed() == []  # nothing twice
    year = dt.date.today().year
    assert [c.year for c in selectors.public_catalogs()] == [year, year - 1]
    parking = DecisionItem.objects.get(title="浮梁县城区停车设施建设和收费管理办法")
    assert parking.state == ItemState.DECIDED and selectors.missing_procedures(parking) == []
    assert {p.kind for p in parking.procedures.all() if p.has_evidence} >= set(rules.FIVE)
    assert DecisionItem.objects.filter(state=ItemState.IN_PROGRESS).count() == 1
    assert all(publish.is_public(a.document_id) for a in CatalogAdjustment.objects.all())
    assert selectors.year_counts(year - 1) == {"listed": 3, "decided": 1, "withdrawn": 1, "adjustments": 1}
    r = client.get(f"/gzcy/decisions/{year}/")
    assert r.status_code == 200 and "浮梁县促进民营经济高质量发展若干措施" in r.text
    assert client.get(f"/api/decisions?year={year - 1}").json()[0]["status"] == "decided"
