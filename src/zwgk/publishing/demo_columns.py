"""Demo content of the 专栏's columns a county site shows on its home page and in its 法定主动公开内容: 要闻动态, 通知公告,
机构职能, 财政预决算, 人事信息, 重点领域. Published through the same services and review chain as every document; dates
are counted back from today so the demo site looks current. Kept apart from ``demo.py`` (called by ``portal.demo``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zwgk.core.models import Organization, User

from . import services
from .models import CatalogColumn, Document, Revision

OFFICE_CHAIN = ["zfb_reviewer", "zfb_secrecy", "gkb"]

# (column slug, days ago, title, genre, topic, standard area, paragraphs)
ITEMS = [
    ("news", 2, "浮梁县召开{y}年政务公开工作推进会", "其他", "综合政务\\政务公开", "",
     ["会议通报了上半年全县政务公开工作情况，部署下一阶段重点任务。",
      "会议要求，各乡镇、各部门要严格落实公开前保密审查制度，做好政策解读和依申请公开办理工作。"]),
    ("news", 5, "县政府常务会议研究部署秋冬季森林防火工作", "其他", "综合政务\\应急管理", "安全生产",
     ["会议强调，要压实森林防火责任，加强野外用火管理和隐患排查，确保不发生重大森林火灾。"]),
    ("news", 9, "浮梁县开展“政务公开日”活动", "其他", "综合政务\\政务公开", "",
     ["活动邀请群众代表走进县政务服务中心，现场了解政府信息公开申请办理流程和基层政务公开标准化目录。"]),
    ("notices", 3, "关于元旦假期政务服务安排的公告", "公告", "综合政务\\其他", "",
     ["元旦假期期间，县政务服务中心暂停窗口服务，网上办事大厅正常受理，节后第一个工作日起恢复窗口服务。"]),
    ("functions", 30, "浮梁县人民政府办公室主要职责和内设机构", "其他", "综合政务\\其他", "",
     ["一、主要职责：负责县政府会议的组织工作，协助县政府领导同志组织起草县政府公文，督促检查县政府决定事项的落实。",
      "二、内设机构：秘书股、综合股、督查股、政务公开股。"]),
    ("finance", 40, "浮梁县人民政府办公室{y}年部门预算公开说明", "其他", "财政、金融、审计\\财政", "财政预决算",
     ["一、部门基本情况。二、收支预算总体情况。三、“三公”经费预算情况。四、名词解释。",
      "预算表格详见附表，按照财政部门统一格式公开。"]),
    ("finance", 45, "浮梁县人民政府办公室{p}年度部门决算公开说明", "其他", "财政、金融、审计\\财政", "财政预决算",
     ["一、部门决算概况。二、收入支出决算总体情况。三、“三公”经费支出决算情况。"]),
    ("personnel", 12, "浮梁县{y}年事业单位公开招聘工作人员公告", "公告", "劳动、人事、监察\\人事工作", "就业",
     ["根据事业单位公开招聘有关规定，现面向社会公开招聘事业单位工作人员，报名时间、岗位和条件见附表。"]),
    ("key-projects", 20, "浮梁县{y}年重大建设项目名单", "其他", "国民经济管理、国有资产监管\\重大建设项目", "重大建设项目",
     ["根据全县国民经济和社会发展计划，现将{y}年县级重大建设项目名单予以公开，包括项目名称、建设单位、建设内容和年度计划投资。"]),
    ("public-resources", 15, "浮梁县公共资源交易目录", "其他", "国民经济管理、国有资产监管\\其他", "公共资源交易",
     ["纳入县公共资源交易平台交易的项目包括工程建设项目招标投标、政府采购、国有产权交易和土地使用权出让等。"]),
    ("public-welfare", 18, "浮梁县{n}年城乡居民基本医疗保险参保缴费指南", "其他", "劳动、人事、监察\\社会保障", "社会保险",
     ["一、参保对象。二、缴费标准。三、缴费时间和方式。四、咨询渠道：各乡镇便民服务中心。"]),
]


def _user(name: str) -> User:
    return User.objects.get(username=name)


def seed() -> list[str]:
    """The columns' demo items, each once (an item whose title exists is left alone)."""
    editor = _user("zfb_editor")
    office = Organization.objects.get(short_name="县政府办公室")
    today = timezone.localdate()
    for slug, days_ago, title, genre, topic, area, paragraphs in ITEMS:
        years = {"y": today.year, "p": today.year - 1, "n": today.year + 1}
        title, paragraphs = title.format(**years), [p.format(**years) for p in paragraphs]
        column = CatalogColumn.objects.filter(slug=slug).first()
        if column is None or Document.objects.filter(title=title).exists():
            continue
        # published on its own day (recorded afterwards through the services' at=), never later than a while ago
        at = min(timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(9, 0))),
                 timezone.now() - dt.timedelta(hours=3))
        doc = services.create_draft(
            editor, office, title=title, body_html="".join(f"<p>{p}</p>" for p in paragraphs), at=at,
            written_date=today - dt.timedelta(days=days_ago), topic=topic, genre=genre, standard_area=area, column=column,
        )
        services.submit(editor, doc, at=at + dt.timedelta(minutes=30))
        for step, name in enumerate(OFFICE_CHAIN):
            rev = Revision.objects.filter(document=doc).latest("number")
            services.decide(_user(name), rev, "approve", "同意发布。", at=at + dt.timedelta(hours=1, minutes=20 * step))
    return []
