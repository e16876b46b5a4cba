"""The normative-document library and the disclosure catalog."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zwgk.publishing import selectors, services
from zwgk.publishing.models import CatalogColumn, CatalogItem, Document, NormativeRecord, Validity

from .test_publishing import CONTENT, approve


def publish_normative(staff, county, title="浮梁县学生资助管理办法", **extra):
    doc = services.create_draft(
        staff["jiaoti_editor"], county["jiaoti"],
        **{**CONTENT, "title": title, "genre": "办法", "is_normative": True, "effective_from": dt.date(2024, 8, 1), **extra},
    )
    services.create_draft(staff["jiaoti_editor"], county["jiaoti"], kind="interpretation", policies=[doc],
                          **{**CONTENT, "title": f"《{title}》解读", "genre": "解读", "doc_number": "", "interpretation_form": "text"})
    services.submit(staff["jiaoti_editor"], doc)
    interp = doc.interpretations.get()
    services.submit(staff["jiaoti_editor"], interp)
    for d in (doc, interp):
        approve(staff["jiaoti_reviewer"], d)
        approve(staff["jiaoti_secrecy"], d)
    return Document.objects.get(pk=doc.pk)


@pytest.mark.django_db
class TestNormativeLibrary:
    def test_registered_on_publication_with_default_period(self, staff, county):
        doc = publish_normative(staff, county)
        record = NormativeRecord.objects.get(document=doc)
        assert record.registration_no == f"{dt.date.today().year}-0001" and record.max_years == 5
        assert doc.expires_on == dt.date(2029, 8, 1)  # 5 years by default

    def test_trial_rules_are_limited_to_two_years(self, staff, county):
        doc = services.create_draft(
            staff["jiaoti_editor"], county["jiaoti"],
            **{**CONTENT, "title": "浮梁县课后服务管理暂行办法", "genre": "办法", "is_normative": True,
               "effective_from": dt.date(2024, 9, 1), "expires_on": dt.date(2027, 9, 1)},
        )
        with pytest.raises(ValidationError) as exc:
            services.submit(staff["jiaoti_editor"], doc)
        assert "有效期不超过 2 年，失效日期最晚为 2026-09-01" in exc.value.message_dict["expires_on"][0]

    def test_cleanup_changes_validity_and_counts(self, staff, county):
        doc = publish_normative(staff, county)
        other = publish_normative(staff, county, title="浮梁县校车安全管理办法", doc_number="浮教体发〔2024〕9号")
        year = dt.date.today().year
        assert selectors.normative_counts(year) == {"issued": 2, "repealed": 0, "valid": 2}
        with pytest.raises(PermissionDenied):
            services.record_cleanup(staff["jiaoti_reviewer"], doc, "repealed", "浮府办字〔2025〕3号", dt.date.today())
        services.record_cleanup(staff["gkb"], doc, "repealed", "浮府办字〔2025〕3号", dt.date.today(), "已被新办法取代")
        services.record_cleanup(staff["gkb"], other, "amended", "浮教体发〔2025〕2号", dt.date.today())
        assert Document.objects.get(pk=doc.pk).validity == Validity.REPEALED
        assert Document.objects.get(pk=other.pk).validity == Validity.AMENDED
        assert selectors.normative_counts(year) == {"issued": 2, "repealed": 1, "valid": 1}
        assert selectors.normative_counts(year - 1) == {"issued": 0, "repealed": 0, "valid": 0}
        with pytest.raises(ValidationError, match="已废止"):
            services.record_cleanup(staff["gkb"], doc, "kept", "x", dt.date.today())

    def test_library_page(self, client, staff, county):
        publish_normative(staff, county)
        client.force_login(staff["gkb"])
        page = client.get("/staff/docs/normative/").content.decode()
        assert "浮梁县学生资助管理办法" in page and "年底现行有效" in page
        response = client.post(f"/staff/docs/{Document.objects.filter(is_normative=True).get().pk}/cleanup/",
                               {"action": "kept", "decision": "2025年度清理", "decided_on": "2025-02-30"}, follow=True)
        assert "请填写有效的决定日期" in response.content.decode()


CSV_HEADER = "领域,公开事项（一级）,公开事项（二级）,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"


@pytest.mark.django_db
class TestCatalog:
    def test_columns_are_seeded_after_migrate(self):
        assert CatalogColumn.objects.get(slug="statutory").children.filter(name="行政规范性文件").exists()
        roots = set(CatalogColumn.objects.filter(parent__isnull=True).values_list("name", flat=True))
        assert roots == {"政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "要闻动态", "通知公告"}

    def test_import_and_coverage(self, staff, county):
        rows = CSV_HEADER + "义务教育,招生入学,划片范围,公办学校划片范围,《义务教育法》,招生前,县教体局,政府网站,全社会,主动,县级\n" \
                            "义务教育,招生入学,民办学校招生计划,招生计划,,招生前,县教体局,政府网站,全社会,主动,县级\n"
        assert services.import_catalog_items(staff["gkb"], rows) == 2
        item = CatalogItem.objects.get(level2="划片范围")
        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **{**CONTENT, "catalog_item": item, "standard_area": "义务教育"})
        services.submit(staff["jiaoti_editor"], doc)
        approve(staff["jiaoti_reviewer"], doc)
        approve(staff["jiaoti_secrecy"], doc)
        coverage = {i.level2: i.published for i in selectors.catalog_coverage("义务教育")}
        assert coverage == {"划片范围": 1, "民办学校招生计划": 0}

    def test_bad_catalog_rows(self, staff):
        rows = CSV_HEADER + "不存在的领域,a,b,c,,,,,全社会,主动,县级\n义务教育,,b,c,,,,,人人,主动,县级\n"
        with pytest.raises(ValidationError) as exc:
            services.import_catalog_items(staff["gkb"], rows)
        messages = exc.value.messages
        assert messages[0].startswith("第 2 行：领域“不存在的领域”") and messages[1].startswith("第 3 行：")
        assert not CatalogItem.objects.exists()
        with pytest.raises(ValidationError, match="表头"):
            services.import_catalog_items(staff["gkb"], "a,b\n")

    def test_catalog_page_flags_empty_items(self, client, staff):
        services.import_catalog_items(staff["gkb"], CSV_HEADER + "卫生健康,医疗服务,医疗机构信息,名称地址,,,县卫健委,,全社会,主动,县级\n")
        client.force_login(staff["jiaoti_editor"])
        page = client.get("/staff/docs/catalog/").content.decode()
        assert "医疗机构信息" in page and "尚未发布" in page and "政府信息公开年报" in page
