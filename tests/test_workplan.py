"""Tasks of the work points: closed loop, overdue and silent derivation, supervision, reminders; the
assessment scored from generated data of the other modules (on SQLite and on PostgreSQL), manual scores,
exports and the report to the leaders; good cases through the publishing review; the pages."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from docx import Document as Docx
from openpyxl import load_workbook

from tests.factories import UserFactory
from tests.workplan_data import SEED, build_tree
from zwgk.core import audit, workdays
from zwgk.core.models import AuditEntry, Role
from zwgk.workplan import exports, reading, selectors, services
from zwgk.workplan.models import Indicator, Period, ReportState, Score, Task, TaskState

pytestmark = pytest.mark.django_db
D = dt.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def who(tree):
    return {
        "gkb": UserFactory(username="gkb", organization=tree["县政府办公室"], roles=[Role.COUNTY_OFFICE]),
        "jiaoti": UserFactory(username="jiaoti_editor", organization=tree["县教体局"], roles=[Role.EDITOR]),
        "renshe": UserFactory(username="renshe_editor", organization=tree["县人社局"], roles=[Role.EDITOR]),
        "weijian": UserFactory(username="weijian_reviewer", organization=tree["县卫健委"], roles=[Role.REVIEWER]),
        "town": UserFactory(username="town_editor", organization=tree["浮梁镇"], roles=[Role.EDITOR]),
        "admin": UserFactory(username="admin", organization=tree["县政府办公室"], roles=[Role.ADMIN]),
    }


@pytest.fixture
def plan(who):
    return services.import_plan(who["gkb"], SEED, "2024.txt", timezone.localdate().year)


def task(plan, number):
    return selectors.task_queryset().get(plan=plan, number=number)


REPORT = "已在政府信息公开专栏公开义务教育招生政策和公办学校划片范围。"


# --- closed loop ------------------------------------------------------------------------------------

def test_closed_loop_report_accept_close(plan, who):
    two = task(plan, "二")  # lead 县教体局, 县人社局 among the units
    with pytest.raises(PermissionDenied):
        services.submit_report(who["town"], two, REPORT)  # 浮梁镇 is not responsible for 二
    with pytest.raises(ValidationError, match="不少于 10"):
        services.submit_report(who["jiaoti"], two, "已完成")
    with pytest.raises(ValidationError, match="PDF"):
        services.submit_report(who["jiaoti"], two, REPORT, [ContentFile(b"MZ\x90\x00 not a pdf", name="a.pdf")])
    with pytest.raises(ValidationError, match="没有找到已发布的信息"):
        reading.evidence_ref("document", "99999")
    with pytest.raises(ValidationError, match="请写明办结意见"):
        services.close_task(who["gkb"], two, "")
    with pytest.raises(ValidationError, match="牵头单位还没有被采纳"):
        services.close_task(who["gkb"], two, "完成")

    co = services.submit_report(who["renshe"], two, "已公开高校毕业生和退役军人就业政策及专项招聘活动信息。")
    services.review_report(who["gkb"], co, True)
    with pytest.raises(ValidationError, match="牵头单位还没有被采纳"):
        services.close_task(who["gkb"], two, "完成")  # a co-unit's report does not close the lead's task

    lead = services.submit_report(who["jiaoti"], two, REPORT, [ContentFile(PNG, name="划片.png")],
                                  [reading.evidence_ref("link", "https://www.fuliang.gov.cn/zfxxgk/")])
    with pytest.raises(ValidationError, match="重复"):
        services.submit_report(who["jiaoti"], two, REPORT)
    assert lead.files.get().kind == "png" and lead.evidence[0]["kind"] == "link"
    with pytest.raises(PermissionDenied):
        services.review_report(who["jiaoti"], lead, True)  # units cannot accept their own reports
    with pytest.raises(ValidationError, match="退回时请写明理由"):
        services.review_report(who["gkb"], lead, False, "")
    services.review_report(who["gkb"], lead, False, "请附划片范围的公开网址。")
    with pytest.raises(ValidationError, match="不能重复审核"):
        services.review_report(who["gkb"], lead, True)
    with pytest.raises(ValidationError):
        services.close_task(who["gkb"], two, "完成")
    again = services.submit_report(who["jiaoti"], two, REPORT + "网址见佐证。")
    services.review_report(who["gkb"], again, True, "可以。")
    with pytest.raises(PermissionDenied):
        services.close_task(who["jiaoti"], two, "完成")  # only the county office closes
    services.close_task(who["gkb"], two, "招生信息已全部公开。")
    two.refresh_from_db()
    assert two.state == TaskState.CLOSED and two.closed_by == who["gkb"]
    assert selectors.status(task(plan, "二")).code == "closed"
    with pytest.raises(ValidationError, match="不再接收"):
        services.submit_report(who["jiaoti"], two, REPORT + "补充。")
    services.reopen_task(who["gkb"], two, "复核发现民办学校招生计划未公开")
    assert task(plan, "二").state == TaskState.OPEN
    actions = list(AuditEntry.objects.filter(action__startswith="workplan.").values_list("action", flat=True))
    for action in ("workplan.report.submit", "workplan.report.review", "workplan.task.close", "workplan.task.reopen"):
        assert action in actions


def test_open_closed_overdue_and_settled_tasks_by_queryset(plan, who):
    """Overdue: open past the time limit (not on the day itself, never when closed); settled: closed or overdue."""
    two = task(plan, "二")
    services.review_report(who["gkb"], services.submit_report(who["jiaoti"], two, REPORT), True)
    services.close_task(who["gkb"], two, "招生信息已全部公开。")
    tasks = Task.objects.filter(plan=plan)
    one = tasks.get(number="一", level=1)
    assert two in tasks.closed() and two not in tasks.open() and one in tasks.open()
    assert one not in tasks.overdue(one.due_on) and one in tasks.overdue(one.due_on + dt.timedelta(days=1))
    late = two.due_on + dt.timedelta(days=400)
    assert two not in tasks.overdue(late) and two in tasks.settled(late)
    assert set(tasks.settled(late)) == set(tasks.closed()) | set(tasks.overdue(late))
    assert set(tasks.settled(min(t.due_on for t in tasks))) == {two}  # no limit has passed yet: only the closed one
    assert not tasks.get(pk=two.pk).is_open


def test_a_grouping_point_closes_when_its_sub_points_have(who, tree):
    from tests.workplan_data import SECOND

    plan = services.import_plan(who["gkb"], SECOND.encode(), "2025.txt", 2025)
    parent = plan.tasks.get(number="一", level=1)
    child = plan.tasks.get(number="（二）")
    with pytest.raises(ValidationError, match="下级任务"):
        services.close_task(who["gkb"], parent, "完成")
    for sub in parent.children.all():
        lead_user = UserFactory(organization=sub.lead, roles=[Role.EDITOR])
        r = services.submit_report(lead_user, sub, "已按要求完成本项工作并在专栏公开。")
        services.review_report(who["gkb"], r, True)
        services.close_task(who["gkb"], sub, "完成")
    services.close_task(who["gkb"], parent, "下级任务均已办结。")
    assert plan.tasks.get(pk=parent.pk).state == TaskState.CLOSED
    assert child.lead.short_name == "县教体局"


# --- derivation, supervision, reminders --------------------------------------------------------------

def test_overdue_silent_due_soon_are_derived(plan, who):
    one = task(plan, "一")
    year = one.due_on.year
    imported = timezone.localdate(plan.imported_at)
    assert selectors.status(one, imported).code in ("on_track", "due_soon")
    assert selectors.status(one, imported + dt.timedelta(days=30)).code in ("silent", "overdue")
    services.set_schedule(who["gkb"], one, D(year, 12, 31), [("方案公开", D(year, 6, 30))])
    assert selectors.status(task(plan, "一"), D(year, 12, 20)).code in ("due_soon", "silent")
    assert selectors.status(task(plan, "一"), D(year + 1, 1, 2)).code == "overdue"
    assert selectors.status(task(plan, "一"), D(year + 1, 1, 2)).label == "已逾期 2 天"
    with pytest.raises(ValidationError, match="晚于任务完成时限"):
        services.set_schedule(who["gkb"], one, D(year, 6, 1), [("方案公开", D(year, 6, 30))])
    # a report resets the silence clock
    fagai = UserFactory(organization=one.lead, roles=[Role.EDITOR])
    services.submit_report(fagai, one, "已公开“1269”行动计划和配套政策措施。")
    t = task(plan, "一")
    assert selectors.status(t, timezone.localdate() + dt.timedelta(days=29)).code != "silent"
    assert selectors.status(t, timezone.localdate() + dt.timedelta(days=31)).code in ("silent", "overdue")


def test_supervision_must_be_answered_by_the_unit(plan, who, tree):
    two = task(plan, "二")
    due = timezone.localdate() + dt.timedelta(days=7)
    with pytest.raises(ValidationError, match="只能督办"):
        services.issue_supervision(who["gkb"], two, tree["浮梁镇"], "请报送进展。", due)
    with pytest.raises(PermissionDenied):
        services.issue_supervision(who["jiaoti"], two, tree["县教体局"], "请报送进展。", due)
    sup = services.issue_supervision(who["gkb"], two, tree["县教体局"], "请于一周内报送划片范围公开情况。", due)
    with pytest.raises(ValidationError, match="未反馈的督办"):
        services.issue_supervision(who["gkb"], two, tree["县教体局"], "再次督办。", due)
    assert selectors.status(task(plan, "二")).open_supervisions == 1
    assert selectors.status(task(plan, "二")).behind
    behind = {org.short_name: tasks for org, tasks in selectors.plan_progress(plan)["behind"]}
    assert [t.number for t in behind["县教体局"]] == ["二"]  # the lead that has not reported: listed once
    r = services.submit_report(who["jiaoti"], two, REPORT)
    services.review_report(who["gkb"], r, True)
    with pytest.raises(ValidationError, match="未反馈的督办"):
        services.close_task(who["gkb"], two, "完成")
    with pytest.raises(PermissionDenied):
        services.answer_supervision(who["renshe"], sup, "由人社局代为反馈情况说明。")
    services.answer_supervision(who["jiaoti"], sup, "划片范围已于本周在专栏公开，网址已报送。")
    with pytest.raises(ValidationError, match="已经反馈"):
        services.answer_supervision(who["jiaoti"], sup, "划片范围已于本周在专栏公开，网址已报送。")
    services.close_task(who["gkb"], two, "完成")
    assert list(selectors.open_supervisions(tree["县教体局"])) == []


def test_reminders_once_a_day_to_the_units(plan, who, tree):
    """Overdue tasks and supervision past its date are notifications to the units' staff, once a day."""
    from zwgk.notifications.models import Notification

    fagai = UserFactory(username="fagai_editor", organization=tree["县发改委"], roles=[Role.EDITOR])
    one = task(plan, "一")
    year = one.due_on.year
    later = D(year + 1, 1, 5)
    sup = services.issue_supervision(who["gkb"], one, tree["县发改委"], "请报送进展。", timezone.localdate() + dt.timedelta(days=3))
    issued = Notification.objects.get(recipient=fagai, kind="workplan.supervision")
    assert issued.title == f"督办：{one}" and "请报送进展。" in issued.body and issued.target_url == f"/staff/workplan/tasks/{one.pk}/"
    made = services.send_reminders(later)
    assert services.send_reminders(later) == []  # once a day
    mine = {(n.recipient.username, n.kind, n.title.split("：")[0]) for n in made if n.ref_id == str(one.pk)}
    assert ("fagai_editor", "workplan.task", str(one)) in mine
    assert ("fagai_editor", "workplan.supervision", "督办超期") in mine
    assert ("town_editor", "workplan.task", str(one)) in mine  # every township shares 一
    assert not [n for n in made if n.recipient_id in (who["gkb"].pk, who["admin"].pk)]  # the county office is no unit's staff
    closed = {str(t.pk) for t in selectors.task_queryset().closed()}
    assert not [n for n in made if n.ref_id in closed]
    services.answer_supervision(fagai, sup, "已报送政策措施公开情况。")
    assert not [n for n in services.send_reminders(later + dt.timedelta(days=1)) if n.kind == "workplan.supervision"]


