"""Notifications: one mechanism for every module (in-app, e-mail through the task queue with bounded retries, the
daily digest, each person's choices), and the events of publishing, monitoring and the badge in the staff header."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zwgk.core import audit, navigation
from zwgk.core.models import AuditEntry, User
from zwgk.notifications import kinds, selectors
from zwgk.notifications import services as notes
from zwgk.notifications.models import Delivery, Mail, MailState, Notification
from zwgk.publishing import services as pub
from zwgk.publishing.models import Revision

from .test_publishing import CONTENT

SENT_TO = []


class FailingBackend(BaseEmailBackend):
    """A mail server that is down: every send raises."""

    def send_messages(self, messages):
        SENT_TO.extend(m.to[0] for m in messages)
        raise ConnectionRefusedError("连接被拒绝")


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def with_email(user, address):
    with audit.allow_direct_writes():
        User.objects.filter(pk=user.pk).update(email=address)
    user.email = address
    return user


def latest(doc):
    return Revision.objects.filter(document=doc).order_by("-number").first()


# --- the flow the brief names: a returned draft tells its editor, in the app and by mail ---------------------

@pytest.mark.django_db(transaction=True)
def test_a_returned_draft_notifies_its_editor_in_app_and_by_mail_after_the_task_runs(staff, county):
    editor = with_email(staff["jiaoti_editor"], "editor@example.org")
    doc = pub.create_draft(editor, county["jiaoti"], **CONTENT)
    pub.submit(editor, doc)
    pub.decide(staff["jiaoti_reviewer"], latest(doc), "reject", "请补充招生范围的附件。")
    n = Notification.objects.get(recipient=editor, kind="publishing.returned")
    assert n.title == f"稿件退回：{CONTENT['title']}" and "请补充招生范围的附件。" in n.body
    assert n.target_url == reverse("publishing:detail", args=[doc.pk]) and not n.is_read
    assert n.mail.state == MailState.QUEUED and mail.outbox == []  # nothing sent before the worker runs
    run_worker()
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    assert mail.outbox[0].subject == f"【政务公开】稿件退回：{CONTENT['title']}"
    assert f"http://127.0.0.1:8000/staff/docs/{doc.pk}/" in mail.outbox[0].body
    n.mail.refresh_from_db()
    assert n.mail.state == MailState.SENT and n.mail.attempts == 1
    assert AuditEntry.objects.filter(action="notifications.mail.deliver", summary__contains="已发送").exists()
    # revised and sent again: what the return asked for is done, so it no longer counts as unread
    pub.update_draft(editor, doc, body_html="<p>已补充招生范围。</p>")
    pub.submit(editor, doc)
    n.refresh_from_db()
    assert n.is_read


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_backend_is_retried_then_marked_failed(staff, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.test_notifications.FailingBackend"}}
    settings.ZWGK_MAIL_RETRY_SECONDS = 0  # the retries are ready at once, so one batch run tries them all
    SENT_TO.clear()
    editor = with_email(staff["jiaoti_editor"], "editor@example.org")
    [n] = notes.notify([editor], "publishing.returned", "稿件退回：测试", "请修改。", ref=("draft", 1))
    run_worker()
    m = Mail.objects.get(pk=n.mail_id)
    assert m.state == MailState.FAILED and m.attempts == 3 and "连接被拒绝" in m.last_error
    assert SENT_TO == ["editor@example.org"] * 3  # tried three times, then no more
    summaries = list(AuditEntry.objects.filter(action="notifications.mail.deliver").order_by("id").values_list("summary", flat=True))
    starts = ("通知邮件第 1 次发送失败", "通知邮件第 2 次发送失败", "通知邮件发送失败（已尝试 3 次，不再重试）")
    assert len(summaries) == 3 and all(s.startswith(p) for s, p in zip(summaries, starts, strict=True))
    run_worker()
    assert len(SENT_TO) == 3  # a failed mail is not tried again


@pytest.mark.django_db
def test_a_retry_waits_longer_each_time(staff, settings):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.MAILERS = {"default": {"BACKEND": "tests.test_notifications.FailingBackend"}}
    settings.ZWGK_MAIL_RETRY_SECONDS = 60
    editor = with_email(staff["jiaoti_editor"], "editor@example.org")
    [n] = notes.notify([editor], "publishing.returned", "稿件退回：测试")
    before = timezone.now()
    assert notes.deliver(n.mail_id) == MailState.QUEUED
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert retry.args_kwargs["args"] == [n.mail_id]
    assert before + dt.timedelta(seconds=59) < retry.run_after < before + dt.timedelta(seconds=70)


# --- preferences ---------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_preferences_turn_email_off(staff):
    editor = with_email(staff["jiaoti_editor"], "editor@example.org")
    notes.save_preferences(editor, {"publishing.returned": (False, False)})
    [n] = notes.notify([editor], "publishing.returned", "稿件退回：测试")
    assert n.delivery == Delivery.IN_APP and n.mail is None
    assert not Mail.objects.exists()
    [other] = notes.notify([editor], "publishing.review", "待审核：测试")  # another kind keeps its default
    assert other.delivery == Delivery.EMAIL and other.mail is not None


@pytest.mark.django_db
def test_preferences_page_saves_per_kind_and_refuses_unknown_kinds(client, staff):
    editor = staff["jiaoti_editor"]
    client.force_login(editor)
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200
    text = page.content.decode()
    for label in ("稿件退回", "待我审核", "已发布", "新收到申请", "申请即将到期", "申请已逾期", "督办", "整改任务"):
        assert label in text
    assert "还没有登记电子邮箱" in text
    data = {f"email__{k.key}": "on" for k in kinds.ordered() if k.key != "publishing.returned"}
    data["digest__publishing.review"] = "on"
    assert client.post(reverse("notifications:preferences"), data).status_code == 302
    choices = {c.kind.key: (c.email, c.digest) for c in selectors.preferences(editor)}
    assert choices["publishing.returned"] == (False, False)
    assert choices["publishing.review"] == (True, True)
    assert choices["publishing.published"] == (True, False)  # its default digest turned off by the form
    with pytest.raises(ValidationError, match="未知的通知类别"):
        notes.save_preferences(editor, {"nonsense": (True, False)})


# --- the digest ----------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_digest_sends_one_mail_per_person_once_a_day(staff, mailoutbox):
    editor = with_email(staff["jiaoti_editor"], "editor@example.org")
    notes.save_preferences(editor, {"publishing.published": (True, True), "publishing.returned": (True, True)})
    a, = notes.notify([editor], "publishing.published", "已发布：甲", ref=("draft", 1))
    b, = notes.notify([editor], "publishing.returned", "稿件退回：乙", ref=("draft", 2))
    c, = notes.notify([editor], "publishing.published", "已发布：丙")
    notes.mark_read(editor, c)  # read in the app: not mailed
    assert a.delivery == Delivery.DIGEST and a.mail is None
    noon = dt.datetime(2030, 1, 1, 4, 0, tzinfo=dt.UTC)  # 12:00 in Shanghai: before the digest hour
    assert notes.send_digests(noon) == []
    evening = dt.datetime(2030, 1, 1, 10, 0, tzinfo=dt.UTC)  # 18:00 in Shanghai
    [digest] = notes.send_digests(evening)
    assert digest.to == "editor@example.org" and digest.digest_day == dt.date(2030, 1, 1)
    assert "已发布：甲" in digest.body and "稿件退回：乙" in digest.body and "丙" not in digest.body
    assert "您有 2 条未读通知" in digest.body
    assert set(Notification.objects.filter(mail=digest).values_list("pk", flat=True)) == {a.pk, b.pk}
    notes.notify([editor], "publishing.published", "已发布：丁")
    assert notes.send_digests(evening + dt.timedelta(hours=1)) == []  # one a day
    assert notes.deliver(digest.pk) == MailState.SENT
    assert [m.subject for m in mailoutbox] == ["【政务公开】每日通知汇总（2 条）"]


@pytest.mark.django_db
def test_the_digest_is_a_scheduled_job():
    from zwgk.core import scheduler

    assert scheduler.JOBS["notifications.digest"].every == dt.timedelta(hours=1)


# --- dedup, recipients, registry -------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_same_event_is_notified_once(staff):
    editor, reviewer = staff["jiaoti_editor"], staff["jiaoti_reviewer"]
    first = notes.notify([editor, reviewer, editor], "publishing.review", "待审核：测试", dedup="revision:9:step:0")
    assert sorted(n.recipient_id for n in first) == sorted([editor.pk, reviewer.pk])  # each person once
    assert notes.notify([editor, reviewer], "publishing.review", "待审核：测试", dedup="revision:9:step:0") == []
    assert Notification.objects.count() == 2
    assert len(notes.notify([editor], "publishing.review", "待审核：测试", dedup="revision:9:step:1")) == 1
    assert len(notes.notify([editor], "publishing.review", "没有去重键的通知")) == 1
    assert len(notes.notify([editor], "publishing.review", "没有去重键的通知")) == 1


@pytest.mark.django_db
def test_an_unregistered_kind_or_reference_is_refused(staff):
    with pytest.raises(LookupError):
        notes.notify([staff["jiaoti_editor"]], "no.such.kind", "标题")
    with pytest.raises(LookupError):
        notes.notify([staff["jiaoti_editor"]], "publishing.review", "标题", ref=("no-such-ref", 1))
    with pytest.raises(ValidationError):
        notes.notify([staff["jiaoti_editor"]], "publishing.review", "  ")
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_review_steps_tell_the_reviewers_who_can_act_and_publication_tells_the_editor(staff, county):
    editor = staff["jiaoti_editor"]
    doc = pub.create_draft(editor, county["jiaoti"], **CONTENT)
    rev = pub.submit(editor, doc)
    waiting = Notification.objects.filter(kind="publishing.review")
    assert sorted(waiting.values_list("recipient__username", flat=True)) == ["jiaoti_reviewer", "jiaoti_reviewer2"]
    assert waiting.first().target_url == reverse("publishing:review", args=[rev.pk])
    pub.decide(staff["jiaoti_reviewer"], rev, "approve", "同意")
    step_two = waiting.filter(dedup=f"revision:{rev.pk}:step:1")
    assert list(step_two.values_list("recipient__username", flat=True)) == ["jiaoti_secrecy"]  # not weijian's, not the office's
    pub.decide(staff["jiaoti_secrecy"], latest(doc), "approve", "可以公开")
    published = Notification.objects.get(kind="publishing.published")
    assert published.recipient == editor and "索引号" in published.body


@pytest.mark.django_db
def test_a_decided_step_is_no_longer_waiting_for_anyone_and_history_tells_nobody(staff, county):
    """Both 县教体局 reviewers are told of step 1; when one decides it, the other's 待审核 is settled too (no badge for
    work done). A review recorded afterwards (补录, ``at=``) notifies nobody."""
    from django.utils import timezone

    editor = staff["jiaoti_editor"]
    doc = pub.create_draft(editor, county["jiaoti"], **CONTENT)
    rev = pub.submit(editor, doc)
    step_one = Notification.objects.filter(kind="publishing.review", dedup=f"revision:{rev.pk}:step:0")
    assert step_one.count() == 2 and step_one.unread().count() == 2
    pub.decide(staff["jiaoti_reviewer"], rev, "approve", "同意")
    assert step_one.unread().count() == 0 and step_one.count() == 2
    assert selectors.unread_count(staff["jiaoti_reviewer2"]) == 0
    assert Notification.objects.filter(kind="publishing.review", dedup=f"revision:{rev.pk}:step:1").unread().count() == 1
    before = Notification.objects.count()
    at = lambda h: timezone.now() - dt.timedelta(days=400, hours=-h)  # noqa: E731
    old = pub.create_draft(editor, county["jiaoti"], at=at(1), **CONTENT)
    old_rev = pub.submit(editor, old, at=at(2))
    pub.decide(staff["jiaoti_reviewer"], old_rev, "approve", "同意", at=at(3))
    pub.decide(staff["jiaoti_secrecy"], latest(old), "approve", "可以公开", at=at(4))
    assert Notification.objects.count() == before


@pytest.mark.django_db
def test_an_application_filed_online_tells_the_receiving_office(staff, county):
    """县教体局's handlers are told (its editor and reviewers), not another unit's nor the county office; a request
    staff register themselves tells nobody."""
    from zwgk.applications import services as applications

    from .test_applications import applicant

    app = applications.submit_online(applicant(), county["jiaoti"])
    told = Notification.objects.filter(kind="applications.received")
    names = set(told.values_list("recipient__username", flat=True))
    assert {"jiaoti_editor", "jiaoti_reviewer"} <= names and not names & {"gkb", "weijian_reviewer"}
    n = told.first()
    assert n.title == f"新收到申请：{app.tracking_code}" and "划片范围" in n.body and "张三" not in n.body
    assert n.target_url == reverse("applications:detail", args=[app.pk])
    applications.register(staff["jiaoti_editor"], applicant(description="另一份文件"), county["jiaoti"], "in_person",
                          dt.date(2026, 3, 2))
    assert told.count() == len(names)


@pytest.mark.django_db
def test_a_finding_assigned_tells_the_units_staff(staff, county):
    from django.utils import timezone

    from zwgk.monitoring import crawler
    from zwgk.monitoring import services as mon
    from zwgk.monitoring.models import Finding

    from .inspect_site import SiteServer, defective_site

    pages, _ = defective_site(timezone.localdate())
    with SiteServer(pages) as server:
        site = mon.save_site(staff["gkb"], name="浮梁县教育体育局网站", url=server.url, organization=county["jiaoti"])
        run = mon.start_run(staff["gkb"], site=site, max_pages=200)
        crawler.crawl(run)
        mon.finish_run(run)
    assigned = Finding.objects.filter(run=run).exclude(due_on=None).count()
    told = Notification.objects.filter(kind="monitoring.finding")
    # the unit's people who rectify (not its secrecy reviewer, not the county office)
    assert sorted(told.values_list("recipient__username", flat=True)) == ["jiaoti_editor", "jiaoti_reviewer", "jiaoti_reviewer2"]
    assert assigned and all(f"新发现 {assigned} 个问题" in n.body and n.target_url == reverse("monitoring:tasks") for n in told)
    assert told.first().title == "整改任务：浮梁县教育体育局网站"


# --- the pages -----------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_badge_counts_unread_in_one_query(client, staff):
    editor = staff["jiaoti_editor"]
    for i in range(3):
        notes.notify([editor], "publishing.returned", f"稿件退回：{i}")
    notes.notify([staff["jiaoti_reviewer"]], "publishing.returned", "别人的")
    notes.mark_read(editor, Notification.objects.filter(recipient=editor).first())
    with CaptureQueriesContext(connection) as ctx:
        assert selectors.unread_count(editor) == 2
    assert len(ctx.captured_queries) == 1
    entry = next(e for e in navigation.menu_for(editor) if e["key"] == "notifications")
    assert entry["count"] == 2
    client.force_login(editor)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert '<span class="count">2<span class="visually-hidden"> 条未读</span></span>' in page


@pytest.mark.django_db
def test_the_centre_lists_marks_read_and_links_to_the_work(client, staff, county):
    editor = staff["jiaoti_editor"]
    doc = pub.create_draft(editor, county["jiaoti"], **CONTENT)
    [n] = notes.notify([editor], "publishing.returned", "稿件退回：测试", "请修改。", ref=("draft", doc.pk))
    notes.notify([editor], "publishing.review", "待审核：另一件")
    client.force_login(editor)
    page = client.get(reverse("notifications:centre")).content.decode()
    assert "稿件退回：测试" in page and f'href="/staff/docs/{doc.pk}/"' in page and "未读 <strong>2</strong>" in page
    go = client.post(reverse("notifications:read", args=[n.pk]), {"go": "1"})
    assert go.status_code == 302 and go["Location"] == f"/staff/docs/{doc.pk}/"
    n.refresh_from_db()
    assert n.is_read
    assert "稿件退回：测试" not in client.get(reverse("notifications:centre")).content.decode()
    assert "稿件退回：测试" in client.get(reverse("notifications:centre") + "?show=read").content.decode()
    assert client.get(reverse("notifications:centre") + "?show=bogus&page=x").status_code == 200  # bad filters ignored
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert selectors.unread_count(editor) == 0
    assert AuditEntry.objects.filter(action="notifications.read", actor=editor).count() == 2


@pytest.mark.django_db
def test_another_persons_notification_is_not_found(client, staff):
    [n] = notes.notify([staff["jiaoti_editor"]], "publishing.returned", "稿件退回：机密标题")
    client.force_login(staff["jiaoti_reviewer"])
    assert client.post(reverse("notifications:read", args=[n.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[999999])).status_code == 404
    assert "机密标题" not in client.get(reverse("notifications:centre") + "?show=all").content.decode()
    n.refresh_from_db()
    assert not n.is_read
    with pytest.raises(ValidationError):
        notes.mark_read(staff["jiaoti_reviewer"], n)


@pytest.mark.django_db
def test_the_centre_needs_a_login(client):
    page = client.get(reverse("notifications:centre"))
    assert page.status_code == 302 and "/staff/login/" in page["Location"]


@pytest.mark.django_db(transaction=True)
def test_the_old_deadline_reminders_become_notifications(people, county):
    """applications.Reminder rows are carried over by notifications 0002 before applications 0008 drops the model."""
    from django.db.migrations.executor import MigrationExecutor

    before = [("applications", "0005_report_snapshot"), ("notifications", "0001_notifications")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Application = old.get_model("applications", "Application")
    Reminder = old.get_model("applications", "Reminder")
    app = Application.objects.create(
        tracking_code="2025-0001", organization_id=county["jiaoti"].pk, applicant_type="natural", name="张三", id_type="id_card",
        id_number="x", phone="13900000000", description="申请内容", channel="online", received_on=dt.date(2025, 10, 9),
    )
    editor = people["jiaoti_editor"]
    Reminder.objects.create(application=app, user_id=editor.pk, kind="due_soon", day=dt.date(2025, 10, 27), message="还剩 3 个工作日", read=True)
    Reminder.objects.create(application=app, user_id=editor.pk, kind="overdue", day=dt.date(2025, 10, 31), message="已超期")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = {n.kind: n for n in Notification.objects.filter(recipient=editor)}
    assert set(rows) == {"applications.deadline_near", "applications.overdue"}
    assert rows["applications.deadline_near"].is_read and not rows["applications.overdue"].is_read
    assert rows["applications.overdue"].target_url == f"/staff/applications/{app.pk}/"
    assert rows["applications.overdue"].dedup == f"application:{app.pk}:overdue:2025-10-31"


@pytest.mark.django_db(transaction=True)
def test_a_member_of_the_public_who_left_an_address_is_mailed_once_per_event():
    first = notes.mail_public("zhu@example.org", "您提交的意见已答复", "采纳情况见网站。", key="consultation:7:adoption")
    assert first is not None and first.recipient is None and first.state == MailState.QUEUED and mail.outbox == []
    assert notes.mail_public("zhu@example.org", "再次告知", "…", key="consultation:7:adoption") is None  # told once
    assert notes.mail_public("不是地址", "告知", "…", key="consultation:7:adoption") is None  # nothing stored for a bad address
    assert Mail.objects.count() == 1
    run_worker()
    assert [m.to for m in mail.outbox] == [["zhu@example.org"]]
    assert mail.outbox[0].subject == "【政务公开】您提交的意见已答复"
    assert Mail.objects.get().state == MailState.SENT
    with pytest.raises(ValueError):
        notes.mail_public("zhu@example.org", "告知", "…", key="")
