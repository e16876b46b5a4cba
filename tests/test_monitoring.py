"""Website inspection against a generated site on 127.0.0.1 with known defects: every defect is
found, nothing on the clean pages; the crawl resumes after its worker is killed."""

import datetime as dt
import json
import signal
import time
from io import StringIO
from urllib.parse import quote, urlsplit

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from zwgk.monitoring import crawler, indicators, services
from zwgk.monitoring.models import Finding, Page, PageState, Run, Site
from zwgk.monitoring.parse import parse, parse_date

from .inspect_site import SiteServer, defective_site, large_site, person_id

EXPECTED = {  # (finding kind, path of the page it names)
    ("broken_link_home", "/dead-home.html"), ("broken_link", "/missing-deep.html"), ("column_stale", "/news/"),
    ("column_stale", "/notice/"), ("column_blank", "/blank1/"), ("column_blank", "/blank2/"), ("undated", "/policy/p2.html"),
    ("personal_data", "/notice/n1.html"), ("personal_data", "/files/list.pdf"), ("hidden_link", "/"), ("secrecy", "/policy/p3.html"),
    ("service", "/service/g2.html"), ("service", "/service/form2.xls"),
}


def test_dates_and_hidden_links_are_read():
    assert parse_date("发布时间：2024年5月8日") == dt.date(2024, 5, 8)
    assert parse_date("2024/05/08 10:00") == dt.date(2024, 5, 8)
    assert parse_date("2024-13-45") is None
    html = ("<html><head><meta name='PubDate' content='2025-01-02 09:00'></head><body>"
            "<div style='position:absolute;left:-9999px'><a href='http://x.example/'>x</a></div>"
            "<ul><li><a href='/a.html'>甲</a><span>2025-01-01</span></li><li><a href='/b.html'>乙</a></li></ul></body></html>")
    p = parse(html, "http://127.0.0.1/")
    assert p.published_on == dt.date(2025, 1, 2)
    assert [link.hidden for link in p.links] == [True, False, False]
    assert (p.items, p.undated_items, p.list_dates) == (2, 1, [dt.date(2025, 1, 1)])


def test_column_types_from_names():
    assert indicators.column_kind("部门动态") == "news" and indicators.column_kind("政策解读") == "interpretation"
    assert indicators.column_kind("通知公告") == "notice" and indicators.column_kind("专题专栏") == "other"


@pytest.mark.django_db
def test_the_inspection_finds_every_defect_and_nothing_on_clean_pages():
    pages, _ = defective_site(timezone.localdate())
    with SiteServer(pages) as server:
        out = StringIO()
        call_command("inspect", server.url, "--json", "--max-pages", "200", stdout=out)
        result = json.loads(out.getvalue())
        assert server.hits["/private/"] == 0
    found = {(f["check"], urlsplit(f["url"]).path) for f in result["findings"]}
    assert found == EXPECTED
    assert result["verdict"] == "不合格"  # the secrecy mark is a veto item
    by_kind = {f["check"]: f for f in result["findings"]}
    assert urlsplit(by_kind["broken_link"]["parent"]).path == "/news/a3.html"
    assert person_id() in {f["text"] for f in result["findings"] if f["check"] == "personal_data"}
    assert by_kind["hidden_link"]["text"] == "http://casino.example/"
    assert 0 < result["score"] < 100


@pytest.mark.django_db
def test_a_clean_site_passes_and_rectification_is_verified(people, county):
    today = timezone.localdate()
    pages, _ = defective_site(today)
    with SiteServer(pages) as server:
        site = services.save_site(people["gkb"], name="浮梁县人民政府", url=server.url, organization=county["gov"], site_code="3602220001")
        run = services.start_run(people["gkb"], site=site, max_pages=200)
        crawler.crawl(run)
        services.finish_run(run)
        dead = Finding.objects.get(run=run, kind="broken_link_home")
        assert dead.due_on == today + dt.timedelta(days=services.RECTIFY_DAYS)
        secret = Finding.objects.get(run=run, kind="secrecy")
        services.mark_fixed(people["gkb"], dead, "已删除失效链接")
        services.mark_fixed(people["gkb"], secret, "已撤下")
        # The site fixes the home-page link but not the secrecy mark.
        home = pages["/"][2].replace(b"<li><a href='/dead-home.html'>", b"<li><a href='/policy/p1.html'>")
        pages["/"] = (200, pages["/"][1], home)
        second = services.start_run(people["gkb"], site=site, max_pages=200)
        crawler.crawl(second)
        services.finish_run(second)
    dead.refresh_from_db()
    secret.refresh_from_db()
    assert dead.state == "closed" and dead.verified_run == second
    assert secret.state == "reopened" and secret.verified_run == second