# --- assessment ---------------------------------------------------------------------------------------

def _generate(tree, who, plan, rng):
    """Records of the other modules for 县教体局 and 县卫健委 in the current year, with the expected figures."""
    from zwgk.applications.models import Application
    from zwgk.monitoring.models import Finding, Run, Site
    from zwgk.monitoring.models import TaskState as FindingState
    from zwgk.publishing.models import DocStatus, Document, Kind

    today = timezone.localdate()
    year = today.year
    start = D(year, 1, 1)
    tz = timezone.get_current_timezone()
    cal = workdays.load()
    expected = {}
    author = who["gkb"]
    with audit.allow_direct_writes():
        for short in ("县教体局", "县卫健委"):
            org = tree[short]
            e = expected[short] = {"normative": [0, 0], "timely": [0, 0], "apps": [0, 0], "findings": [0, 0]}
            for i in range(rng.randrange(6, 14)):
                written = start + dt.timedelta(days=rng.randrange(0, (today - start).days - 40))
                lag_days = rng.randrange(0, 45)
                published = written + dt.timedelta(days=lag_days)
                normative = rng.random() < 0.5
                doc = Document.objects.create(
                    kind=Kind.DOCUMENT, organization=org, created_by=author, status=DocStatus.PUBLISHED, title=f"{short}文件{i}",
                    written_date=written, is_normative=normative, published_at=dt.datetime.combine(published, dt.time(10), tzinfo=tz))
                e["timely"][1] += 1
                e["timely"][0] += cal.between(written, published) <= 20
                if normative:
                    e["normative"][1] += 1
                    if rng.random() < 0.6:
                        interp = Document.objects.create(kind=Kind.INTERPRETATION, organization=org, created_by=author,
                                                         status=DocStatus.PUBLISHED, title=f"解读{i}", published_at=doc.published_at)
                        interp.policies.add(doc)
                        e["normative"][0] += 1
            # a draft and last year's document are not counted
            Document.objects.create(kind=Kind.DOCUMENT, organization=org, created_by=author, title="草稿", is_normative=True,
                                    written_date=start)
            Document.objects.create(kind=Kind.DOCUMENT, organization=org, created_by=author, title="去年", status=DocStatus.PUBLISHED,
                                    is_normative=True, written_date=D(year - 1, 3, 1),
                                    published_at=dt.datetime(year - 1, 3, 5, tzinfo=tz))
            for i in range(rng.randrange(10, 30)):
                received = start + dt.timedelta(days=rng.randrange(0, (today - start).days - 50))
                reply = received + dt.timedelta(days=rng.randrange(1, 45))
                Application.objects.create(
                    tracking_code=f"T{org.pk}{i:05d}", organization=org, applicant_type="natural", name="申请人", id_type="other",
                    id_number="X1", phone="13907981234", description="生成", channel="online", received_on=received,
                    reply_type="public", reply_on=reply)
                e["apps"][1] += 1
                e["apps"][0] += reply <= cal.add(received, 20)
            site = Site.objects.create(name=f"{short}网站", url=f"http://127.0.0.1/{org.pk}/", organization=org)
            old = Run.objects.create(site=site, start_url=site.url, state="done", finished_at=timezone.now() - dt.timedelta(days=200))
            for i in range(rng.randrange(4, 10)):
                due = start + dt.timedelta(days=rng.randrange(0, (today - start).days - 1))
                outcome = rng.choice(["on_time", "late", "open", "fixed"])
                verify_at = dt.datetime.combine(due + dt.timedelta(days=-3 if outcome == "on_time" else 5), dt.time(9), tzinfo=tz)
                verifier = Run.objects.create(site=site, start_url=site.url, state="done", finished_at=verify_at)
                Finding.objects.create(run=old, site=site, kind="broken_link", severity="deduct", message=f"错链{i}", fingerprint=f"f{i}",
                                       due_on=due, state=FindingState.CLOSED if outcome in ("on_time", "late") else
                                       FindingState.FIXED if outcome == "fixed" else FindingState.OPEN,
                                       verified_run=verifier if outcome in ("on_time", "late") else None)
                e["findings"][1] += 1
                e["findings"][0] += outcome == "on_time"
            # a finding due after today and still open is not counted yet
            Finding.objects.create(run=old, site=site, kind="broken_link", severity="deduct", message="未到期", fingerprint="later",
                                   due_on=today + dt.timedelta(days=10), state=FindingState.OPEN)
    return expected


