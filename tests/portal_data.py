"""A small published site for the portal tests, built through the real services."""

import datetime as dt

from zwgk.publishing import services
from zwgk.publishing.models import CatalogColumn, CatalogItem, Document, Revision

from .test_publishing import CONTENT

CATALOG = (
    "领域,公开事项（一级）,公开事项（二级）,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
    "义务教育,招生入学,招生入学政策,招生范围和程序,《中华人民共和国义务教育法》,招生前,县教体局,政府网站,全社会,主动,县级\n"
    "义务教育,招生入学,民办学校招生计划,招生计划,,招生前,县教体局,政府网站,全社会,主动,县级\n"
)


def _approve_all(staff, doc):
    for name in ("jiaoti_reviewer", "jiaoti_secrecy"):
        rev = Revision.objects.filter(document=doc).latest("number")
        services.decide(staff[name], rev, "approve", "同意")


def build(staff, county):
    services.import_catalog_items(staff["gkb"], CATALOG)
    item = CatalogItem.objects.get(level2="招生入学政策")
    notice = services.create_draft(
        staff["jiaoti_editor"], county["jiaoti"],
        **{**CONTENT, "catalog_item": item, "standard_area": "义务教育", "column": CatalogColumn.objects.get(slug="policies")},
    )
    services.submit(staff["jiaoti_editor"], notice)
    _approve_all(staff, notice)
    policy = services.create_draft(
        staff["jiaoti_editor"], county["jiaoti"],
        **{**CONTENT, "title": "浮梁县义务教育阶段学校招生管理办法", "genre": "办法", "doc_number": "浮教体规〔2024〕1号",
           "is_normative": True, "is_major_policy": True, "effective_from": dt.date(2024, 8, 1),
           "body_html": "<p>第一条 为规范义务教育阶段学校招生行为，制定本办法。</p>"},
    )
    interp = services.create_draft(
        staff["jiaoti_editor"], county["jiaoti"], kind="interpretation", policies=[policy],
        **{**CONTENT, "title": "《浮梁县义务教育阶段学校招生管理办法》政策解读", "genre": "解读", "doc_number": "",
           "interpretation_form": "qa", "qa_pairs": [{"q": "在哪里入学？", "a": "按划片范围就近入学。"}],
           "body_html": "<p>一、制定背景。二、主要内容。</p>"},
    )
    for d in (policy, interp):
        services.submit(staff["jiaoti_editor"], d)
    for d in (policy, interp):
        _approve_all(staff, d)
    old = services.create_draft(
        staff["jiaoti_editor"], county["jiaoti"],
        **{**CONTENT, "title": "浮梁县校外培训机构管理暂行规定", "genre": "规定", "doc_number": "浮教体发〔2022〕5号",
           "expires_on": dt.date(2024, 1, 1), "body_html": "<p>校外培训机构管理。</p>"},
    )
    services.submit(staff["jiaoti_editor"], old)
    _approve_all(staff, old)
    services.expire_due(dt.date(2024, 1, 2))
    return {k: Document.objects.get(pk=d.pk) for k, d in (("notice", notice), ("policy", policy), ("interp", interp), ("old", old))}
