"""Synthetic county-government documents: titles, bodies, document numbers and metadata in the shapes
real county sites publish (notices, plans, measures, announcements, interpretations).

Deterministic for a seed, so every run indexes the same corpus.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

ORGS = [
    ("县政府办公室", "浮府办"), ("县发改委", "浮发改"), ("县教体局", "浮教体"), ("县卫健委", "浮卫健"), ("县人社局", "浮人社"),
    ("县民政局", "浮民"), ("县住建局", "浮住建"), ("县财政局", "浮财"), ("县农业农村局", "浮农"), ("县市场监管局", "浮市监"),
    ("县自然资源规划局", "浮自然资规"), ("县交通局", "浮交"), ("县医保局", "浮医保"), ("县文旅局", "浮文旅"), ("县商务局", "浮商务"),
    ("浮梁镇", "浮梁镇府"), ("鹅湖镇", "鹅府"), ("瑶里镇", "瑶府"), ("经公桥镇", "经府"), ("蛟潭镇", "蛟府"),
]
SUBJECTS = [
    ("义务教育招生入学", "科技、教育\\教育"), ("学生资助", "科技、教育\\教育"), ("校园安全", "科技、教育\\教育"),
    ("城乡居民医疗保险参保缴费", "劳动、人事、监察\\社会保障"), ("高校毕业生就业创业", "劳动、人事、监察\\劳动就业"),
    ("最低生活保障", "民政、扶贫、救灾\\社会福利"), ("养老服务体系建设", "民政、扶贫、救灾\\社会福利"),
    ("保障性租赁住房", "城乡建设、环境保护\\城乡建设（含住房）"), ("老旧小区改造", "城乡建设、环境保护\\城乡建设（含住房）"),
    ("农村人居环境整治", "农业、林业、水利\\农业、畜牧业、渔业"), ("高标准农田建设", "农业、林业、水利\\农业、畜牧业、渔业"),
    ("安全生产大检查", "市场监管、安全生产监管\\安全生产监管"), ("食品安全监督抽检", "市场监管、安全生产监管\\食品药品监管"),
    ("政务公开", "综合政务\\政务公开"), ("营商环境优化", "国民经济管理、国有资产监管\\经济体制改革"),
    ("重大建设项目", "国民经济管理、国有资产监管\\重大建设项目"), ("财政预决算公开", "财政、金融、审计\\财政"),
    ("征地补偿安置", "国土资源、能源\\土地"), ("农村公路养护", "工业、交通\\公路"), ("全域旅游发展", "商贸、海关、旅游\\旅游"),
    ("电子商务进农村", "商贸、海关、旅游\\国内贸易（含供销）"), ("森林防火", "农业、林业、水利\\林业"),
    ("防汛抗旱", "农业、林业、水利\\水利"), ("生态环境保护督察整改", "城乡建设、环境保护\\环境监测、保护与治理"),
    ("医疗卫生机构监督检查", "卫生、体育\\卫生"), ("全民健身", "卫生、体育\\体育"), ("退役军人优抚", "民政、扶贫、救灾\\优抚安置"),
    ("事业单位公开招聘", "劳动、人事、监察\\人事工作"), ("陶瓷文化传承", "文化、广电、新闻出版\\文化"), ("茶产业发展", "农业、林业、水利\\农业、畜牧业、渔业"),
]
FORMS = [
    ("关于印发{s}工作方案的通知", "通知"), ("关于做好{y}年{s}工作的通知", "通知"), ("关于开展{s}专项行动的实施方案", "方案"),
    ("{s}管理办法", "办法"), ("关于{s}的实施意见", "意见"), ("{y}年{s}工作要点", "计划"), ("关于{s}情况的公示", "公示"),
    ("关于{s}有关事项的公告", "公告"), ("{y}年{s}工作总结", "报告"), ("关于进一步加强{s}的通知", "通知"),
]
SENTENCES = [
    "各乡（镇）人民政府，县政府有关部门，县直有关单位：", "为深入贯彻落实党中央、国务院决策部署，结合我县实际，制定本方案。",
    "各单位要高度重视，加强组织领导，明确责任分工，确保各项任务落到实处。", "县政府办公室将适时开展督查，督查结果纳入年度综合考核。",
    "坚持以人民为中心的发展思想，着力解决群众急难愁盼问题。", "各地各部门要加强协调配合，形成工作合力。",
    "请各单位于每月5日前将工作进展情况报送县{o}。", "本通知自印发之日起施行。", "对工作不力、推进缓慢的单位予以通报。",
    "通过政府网站、政务新媒体等渠道及时公开相关信息，主动接受社会监督。", "加大资金投入，完善保障机制，提升服务水平。",
    "严格执行先审后发制度，依法做好保密审查。", "做好政策解读和舆情回应，及时回应社会关切。",
    "资金来源为县级财政预算安排和上级补助资金。", "联系人：县{o}工作人员，联系电话：0798-26{n:05d}。",
]


@dataclass
class Doc:
    key: str
    title: str
    body: str
    org: str
    doc_number: str
    topic: str
    genre: str
    published_at: dt.datetime
    validity: str


def generate(n: int, seed: int = 2024) -> Iterator[Doc]:
    rng = random.Random(seed)
    numbers: dict[tuple[str, int], int] = {}
    start = dt.datetime(2015, 1, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    span = (dt.datetime(2026, 11, 1, tzinfo=start.tzinfo) - start).total_seconds()
    for i in range(n):
        org, prefix = rng.choice(ORGS)
        subject, topic = rng.choice(SUBJECTS)
        form, genre = rng.choice(FORMS)
        published = start + dt.timedelta(seconds=rng.random() * span)
        year = published.year
        title = f"浮梁县{org.removeprefix('县')}" if not org.endswith("镇") else f"浮梁县{org}人民政府"
        title = title + form.format(s=subject, y=year)
        seq = numbers.get((prefix, year), 0) + 1
        numbers[(prefix, year)] = seq
        doc_number = f"{prefix}发〔{year}〕{seq}号" if genre in ("通知", "意见", "办法", "方案") else ""
        body = "".join(
            rng.choice(SENTENCES).format(o=org.removeprefix("县"), n=rng.randrange(100000)) + ("\n" if rng.random() < 0.3 else "")
            for _ in range(rng.randint(6, 22))
        )
        body = body.replace("本方案", f"本{genre}")
        validity = "expired" if year < 2019 and rng.random() < 0.3 else "valid"
        yield Doc(f"syn{i}", title, f"{subject}。" + body, org, doc_number, topic, genre, published, validity)