def _close(plan, who, number, user):
    t = task(plan, number)
    r = services.submit_report(user, t, "本项任务已完成，相关信息已在专栏公开。")
    services.review_report(who["gkb"], r, True)
    services.close_task(who["gkb"], t, "完成")


def test_scores_computed_from_the_platform_records(plan, who, tree):
    rng = random.Random(2024)
    expected = _generate(tree, who, plan, rng)
    year = timezone.localdate().year
    _close(plan, who, "二", who["jiaoti"])  # 县教体局 leads 二: closed on time (limit 12-31)
    past = timezone.localdate() - dt.timedelta(days=3)
    services.set_schedule(who["gkb"], task(plan, "一"), past, [])  # 一 (县教体局 shares it) now overdue
    period = services.create_period(who["gkb"], f"{year}年度", D(year, 1, 1), D(year, 12, 31), plan)
    services.compute_scores(who["gkb"], period)
    weights = {i.code: i.weight for i in Indicator.objects.all()}
    for short, e in expected.items():
        got = {s.indicator.code: s for s in Score.objects.filter(period=period, organization=tree[short]).select_related("indicator")}
        for code, key in (("interpretation", "normative"), ("timely_publication", "timely"), ("applications_on_time", "apps"),
                          ("findings_fixed", "findings")):
            num, den = e[key]
            s = got[code]
            assert (s.numerator, s.denominator) == (num, den), (short, code)
            assert s.points == (round(weights[code] * num / den, 2) if den else None)
            assert s.not_applicable == (den == 0)
            assert len(s.evidence) == den and sum(ev["ok"] for ev in s.evidence) == num
        assert got["opinion_response"].points is None and got["opinion_response"].manual
    jiaoti_tasks = Score.objects.get(period=period, organization=tree["县教体局"], indicator__code="tasks_on_time")
    # 二 closed on time, 一 overdue; 三 is open with its limit still to come, so not counted
    assert (jiaoti_tasks.numerator, jiaoti_tasks.denominator) == (1, 2)
    assert jiaoti_tasks.points == weights["tasks_on_time"] / 2
    # manual scores: bounded, with a reason; the ranking adds them
    manual = Score.objects.get(period=period, organization=tree["县教体局"], indicator__code="training")
    with pytest.raises(ValidationError, match="理由"):
        services.score_manually(who["gkb"], manual, 4, "")
    with pytest.raises(ValidationError, match="之间"):
        services.score_manually(who["gkb"], manual, 50, "培训两次")
    services.score_manually(who["gkb"], manual, 4, "开展专题培训 2 次")
    services.compute_scores(who["gkb"], period)  # recomputing keeps manual indicators' scores
    assert Score.objects.get(pk=manual.pk).points == 4
    ranking = selectors.ranking(period)
    row = next(r for r in ranking if r["organization"] == tree["县教体局"])
    mine = [s for s in Score.objects.filter(period=period, organization=tree["县教体局"]).select_related("indicator") if s.assessed]
    full = sum(weights[i.code] for i in Indicator.objects.filter(is_active=True))
    assert row["earned"] == round(sum(s.points for s in mine), 2)
    assert row["total"] == round(row["earned"] / sum(s.indicator.weight for s in mine) * full, 2)
    ranked = selectors.ranked(ranking)
    assert [r["rank"] for r in ranked] == sorted(r["rank"] for r in ranked)
    assert all(a["total"] >= b["total"] for a, b in zip(ranked, ranked[1:], strict=False))
    # exports opened and checked
    wb = load_workbook(io.BytesIO(exports.scores_xlsx(period)))
    sheet = wb["考核得分"]
    names = [c.value for c in sheet["B"][2:]]
    assert tree["县教体局"].name in names
    line = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1] == tree["县教体局"].name)
    assert line[-4] == row["total"] and line[-3] == row["earned"]
    assert wb["评分依据"].max_row > 10
    doc = Docx(io.BytesIO(exports.scores_docx(period)))
    assert any(c.text == "县教体局" for t in doc.tables for r in t.rows for c in r.cells)
    report = Docx(io.BytesIO(exports.leaders_report(plan)))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "共分解任务 13 项，已办结 1 项" in text
    top = ranked[0]
    assert f"得分靠前的是：{top['organization'].short_name}（{top['total']:g} 分）" in text  # the ranked units only
    assert any(c.text == "聚焦民生保障强化信息公开" for t in report.tables for r in t.rows for c in r.cells)


