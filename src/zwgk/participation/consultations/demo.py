"""Demo data of 意见征集及其采纳情况 (called by ``participation.demo.seed``): a closed consultation of 县教体局 with 40
opinions on its articles, every one answered, and its adoption report published through the review (so it is
finished and the commenters who left an e-mail are told); and an open consultation of 县住建局 with days left.
Everything through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zwgk.core.models import Organization, User

from .. import publish
from . import services
from .models import Consultation

CLOSED_TITLE = "浮梁县义务教育学校招生片区划分方案（征求意见稿）"
OPEN_TITLE = "浮梁县城区公共停车场管理办法（征求意见稿）"

ZONES = """为做好义务教育学校招生入学工作，根据教基厅〔2022〕1号文件要求，结合我县实际，制定本方案。
第一章 总则
第一条 本方案适用于县城区公办义务教育学校的招生片区划分。
第二条 片区划分坚持免试就近入学、相对稳定、公开透明的原则。
第三条 片区以街道、社区和住宅小区为单位划分，每所学校对应明确的片区范围。
相邻学校片区之间不留空白，不交叉重叠。
第四条 片区划分依据学校学位数、适龄儿童少年数量和居住分布，经科学评估后确定。
第二章 片区范围
第五条 浮梁县第一小学片区：朝阳社区、新平社区及其辖区内住宅小区。
第六条 浮梁县第二小学片区：旧城社区、湘湖社区及其辖区内住宅小区。
第七条 浮梁县第一中学初中部片区：第一小学、第二小学片区合并。
第三章 附则
第八条 片区范围一经公布，原则上三年内保持稳定；确需调整的，提前向社会公布并广泛征求意见。
第九条 本方案由县教育体育局负责解释，自公布之日起施行。"""

PARKING = """第一条 为规范城区公共停车场管理，缓解停车难，制定本办法。
第二条 本办法适用于县城区范围内向社会开放的公共停车场。
第三条 公共停车场实行分时段收费，首小时内免费。
夜间二十时至次日八时，住宅小区周边停车场按包夜价收费。
第四条 停车场经营者应当公示收费标准和监督电话。
第五条 本办法自发布之日起施行。"""

OPINIONS = [
    (3, "建议以小区为单位划分时兼顾同一小区不同楼栋，避免一个小区分到两所学校。"),
    (5, "朝阳社区新建的锦绣华庭小区没有写进片区，请明确。"),
    (6, "湘湖社区距离第二小学较远，建议划入第一小学片区。"),
    (2, "赞成就近入学原则，希望每年公布学位数。"),
    (4, "建议公布科学评估的具体数据，如各校学位数和适龄儿童数。"),
    (8, "三年保持稳定很好，调整时请提前一年公布。"),
    (7, "初中片区合并后学位是否够用？建议说明。"),
    (0, "整体方案清楚，建议同步公布片区地图。"),
    (9, "建议写明解释的联系电话和咨询时间。"),
    (1, "进城务工人员随迁子女是否适用本方案？请补充。"),
]
NAMES = ["朱小明", "李华", "王建国", "陈静", "", "刘洋", "张敏", "赵磊", "", "孙丽"]
ANSWERS = [
    ("adopted", ""),
    ("partly", "已在第五条补充锦绣华庭小区；其他新建小区在交付后按本方案第三条确定。"),
    ("not_adopted", "经评估，湘湖社区划入第一小学片区将超出其学位容量，暂不调整。"),
    ("out_of_scope", "学位数将在每年招生公告中公布，不属于片区方案本身。"),
]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _approve(doc_id: int) -> None:
    from zwgk.publishing import services as publishing
    from zwgk.publishing.models import Revision

    for name in ("jiaoti_reviewer", "jiaoti_secrecy"):
        revision = Revision.objects.filter(document_id=doc_id).latest("number")
        if revision.state != "in_review":
            break
        publishing.decide(User.objects.get(username=name), revision, "approve", "同意发布。")


def seed() -> list[str]:
    if Consultation.objects.filter(title__in=[CLOSED_TITLE, OPEN_TITLE]).exists():
        return []
    today = timezone.localdate()
    jiaoti = User.objects.get(username="jiaoti_editor")
    opens = today - dt.timedelta(days=50)
    closes = opens + dt.timedelta(days=19)
    c = services.create_consultation(jiaoti, Organization.objects.get(short_name="县教体局"), {
        "title": CLOSED_TITLE, "kind": "enrolment_zone", "opens": opens, "closes": closes, "text": ZONES,
        "subject_text": "义务教育招生片区调整方案（教基厅〔2022〕1号要求广泛征求意见）",
        "description": "欢迎社会各界，特别是学生家长对片区划分方案提出意见和建议。可在本页逐条发表意见，也可来信寄至县教育体育局基础教育股。",
    })
    c = services.open_consultation(jiaoti, c, today=opens)
    ops = []
    for i in range(40):
        article, text = OPINIONS[i % len(OPINIONS)]
        day = opens + dt.timedelta(days=i % 19)
        data = {"body": text if i < len(OPINIONS) else f"{text}（第 {i // len(OPINIONS) + 1} 位家长的意见）",
                "target": f"v1-a{article}" if article else "", "name": NAMES[i % len(NAMES)],
                "email": f"parent{i}@example.com" if i % 4 == 0 else ""}
        if i % 10 == 9:  # a letter entered by staff
            data["channel"], data["received_on"] = "letter", day
            op = services.enter_opinion(jiaoti, c, data) if day <= today else None
        else:
            op, _ = services.submit_opinion(c.pk, data, f"192.0.2.{i}", now=_at(day, 9 + i % 9, i % 60))
        if op is not None:
            ops.append(op)
    services.close_consultation(jiaoti, c, today=closes + dt.timedelta(days=1))
    reviewer = User.objects.get(username="jiaoti_reviewer")
    for i, op in enumerate(ops):
        decision, reason = ANSWERS[(i * 7 + i // 3) % len(ANSWERS)]
        services.answer_opinion(reviewer, op, decision, reason or "", now=_at(closes + dt.timedelta(days=3), 10))
    c = services.draft_report(jiaoti, c)
    publish.submit(jiaoti, c.report_document_id)
    _approve(c.report_document_id)
    services.run_due()

    zhujian = User.objects.get(username="zhujian_editor")
    start = today - dt.timedelta(days=5)
    p = services.create_consultation(zhujian, Organization.objects.get(short_name="县住建局"), {
        "title": OPEN_TITLE, "kind": "normative_market", "opens": start, "closes": start + dt.timedelta(days=34), "text": PARKING,
        "description": "本办法与停车场经营者的生产经营活动密切相关，征求意见期限为 30 日以上。",
    })
    p = services.open_consultation(zhujian, p, today=start)
    for i, (article, text) in enumerate([(3, "首小时免费很好，建议延长到两小时。"), (3, "包夜价请明确具体金额。"),
                                         (4, "监督电话应当二十四小时有人接听。"), (0, "建议增加新能源车充电车位的规定。")]):
        services.submit_opinion(p.pk, {"body": text, "target": f"v1-a{article}" if article else "", "name": NAMES[i]},
                                f"198.51.100.{i}", now=_at(start + dt.timedelta(days=i), 10 + i))
    return []
