"""Demo: this year's work points (the text of 浮梁县's 2024 document, imported as the current year so that the
deadlines fall in the demo's present), with progress reports, a supervision, closed and overdue tasks, two
assessment periods and good cases. Everything goes through the services."""

from __future__ import annotations

import datetime as dt
from importlib import resources

from django.utils import timezone

from zwgk.core.models import Organization, User
from zwgk.publishing import selectors as pub
from zwgk.publishing import services as publishing

from . import services
from .models import Plan, Task, UnmatchedUnit


def seed() -> list[str]:
    if Plan.objects.exists():
        return []
    today = timezone.localdate()
    year = today.year
    gkb = User.objects.get(username="gkb")
    data = resources.files("zwgk.workplan").joinpath("data/2024-fuliang-work-points.txt").read_bytes()
    plan = services.import_plan(gkb, data, "2024-fuliang-work-points.txt", year,
                                f"{year}年浮梁县政务公开工作要点（演示：内容取自2024年工作要点）")
    office = Organization.objects.get(short_name="县政府办公室")
    city = UnmatchedUnit.objects.filter(task__plan=plan, name="市政府办公室").first()
    if city:
        services.resolve_unmatched(gkb, city, [office], remember=False)
    related = UnmatchedUnit.objects.filter(task__plan=plan, name="县直相关单位").first()
    if related:
        services.resolve_unmatched(gkb, related, list(Organization.objects.filter(short_name__in=["县发改委", "县财政局", "县文旅局"])))

    def task(number: str) -> Task:
        return Task.objects.get(plan=plan, number=number, level=1)

    past = max(dt.date(year, 1, 31), today - dt.timedelta(days=20))
    services.set_schedule(gkb, task("一"), past, [("公开重大决策部署方案和政策措施", past - dt.timedelta(days=60))])
    services.issue_supervision(gkb, task("一"), task("一").lead, "请于反馈时限前报送“1269”行动计划等政策措施的公开情况和链接。",
                               today + dt.timedelta(days=7))

    jiaoti = User.objects.get(username="jiaoti_editor")
    zfb = User.objects.get(username="zfb_editor")
    town = User.objects.get(username="fuliangzhen_editor")
    report = services.submit_report(jiaoti, task("二"), "已在政府信息公开专栏公开义务教育招生政策、公办学校划片范围和民办学校招生计划，"
                                                        "并通过“浮梁教育”抖音号同步发布查询入口。")
    services.review_report(gkb, report, True, "公开及时，查询入口可用。")
    services.close_task(gkb, task("二"), "牵头单位已完成招生信息公开，其他单位的民生领域公开纳入日常监测。")

    r3 = services.submit_report(zfb, task("三"), "已转发省、市公共企事业单位信息公开规定，正在梳理供水、供电、供气企业公开清单。")
    services.review_report(gkb, r3, False, "请附各行业主管部门的公开清单和公开网址。")

    r9 = services.submit_report(zfb, task("九"), "已完成第二批基层政务公开标准化规范化建设的申报，标准目录年度审核完成 26 个领域。")
    services.review_report(gkb, r9, True)
    services.submit_report(town, task("九"), "浮梁镇政务公开专区已增设政策辅导和办事流程演示功能，群众可现场查询。")

    r11 = services.submit_report(zfb, task("十一"), "已修订全县政务公开工作考评办法，组织全县政务公开培训 2 期，参训 160 人次。")
    services.review_report(gkb, r11, True)
    services.close_task(gkb, task("十一"), "考评办法已印发，培训已完成。")

    case = services.submit_case(jiaoti, "义务教育招生信息“一网通查”", "县教体局将义务教育招生政策、公办学校划片范围、民办学校招生计划集中在"
                                "政府信息公开专栏发布，提供按小区查询学区的功能，并在招生季通过新媒体推送查询入口，"
                                "群众咨询电话较上年减少四成。", plan)
    case = services.decide_case(gkb, case, True, "做法可复制，推荐在全县推广。")
    publishing.submit(gkb, pub.document(case.document_id))
    services.submit_case(town, "乡镇政务公开专区“政策辅导员”", "浮梁镇在便民服务中心政务公开专区安排政策辅导员，"
                         "帮助老年人查询惠民政策和办事流程，每周三集中解答群众关心的养老、医保和农业补贴问题。", plan)

    half = services.create_period(gkb, f"{year}年上半年", dt.date(year, 1, 1), dt.date(year, 6, 30), plan)
    full = services.create_period(gkb, f"{year}年度", dt.date(year, 1, 1), dt.date(year, 12, 31), plan)
    for period in (half, full):
        services.compute_scores(gkb, period)
    from .models import Score

    for score in Score.objects.filter(period=full, indicator__code="training", organization__short_name__in=["县教体局", "县卫健委"]):
        services.score_manually(gkb, score, 5 if score.organization.short_name == "县教体局" else 3,
                                "按培训台账：县教体局开展专题培训 2 次；县卫健委 1 次。")
    return []