def test_indicator_system_is_editable_data(who):
    rows = services.ensure_indicators()
    assert sum(i.weight for i in rows) == 100
    assert {i.source for i in rows} >= {"interpretation", "applications_on_time", "manual"}
    ind = Indicator.objects.get(code="training")
    with pytest.raises(ValidationError, match="未知的评分方式"):
        services.save_indicator(who["gkb"], ind, code="training", group="培训", name="培训", weight=5, source="nothing", rule="")
    with pytest.raises(ValidationError, match="分值"):
        services.save_indicator(who["gkb"], ind, code="training", group="培训", name="培训", weight=0, source="manual", rule="")
    with pytest.raises(PermissionDenied):
        services.save_indicator(who["jiaoti"], ind, code="training", group="培训", name="培训", weight=8, source="manual", rule="")
    services.save_indicator(who["gkb"], ind, code="training", group="培训", name="政务公开培训", weight=8, source="manual", rule="按台账")
    assert Indicator.objects.get(code="training").weight == 8


def test_periods_refuse_bad_dates(who):
    with pytest.raises(ValidationError, match="不能早于"):
        services.create_period(who["gkb"], "错", D(2024, 12, 31), D(2024, 1, 1))
    services.create_period(who["gkb"], "2024年度", D(2024, 1, 1), D(2024, 12, 31))
    with pytest.raises(ValidationError, match="同名"):
        services.create_period(who["gkb"], "2024年度", D(2024, 1, 1), D(2024, 12, 31))
    assert Period.objects.count() == 1


