"""Demo documents of 县教体局 and 县卫健委: published through the review chain, one waiting for review."""

from __future__ import annotations

import datetime as dt

from zwgk.core.models import Organization, User

from . import services
from .models import Document, Kind, Revision

DOCS = [
    {
        "org": "县教体局", "editor": "jiaoti_editor", "reviewers": ["jiaoti_reviewer", "jiaoti_secrecy"],
        "title": "浮梁县教育体育局关于做好2024年义务教育招生入学工作的通知",
        "body": "各乡（镇）中心学校、县直各学校：\n为做好2024年义务教育阶段招生入学工作，现将有关事项通知如下。\n"
                "一、坚持免试就近入学。公办学校按划片范围招生，划片范围在县政府门户网站公开。\n"
                "二、民办学校招生纳入审批地统一管理，与公办学校同步招生。\n三、咨询电话：0798-2622001。",
        "doc_number": "浮教体发〔2024〕8号", "written_date": dt.date(2024, 6, 3), "topic": "科技、教育\\教育",
        "genre": "通知", "standard_area": "义务教育",
    },
    {
        "org": "县教体局", "editor": "jiaoti_editor", "reviewers": ["jiaoti_reviewer", "jiaoti_secrecy"],
        "title": "浮梁县义务教育阶段学校招生管理办法", "normative": True,
        "body": "第一条 为规范全县义务教育阶段学校招生行为，根据《中华人民共和国义务教育法》，制定本办法。\n"
                "第二条 本办法适用于本县行政区域内公办和民办义务教育阶段学校。\n第三条 本办法自2024年8月1日起施行，有效期5年。",
        "doc_number": "浮教体规〔2024〕1号", "written_date": dt.date(2024, 7, 10), "topic": "科技、教育\\教育",
        "genre": "办法", "effective_from": dt.date(2024, 8, 1), "expires_on": dt.date(2029, 8, 1),
        "interpretation": "《浮梁县义务教育阶段学校招生管理办法》政策解读",
    },
    {
        "org": "县卫健委", "editor": "weijian_editor", "reviewers": ["weijian_reviewer", "weijian_secrecy"],
        "title": "浮梁县卫生健康委员会2024年医疗机构监督检查结果公示",
        "body": "根据年度监督检查计划，县卫健委对全县医疗机构开展了监督检查，现将结果公示如下。\n"
                "检查医疗机构86家，发现问题12项，已全部完成整改。",
        "doc_number": "", "written_date": dt.date(2024, 9, 20), "topic": "卫生、体育\\卫生", "genre": "公示",
        "standard_area": "卫生健康",
    },
]


def _user(name: str) -> User:
    return User.objects.get(username=name)


def _content(spec: dict) -> dict:
    return {
        "title": spec["title"], "body_html": "".join(f"<p>{line}</p>" for line in spec["body"].split("\n")),
        "doc_number": spec["doc_number"], "written_date": spec["written_date"], "topic": spec["topic"],
        "genre": spec["genre"], "standard_area": spec.get("standard_area", ""), "is_normative": spec.get("normative", False),
        "is_major_policy": spec.get("normative", False), "effective_from": spec.get("effective_from"),
        "expires_on": spec.get("expires_on"),
    }


def _approve_all(doc: Document, reviewers: list[str]) -> None:
    for name in reviewers:
        rev = Revision.objects.filter(document=doc).latest("number")
        services.decide(_user(name), rev, "approve", "同意发布。")


