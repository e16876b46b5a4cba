"""Demo data: disclosure requests across the county received over last year and this year, every reply type
represented, most replied on time and a few late, some overdue, some extended, one with a fee, one abandoned; and last
year's annual reports of the units with reviewers, sent in January and approved, so the portal's 年报 column has them.
Made through the services, so every step is checked and logged like real work."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from zwgk.core import workdays
from zwgk.core.codes import id_check_char, make_uscc
from zwgk.core.models import Organization, User

from . import rules, services
from .models import Application, ConsultKind

REQUESTS = {
    "县自然资源规划局": ["浮梁县2024年第一批次城镇建设用地征收土地的批复文件及征地补偿安置方案", "湘湖镇某村集体土地征收的勘测定界图",
                  "浮梁县国土空间总体规划（2021-2035年）批复文件"],
    "县住建局": ["城区某小区旧城改造项目的房屋征收决定及补偿方案", "2024年保障性租赁住房分配名单的公示材料", "城区某路段道路改造工程的施工许可证"],
    "县教体局": ["2024年城区公办小学划片范围的确定依据", "2024年教师招聘考试的成绩复核办法", "某小学食堂食材采购的招标文件"],
    "县人社局": ["2024年事业单位公开招聘的面试评分标准", "本人2019年至2023年的社会保险缴费明细的公开依据", "某企业拖欠农民工工资案件的处理决定"],
    "县市场监管局": ["某餐饮店2024年食品安全抽检结果", "某公司营业执照的登记档案", "2024年第三季度电梯安全监督检查结果"],
    "县卫健委": ["某医院2024年医疗机构监督检查结果", "2023年度全县居民健康素养监测报告", "某诊所行政处罚决定书"],
    "县民政局": ["2024年城乡最低生活保障对象名单", "某养老机构的设立许可材料", "某村2023年临时救助资金发放明细"],
    "县财政局": ["2023年县级部门预算执行情况的审计整改报告", "2024年农业补贴资金分配文件"],
    "县政府办公室": ["浮梁县人民政府2023年第12次常务会议纪要", "浮梁县2024年政务公开工作要点的制定依据", "某项目招商引资协议"],
    "县交通局": ["某乡村公路建设项目的竣工验收报告", "2024年农村公路养护资金分配方案"],
    "浮梁生态环境局": ["某企业环境影响评价报告书及批复", "2024年第二季度集中式饮用水水源地水质监测报告"],
    "浮梁镇": ["某村2024年村集体经济收支明细", "镇区某地块房屋征收补偿标准"],
    "湘湖镇": ["湘湖镇某村高标准农田建设项目的实施方案和验收材料"],
    "瑶里镇": ["瑶里古镇景区改造项目的规划许可"],
}
APPLICANTS = [("natural", "张建华"), ("natural", "李秀英"), ("natural", "王志强"), ("natural", "刘芳"), ("natural", "陈伟"),
              ("business", "江西某某建设工程有限公司"), ("research", "景德镇陶瓷大学某研究所"), ("charity", "浮梁县某公益服务中心"),
              ("legal", "江西某某律师事务所"), ("other", "浮梁县某村民委员会")]
REASONS = {
    "secret": "该信息经依法确定为国家秘密", "law_forbids": "《中华人民共和国统计法》规定不得公开的个体统计资料",
    "three_safety": "公开后可能危及社会稳定", "third_party": "涉及第三方商业秘密，第三方不同意公开",
    "internal": "属于本机关人事管理等内部事务信息", "process": "属于讨论记录、过程稿等过程性信息",
    "enforcement": "属于行政执法案卷信息", "inquiry": "属于行政查询事项，可通过不动产登记查询途径办理",
    "not_held": "经检索本机关档案，未制作或获取该信息", "needs_making": "需要对现有信息进行汇总、加工才能形成",
    "still_unclear": "补正后仍未写明所需信息的名称或特征",
}


def _resident_id(rng: random.Random) -> str:
    born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(15000))
    body = f"360222{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + id_check_char(body)


def _handler(org: Organization) -> User:
    from zwgk.core import permissions

    for user in User.objects.filter(organization=org, is_active=True):
        if permissions.has(user, "applications.approve", org):
            return user
    return User.objects.get(username="gkb")  # the county office handles where a unit has no account here


def seed() -> list[str]:
    if Application.objects.exists():
        return []
    rng = random.Random(2024)
    cal = workdays.load()
    today = timezone.localdate()
    start = dt.date(today.year - 1, 1, 6)
    window = (today - start).days - 40  # the closed ones: received early enough to be replied by now
    replies = [r.code for r in rules.REPLY_TYPES if r.code not in rules.ABANDONED]
    plan = (replies * 4 + ["disclose", "already_public"] * 14 + ["open"] * 12 + ["overdue"] * 3 + ["late"] * 5
            + ["extended", "fee", "abandoned", "unpaid", "extended", "fee"])
    rng.shuffle(plan)
    orgs = {o.short_name: o for o in Organization.objects.filter(short_name__in=REQUESTS)}
    for n, outcome in enumerate(plan):
        short = rng.choice(list(REQUESTS))
        org = orgs[short]
        kind, name = rng.choice(APPLICANTS)
        natural = kind == "natural"
        data = {
            "applicant_type": kind, "name": name, "id_type": "resident" if natural else "uscc",
            "id_number": _resident_id(rng) if natural else make_uscc("9", "1", "360222", f"{rng.randrange(10**8):08d}"),
            "legal_representative": "" if natural else "赵明", "phone": f"139{rng.randrange(10**8):08d}",
            "email": f"demo{n}@example.com", "address": "江西省景德镇市浮梁县浮梁镇朝阳路1号", "postcode": "333400",
            "description": rng.choice(REQUESTS[short]), "medium": "electronic", "delivery": rng.choice(["email", "post", "pickup"]),
        }
        if outcome == "open":
            received = cal.add(today - dt.timedelta(days=rng.randrange(3, 25)), 0)
        elif outcome in ("overdue",):
            received = today - dt.timedelta(days=rng.randrange(40, 70))
        else:
            received = start + dt.timedelta(days=rng.randrange(window))
        handler = _handler(org)
        app = services.register(handler, data, org, rng.choice(["in_person", "registered_post", "email", "fax"]), received)
        if outcome in ("open", "overdue"):
            continue
        if outcome == "unpaid":
            services.send_fee_notice(handler, app, "pages", 500, cal.add(received, 3))
            continue
        if outcome == "abandoned":
            services.request_correction(handler, app, "请写明所需信息的名称、文号或者便于查询的其他特征。", cal.add(received, 3),
                                        cal.add(received, 13))
            continue
        reply_on = cal.add(received, rng.randrange(5, 19))
        if outcome == "late":  # replied after the 20 working days
            reply_on = cal.add(received, rng.randrange(22, 27))
            outcome = rng.choice(["disclose", "partial", "not_held"])
        if outcome == "extended":
            services.extend(handler, app, 15, "涉及多个部门的档案，需要逐一调取核实", cal.add(received, 18))
            reply_on = cal.add(received, 30)
            outcome = "disclose"
        if outcome == "fee":
            services.send_fee_notice(handler, app, "pages", 320, cal.add(received, 4))
            services.record_payment(handler, app, cal.add(received, 8))
            reply_on = cal.add(received, 16)
            outcome = "disclose"
        if outcome == "third_party":
            consult = services.start_consultation(handler, app, ConsultKind.THIRD_PARTY, "涉及的企业", cal.add(received, 3))
            services.end_consultation(handler, consult, cal.add(received, 10), "不同意公开，理由：涉及商业秘密")
            reply_on = cal.add(received, 25)
        if outcome == "still_unclear":
            services.request_correction(handler, app, "请写明所需信息的名称。", cal.add(received, 2), cal.add(received, 12))
            services.receive_correction(handler, app, cal.add(received, 6), "所需信息为“相关文件”")
            reply_on = cal.add(received, 20)
        if reply_on > today:
            continue
        services.reply(
            handler, app, outcome, on=reply_on, reason=REASONS.get(outcome, "依照《中华人民共和国政府信息公开条例》办理。"),
            withheld="涉及个人身份证号码和家庭住址的部分" if outcome == "partial" else "",
            agency="浮梁县自然资源和规划局，电话 0798-2622000" if outcome == "not_held" else "",
            text="所申请的信息已通过电子邮件发送。" if outcome in ("disclose", "already_public", "partial", "special_procedure") else "",
            delivered_by=data["delivery"], delivered_on=reply_on,
        )
    services.close_abandoned(today)
    _annual_reports(today)
    return []


def _annual_reports(today: dt.date) -> None:
    """Last year's reports of the departments whose review chain has people here, drafted by the county office (公开办):
    sent on 20 January (the law's deadline is 31 January), approved the next day, published in the portal's 年报
    column. 县政府办公室's own report waits: its chain ends with the county office, who may not approve its own draft."""
    from zwgk.core.demo import UNIT_ACCOUNTS
    from zwgk.publishing import services as publishing

    year = today.year - 1
    sent = timezone.make_aware(dt.datetime(today.year, 1, 20, 10, 0))
    if sent >= timezone.now():
        return  # early January: last year's reports are not due yet
    gkb = User.objects.get(username="gkb")
    chains = {"县教体局": ["jiaoti_reviewer", "jiaoti_secrecy"], "县卫健委": ["weijian_reviewer", "weijian_secrecy"]}
    chains |= {unit: [f"{prefix}_reviewer", f"{prefix}_secrecy"] for prefix, unit, _ in UNIT_ACCOUNTS}
    for org in Organization.objects.filter(short_name__in=chains).order_by("sort_order"):
        if not Application.objects.filter(organization=org, received_on__year=year).exists():
            continue
        received = Application.objects.filter(organization=org, received_on__year=year).count()
        services.save_report(
            gkb, org, year, table_a={"licensing": 20 + 7 * org.sort_order % 60, "penalty": 3 + org.sort_order % 9},
            part_one=(f"{year}年，{org.name}深入贯彻《中华人民共和国政府信息公开条例》，按照县政府办公室关于政务公开工作的部署，"
                      f"坚持以公开为常态、不公开为例外，主动公开政府信息，依法办理政府信息公开申请 {received} 件，"
                      "政务公开工作机制进一步健全。"),
            part_five=("存在的主要问题：部分信息更新不够及时，政策解读形式较为单一。改进情况：建立信息发布审核台账，"
                       "每月检查栏目更新情况，增加图解、问答等解读形式。"),
            part_six="",
        )
        doc = services.publish_report(gkb, org, year, at=sent)
        for step, name in enumerate(chains[org.short_name]):
            rev = doc.revisions.order_by("-number").first()
            publishing.decide(User.objects.get(username=name), rev, "approve", "同意发布。", at=sent + dt.timedelta(days=1, minutes=10 * step))