# --- good cases ------------------------------------------------------------------------------------

CASE = "县教体局把招生政策、划片范围和招生计划集中公开，提供按小区查询学区的功能，招生季通过新媒体推送查询入口，群众来电咨询明显减少。"


def test_good_case_is_published_through_the_review(plan, who):
    from zwgk.publishing import services as publishing
    from zwgk.publishing.models import DocStatus, Document

    with pytest.raises(ValidationError, match="不少于 50"):
        services.submit_case(who["jiaoti"], "招生一网通查", "很好")
    case = services.submit_case(who["jiaoti"], "招生一网通查", CASE, plan)
    with pytest.raises(ValidationError, match="同名"):
        services.submit_case(who["jiaoti"], "招生一网通查", CASE, plan)
    with pytest.raises(PermissionDenied):
        services.decide_case(who["jiaoti"], case, True)
    with pytest.raises(ValidationError, match="写明意见"):
        services.decide_case(who["gkb"], case, False, "")
    case = services.decide_case(who["gkb"], case, True, "推荐推广")
    doc = Document.objects.get(pk=case.document_id)
    assert doc.status == DocStatus.UNPUBLISHED and doc.revisions.get().state == "draft"  # drafted with the decision
    publishing.submit(who["gkb"], doc)  # 送审: its own transaction, screened before it opens
    rev = doc.revisions.get()
    assert rev.state == "in_review" and "招生一网通查" in rev.title  # waits for the review (先审后发)
    with pytest.raises(ValidationError, match="不能重复"):
        services.decide_case(who["gkb"], case, True)