CATALOG = (
    "领域,公开事项（一级）,公开事项（二级）,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
    "义务教育,招生入学,招生入学政策,招生范围、招生条件、报名方式、招生程序、办理入学手续等,《中华人民共和国义务教育法》,"
    "招生前,县教体局,政府网站、新媒体,全社会,主动,县级\n"
    "义务教育,招生入学,公办学校划片范围,各公办学校划片范围,《中华人民共和国义务教育法》,招生前,县教体局,政府网站,全社会,主动,县级\n"
    "义务教育,招生入学,民办学校招生计划,招生计划、招生范围、收费标准,《中华人民共和国民办教育促进法实施条例》,"
    "招生前,县教体局,政府网站,全社会,主动,县级\n"
    "卫生健康,监督执法,医疗机构监督检查结果,检查对象、检查结果、整改情况,《医疗机构管理条例》,检查结束后20个工作日内,"
    "县卫健委,政府网站,全社会,主动,县级\n"
    "就业,就业服务,招聘信息,岗位、条件、报名方式,《中华人民共和国就业促进法》,信息形成之日起20个工作日内,"
    "县人社局,政府网站、公共就业服务场所,全社会,主动,县级、乡级\n"
)
ITEM_FOR = {0: "招生入学政策", 2: "医疗机构监督检查结果"}


def seed() -> list[str]:
    from .models import CatalogItem
    from .services import import_catalog_items

    if not CatalogItem.objects.exists():
        import_catalog_items(None, CATALOG)
    if Document.objects.exists():
        return []
    for position, spec in enumerate(DOCS):
        org = Organization.objects.get(short_name=spec["org"])
        editor = _user(spec["editor"])
        item = CatalogItem.objects.filter(level2=ITEM_FOR.get(position, "")).first()
        doc = services.create_draft(editor, org, catalog_item=item, **_content(spec))
        interp = None
        if spec.get("interpretation"):
            interp = services.create_draft(
                editor, org, kind=Kind.INTERPRETATION, policies=[doc], title=spec["interpretation"],
                body_html="<p>一、制定背景：规范招生行为，保障适龄儿童少年平等接受义务教育。</p><p>二、主要内容：明确划片招生、民办学校同步招生等要求。</p>",
                written_date=spec["written_date"], topic=spec["topic"], genre="解读", interpretation_form="qa",
                qa_pairs=[{"q": "孩子在哪所学校入学？", "a": "按户籍或居住证所在的划片范围，就近免试入学。"}],
            )
        services.submit(editor, doc)
        if interp:
            services.submit(editor, interp)
        _approve_all(doc, spec["reviewers"])
        if interp:
            _approve_all(interp, spec["reviewers"])
    # the 专栏's own pages: the disclosure guide and the rules, by the county government office
    from .models import CatalogColumn

    office = Organization.objects.get(short_name="县政府办公室")
    for slug, title, body in (
        ("guide", "浮梁县人民政府政府信息公开指南",
         "<p>一、主动公开。本机关主动公开的政府信息通过浮梁县人民政府门户网站“政府信息公开”专栏发布。</p>"
         "<p>二、依申请公开。申请人可以当面、邮寄、传真或通过网站提出申请，本机关自收到申请之日起20个工作日内答复。</p>"
         "<p>三、受理机构：浮梁县人民政府办公室，地址：江西省景德镇市浮梁县浮梁镇，电话：0798-2621000。</p>"),
        ("rules", "浮梁县政府信息公开保密审查制度",
         "<p>第一条 为规范政府信息公开保密审查工作，坚持先审后发、一事一审，制定本制度。</p>"),
    ):
        doc = services.create_draft(
            _user("zfb_editor"), office, title=title, body_html=body, written_date=dt.date(2024, 3, 1),
            topic="综合政务\\政务公开", genre="其他" if slug == "guide" else "规定", column=CatalogColumn.objects.get(slug=slug),
        )
        services.submit(_user("zfb_editor"), doc)
        _approve_all(doc, ["zfb_reviewer", "zfb_secrecy", "gkb"])
    # one item waiting in 县教体局's review queue, with a screening finding
    pending = services.create_draft(
        _user("jiaoti_editor"), Organization.objects.get(short_name="县教体局"),
        title="关于2024年秋季学期学生资助名单的公示",
        body_html="<p>经学校评审，以下学生拟获资助。联系人：李老师，手机13912345678。</p>",
        written_date=dt.date(2024, 10, 8), topic="科技、教育\\教育", genre="公示",
    )
    services.submit(_user("jiaoti_editor"), pending)
    return []
