"""Demo data of 重大行政决策目录及其法定程序 (called by ``participation.demo.seed``): last year's and this year's catalog
of 浮梁县人民政府, both published through the publishing review; last year one item decided with all five statutory
procedures evidenced, one removed by a published adjustment; this year one item in progress and one added by a
published adjustment. Everything goes through the services, with the past dated (补录)."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from zwgk.core.models import Organization, User
from zwgk.participation import publish
from zwgk.publishing import services as publishing
from zwgk.publishing.models import Revision

from . import services
from .models import DecisionCatalog, DecisionItem, Procedure

REVIEWERS = ("zfb_reviewer", "zfb_secrecy", "gkb")  # 县政府办公室's review chain (core/demo.py)
STANDARD = ("涉及全县经济社会发展全局的重大公共政策和措施；\n经济和社会发展等方面的重要规划；\n"
            "开发利用、保护重要自然资源和文化资源的重大公共政策和措施；\n在本县实施的重大公共建设项目；\n"
            "对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项。")


def _pdf(title: str) -> bytes:
    return (f"%PDF-1.4\n% {title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").encode()


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))


def _user(name: str) -> User:
    return User.objects.get(username=name)


def _review(doc_id: int, drafter: User, day: dt.date) -> None:
    publish.submit(drafter, doc_id, at=_at(day, 9))
    for step, name in enumerate(REVIEWERS):
        rev = Revision.objects.filter(document_id=doc_id).latest("number")
        publishing.decide(_user(name), rev, "approve", "同意发布。", at=_at(day, 10, 10 * step))


def _notice(title: str, day: dt.date) -> int:
    """A public 征求意见 notice of 县政府办公室 (the evidence of public participation)."""
    editor = _user("zfb_editor")
    office = Organization.objects.get(short_name="县政府办公室")
    doc = publish.draft(editor, office, title=title, genre="公告", at=_at(day, 8),
                        body_html="<p>为广泛听取社会公众意见，现将草案全文公布，征求意见期限为30日。意见可通过本网站“意见征集”栏目、"
                                  "信函或电子邮件提出。</p>")
    _review(doc.pk, editor, day)
    return doc.pk


def _publish_catalog(catalog: DecisionCatalog, approved: dt.date, day: dt.date) -> DecisionCatalog:
    gkb, editor = _user("gkb"), _user("zfb_editor")
    services.start_consulting(gkb, catalog)
    services.record_party_approval(gkb, catalog, approved, "县委常委会会议")
    catalog = services.publish_catalog(gkb, catalog, drafter=editor, at=_at(day, 8))
    _review(catalog.document_id, editor, day)
    return catalog


def _proc(item: DecisionItem, kind: str) -> Procedure:
    return item.procedures.get(kind=kind)


def _clamp(day: dt.date, today: dt.date) -> dt.date:
    return min(day, today - dt.timedelta(days=1))


def seed() -> list[str]:
    if DecisionCatalog.objects.exists():
        return []
    today = timezone.localdate()
    last, this = today.year - 1, today.year
    gkb, editor = _user("gkb"), _user("zfb_editor")
    org = {o.short_name: o for o in Organization.objects.filter(short_name__in=["县住建局", "县民政局", "县教体局", "县文旅局",
                                                                                 "县自然资源规划局", "县发改委"])}

    # last year's catalog
    old = services.create_catalog(gkb, last, standard=STANDARD)
    parking = services.add_item(gkb, old, title="浮梁县城区停车设施建设和收费管理办法", lead=org["县住建局"],
                                planned_on=dt.date(last, 9, 30), description="规范城区停车设施规划建设和收费管理，缓解停车难。",
                                required={"hearing": True})
    services.add_item(gkb, old, title="浮梁县居家和社区养老服务提升三年行动方案", lead=org["县民政局"], planned_on=dt.date(last, 11, 30))
    services.add_item(gkb, old, title="浮梁县义务教育学校布局调整规划（2024—2030年）", lead=org["县教体局"],
                      planned_on=dt.date(last, 12, 31))
    old = _publish_catalog(old, dt.date(last, 2, 20), dt.date(last, 3, 1))

    zjj = _user("zhujian_editor")
    notice = _notice("关于公开征求《浮梁县城区停车设施建设和收费管理办法（征求意见稿）》意见的公告", dt.date(last, 4, 10))
    services.record_procedure(zjj, _proc(parking, "participation"), done_on=dt.date(last, 5, 10), evidence_kind="document",
                              document_id=notice)
    services.record_procedure(zjj, _proc(parking, "hearing"), done_on=dt.date(last, 5, 20), evidence_kind="report",
                              file=ContentFile(_pdf("听证报告"), name="停车收费听证会报告.pdf"))
    services.record_procedure(zjj, _proc(parking, "expert"), done_on=dt.date(last, 5, 28), evidence_kind="report",
                              file=ContentFile(_pdf("专家论证报告"), name="停车设施专家论证报告.pdf"))
    services.record_procedure(zjj, _proc(parking, "risk"), done_on=dt.date(last, 6, 5), evidence_kind="report",
                              file=ContentFile(_pdf("社会稳定风险评估报告"), name="社会稳定风险评估报告.pdf"))
    services.record_procedure(zjj, _proc(parking, "legality"), done_on=dt.date(last, 6, 18), evidence_kind="opinion",
                              opinion="经审查，办法草案与《中华人民共和国价格法》等上位法不抵触，收费标准制定程序合法，同意提交县政府常务会议讨论。")
    services.record_procedure(zjj, _proc(parking, "collective"), done_on=dt.date(last, 7, 2), evidence_kind="meeting",
                              meeting_name="县人民政府第28次常务会议", meeting_date=dt.date(last, 7, 2))
    services.decide_item(zjj, parking, dt.date(last, 7, 2))
    school = DecisionItem.objects.get(catalog=old, title__startswith="浮梁县义务教育学校布局")
    adj = services.adjust_catalog(gkb, old, kind="remove", adjusted_on=dt.date(last, 8, 15), item=school,
                                  reason="按省级统一部署，纳入市级规划统筹编制，本年度不再单独决策。", drafter=editor,
                                  at=_at(dt.date(last, 8, 15), 8))
    _review(adj.document_id, editor, dt.date(last, 8, 15))

    # this year's catalog
    start = dt.date(this, 1, 1)
    approved = _clamp(max(start, today - dt.timedelta(days=120)), today) if today > start else start
    published = min(approved + dt.timedelta(days=7), today)
    new = services.create_catalog(gkb, this, standard=STANDARD)
    tourism = services.add_item(gkb, new, title="浮梁县全域旅游发展规划", lead=org["县文旅局"], planned_on=dt.date(this, 10, 31),
                                required={"fair_competition": True})
    services.add_item(gkb, new, title="浮梁县国土空间总体规划实施方案", lead=org["县自然资源规划局"], planned_on=dt.date(this, 12, 31))
    new = _publish_catalog(new, approved, published)
    wl = _user("wenlv_editor")
    services.record_procedure(wl, _proc(tourism, "participation"), done_on=published, evidence_kind="document",
                              document_id=_notice("关于公开征求《浮梁县全域旅游发展规划（征求意见稿）》意见的公告", published))
    services.record_procedure(wl, _proc(tourism, "expert"), done_on=published, evidence_kind="report",
                              file=ContentFile(_pdf("专家论证报告"), name="全域旅游规划专家论证意见.pdf"))
    adj = services.adjust_catalog(gkb, new, kind="add", adjusted_on=published, title="浮梁县促进民营经济高质量发展若干措施",
                                  lead=org["县发改委"], planned_on=dt.date(this, 11, 30), reason="落实县委经济工作会议部署，增列本事项。",
                                  required={"fair_competition": True}, drafter=editor, at=_at(published, 8, 30))
    _review(adj.document_id, editor, published)
    return [f"重大行政决策：{last}年、{this}年目录已公布，{DecisionItem.objects.count()} 个事项，2 次动态调整"]