def test_a_selected_case_is_screened_outside_any_transaction(client, plan, who, monkeypatch):
    """Selecting a case on its page drafts the document and sends it to review: the screening (the slow part of
    送审, links and rules) runs before 送审's transaction opens, not inside the decision's."""
    from django.db import connection

    from zwgk.publishing.models import Document
    from zwgk.screening import engine

    screen_text, seen = engine.screen_text, []

    def watched(*args, **kwargs):
        seen.append((audit.in_service(), connection.in_atomic_block))
        return screen_text(*args, **kwargs)

    monkeypatch.setattr(engine, "screen_text", watched)
    case = services.submit_case(who["jiaoti"], "招生一网通查", CASE, plan)
    client.force_login(who["gkb"])
    atomic_outside = connection.in_atomic_block  # the test's own transaction
    response = client.post("/staff/workplan/cases/decide/", {"case": case.pk, "decision": "select", "note": "推荐推广"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert Document.objects.get(pk=case.document_id).revisions.get().state == "in_review"
    assert seen and all(step == (False, atomic_outside) for step in seen)


class _Unreadable(ContentFile):
    """An upload that declares its size and must not be read."""

    def __init__(self, name: str, size: int) -> None:
        super().__init__(b"", name=name)
        self.size = size

    def read(self, *args):  # noqa: ANN002, ANN201
        raise AssertionError("read before its size was checked")

    chunks = read


def test_evidence_files_are_checked_by_count_and_size_before_any_is_read(plan, who):
    two = task(plan, "二")
    with pytest.raises(ValidationError, match="超过 20 MB"):
        services.submit_report(who["jiaoti"], two, REPORT, [_Unreadable("大.pdf", services.MAX_EVIDENCE_BYTES + 1)])
    with pytest.raises(ValidationError, match="最多 10 个"):
        services.submit_report(who["jiaoti"], two, REPORT, [_Unreadable(f"{i}.pdf", 10) for i in range(11)])
    assert not two.reports.exists()


# --- pages ------------------------------------------------------------------------------------------

def test_pages_for_the_office_and_for_a_unit(client, plan, who, tree):
    period = services.create_period(who["gkb"], "本年度", D(plan.year, 1, 1), D(plan.year, 12, 31), plan)
    services.compute_scores(who["gkb"], period)
    two = task(plan, "二")
    client.force_login(who["gkb"])
    for url in ("/staff/workplan/", f"/staff/workplan/plans/{plan.pk}/", f"/staff/workplan/tasks/{two.pk}/", "/staff/workplan/assessment/",
                f"/staff/workplan/assessment/periods/{period.pk}/", "/staff/workplan/cases/", "/staff/workplan/import/"):
        r = client.get(url)
        assert r.status_code == 200, url
    page = client.get("/staff/workplan/").content.decode()
    assert "聚焦民生保障强化信息公开" in page and "<svg" in page and "全县进度" in page
    assert "县直有关部门" in client.get(f"/staff/workplan/plans/{plan.pk}/").content.decode()
    r = client.get(f"/staff/workplan/assessment/periods/{period.pk}/?format=xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    load_workbook(io.BytesIO(r.content))
    Docx(io.BytesIO(client.get(f"/staff/workplan/plans/{plan.pk}/report.docx").content))
    # a malformed date changes nothing and says why
    r = client.post(f"/staff/workplan/tasks/{two.pk}/schedule/", {"due_on": "2024-13-45"}, follow=True)
    assert "不是有效日期" in r.content.decode()
    assert task(plan, "二").due_on == two.due_on
    # upload through the page
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client.post("/staff/workplan/import/", {"file": SimpleUploadedFile("y.txt", SEED), "year": str(plan.year)})
    assert r.status_code == 400 and "已经导入" in r.content.decode()

    client.force_login(who["jiaoti"])
    page = client.get("/staff/workplan/").content.decode()
    assert "本单位的任务" in page and "聚焦民生保障强化信息公开" in page and "牵头" in page
    assert client.get(f"/staff/workplan/plans/{plan.pk}/").status_code == 403
    assert client.get(f"/staff/workplan/assessment/periods/{period.pk}/").status_code == 403
    nine = task(plan, "九")  # 县政府办公室 and the townships: not 县教体局's
    # another unit's task answers as a missing one does (as every staff page does), on its page and its actions
    assert client.get(f"/staff/workplan/tasks/{nine.pk}/").status_code == 404
    assert client.get("/staff/workplan/tasks/999999/").status_code == 404
    assert client.post(f"/staff/workplan/tasks/{nine.pk}/report/", {"text": REPORT}).status_code == 404
    r = client.post(f"/staff/workplan/tasks/{two.pk}/report/", {"text": REPORT, "evidence_kind": "document", "evidence_ref": "abc"},
                    follow=True)
    assert "没有找到已发布的信息" in r.content.decode()
    assert not task(plan, "二").reports.exists()
    r = client.post(f"/staff/workplan/tasks/{two.pk}/report/", {"text": REPORT, "evidence_kind": "document", "evidence_ref": ""}, follow=True)
    assert "进展已报送" in r.content.decode()
    assert task(plan, "二").reports.get().state == ReportState.SUBMITTED


def test_ranking_leaves_out_units_with_nothing_to_assess(who, tree, client):
    """A worked example on the default indicators (满分 100: five computed 15+15+15+15+20, three manual 10+5+5).

    县教体局 had nothing to assess in any indicator: it used to get full points for each computed one (80) and rank
    first; now it is 无应考核事项 and unranked. The others are compared by 实得分 ÷ 应得分 × 满分:
      浮梁镇: 15 + 15 + 7.5 (1/2) + 11.25 (3/4) + 20 = 68.75 of 80 (manual ones still 待评) → 85.94
      县卫健委: applications 13.5 (9/10) + tasks 10 (1/2) + training 4 (by hand) = 27.5 of 40 → 68.75
      县人社局: the same figures → 68.75, the same rank
    """
    services.ensure_indicators()
    period = services.create_period(who["gkb"], "示例考核期", D(2024, 1, 1), D(2024, 12, 31), None)
    ind = {i.code: i for i in Indicator.objects.all()}
    computed = ["interpretation", "timely_publication", "applications_on_time", "findings_fixed", "tasks_on_time"]
    manual = ["opinion_response", "participation", "training"]

    def scores(short, measured, by_hand=None):
        with audit.allow_direct_writes():
            for code in computed:
                num, den = measured.get(code, (0, 0))
                Score.objects.create(period=period, organization=tree[short], indicator=ind[code], numerator=num, denominator=den,
                                     points=round(ind[code].weight * num / den, 2) if den else None)
            for code in manual:
                Score.objects.create(period=period, organization=tree[short], indicator=ind[code], manual=True,
                                     points=(by_hand or {}).get(code))

    scores("县教体局", {})
    scores("浮梁镇", {"interpretation": (1, 1), "timely_publication": (2, 2), "applications_on_time": (1, 2),
                     "findings_fixed": (3, 4), "tasks_on_time": (2, 2)})
    for short in ("县卫健委", "县人社局"):
        scores(short, {"applications_on_time": (9, 10), "tasks_on_time": (1, 2)}, {"training": 4})

    rows = selectors.ranking(period)
    got = [(r["organization"].short_name, r["rank"], r["total"], r["earned"], r["possible"]) for r in rows]
    tied = sorted(["县卫健委", "县人社局"], key=lambda s: (tree[s].sort_order, tree[s].pk))  # a tie: in the tree's order
    assert got == [("浮梁镇", 1, 85.94, 68.75, 80), (tied[0], 2, 68.75, 27.5, 40), (tied[1], 2, 68.75, 27.5, 40),
                   ("县教体局", None, None, 0, 0)]
    jiaoti = rows[-1]
    assert jiaoti["not_applicable"] == 5 and jiaoti["missing"] == 3
    assert rows[0]["missing"] == 3 and rows[1]["missing"] == 2
    assert [r["organization"].short_name for r in selectors.ranked(rows)] == ["浮梁镇", *tied]
    assert selectors.trend() == [("示例考核期", round((85.94 + 68.75 + 68.75) / 3, 1))]

    client.force_login(who["gkb"])
    html = client.get(f"/staff/workplan/assessment/periods/{period.pk}/").content.decode()
    assert "无应考核事项" in html and "无此项" in html and "实得分 ÷ 应得分 × 满分" in html
    assert html.index(">浮梁镇<") < html.index(f">{tied[1]}<") < html.index(">县教体局<")
    assert "排名方法" in client.get("/staff/workplan/assessment/").content.decode()
    sheet = load_workbook(io.BytesIO(exports.scores_xlsx(period)))["考核得分"]
    line = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1] == tree["县教体局"].name)
    assert line[0] == "—" and "无应考核事项" in line and line.count("无此项") == 5
