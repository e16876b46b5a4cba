"""Demo documents: three years of a county's disclosure (the two years before this one and this year up to
yesterday), about 200 public items of 县政府, 县政府办公室 and the departments across the 专栏's columns and the 26
standard areas, each drafted, sent to review and approved through the review chain with the dates it had (the
services' ``at``: a step recorded afterwards), so that publication dates, 文号 and index numbers carry their own
years. Normative documents go out with their interpretations (三同步); one draft waits in 县教体局's review queue."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from zwgk.core.models import Organization, User

from . import services
from .models import Document, Kind, Revision

# Who publishes: (unit, account prefix, review chain's accounts). 县政府's own documents (浮府发, 浮府字) are published
# on the portal by 县政府办公室, with 浮梁县人民政府 as their source.
UNITS = {
    "县政府办公室": ("zfb", ["zfb_reviewer", "zfb_secrecy", "gkb"]),
    "县教体局": ("jiaoti", ["jiaoti_reviewer", "jiaoti_secrecy"]),
    "县卫健委": ("weijian", ["weijian_reviewer", "weijian_secrecy"]),
    **{unit: (prefix, [f"{prefix}_reviewer", f"{prefix}_secrecy"]) for prefix, unit in (
        ("fagai", "县发改委"), ("caizheng", "县财政局"), ("renshe", "县人社局"), ("minzheng", "县民政局"), ("zhujian", "县住建局"),
        ("ziran", "县自然资源规划局"), ("nongye", "县农业农村局"), ("huanjing", "浮梁生态环境局"), ("shijian", "县市场监管局"),
        ("wenlv", "县文旅局"))},
}
GOV = "县政府"  # published by 县政府办公室, 文号 浮府…

# (unit, title with {y} for the year, genre, topic, standard area, column slug, number kind): one item a year each.
# Number kind: "发" or "字" (a 文号 of the unit's 机关代字), "" (no 文号).
YEARLY: list[tuple[str, str, str, str, str, str, str]] = [
    ("县发改委", "浮梁县{y}年重大建设项目计划", "计划", "国民经济管理、国有资产监管\\重大建设项目", "重大建设项目", "plans", "发"),
    ("县发改委", "浮梁县{y}年第二批重大建设项目批准和实施情况公开", "公示", "国民经济管理、国有资产监管\\重大建设项目", "重大建设项目", "", ""),
    ("县发改委", "浮梁县{y}年政府采购和工程建设项目招标投标情况公开", "公示", "财政、金融、审计\\其他", "公共资源交易", "", ""),
    ("县财政局", "浮梁县{y}年县级财政预算和上年预算执行情况", "报告", "财政、金融、审计\\财政", "财政预决算", "finance", ""),
    ("县财政局", "浮梁县{y}年部门预算公开说明", "其他", "财政、金融、审计\\财政", "财政预决算", "finance", ""),
    ("县财政局", "关于下达{y}年耕地地力保护补贴资金的通知", "通知", "农业、林业、水利\\农业、畜牧业、渔业", "涉农补贴", "", "发"),
    ("县政府办公室", "浮梁县{y}年安全生产工作要点", "计划", "市场监管、安全生产监管\\安全生产监管", "安全生产", "plans", "字"),
    ("县政府办公室", "浮梁县{y}年减税降费政策落实情况通报", "通报", "财政、金融、审计\\税务", "税收管理", "", "字"),
    ("县政府办公室", "浮梁县{y}年户籍业务便民服务措施", "通知", "公安、安全、司法\\公安", "户籍管理", "", "字"),
    ("县政府办公室", "浮梁县{y}年公共法律服务体系建设工作方案", "方案", "公安、安全、司法\\司法", "公共法律服务", "plans", "发"),
    ("县自然资源规划局", "浮梁县{y}年第一批次城镇建设用地征收土地公告", "公告", "国土资源、能源\\土地", "征地补偿", "", "字"),
    ("县自然资源规划局", "浮梁县{y}年度国土空间规划实施情况公开", "公示", "城乡建设、环境保护\\城市规划", "自然资源（城乡规划）", "", ""),
    ("县住建局", "浮梁县城区{y}年棚户区改造项目房屋征收决定", "决定", "城乡建设、环境保护\\城乡建设（含住房）", "国有土地上房屋征收与补偿", "", "发"),
    ("县住建局", "浮梁县{y}年农村危房改造对象名单公示", "公示", "城乡建设、环境保护\\城乡建设（含住房）", "农村危房改造", "", ""),
    ("县住建局", "浮梁县{y}年城市管理综合执法事项清单", "其他", "城乡建设、环境保护\\城乡建设（含住房）", "城市综合执法", "licensing", ""),
    ("县住建局", "浮梁县{y}年公共租赁住房分配结果公示", "公示", "城乡建设、环境保护\\城乡建设（含住房）", "保障性住房", "", ""),
    ("县住建局", "关于{y}年城区供水供气价格调整的公告", "公告", "城乡建设、环境保护\\城乡建设（含住房）", "市政服务", "", "字"),
    ("县农业农村局", "浮梁县{y}年巩固拓展脱贫攻坚成果同乡村振兴有效衔接实施方案", "方案", "农业、林业、水利\\农业、畜牧业、渔业",
     "扶贫（乡村振兴）", "plans", "发"),
    ("县民政局", "浮梁县{y}年自然灾害救助资金使用情况公示", "公示", "民政、扶贫、救灾\\减灾救灾", "救灾", "", ""),
    ("县民政局", "浮梁县{y}年第三季度城乡低保和特困人员救助情况公示", "公示", "民政、扶贫、救灾\\社会福利", "社会救助", "", ""),
    ("县民政局", "浮梁县{y}年养老机构等级评定结果公告", "公告", "民政、扶贫、救灾\\社会福利", "养老服务", "", "字"),
    ("浮梁生态环境局", "浮梁县{y}年生态环境状况公报", "公报", "城乡建设、环境保护\\环境监测、保护与治理", "生态环境", "statistics", ""),
    ("县文旅局", "浮梁县{y}年“文化惠民”公共文化服务活动安排", "通知", "文化、广电、新闻出版\\文化", "公共文化服务", "", "字"),
    ("县人社局", "浮梁县{y}年事业单位公开招聘工作人员公告", "公告", "劳动、人事、监察\\人事工作", "就业", "personnel", "字"),
    ("县人社局", "浮梁县{y}年城乡居民基本养老保险待遇调整的通知", "通知", "劳动、人事、监察\\社会保障", "社会保险", "", "发"),
    ("县教体局", "浮梁县教育体育局关于做好{y}年义务教育招生入学工作的通知", "通知", "科技、教育\\教育", "义务教育", "", "发"),
    ("县卫健委", "浮梁县卫生健康委员会{y}年医疗机构监督检查结果公示", "公示", "卫生、体育\\卫生", "卫生健康", "licensing", ""),
    ("县市场监管局", "浮梁县{y}年食品安全监督抽检信息公告", "公告", "市场监管、安全生产监管\\食品药品监管", "食品药品监管", "licensing", "字"),
    (GOV, "浮梁县{y}年政府工作报告", "报告", "综合政务\\其他", "", "", ""),
    (GOV, "浮梁县人民政府关于印发{y}年全县重点工作任务分解方案的通知", "通知", "综合政务\\政务督查", "", "", "发"),
    (GOV, "浮梁县人民政府关于公布{y}年度县级权责清单的通知", "通知", "综合政务\\其他", "", "", "发"),
    (GOV, "浮梁县人民政府关于{y}年度全县安全生产工作考核结果的通报", "通报", "市场监管、安全生产监管\\安全生产监管", "", "", "字"),
    (GOV, "浮梁县人民政府关于同意设立浮梁县{y}年度第一批村庄规划的批复", "批复", "城乡建设、环境保护\\城市规划", "", "", "字"),
    ("县政府办公室", "浮梁县{y}年政务公开工作要点", "通知", "综合政务\\政务公开", "", "", "字"),
    ("县政府办公室", "浮梁县人民政府办公室关于做好{y}年防汛抗旱工作的通知", "通知", "综合政务\\应急管理", "", "", "发"),
    ("县政府办公室", "浮梁县人民政府办公室关于印发{y}年优化营商环境工作方案的通知", "通知", "综合政务\\其他", "", "", "发"),
    ("县政府办公室", "浮梁县人民政府办公室关于{y}年春节期间烟花爆竹燃放管理的通告", "通告", "公安、安全、司法\\公安", "", "", "字"),
    ("县政府办公室", "浮梁县人民政府办公室关于开展{y}年度政府网站和政务新媒体检查的通报", "通报", "综合政务\\电子政务", "", "", "字"),
    ("县政府办公室", "浮梁县人民政府{y}年第一次常务会议纪要", "纪要", "综合政务\\其他", "", "", ""),
    ("县政府办公室", "浮梁县{y}年国民经济和社会发展统计公报", "公报", "国民经济管理、国有资产监管\\统计", "", "statistics", ""),
    ("县政府办公室", "浮梁县{y}年上半年主要经济指标完成情况", "其他", "国民经济管理、国有资产监管\\统计", "", "statistics", ""),
    ("县政府办公室", "浮梁县人民政府关于{y}年干部任免的通知", "通知", "劳动、人事、监察\\人事工作", "", "personnel", "字"),
    ("县教体局", "浮梁县{y}年公开招聘中小学教师公告", "公告", "科技、教育\\教育", "义务教育", "personnel", "字"),
    ("县教体局", "浮梁县{y}年城区公办小学划片范围", "公告", "科技、教育\\教育", "义务教育", "", ""),
    ("县卫健委", "浮梁县{y}年基本公共卫生服务项目实施方案", "方案", "卫生、体育\\卫生", "卫生健康", "plans", "发"),
    ("县卫健委", "浮梁县{y}年秋冬季传染病防控工作的通知", "通知", "卫生、体育\\卫生", "卫生健康", "", "字"),
    ("县市场监管局", "浮梁县市场监督管理局{y}年行政处罚决定公示", "公示", "市场监管、安全生产监管\\工商", "", "licensing", ""),
    ("县市场监管局", "浮梁县{y}年“双随机、一公开”抽查结果", "公示", "市场监管、安全生产监管\\工商", "", "licensing", ""),
    ("县财政局", "浮梁县{y}年政府债务限额和余额情况", "其他", "财政、金融、审计\\财政", "财政预决算", "finance", ""),
    ("县财政局", "浮梁县财政局{y}年部门决算", "其他", "财政、金融、审计\\财政", "财政预决算", "finance", ""),
    ("县人社局", "浮梁县{y}年就业创业补贴发放情况公示", "公示", "劳动、人事、监察\\劳动就业", "就业", "", ""),
    ("县农业农村局", "浮梁县{y}年高标准农田建设项目计划", "计划", "农业、林业、水利\\农业、畜牧业、渔业", "涉农补贴", "plans", "发"),
    ("县文旅局", "浮梁县{y}年文物保护单位“四有”工作情况", "其他", "文化、广电、新闻出版\\文物", "公共文化服务", "", ""),
    ("浮梁生态环境局", "浮梁县{y}年第二季度集中式饮用水水源地水质状况", "公示", "城乡建设、环境保护\\环境监测、保护与治理", "生态环境",
     "statistics", ""),
    ("县民政局", "浮梁县{y}年地名命名更名公告", "公告", "民政、扶贫、救灾\\行政区划与地名", "", "", "字"),
]
# Normative documents (三同步: each with its interpretation), one a year each: (unit, title, topic, area).
NORMATIVE: list[tuple[str, str, str, str]] = [
    (GOV, "浮梁县城乡居民最低生活保障实施办法（{y}年修订）", "民政、扶贫、救灾\\社会福利", "社会救助"),
    ("县政府办公室", "浮梁县政府投资项目管理办法（{y}年版）", "国民经济管理、国有资产监管\\重大建设项目", "重大建设项目"),
    ("县教体局", "浮梁县义务教育阶段学校招生管理办法（{y}年版）", "科技、教育\\教育", "义务教育"),
    ("县人社局", "浮梁县就业创业补贴管理办法（{y}年版）", "劳动、人事、监察\\劳动就业", "就业"),
]
# Functions of units (机构职能), published once, in the first year.
FUNCTIONS = ["县发改委", "县财政局", "县人社局", "县民政局", "县住建局", "县自然资源规划局", "县农业农村局", "县教体局", "县卫健委",
             "县市场监管局"]


class Numbers:
    """文号 as each unit numbers them: per 机关代字, kind (发 or 字) and year, from 1."""

    def __init__(self) -> None:
        self.last: dict[tuple[str, str, int], int] = {}

    def next(self, prefix: str, kind: str, year: int) -> str:
        key = (prefix, kind, year)
        self.last[key] = self.last.get(key, 0) + 1
        return f"{prefix}{kind}〔{year}〕{self.last[key]}号"


def _body(title: str, unit: str, year: int) -> str:
    issuer = "浮梁县人民政府" if unit == GOV else Organization.objects.get(short_name=unit).name
    return (f"<p>各乡（镇）人民政府，县政府各部门：</p><p>为做好{year}年有关工作，根据上级部署，结合我县实际，现就《{title}》"
            f"有关事项公开如下。</p><p>一、总体要求。坚持以人民为中心，依法依规、公开透明。</p>"
            f"<p>二、主要内容。明确责任分工、工作时限和保障措施，各单位按职责抓好落实。</p>"
            f"<p>三、联系方式。{issuer}，电话：0798-262{year % 10}000。</p>")


def _history(today: dt.date) -> list[dict]:
    """Every item of the three years, in date order: the day it was published and its content."""
    rng = random.Random(today.year)
    first = dt.date(today.year - 2, 1, 4)
    items: list[dict] = []

    def day_in(year: int, lo: float = 0.0, hi: float = 1.0) -> dt.date:
        start, end = max(first, dt.date(year, 1, 4)), min(today - dt.timedelta(days=1), dt.date(year, 12, 28))
        width = (end - start).days
        return start + dt.timedelta(days=int(width * lo) + rng.randrange(max(1, int(width * (hi - lo)))))

    years = [today.year - 2, today.year - 1, today.year]
    for unit, title, genre, topic, area, column, number in YEARLY:
        for year in years:
            items.append({"unit": unit, "title": title.format(y=year), "genre": genre, "topic": topic, "area": area,
                          "column": column, "number": number, "day": day_in(year), "year": year})
    for unit, title, topic, area in NORMATIVE:
        for year in years:
            items.append({"unit": unit, "title": title.format(y=year), "genre": "办法", "topic": topic, "area": area, "column": "",
                          "number": "规", "day": day_in(year, 0.1, 0.8), "year": year, "normative": True})
    for unit in FUNCTIONS:
        name = Organization.objects.get(short_name=unit).name
        items.append({"unit": unit, "title": f"{name}主要职责和内设机构", "genre": "其他", "topic": "综合政务\\其他", "area": "",
                      "column": "functions", "number": "", "day": first + dt.timedelta(days=rng.randrange(20, 60)), "year": years[0]})
    # the last days: something new in the columns people watch (the home page and 政策文件 are judged on their freshness)
    recent = [i for i in items if i["year"] == today.year and i["column"] in ("", "plans", "statistics", "licensing", "personnel")]
    for n, item in enumerate(rng.sample(recent, min(10, len(recent)))):
        item["day"] = max(first, today - dt.timedelta(days=1 + n % 8))
    return sorted(items, key=lambda i: (i["day"], i["title"]))


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))


def _publish(spec: dict, numbers: Numbers, columns: dict, items: dict) -> Document:
    unit = spec["unit"]
    office = unit in (GOV, "县政府办公室")
    org = Organization.objects.get(short_name="县政府办公室" if office else unit)
    prefix, reviewers = UNITS["县政府办公室" if office else unit]
    editor = _user(f"{prefix}_editor")
    day = spec["day"]
    year = day.year
    code = "浮府" if unit == GOV else org.doc_prefix
    doc_number = numbers.next(code, "规" if spec.get("normative") else spec["number"], year) if spec["number"] else ""
    written = day - dt.timedelta(days=2 + len(spec["title"]) % 5)
    content = {
        "title": spec["title"], "body_html": _body(spec["title"], unit, year), "doc_number": doc_number, "written_date": written,
        "topic": spec["topic"], "genre": spec["genre"], "standard_area": spec["area"], "source": "浮梁县人民政府" if unit == GOV else "",
        "column": columns.get(spec["column"]), "catalog_item": next((item for key, item in items.items() if key in spec["title"]), None),
    }
    normative = spec.get("normative", False)
    if normative:
        content.update(is_normative=True, is_major_policy=True, effective_from=day + dt.timedelta(days=30))
    drafted = _at(written, 9, 30)
    doc = services.create_draft(editor, org, at=drafted, **content)
    interp = None
    if normative:
        interp = services.create_draft(
            editor, org, kind=Kind.INTERPRETATION, policies=[doc], at=drafted, title=f"《{spec['title']}》政策解读",
            body_html=f"<p>一、制定背景：落实上级部署，规范{spec['area']}工作。</p><p>二、主要内容：明确适用范围、办理程序和监督措施。</p>"
                      f"<p>三、施行时间：自{content['effective_from']:%Y年%-m月%-d日}起施行。</p>",
            written_date=written, topic=spec["topic"], genre="解读", standard_area=spec["area"], interpretation_form="qa",
            qa_pairs=[{"q": "哪些人适用本办法？", "a": "本县行政区域内符合条件的群众和单位。"},
                      {"q": "到哪里办理？", "a": "县行政服务中心相关窗口。"}],
        )
    sent = _at(day - dt.timedelta(days=1), 15, 10)
    services.submit(editor, doc, at=sent)
    if interp:
        services.submit(editor, interp, at=sent + dt.timedelta(minutes=5))
    for target in ([interp, doc] if interp else [doc]):
        for step, name in enumerate(reviewers):
            rev = Revision.objects.filter(document=target).latest("number")
            services.decide(_user(name), rev, "approve", "同意发布。", at=_at(day, 9, 10 * step + (5 if target is doc else 0)))
    return doc


def _user(name: str) -> User:
    return User.objects.get(username=name)


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
# Titles that name a standard catalog item (a phrase of the title -> the item's 公开事项（二级）).
ITEM_FOR = {"招生入学工作": "招生入学政策", "划片范围": "公办学校划片范围", "医疗机构监督检查结果": "医疗机构监督检查结果",
            "招聘": "招聘信息"}


def seed() -> list[str]:
    from .models import CatalogColumn, CatalogItem
    from .services import import_catalog_items

    if not CatalogItem.objects.exists():
        import_catalog_items(None, CATALOG)
    if Document.objects.exists():
        return []
    today = timezone.localdate()
    columns = {c.slug: c for c in CatalogColumn.objects.all()}
    numbers = Numbers()
    items = {phrase: CatalogItem.objects.filter(level2=level2).first() for phrase, level2 in ITEM_FOR.items()}
    for spec in _history(today):
        _publish(spec, numbers, columns, items)
    # the 专栏's own pages: the disclosure guide and the rules, by the county government office, revised this year
    office = Organization.objects.get(short_name="县政府办公室")
    day = max(dt.date(today.year, 1, 10), today - dt.timedelta(days=200))
    if day >= today:
        day = today - dt.timedelta(days=2)
    for slug, title, body in (
        ("guide", "浮梁县人民政府政府信息公开指南",
         "<p>一、主动公开。本机关主动公开的政府信息通过浮梁县人民政府门户网站“政府信息公开”专栏发布。</p>"
         "<p>二、依申请公开。申请人可以当面、邮寄、传真或通过网站提出申请，本机关自收到申请之日起20个工作日内答复。</p>"
         "<p>三、受理机构：浮梁县人民政府办公室，地址：江西省景德镇市浮梁县浮梁镇，电话：0798-2621000。</p>"),
        ("rules", "浮梁县政府信息公开保密审查制度",
         "<p>第一条 为规范政府信息公开保密审查工作，坚持先审后发、一事一审，制定本制度。</p>"),
    ):
        doc = services.create_draft(
            _user("zfb_editor"), office, title=title, body_html=body, written_date=day - dt.timedelta(days=3),
            topic="综合政务\\政务公开", genre="其他" if slug == "guide" else "规定", column=columns[slug], at=_at(day - dt.timedelta(days=3), 9),
        )
        services.submit(_user("zfb_editor"), doc, at=_at(day - dt.timedelta(days=1), 15))
        for step, name in enumerate(["zfb_reviewer", "zfb_secrecy", "gkb"]):
            services.decide(_user(name), Revision.objects.filter(document=doc).latest("number"), "approve", "同意发布。",
                            at=_at(day, 10, 10 * step))
    # one item waiting in 县教体局's review queue, with a screening finding
    pending = services.create_draft(
        _user("jiaoti_editor"), Organization.objects.get(short_name="县教体局"),
        title=f"关于{today.year}年秋季学期学生资助名单的公示",
        body_html="<p>经学校评审，以下学生拟获资助。联系人：李老师，手机13912345678。</p>",
        written_date=today, topic="科技、教育\\教育", genre="公示",
    )
    services.submit(_user("jiaoti_editor"), pending)
    return []
