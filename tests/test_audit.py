"""The service layer is the only way state changes, and every service writes the audit log."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import io
import pkgutil

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from openpyxl import load_workbook

import zwgk
from zwgk.core import audit
from zwgk.core.models import AppendOnlyError, AuditEntry, DayKind, Organization, OrgKind, Role, User
from zwgk.core.services import accounts, auditlog, calendar, orgs
from zwgk.screening import services as screening_services
from zwgk.search import services as search_services

from .factories import OrganizationFactory


def service_modules():
    for info in pkgutil.walk_packages(zwgk.__path__, "zwgk."):
        parts = info.name.split(".")
        if "services" in parts:
            yield importlib.import_module(info.name)


def test_every_public_function_in_a_services_module_is_a_service():
    offenders = []
    modules = list(service_modules())
    assert any(m.__name__ == "zwgk.core.services.orgs" for m in modules)
    for module in modules:
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ != module.__name__ or name.startswith("_"):
                continue
            if not hasattr(func, "zwgk_service"):
                offenders.append(f"{module.__name__}.{name}")
    assert offenders == [], "public functions in services modules must be @audit.service: " + ", ".join(offenders)


# One example call per service. A new service without an example here fails the test below.
def _examples(people, county):
    admin = people["admin"]
    user = people["jiaoti_editor"]
    return {
        "core.org.create": lambda: orgs.create_organization(
            admin, name="浮梁县审计局", short_name="县审计局", kind=OrgKind.DEPARTMENT, code=_code(), parent=county["gov"]
        ),
        "core.org.update": lambda: orgs.update_organization(admin, county["jiaoti"], phone="0798-2620001"),
        "core.account.create": lambda: accounts.create_user(
            admin, username="new_editor", password="Another-good-pass-9", roles=[Role.EDITOR], organization=county["town"]
        ),
        "core.account.update": lambda: accounts.update_user(admin, user, full_name="李新名"),
        "core.account.set_password": lambda: accounts.set_password(admin, user, "Brand-new-pass-77"),
        "core.account.upgrade_hash": lambda: accounts.upgrade_password_hash(user, "Correct-horse-42"),
        "core.account.login": lambda: accounts.record_login(user),
        "core.account.logout": lambda: accounts.record_logout(user),
        "core.account.login_failure": lambda: accounts.record_login_failure("nobody"),
        "core.audit.export": lambda: auditlog.record_export(people["gkb"], "xlsx", 3, {"q": "x"}),
        "core.calendar.seed": lambda: _reseed(admin),
        "core.calendar.set_year": lambda: calendar.set_year(admin, 2027, "国务院办公厅关于2027年部分节假日安排的通知"),
        "core.calendar.import_notice": lambda: _import_2025(admin),
        "core.calendar.set_day": lambda: calendar.set_day(admin, dt.date(2026, 3, 7), DayKind.WORKDAY, "测试"),
        "core.calendar.clear_day": lambda: calendar.clear_day(admin, dt.date(2026, 10, 1)),
        "core.task.recover": _recover_task,
        "screening.term.save": lambda: screening_services.save_term(
            admin, wrong="瓷都", right="中国瓷都", kind="wrong", severity="warn", note="", is_active=True
        ),
        "screening.term.import": lambda: screening_services.import_terms(admin, "景德镇瓷,景德镇瓷器,错误表述,提示,\n"),
        **_publishing_examples(people, county),
        **_applications_examples(people, county),
        **_monitoring_examples(people, county),
        **_workplan_examples(people, county),
        **_notifications_examples(people),
    }


def _notifications_examples(people):
    from zwgk.notifications import services as notes
    from zwgk.notifications.models import Mail

    editor = people["jiaoti_editor"]

    def notify():
        with audit.allow_direct_writes():
            User.objects.filter(pk=editor.pk).update(email="editor@example.org")
        editor.email = "editor@example.org"
        assert notes.notify([editor], "publishing.returned", "稿件退回：测试", "请修改", ref=("draft", 1), dedup="audit-example")

    def digest():
        notes.save_preferences(editor, {"publishing.published": (True, True)})
        notes.notify([editor], "publishing.published", "已发布：测试", ref=("draft", 1))
        assert notes.send_digests(dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC))

    def settle():
        notes.notify([editor], "publishing.review", "待审核：测试", ref=("draft", 1), dedup="revision:1:step:0")
        assert notes.settle(None, "publishing.review", "revision:1:step:0") == 1

    return {
        "notifications.notify": notify,
        "notifications.mail.deliver": lambda: notes.deliver(Mail.objects.filter(state="queued").first().pk),
        "notifications.mail.public": lambda: notes.mail_public("zhu@example.org", "意见已答复", "见网站。", key="audit:example"),
        "notifications.preferences": lambda: notes.save_preferences(editor, {"publishing.returned": (False, False)}),
        "notifications.digest": digest,
        "notifications.read": lambda: notes.mark_read(editor),
        "notifications.settle": settle,
    }


def _recover_task():
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from zwgk.core.services import tasks

    from .factories import queued_mail

    result = queued_mail("gkb@example.org")  # claimed by a worker that then died
    DBTaskResult.objects.filter(id=result.id).update(status="RUNNING", started_at=timezone.now() - dt.timedelta(hours=1), worker_ids=["lost"])
    assert tasks.recover_stale_tasks() == [result.id]


def _workplan_examples(people, county):
    from zwgk.workplan import services as wp
    from zwgk.workplan.models import GoodCase, Indicator, Milestone, Period, Plan, ProgressReport, Score, Supervision, UnmatchedUnit

    from .workplan_data import SEED

    gkb, editor = people["gkb"], people["jiaoti_editor"]
    d = dt.date

    def two():
        return Plan.objects.get(year=2024).tasks.get(number="二")

    text = "已在政府信息公开专栏公开义务教育招生政策和划片范围。"
    case = "县教体局把招生政策、划片范围和招生计划集中公开，提供按小区查询学区的功能，招生季通过新媒体推送查询入口，群众来电咨询明显减少。"
    return {
        "workplan.plan.delete": lambda: wp.delete_plan(gkb, wp.import_plan(None, SEED, "2023.txt", 2023)),
        "workplan.plan.import": lambda: wp.import_plan(gkb, SEED, "2024.txt", 2024),
        "workplan.unit.resolve": lambda: wp.resolve_unmatched(gkb, UnmatchedUnit.objects.filter(name="县直有关部门").first(),
                                                              [county["weijian"]]),
        "workplan.task.units": lambda: wp.set_units(gkb, two(), county["jiaoti"], [county["weijian"]]),
        "workplan.task.schedule": lambda: wp.set_schedule(gkb, two(), d(2024, 12, 31), [("公开招生政策", d(2024, 6, 30))]),
        "workplan.milestone.done": lambda: wp.complete_milestone(gkb, Milestone.objects.get(), d(2024, 6, 28)),
        "workplan.report.submit": lambda: wp.submit_report(editor, two(), text),
        "workplan.report.review": lambda: wp.review_report(gkb, ProgressReport.objects.get(), True),
        "workplan.supervision.issue": lambda: wp.issue_supervision(gkb, two(), county["jiaoti"], "请报送民办学校招生计划的公开情况。",
                                                                   dt.date.today() + dt.timedelta(days=7)),
        "workplan.supervision.answer": lambda: wp.answer_supervision(editor, Supervision.objects.get(), "民办学校招生计划已于本周公开。"),
        "workplan.task.close": lambda: wp.close_task(gkb, two(), "招生信息已全部公开。"),
        "workplan.task.reopen": lambda: wp.reopen_task(gkb, two(), "复核发现还有一所学校未公开"),
        "workplan.remind": lambda: wp.send_reminders(d(2025, 1, 5)),
        "workplan.indicators.ensure": lambda: wp.ensure_indicators(),
        "workplan.indicator.save": lambda: wp.save_indicator(gkb, Indicator.objects.get(code="training"), code="training", group="培训",
                                                             name="政务公开培训", weight=6, source="manual", rule="按培训台账"),
        "workplan.period.create": lambda: wp.create_period(gkb, "2024年度", d(2024, 1, 1), d(2024, 12, 31), Plan.objects.get(year=2024)),
        "workplan.scores.compute": lambda: wp.compute_scores(gkb, Period.objects.get()),
        "workplan.score.manual": lambda: wp.score_manually(gkb, Score.objects.filter(indicator__code="training").first(), 3, "按培训台账"),
        "workplan.case.submit": lambda: wp.submit_case(editor, "招生一网通查", case),
        "workplan.case.decide": lambda: wp.decide_case(gkb, GoodCase.objects.get(), False, "请补充成效数据后再报。"),
    }


def _orphan_example(mon, run_model):
    """The crawling run as one from before runs had a task (no process named), seven hours on."""
    from django.utils import timezone

    with audit.allow_direct_writes():
        run_model.objects.update(summary={})
    return mon.resume_orphan_runs(timezone.now() + dt.timedelta(hours=7))


def _feed_example(mon):
    from zwgk.monitoring.models import Account

    from .inspect_site import SiteServer

    rss = b"<rss version='2.0'><channel><item><pubDate>Mon, 03 Nov 2025 08:00:00 +0800</pubDate></item></channel></rss>"
    with SiteServer({"/feed.xml": (200, "application/rss+xml", rss)}) as server:
        with audit.allow_direct_writes():
            configured = Account.objects.filter(feed_url="").update(feed_url=server.url + "feed.xml")
        return mon.refresh_account_posts([Account.objects.get()]) if configured else None


def _monitoring_examples(people, county):
    from zwgk.monitoring import services as mon
    from zwgk.monitoring.models import Finding, Run, Site

    gkb = people["gkb"]

    def site():
        return Site.objects.get(is_self=False)

    return {
        "monitoring.site.register_self": lambda: mon.register_self(),
        "monitoring.site.save": lambda: mon.save_site(gkb, name="浮梁县人民政府", url="http://127.0.0.1:9/", organization=county["gov"]),
        "monitoring.columns.save": lambda: mon.save_columns(gkb, site(), [{"name": "要闻动态", "url": "http://127.0.0.1:9/news/"}]),
        "monitoring.account.save": lambda: mon.save_account(
            gkb, platform="微信公众号", name="浮梁发布", account_id="fuliangfabu", organization=county["office"], person_in_charge="王某"),
        "monitoring.run.start": lambda: mon.start_run(gkb, site=site(), max_pages=10),
        "monitoring.run.crawl": lambda: mon.begin_crawl(Run.objects.get()),
        "monitoring.run.resume_orphans": lambda: _orphan_example(mon, Run),
        "monitoring.run.finish": lambda: mon.finish_run(Run.objects.get()),  # nothing crawled: a warning that the home page was not read
        "monitoring.finding.fixed": lambda: mon.mark_fixed(gkb, Finding.objects.first(), "已恢复访问"),
        "monitoring.site.interaction": lambda: mon.save_interaction(gkb, site(), has_channel=True, unanswered=0,
                                                                    checked_on=dt.date(2025, 11, 3)),
        "monitoring.account.posts": lambda: _feed_example(mon),
        "monitoring.score.save": lambda: mon.save_score_rule(gkb, "broken_link_home", 2.0, 10.0),
    }


def _applications_examples(people, county):
    from zwgk.applications import services as apps
    from zwgk.applications.models import Application, Consultation, ConsultKind

    editor, reviewer, gkb = people["jiaoti_editor"], people["jiaoti_reviewer"], people["gkb"]
    body17 = "36022219800101123"
    data = {"applicant_type": "natural", "name": "张三", "id_type": "resident", "id_number": body17 + _id_check(body17),
            "phone": "13907981234", "description": "划片范围的依据文件", "medium": "electronic", "delivery": "pickup"}
    d = dt.date

    def first():
        return Application.objects.order_by("pk").first()

    def registered(description):
        return apps.register(editor, {**data, "description": description}, county["jiaoti"], "in_person", d(2025, 9, 26))

    return {
        "applications.submit": lambda: apps.submit_online(data, county["jiaoti"]),
        "applications.register": lambda: registered("第二份申请的内容"),
        "applications.reassign": lambda: apps.reassign(gkb, first(), county["weijian"], "属卫健委职责"),
        "applications.correction": lambda: apps.request_correction(
            editor, registered("需要补正的申请"), "请写明文件名称", d(2025, 9, 29), d(2025, 10, 17)),
        "applications.corrected": lambda: apps.receive_correction(
            editor, Application.objects.get(description="需要补正的申请"), d(2025, 10, 10)),
        "applications.consult": lambda: apps.start_consultation(
            editor, registered("涉及第三方的申请"), ConsultKind.THIRD_PARTY, "某公司", d(2025, 10, 9)),
        "applications.consult_receipt": lambda: apps.record_consultation_receipt(editor, Consultation.objects.get(), d(2025, 10, 10)),
        "applications.consult_answer": lambda: apps.end_consultation(editor, Consultation.objects.get(), d(2025, 10, 13)),
        "applications.extend": lambda: apps.extend(reviewer, registered("需要延期的申请"), 10, "需要核实", d(2025, 10, 20)),
        "applications.fee_notice": lambda: apps.send_fee_notice(editor, registered("页数很多的申请"), "pages", 120, d(2025, 10, 9)),
        "applications.fee_receipt": lambda: apps.record_fee_notice_receipt(
            editor, Application.objects.get(description="页数很多的申请"), d(2025, 10, 10)),
        "applications.split": lambda: apps.split_application(editor, registered("甲文件和乙文件的申请"), ["甲文件的申请", "乙文件的申请"],
                                                             "两个互不相关的事项"),
        "applications.fee_paid": lambda: apps.record_payment(
            editor, Application.objects.get(description="页数很多的申请"), d(2025, 10, 10)),
        "applications.reply": lambda: apps.reply(editor, registered("予以公开的申请"), "disclose", on=d(2025, 10, 9), text="文件一份"),
        "applications.delivered": lambda: apps.record_delivery(
            editor, Application.objects.get(description="予以公开的申请"), "post", d(2025, 10, 10)),
        "applications.view_personal": lambda: apps.view_personal(editor, Application.objects.get(description="予以公开的申请")),
        "applications.correct_applicant": lambda: apps.correct_applicant(editor, registered("申请人姓名有误的申请"), name="张叁",
                                                                         reason="申请人来电更正"),
        "applications.close_abandoned": lambda: (
            apps.request_correction(editor, registered("不补正的申请"), "请补正", d(2025, 9, 29), d(2025, 10, 17)),
            apps.close_abandoned(d(2025, 11, 3)),
        ),
        "applications.remind": lambda: apps.send_reminders(d(2025, 10, 27)),
        "applications.case": lambda: apps.record_case(reviewer, county["jiaoti"], "reconsideration", d(2025, 11, 3), "pending"),
        "applications.ledger_export": lambda: apps.export_ledger(editor, 3, {"state": "open"}),
        "applications.report_publish": lambda: apps.publish_report(gkb, county["jiaoti"], 2025),
        "applications.report_carried_in": lambda: apps.save_carried_in(
            reviewer, county["jiaoti"], 2025, {"natural": 2}, "本系统自2025年起使用，2024年报告为纸质报告"),
        "applications.report_edit": lambda: apps.save_report(
            reviewer, county["jiaoti"], 2025, part_one="总体情况", part_five="问题", part_six="", table_a={"licensing": 3}),
        "applications.county_report_edit": lambda: apps.save_county_report(
            gkb, county["gov"], 2025, part_one="全县总体情况", part_five="问题", part_six=""),
    }


def _id_check(body17):
    from zwgk.core.codes import id_check_char

    return id_check_char(body17)


def _publishing_examples(people, county):
    from zwgk.core.models import UserRole
    from zwgk.publishing import services as pub
    from zwgk.publishing.models import Document, Revision

    editor, reviewer = people["jiaoti_editor"], people["jiaoti_reviewer"]
    content = {"title": "测试通知", "body_html": "<p>正文</p>", "written_date": dt.date(2024, 6, 1),
               "topic": "科技、教育\\教育", "genre": "通知"}
    state = {}

    def create():
        state["doc"] = pub.create_draft(editor, county["jiaoti"], **content)

    def attach():
        state["att"] = pub.add_attachment(editor, state["doc"], "a.pdf", b"%PDF-1.4\n%%EOF\n")

    def decide():
        pub.decide(reviewer, Revision.objects.filter(document=state["doc"]).latest("number"), "approve", "同意")

    def withdraw():
        with audit.allow_direct_writes():
            UserRole.objects.get_or_create(user=people["admin"], role="county_office")
        admin = User.objects.get(pk=people["admin"].pk)
        pub.save_review_chain(admin, county["town"], "", ["secrecy_reviewer"])
        doc = Document.objects.get(pk=state["doc"].pk)
        with audit.allow_direct_writes():
            Document.objects.filter(pk=doc.pk).update(status="published", index_no="X/2024-00001")
        pub.withdraw(admin, Document.objects.get(pk=doc.pk), "测试撤稿理由")

    def expire():
        with audit.allow_direct_writes():
            Document.objects.filter(pk=state["doc"].pk).update(status="published", expires_on=dt.date(2020, 1, 1))
        assert pub.expire_due(dt.date(2024, 1, 1))

    def cleanup():
        from zwgk.publishing.models import NormativeRecord

        doc = Document.objects.get(pk=state["doc"].pk)
        with audit.allow_direct_writes():
            NormativeRecord.objects.create(document=doc, registration_no="2024-0099", max_years=5)
        pub.record_cleanup(people["gkb"], doc, "kept", "2025年度清理决定", dt.date(2025, 1, 10))

    def seed_columns():
        from zwgk.publishing.models import CatalogColumn

        with audit.allow_direct_writes():
            CatalogColumn.objects.filter(slug="annual-reports").delete()
        assert pub.seed_columns(None) == 1

    def schedule():
        from zwgk.core import scheduler

        assert scheduler.run_due()

    return {
        "publishing.document.create": create,
        "publishing.document.edit": lambda: pub.update_draft(editor, state["doc"], title="改标题"),
        "publishing.attachment.add": attach,
        "publishing.attachment.remove": lambda: pub.remove_attachment(editor, state["att"]),
        "publishing.document.submit": lambda: pub.submit(editor, state["doc"]),
        "publishing.review.decide": decide,
        "publishing.chain.save": lambda: pub.save_review_chain(people["gkb"], county["jiaoti"], "interpretation", ["secrecy_reviewer"]),
        "publishing.document.expire_due": expire,
        "publishing.document.withdraw": withdraw,
        "core.scheduler.run": schedule,
        "search.reindex": lambda: search_services.reindex(people["admin"]),
        "search.word.add": lambda: search_services.add_word(people["admin"], "政务公开专区"),
        "publishing.normative.cleanup": cleanup,
        "publishing.settings.save": lambda: pub.save_publisher_settings(people["gkb"], county["town"], "{code}/{year}-{seq:04d}"),
        "publishing.catalog.seed": seed_columns,
        "publishing.catalog.import": lambda: pub.import_catalog_items(
            people["gkb"], "领域,公开事项（一级）,公开事项（二级）,公开内容（要素）,公开依据,公开时限,"
            "公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
            "就业,就业服务,招聘信息,岗位,,,县人社局,,全社会,主动,县级\n",
        ),
        "publishing.document.import": lambda: pub.import_documents(
            people["admin"], county["town"], ['{"title": "旧站信息", "written_date": "2023-05-04"}']
        ),
    }


def _code():
    from zwgk.core.codes import make_uscc

    return make_uscc("1", "1", "360222", "MB999999")


def _import_2025(admin):
    from pathlib import Path

    from zwgk.core.models import CalendarDay, CalendarYear

    with audit.allow_direct_writes():
        CalendarDay.objects.filter(date__year=2025).delete()
        CalendarYear.objects.filter(year=2025).delete()
    text = (Path(__file__).parent / "data" / "holiday_notice_2025.txt").read_text(encoding="utf-8")
    assert calendar.import_notice(admin, text).year == 2025


def _reseed(admin):
    from zwgk.core.models import CalendarDay, CalendarYear

    with audit.allow_direct_writes():
        CalendarDay.objects.filter(date__year=2005).delete()
        CalendarYear.objects.filter(year=2005).delete()
    assert calendar.seed_from_package(admin) == [2005]


@pytest.mark.django_db
def test_every_service_writes_the_audit_log(people, county):
    list(service_modules())  # every services module imported, so every service is registered
    examples = _examples(people, county)
    missing = sorted(set(audit.SERVICES) - set(examples))
    assert missing == [], f"services without an example in this test: {missing}"
    for action, call in examples.items():
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        with audit.client_ip("192.0.2.7"):
            call()
        entries = list(AuditEntry.objects.filter(id__gt=last))
        assert entries, f"{action} wrote no audit entry"
        labels = audit.action_labels()
        assert all(e.action in labels and e.action_label == labels[e.action] for e in entries), action
        assert all(e.client_ip == "192.0.2.7" and e.summary for e in entries), action
        if action not in ("publishing.document.expire_due",):  # writes one "到期自动失效" entry per item
            assert any(e.action == action for e in entries), action


@pytest.mark.django_db
def test_entry_names_actor_organization_object_and_changes(people, county):
    orgs.update_organization(people["jiaoti_reviewer"], county["jiaoti"], phone="0798-1234567")
    entry = AuditEntry.objects.get(action="core.org.update")
    assert entry.actor == people["jiaoti_reviewer"]
    assert entry.organization == county["jiaoti"]
    assert entry.organization_name == "浮梁县教育体育局"
    assert entry.object_type == "core.organization"
    assert entry.object_id == str(county["jiaoti"].pk)
    assert entry.changes == {"phone": ["", "0798-1234567"]}
    assert "联系电话：（空） → 0798-1234567" in entry.summary


@pytest.mark.django_db
def test_a_service_that_does_not_log_is_rolled_back(county):
    @audit.service("test.silent", "测试")
    def silent_rename(org):
        org.name = "改了名但不记日志"
        org.save()

    try:
        with pytest.raises(audit.AuditMissing):
            silent_rename(county["jiaoti"])
    finally:
        audit.SERVICES.pop("test.silent")
    assert Organization.objects.get(pk=county["jiaoti"].pk).name == "浮梁县教育体育局"


@pytest.mark.django_db
def test_a_failing_service_leaves_no_change_and_no_entry(people, county):
    from django.core.exceptions import ValidationError

    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        orgs.update_organization(people["admin"], county["jiaoti"], code="123")
    assert Organization.objects.get(pk=county["jiaoti"].pk).code == county["jiaoti"].code
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_writing_a_model_outside_a_service_is_refused(county):
    org = Organization.objects.get(pk=county["town"].pk)
    org.phone = "12345"
    with pytest.raises(audit.DirectWriteError):
        org.save()
    with pytest.raises(audit.DirectWriteError):
        org.delete()
    with pytest.raises(audit.DirectWriteError):
        User.objects.create(username="sneaky")


@pytest.mark.django_db
def test_bulk_writes_outside_a_service_are_refused(people, county):
    """update(), bulk_create(), bulk_update() and a queryset's delete() send no pre_save signal: the models' base
    queryset checks them, on plain and related managers alike, and nothing is written."""
    from zwgk.core.models import CalendarDay, UserRole

    town = Organization.objects.get(pk=county["town"].pk)
    town.phone = "12345"
    refused = {
        "update": lambda: Organization.objects.filter(pk=town.pk).update(phone="12345"),
        "related update": lambda: county["gov"].children.update(phone="12345"),
        "user update": lambda: User.objects.filter(pk=people["gkb"].pk).update(full_name="改名"),
        "bulk_create": lambda: Organization.objects.bulk_create(
            [Organization(name="直接写入", short_name="x", kind=OrgKind.DEPARTMENT, code=_code())]),
        "bulk_update": lambda: Organization.objects.bulk_update([town], ["phone"]),
        "delete": lambda: CalendarDay.objects.filter(date__year=2025).delete(),
        "related delete": lambda: people["gkb"].roles.all().delete(),
    }
    for name, write in refused.items():
        with pytest.raises(audit.DirectWriteError):
            write()
        assert not Organization.objects.filter(phone="12345").exists(), name
    assert not Organization.objects.filter(name="直接写入").exists()
    assert CalendarDay.objects.filter(date__year=2025).exists() and UserRole.objects.filter(user=people["gkb"]).exists()
    assert User.objects.get(pk=people["gkb"].pk).full_name != "改名"


@pytest.mark.django_db
def test_bulk_writes_inside_a_service_are_allowed(people, county):
    from zwgk.core.models import CalendarDay

    @audit.service("test.bulk", "测试")
    def bulk_writes():
        Organization.objects.filter(pk=county["town"].pk).update(phone="0798-1")
        county["gov"].children.filter(pk=county["office"].pk).update(phone="0798-2")
        (made,) = Organization.objects.bulk_create([Organization(name="浮梁县审计局", short_name="县审计局", kind=OrgKind.DEPARTMENT,
                                                                 code=_code(), parent=county["gov"])])
        made.phone = "0798-3"
        Organization.objects.bulk_update([made], ["phone"])
        CalendarDay.objects.filter(date__year=2025).delete()
        audit.record(None, None, summary="批量写入")

    try:
        bulk_writes()
    finally:
        audit.SERVICES.pop("test.bulk")
    assert set(Organization.objects.exclude(phone="").values_list("phone", flat=True)) >= {"0798-1", "0798-2", "0798-3"}
    assert not CalendarDay.objects.filter(date__year=2025).exists()


@pytest.mark.django_db
def test_many_to_many_changes_outside_a_service_are_refused(people, county):
    """add(), set(), remove() and clear() write the relation's own table (bulk, without pre_save): refused outside a
    service on either side of the relation, and nothing is written; inside a service they are allowed."""
    from zwgk.workplan.models import UnitAlias

    with audit.allow_direct_writes():
        alias = UnitAlias.objects.create(name="教体局")
        alias.organizations.add(county["jiaoti"])
    town, jiaoti = county["town"], county["jiaoti"]
    refused = {
        "add": lambda: alias.organizations.add(town),
        "set": lambda: alias.organizations.set([town]),
        "remove": lambda: alias.organizations.remove(jiaoti),
        "clear": lambda: alias.organizations.clear(),
        "create": lambda: alias.organizations.create(name="新单位", short_name="新", kind=OrgKind.DEPARTMENT, code=_code()),
    }
    for name, write in refused.items():
        with pytest.raises(audit.DirectWriteError), transaction.atomic():  # its own savepoint: Django's add() has none
            write()
        assert list(UnitAlias.objects.get(pk=alias.pk).organizations.all()) == [jiaoti], name

    @audit.service("test.m2m", "测试")
    def relink():
        alias.organizations.set([town])
        audit.record(None, alias, summary="改对应单位")

    try:
        relink()
    finally:
        audit.SERVICES.pop("test.m2m")
    assert list(UnitAlias.objects.get(pk=alias.pk).organizations.all()) == [town]


@pytest.mark.django_db
def test_document_links_outside_a_service_are_refused(staff, county):
    from zwgk.publishing import services as publishing

    policy = publishing.create_draft(staff["jiaoti_editor"], county["jiaoti"], title="政策")
    reading = publishing.create_draft(staff["jiaoti_editor"], county["jiaoti"], title="解读")
    for write in (lambda: reading.policies.add(policy), lambda: policy.interpretations.add(reading)):
        with pytest.raises(audit.DirectWriteError), transaction.atomic():
            write()
    assert not policy.interpretations.exists()


def test_every_zwgk_model_uses_the_guarded_queryset():
    from django.apps import apps

    from zwgk.core.models import GuardedQuerySet

    # Related managers derive from the default manager's class, so they are guarded too (the test above).
    models = [m for m in apps.get_models() if m.__module__.startswith("zwgk.")]
    assert len(models) > 40
    plain = [m._meta.label for m in models if not isinstance(m._default_manager.all(), GuardedQuerySet)]
    assert plain == []


@pytest.mark.django_db
def test_a_tree_cannot_loop(people, county):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="上级机构不能是本机构或其下级机构"):
        orgs.update_organization(people["admin"], county["jiaoti"], parent=county["school"])


@pytest.mark.django_db
class TestAppendOnly:
    @pytest.fixture
    def entry(self, people):
        accounts.record_login(people["gkb"])
        return AuditEntry.objects.get(action="core.account.login")

    def test_model_refuses_update_and_delete(self, entry):
        entry.summary = "篡改"
        with pytest.raises(AppendOnlyError):
            entry.save()
        with pytest.raises(AppendOnlyError):
            entry.delete()
        with pytest.raises(AppendOnlyError):
            AuditEntry.objects.filter(pk=entry.pk).update(summary="篡改")
        with pytest.raises(AppendOnlyError):
            AuditEntry.objects.all().delete()

    def test_database_refuses_raw_update(self, entry):
        with pytest.raises((IntegrityError, DatabaseError)):
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("UPDATE core_auditentry SET summary = 'x' WHERE id = %s", [entry.pk])
        assert AuditEntry.objects.get(pk=entry.pk).summary == "登录成功"

    def test_postgres_refuses_raw_delete(self, entry, is_postgres):
        if not is_postgres:
            pytest.skip("DELETE trigger exists on PostgreSQL only (see migration 0002)")
        with pytest.raises(DatabaseError):
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
        assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
class TestAuditPages:
    @pytest.fixture
    def logged(self, people, county):
        orgs.update_organization(people["jiaoti_reviewer"], county["jiaoti"], phone="0798-1111111")
        accounts.update_user(people["admin"], people["weijian_reviewer"], full_name='=HYPERLINK("http://x")')
        reviewer = User.objects.get(pk=people["weijian_reviewer"].pk)
        orgs.update_organization(reviewer, county["weijian"], phone="0798-2222222")
        return people

    def test_county_office_filters_by_organization(self, client, logged, county):
        client.force_login(logged["gkb"])
        response = client.get("/staff/audit/", {"organization": county["weijian"].pk, "action": "core.org.update"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "共 1 条记录" in page
        assert "0798-1111111" not in page

    def test_bad_date_is_a_chinese_error_not_a_crash(self, client, logged):
        client.force_login(logged["gkb"])
        response = client.get("/staff/audit/", {"date_from": "2025-02-30"})
        assert response.status_code == 200
        assert "请输入有效的日期" in response.content.decode()
        response = client.get("/staff/audit/", {"date_from": "2025-03-02", "date_to": "2025-03-01"})
        assert "起始日期不能晚于截止日期" in response.content.decode()
        response = client.get("/staff/audit/export.xlsx", {"date_from": "bad"})
        assert response.status_code == 302
        assert not AuditEntry.objects.filter(action="core.audit.export").exists()

    def test_department_staff_cannot_read_the_log(self, client, logged):
        client.force_login(logged["jiaoti_reviewer"])
        assert client.get("/staff/audit/").status_code == 403
        assert client.get("/staff/audit/export.csv").status_code == 403

    def test_xlsx_export_opens_and_is_logged(self, client, logged):
        client.force_login(logged["gkb"])
        today = dt.date.today().isoformat()
        response = client.get("/staff/audit/export.xlsx", {"action": "core.org.update", "date_from": today})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][:4] == ("时间", "操作人", "所属机构", "操作")
        assert len(rows) == 3
        assert {r[2] for r in rows[1:]} == {"浮梁县教育体育局", "浮梁县卫生健康委员会"}
        assert all(r[3] == "修改机构信息" for r in rows[1:])
        # a value that a spreadsheet would run as a formula is neutralised
        assert "'=HYPERLINK(\"http://x\")" in {r[1] for r in rows[1:]}
        export = AuditEntry.objects.get(action="core.audit.export")
        assert export.actor == logged["gkb"] and "2 条" in export.summary

    def test_csv_export_has_bom_and_no_formulas(self, client, logged):
        client.force_login(logged["gkb"])
        response = client.get("/staff/audit/export.csv", {"action": "core.org.update"})
        body = response.content.decode("utf-8")
        assert body.startswith("\ufeff时间,操作人")
        assert ",'=HYPERLINK(" in body.replace('"', "")
        assert ",=HYPERLINK" not in body.replace('"', "")


@pytest.mark.django_db
def test_admin_has_no_way_to_edit_or_delete_entries(client, people):
    accounts.record_login(people["gkb"])
    entry = AuditEntry.objects.first()
    client.force_login(people["admin"])
    assert client.get("/admin/core/auditentry/").status_code == 200
    page = client.get(f"/admin/core/auditentry/{entry.pk}/change/")
    assert page.status_code == 200 and "保存" not in page.content.decode()
    assert client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/core/auditentry/add/").status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_organizations_factory_is_allowed_only_in_fixtures(db):
    # Factories write inside allow_direct_writes(); the same write without it is refused.
    OrganizationFactory()
    with pytest.raises(audit.DirectWriteError):
        Organization(name="直接写入", short_name="x", kind=OrgKind.DEPARTMENT, code=_code()).save()