def _child_env():
    """The environment of a separate `zwgk` process that uses this test's database."""
    import os

    db = connections["default"].settings_dict
    env = {**os.environ}
    if db["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{os.path.abspath(db['NAME'])}"
    else:
        env["DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env["ZWGK_INSPECT_CHECK_OUTBOUND"] = "0"
    return env


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_resumes_without_fetching_finished_pages_again(people):
    import subprocess
    import sys

    today = timezone.localdate()
    pages = large_site(300, today)
    with SiteServer(pages, delay=0.02) as server:
        run = services.start_run(people["gkb"], url=server.url, max_pages=1000, max_depth=3)
        worker = subprocess.Popen(
            [sys.executable, "-c", "import sys; from zwgk.cli import main; sys.argv = ['zwgk'] + sys.argv[1:]; main()",
             "inspect", server.url, "--resume", str(run.pk), "--concurrency", "2"],
            env=_child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while Page.objects.filter(run=run, state=PageState.DONE).count() < 40 and time.monotonic() < deadline:
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        done_before = set(Page.objects.filter(run=run, state=PageState.DONE).values_list("url", flat=True))
        assert 40 <= len(done_before) < len(pages)
        hits_before = dict(server.hits)
        crawler.crawl(Run.objects.get(pk=run.pk), crawler.Options(concurrency=4, per_host=4))
        for url in done_before:
            path = urlsplit(url).path
            assert server.hits[path] == hits_before.get(path, 0), f"{path} fetched again"
    failed = list(Page.objects.filter(run=run).exclude(state=PageState.DONE).values_list("url", "status_code", "error"))
    assert failed == []
    assert Page.objects.filter(run=run).count() == len(pages)


@pytest.mark.django_db
def test_staff_pages_reports_and_exports(client, people, county):
    import io

    from docx import Document as Docx
    from openpyxl import load_workbook

    pages, _ = defective_site(timezone.localdate())
    with SiteServer(pages) as server:
        site = services.save_site(people["gkb"], name="浮梁县人民政府", url=server.url, organization=county["gov"], site_code="3602220001")
        run = services.start_run(people["gkb"], site=site, max_pages=200)
        crawler.crawl(run)
        services.finish_run(run)
    client.force_login(people["gkb"])
    overview = client.get("/staff/monitoring/").content.decode()
    assert "浮梁县人民政府" in overview and "不合格" in overview
    page = client.get(f"/staff/monitoring/sites/{site.pk}/").content.decode()
    assert "<svg" in page and "历次检查得分" in page
    report_page = client.get(f"/staff/monitoring/runs/{run.pk}/").content.decode()
    assert "暗链" in report_page and "空白栏目" in report_page
    exported = client.get(f"/staff/monitoring/runs/{run.pk}/", {"format": "xlsx"})
    assert f"filename*=UTF-8''{quote(f'网站检查报告-{run.pk}.xlsx')}" in exported["Content-Disposition"]
    xlsx = load_workbook(io.BytesIO(exported.content)).active
    header = [c.value for c in xlsx[3]]
    assert header[:4] == ["问题描述", "问题内容", "修改建议", "问题类型"] and "父页面" in header
    assert xlsx.max_row == 3 + len(EXPECTED)
    docx = Docx(io.BytesIO(client.get(f"/staff/monitoring/runs/{run.pk}/", {"format": "docx"}).content))
    assert "不合格" in docx.paragraphs[1].text
    # Columns from the home page's navigation, typed by name, then corrected by staff.
    client.post(f"/staff/monitoring/sites/{site.pk}/columns/discover/")
    kinds = {name: (kind, level) for name, kind, level in site.columns.values_list("name", "kind", "level")}
    assert kinds["要闻动态"] == ("news", 1) and kinds["通知公告"] == ("notice", 1) and kinds["专题一"] == ("other", 1)
    assert kinds["行政规范性文件"] == ("policy", 2)
    # The owner's task list, and marking one fixed.
    client.force_login(people["jiaoti_editor"])  # another unit sees none of the county government's tasks
    assert "没有待整改的问题" in client.get("/staff/monitoring/tasks/").content.decode()
    client.force_login(people["gkb"])
    finding = Finding.objects.filter(run=run, kind="column_blank").first()
    client.post(f"/staff/monitoring/findings/{finding.pk}/fixed/", {"note": "已补充栏目内容"})
    finding.refresh_from_db()
    assert finding.state == "fixed"


@pytest.mark.django_db
def test_new_media_filing_rules(client, people, county):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="注销公告"):
        services.save_account(people["gkb"], platform="微博", name="浮梁发布", account_id="fl", organization=county["office"],
                              person_in_charge="王某", status="closed")
    services.save_account(people["gkb"], platform="微博", name="浮梁发布", account_id="fl", organization=county["office"],
                          person_in_charge="王某", latest_post_on=timezone.localdate() - dt.timedelta(days=20))
    from zwgk.monitoring import report

    (entry,) = report.overview()["accounts"]
    assert any("14 天内没有发布信息" in p for p in entry["problems"])


@pytest.mark.django_db
def test_probes_and_the_unreachable_ratio(people, county):
    from zwgk.monitoring.checks import context, unreachable
    from zwgk.monitoring.models import Probe
    from zwgk.monitoring.tasks import probe_sites

    pages, _ = defective_site(timezone.localdate())
    with SiteServer(pages) as server:
        site = services.save_site(people["gkb"], name="浮梁县人民政府", url=server.url, organization=county["gov"])
        down = services.save_site(people["gkb"], name="已关停的网站", url="http://127.0.0.1:9/", organization=county["gov"])
        assert probe_sites.call() == 3  # and the platform's own portal, registered by default
    assert Probe.objects.get(site=site).ok and not Probe.objects.get(site=down).ok
    assert Site.objects.get(is_self=True).organization == county["gov"]
    now = timezone.now()
    Probe.objects.bulk_create([Probe(site=site, at=now - dt.timedelta(hours=h), ok=h % 25 != 0) for h in range(1, 140)])
    run = services.start_run(people["gkb"], site=site)
    from zwgk.monitoring.models import Page

    Page.objects.create(run=run, url=run.start_url, state=PageState.DONE, status_code=200, content_type="text/html")
    (found,) = unreachable(context(run))
    assert found.severity == "warn" and "预警线 3%" in found.message  # 5 of 140 failed: 3.6 %
    Probe.objects.bulk_create([Probe(site=site, at=now - dt.timedelta(minutes=m), ok=False) for m in range(1, 4)])
    (found,) = unreachable(context(run))
    assert found.severity == "veto"


@pytest.mark.django_db(transaction=True)
def test_a_killed_task_worker_is_detected_and_its_inspection_resumed(client, people, settings):
    """A real `zwgk db_worker` runs the inspection and is killed with SIGKILL; its task's heartbeat stops, the
    stale check requeues the task (the run page says so meanwhile) and a new worker finishes the crawl."""
    import subprocess
    import sys

    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from zwgk.core.models import AuditEntry, TaskHeartbeat
    from zwgk.core.services import tasks as task_services
    from zwgk.monitoring.models import RunState

    pages = large_site(120, timezone.localdate())
    held = "/c7/"  # answered only after release(): the first worker cannot finish
    worker_cmd = [sys.executable, "-m", "zwgk", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1"]
    client.force_login(people["gkb"])
    with SiteServer(pages, hold=frozenset({held})) as server:
        run = services.start_run(people["gkb"], url=server.url, max_pages=1000, max_depth=3, background=True)
        run_page = f"/staff/monitoring/runs/{run.pk}/"
        worker = subprocess.Popen(worker_cmd, env={**_child_env(), "ZWGK_TASK_HEARTBEAT_SECONDS": "0.2"},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline, beats = time.monotonic() + 60, set()
        while not (len(beats) > 2 and server.hits[held] and Page.objects.filter(run=run, state=PageState.DONE).count() >= 20):
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the worker did not crawl or beat"
            beats |= set(TaskHeartbeat.objects.filter(task_id=run.task_id).values_list("beat_at", flat=True))
            time.sleep(0.05)
        assert "已中断" not in client.get(run_page).content.decode()  # beating: alive
        assert task_services.recover_stale_tasks() == []
        worker.send_signal(signal.SIGKILL)
        worker.wait()

        settings.ZWGK_TASK_STALE_SECONDS = 0.5  # instead of waiting the default 90 s
        deadline = time.monotonic() + 30
        while "检查已中断，正在恢复" not in client.get(run_page).content.decode():
            assert time.monotonic() < deadline, "the lost worker was not noticed on the run page"
            time.sleep(0.1)
        assert task_services.recover_stale_tasks() == [str(run.task_id)]
        assert DBTaskResult.objects.get(id=run.task_id).status == TaskResultStatus.READY
        assert "检查已中断，正在恢复" in client.get(run_page).content.decode()  # requeued, not running yet

        server.release()
        finisher = subprocess.run([*worker_cmd, "--batch"], env=_child_env(), capture_output=True, timeout=120)
        assert finisher.returncode == 0, finisher.stderr.decode()[-2000:]
    run.refresh_from_db()
    assert run.state == RunState.DONE
    task = DBTaskResult.objects.get(id=run.task_id)
    assert task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 2
    assert not TaskHeartbeat.objects.exists()  # removed when the task finished
    assert Page.objects.filter(run=run).exclude(state=PageState.DONE).count() == 0
    page = client.get(run_page).content.decode()
    assert "已中断" not in page and "结论" in page
    assert AuditEntry.objects.filter(action="core.task.recover", object_id=str(run.task_id)).count() == 1
    crawls = list(AuditEntry.objects.filter(action="monitoring.run.crawl", object_id=str(run.pk)).order_by("id").values_list("summary", flat=True))
    assert [c.split(" ")[0] for c in crawls] == ["开始抓取", "继续抓取"]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="该检查已经完成"):  # a finished run is not reopened by a late resume
        call_command("inspect", run.start_url, "--resume", str(run.pk))
    assert Run.objects.get(pk=run.pk).state == RunState.DONE


@pytest.mark.django_db
def test_interaction_entered_by_the_office_is_a_veto_item(people, county):
    from zwgk.monitoring.checks import context, interaction

    site = services.save_site(people["gkb"], name="浮梁县人民政府", url="http://127.0.0.1:9/", organization=county["gov"])
    run = services.start_run(people["gkb"], site=site)
    assert interaction(context(run)) == []  # not checked yet: nothing claimed
    services.save_interaction(people["gkb"], site, has_channel=True, unanswered=2, checked_on=timezone.localdate())
    run.site.refresh_from_db()
    (found,) = interaction(context(run))
    assert found.severity == "veto" and "2 条有效留言超过 3 个月未答复" in found.message


@pytest.mark.django_db
def test_account_feed_gives_the_latest_post_and_scoring_is_adjustable(client, people, county):
    from zwgk.monitoring.checks import Found
    from zwgk.monitoring.scoring import score

    rss = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>浮梁发布</title>"
           "<item><title>甲</title><pubDate>Mon, 03 Nov 2025 08:00:00 +0800</pubDate></item>"
           "<item><title>乙</title><pubDate>Wed, 12 Nov 2025 09:30:00 +0800</pubDate></item></channel></rss>").encode()
    with SiteServer({"/feed.xml": (200, "application/rss+xml", rss)}) as server:
        account = services.save_account(people["gkb"], platform="微信公众号", name="浮梁发布", account_id="fl", organization=county["office"],
                                        person_in_charge="王某", feed_url=server.url + "feed.xml")
        assert services.refresh_account_posts([account]) == 1
    account.refresh_from_db()
    assert account.latest_post_on == dt.date(2025, 11, 12)
    two_dead = [Found("broken_link_home", "deduct", "x"), Found("broken_link_home", "deduct", "y")]
    assert score(two_dead) == 98.0
    client.force_login(people["gkb"])
    client.post("/staff/monitoring/scoring/", {"points-broken_link_home": "3", "cap-broken_link_home": "5"})
    assert score(two_dead) == 95.0  # 2 × 3 = 6, capped at 5
    assert client.post("/staff/monitoring/scoring/", {"points-broken_link_home": "-1"}, follow=True).status_code == 200
    assert score(two_dead) == 95.0


@pytest.mark.django_db
def test_a_running_inspection_without_a_task_is_queued_again_once_its_process_is_gone(people):
    """Runs RUNNING when the platform was upgraded (no task, no named process) and ``inspect`` runs whose command
    was killed: no worker would ever resume them. A crawl of a live process here is left alone."""
    import subprocess
    import sys

    from django_tasks_db.models import DBTaskResult

    from zwgk.core import audit, heartbeat, scheduler
    from zwgk.monitoring.models import RunState

    def run(started: dt.timedelta, crawler: str | None) -> Run:
        made = services.start_run(people["gkb"], url="https://www.example.gov.cn/", max_pages=10)
        with audit.allow_direct_writes():
            Run.objects.filter(pk=made.pk).update(state=RunState.RUNNING, started_at=timezone.now() - started,
                                                   summary={"crawler": crawler} if crawler else {})
        return made

    ended = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended_identity = heartbeat.process_identity(ended.pid)
    ended.kill()
    ended.wait()
    upgraded = run(dt.timedelta(days=3), None)
    killed = run(dt.timedelta(minutes=1), ended_identity)
    unknown_recent = run(dt.timedelta(minutes=1), None)  # perhaps a live `inspect` on another host
    live = services.begin_crawl(services.start_run(people["gkb"], url="https://www.example.gov.cn/", max_pages=10))
    assert live.summary["crawler"] == heartbeat.process_identity()
    with audit.allow_direct_writes():
        Run.objects.filter(pk=live.pk).update(started_at=timezone.now() - dt.timedelta(days=3))

    assert sorted(services.resume_orphan_runs()) == sorted([upgraded.pk, killed.pk])
    for resumed in (upgraded, killed):
        resumed.refresh_from_db()
        task = DBTaskResult.objects.get(id=resumed.task_id)
        assert task.status == "READY" and task.args_kwargs["args"] == [resumed.pk]
    assert Run.objects.get(pk=unknown_recent.pk).task_id is None and Run.objects.get(pk=live.pk).task_id is None
    assert services.resume_orphan_runs() == []  # queued once: from now on their task's heartbeat tells
    assert "monitoring.resume_orphans" in scheduler.JOBS
