"""Inspection verdicts by the national indicators (国办秘函〔2019〕19号), each rule from a worked example: which screening
hits are vetoes, 服务不实用, a navigation-only home page, 站点无法访问 by probes only, column update periods, view
toggles not followed, one finding per problem; and zwgk's own demo portal inspects clean."""

import datetime as dt
import json
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from zwgk.monitoring import crawler, indicators, services
from zwgk.monitoring.checks import context, evaluate, hit_kind, unreachable
from zwgk.monitoring.models import Column, Finding, Link, Page, PageState, Probe, Run

from .inspect_site import SiteServer, article, guide, listing, page, pdf_with_text

NAV = [("要闻动态", "/news/"), ("办事服务", "/service/")]


def _inspect(url: str, max_pages: int = 300) -> dict:
    out = StringIO()
    call_command("inspect", url, "--json", "--max-pages", str(max_pages), stdout=out)
    return json.loads(out.getvalue())


def _kinds(result: dict) -> set[tuple[str, str, str]]:
    return {(f["check"], f["severity"], urlsplit(f["url"]).path) for f in result["findings"]}


def _clean_site(today: dt.date, nav: list | None = None) -> dict:
    """A small clean site: every column fresh, a complete 办事指南 with its form."""
    d = lambda n: today - dt.timedelta(days=n)  # noqa: E731
    nav = nav or NAV
    html = "text/html; charset=utf-8"
    return {
        "/": (200, html, listing("浮梁县人民政府", [("县政府召开常务会议", "/news/a1.html", d(1))], nav=nav)),
        "/news/": (200, html, listing("要闻动态", [("县政府召开常务会议", "/news/a1.html", d(1))], nav=nav)),
        "/news/a1.html": (200, html, article("县政府召开常务会议", d(1), "会议研究了近期重点工作。", nav=nav)),
        "/service/": (200, html, listing("办事服务", [("最低生活保障审核确认办事指南", "/service/g1.html", None)], nav=nav)),
        "/service/g1.html": (200, html, guide("最低生活保障审核确认办事指南", nav=nav)),
    }


# --- which screening hits are vetoes ------------------------------------------------------------------------------
def test_only_blocking_hits_are_vetoes_and_warnings_are_deductions():
    assert hit_kind({"check": "secrecy", "severity": "block"}) == ("secrecy", "veto")  # 机密★1年
    assert hit_kind({"check": "secrecy", "severity": "warn"}) == ("secrecy_suspect", "deduct")  # a loose 机密 in running text
    assert hit_kind({"check": "wrong_term", "severity": "block"}) == ("severe_term", "veto")  # 严重表述错误
    assert hit_kind({"check": "wrong_term", "severity": "warn"}) == ("wrong_term", "deduct")
    assert hit_kind({"check": "personal_data", "severity": "block"}) == ("personal_data", "deduct")
    assert hit_kind({"check": "personal_data", "severity": "warn"}) == ("personal_data", "warn")
    assert indicators.RULES["severe_term"].kind == "veto" and indicators.RULES["secrecy_suspect"].kind == "deduct"


def test_statutory_wording_is_no_secrecy_finding():
    screener = crawler.Screener.__new__(crawler.Screener)  # the term list is not needed here
    screener.terms = type("NoTerms", (), {"scan": staticmethod(lambda text: iter(()))})()
    text = ("对依法不宜公开的政府信息，不予公开。各单位要确保国家机密安全，严格保守国家秘密。\n"
            "附件：内部工作方案（机密★1年）")
    hits = screener(text)
    assert [(h["check"], h["severity"], h["text"]) for h in hits if h["check"] == "secrecy"] == [("secrecy", "block", "机密★1年")]


@pytest.mark.django_db
def test_a_page_with_legal_wording_passes_and_severe_terms_veto(people):
    """Worked example: 2026-12-01 a notice quotes the law (依法不宜公开的政府信息 …) — the site passes; the managed list marks
    “浮梁县人民政府办公厅” (the organ is 办公室) as severe: its use on a page is a veto, a warn term (新冠肺炎) 0.5 points."""
    from zwgk.screening.services import save_term

    today = timezone.localdate()
    pages = _clean_site(today)
    html = "text/html; charset=utf-8"
    law = ("根据《中华人民共和国政府信息公开条例》，依法不宜公开的政府信息不予公开。各单位要确保国家机密安全，保守国家秘密。")
    pages["/news/a1.html"] = (200, html, article("县政府召开常务会议", today - dt.timedelta(days=1), law, nav=NAV))
    with SiteServer(pages) as server:
        clean = _inspect(server.url)
    assert clean["findings"] == [] and clean["verdict"] == "合格"

    save_term(people["admin"], wrong="浮梁县人民政府办公厅", right="浮梁县人民政府办公室", kind="wrong", severity="block",
              note="机构名称错误", is_active=True)
    save_term(people["admin"], wrong="新冠肺炎", right="新冠病毒感染", kind="wrong", severity="warn", note="", is_active=True)
    pages["/news/a1.html"] = (200, html, article("县政府召开常务会议", today - dt.timedelta(days=1),
                                                 law + "浮梁县人民政府办公厅印发新冠肺炎防控方案。", nav=NAV))
    with SiteServer(pages) as server:
        result = _inspect(server.url)
    assert _kinds(result) == {("severe_term", "veto", "/news/a1.html"), ("wrong_term", "deduct", "/news/a1.html")}
    assert result["verdict"] == "不合格" and result["score"] == 99.5


# --- 服务不实用 ------------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_service_not_practical():
    """No 办事服务 at all is a veto; so is a guide lacking 收费标准 and 办理流程, and a form that does not download. A complete
    guide with a working form is nothing. The dead form is one 服务不实用 finding, not also a broken link."""
    today = timezone.localdate()
    nav = [("要闻动态", "/news/")]
    pages = {k: v for k, v in _clean_site(today, nav).items() if not k.startswith("/service/")}
    with SiteServer(pages) as server:
        none = _inspect(server.url)
    (finding,) = none["findings"]
    assert (finding["check"], finding["severity"]) == ("service", "veto") and "没有办事服务" in finding["message"]
    # The same site whose 办事服务 is the provincial platform (another server, on 127.0.0.1 too): it has 办事服务.
    html = "text/html; charset=utf-8"
    with SiteServer({"/": (200, html, listing("江西政务服务网", [], nav=[]))}) as province:
        linked = [*nav, ("江西政务服务网", province.url)]
        with SiteServer({k: v for k, v in _clean_site(today, linked).items() if not k.startswith("/service/")}) as server:
            assert not any("没有办事服务" in f["message"] for f in _inspect(server.url)["findings"])

    pages = _clean_site(today)
    html = "text/html; charset=utf-8"
    pages["/service/"] = (200, html, listing("办事服务", [("甲事项办事指南", "/service/g1.html", None), ("乙事项办事指南", "/service/g2.html", None)],
                                             nav=NAV))
    pages["/service/g1.html"] = (200, html, guide("甲事项办事指南", form="/service/f1.pdf", nav=NAV))
    pages["/service/f1.pdf"] = (200, "application/pdf", pdf_with_text("Application form"))
    pages["/service/g2.html"] = (200, html, guide("乙事项办事指南", omit=("收费标准", "办理流程"), form="/service/f2.doc", nav=NAV))
    with SiteServer(pages) as server:
        result = _inspect(server.url)
    assert _kinds(result) == {("service", "veto", "/service/g2.html"), ("service", "veto", "/service/f2.doc")}
    by_url = {urlsplit(f["url"]).path: f for f in result["findings"]}
    assert by_url["/service/g2.html"]["text"] == "收费标准、办理流程"
    assert "无法下载" in by_url["/service/f2.doc"]["message"] and urlsplit(by_url["/service/f2.doc"]["parent"]).path == "/service/g2.html"
    assert result["verdict"] == "不合格"


# --- 首页不更新 on a navigation-only home page -------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_navigation_home_page_is_judged_on_its_second_level_pages():
    """The home page lists no items (only the navigation). Its columns updated 3 days ago: updated. 20 days ago: 首页不更新."""
    today = timezone.localdate()
    html = "text/html; charset=utf-8"

    def site(age: int) -> dict:
        pages = _clean_site(today)
        day = today - dt.timedelta(days=age)
        nav = NAV
        pages["/"] = (200, html, page("浮梁县人民政府", "<h1>浮梁县人民政府</h1><p>欢迎访问。</p>", nav=nav))
        pages["/news/"] = (200, html, listing("要闻动态", [("县政府召开常务会议", "/news/a1.html", day)], nav=nav))
        return pages

    with SiteServer(site(3)) as server:
        assert _inspect(server.url)["findings"] == []
    with SiteServer(site(20)) as server:
        result = _inspect(server.url)
    home = [f for f in result["findings"] if f["check"] == "home_stale"]
    assert len(home) == 1 and home[0]["severity"] == "veto" and "导航页" in home[0]["message"] and "已 20 天未更新" in home[0]["message"]


# --- 站点无法访问 ---------------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_one_failed_fetch_is_not_unreachable_the_weekly_probes_are(people, county):
    """The crawl could not open the home page (HTTP 503): a warning and “无法判定”, never 站点无法访问. Probes decide:
    139 probes an hour apart with 9 failures (6.5 %) are fewer than a week's 140 — a warning; one more failed probe
    (10 of 140, 7.1 %) is the veto."""
    with SiteServer({"/": (503, "text/html; charset=utf-8", b"<h1>busy</h1>")}) as server:
        site = services.save_site(people["gkb"], name="浮梁县人民政府", url=server.url, organization=county["gov"])
        run = services.start_run(people["gkb"], site=site, max_pages=10)
        crawler.crawl(run)
        services.finish_run(run)
    run.refresh_from_db()
    assert run.verdict == "无法判定"
    assert list(Finding.objects.filter(run=run).values_list("kind", "severity")) == [("home_unfetched", "warn")]

    now = timezone.now()
    Probe.objects.bulk_create([Probe(site=site, at=now - dt.timedelta(hours=i), ok=i % 17 != 1) for i in range(139)])
    assert Probe.objects.filter(ok=False).count() == 9
    other = services.start_run(people["gkb"], site=site)
    Page.objects.create(run=other, url=other.start_url, state=PageState.DONE, status_code=200, content_type="text/html")
    (found,) = unreachable(context(other))
    assert found.severity == "warn" and "探测不足 140 次" in found.message
    Probe.objects.create(site=site, at=now, ok=False)
    (found,) = unreachable(context(other))
    assert found.severity == "veto" and "140 次探测中 10 次" in found.message


# --- column update periods ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_column_update_period_cannot_be_loosened_or_exempted(client, people, county):
    site = services.save_site(people["gkb"], name="浮梁县人民政府", url="http://127.0.0.1:9/", organization=county["gov"])
    col = {"name": "要闻动态", "url": "http://127.0.0.1:9/news/", "kind": "news"}
    with pytest.raises(ValidationError, match="不能超过国家检查指标的 14 天"):
        services.save_columns(people["gkb"], site, [{**col, "update_days": 30}])
    with pytest.raises(ValidationError, match="不能为 0"):
        services.save_columns(people["gkb"], site, [{**col, "update_days": 0}])
    with pytest.raises(ValidationError, match="不能超过国家检查指标的 183 天"):
        services.save_columns(people["gkb"], site, [{"name": "通知公告", "url": "http://127.0.0.1:9/tz/", "kind": "notice", "update_days": 365}])
    (saved,) = services.save_columns(people["gkb"], site, [{**col, "update_days": 7}])  # stricter than the rule: allowed
    assert saved.update_days == 7
    services.save_columns(people["gkb"], site, [{"name": "办事服务", "url": "http://127.0.0.1:9/bs/", "kind": "service", "update_days": 0}])
    # Through the staff page: a Chinese message, the old columns kept.
    services.save_columns(people["gkb"], site, [{**col, "update_days": 7}])
    client.force_login(people["gkb"])
    response = client.post(f"/staff/monitoring/sites/{site.pk}/columns/", {"name": "要闻动态", "url": col["url"], "kind": "news",
                                                                            "level": "1", "update_days": "0"}, follow=True)
    assert response.status_code == 200 and "不能为 0" in response.content.decode()
    assert list(Column.objects.filter(site=site).values_list("update_days", flat=True)) == [7]
    for level in ("-1", "99999999999"):  # out of the field's range: a message, not a database error
        response = client.post(f"/staff/monitoring/sites/{site.pk}/columns/", {"name": "要闻动态", "url": col["url"], "kind": "news",
                                                                                "level": level, "update_days": "7"}, follow=True)
        assert response.status_code == 200 and ("栏目级别应为" in response.content.decode() or "数字过大" in response.content.decode())
    assert list(Column.objects.filter(site=site).values_list("level", flat=True)) == [1]


# --- the same problem once ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_one_problem_on_one_page_is_one_finding():
    """A dead page linked from the home page and two articles, and a hidden link in the template of every page: one finding
    each (the dead link counted as a home-page link)."""
    today = timezone.localdate()
    pages = _clean_site(today)
    html = "text/html; charset=utf-8"
    for path in ("/", "/news/a1.html", "/news/a2.html"):
        status, ctype, body = pages.get(path) or (200, html, article("全县安全生产工作会议召开", today, "会议部署了安全生产工作。", nav=NAV))
        body = body.replace(b"</main>", b"<p><a href='/gone.html'>\xe4\xb8\x93\xe9\xa2\x98</a></p>"
                                        b"<div style='display:none'><a href='http://casino.example/'>x</a></div></main>", 1)
        pages[path] = (status, ctype, body)
    items = [("县政府召开常务会议", "/news/a1.html", today), ("全县安全生产工作会议召开", "/news/a2.html", today)]
    pages["/news/"] = (200, html, listing("要闻动态", items, nav=NAV))
    with SiteServer(pages) as server:
        result = _inspect(server.url)
    assert sorted((f["check"], urlsplit(f["url"]).path) for f in result["findings"]) == [("broken_link_home", "/gone.html"), ("hidden_link", "/")]
    dead = next(f for f in result["findings"] if f["check"] == "broken_link_home")
    assert "另有 2 个页面链接到它" in dead["message"]


# --- the shipped portal ---------------------------------------------------------------------------------------------
@pytest.fixture
def portal_server(transactional_db):
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1:0")
    yield server
    server.stop()


@pytest.mark.django_db(transaction=True)
def test_the_shipped_demo_portal_inspects_clean(portal_server):
    """The demo data behind zwgk's own portal on 127.0.0.1: no finding. 关怀模式 is a switch (rel="nofollow", not
    fetched, no column); 依申请公开 is a service column, its form a service page; 政府信息公开 and 标准化目录 are index
    pages, fresh through their sub-columns."""
    call_command("seed-demo", stdout=StringIO())
    assert urlsplit(portal_server.url).hostname == "127.0.0.1"
    result = _inspect(portal_server.url + "/", max_pages=300)
    assert result["findings"] == [] and result["verdict"] == "合格" and result["score"] == 100.0
    run = Run.objects.latest("pk")
    assert not Page.objects.filter(run=run, url__contains="/care/").exists()
    assert Link.objects.filter(run=run, url__contains="/care/", nofollow=True).exists()
    kinds = {c.name: c.kind for c in context(run).columns}
    assert kinds["依申请公开"] == "service" and "关怀模式" not in kinds
    _, points, verdict = evaluate(run)
    assert (points, verdict) == (100.0, "合格")


def test_the_charset_of_the_http_header_decodes_the_page():
    # A page with no <meta charset>, served as “text/html; charset=GBK” (or UTF-8): read in that charset, not guessed.
    from zwgk.monitoring.parse import charset_of, parse

    page = "<html><head><title>浮梁县人民政府</title></head><body><p>机密★1年</p></body></html>"
    assert parse(page.encode("gbk"), "http://127.0.0.1/", charset_of("text/html;charset=GBK")).title == "浮梁县人民政府"
    assert parse(page.encode("utf-8"), "http://127.0.0.1/", charset_of("text/html; charset=utf-8")).text == "机密★1年"
    assert charset_of("text/html") is None and charset_of("text/html; charset=nonsense") is None


def test_only_view_toggles_marked_nofollow_are_skipped():
    # Sites put rel="nofollow" on ordinary links for search engines: those are still inspected; a switch is not.
    from zwgk.monitoring.parse import parse

    page = ("<html><body><a rel='nofollow' href='/zcwj/'>政策文件</a><a rel='nofollow' href='/?care=1'>关怀模式</a>"
            "<a rel='nofollow' href='/list/?view=grid'>网格</a></body></html>").encode()
    links = {urlsplit(link.url).path + ("?" + urlsplit(link.url).query if urlsplit(link.url).query else ""): link.nofollow
             for link in parse(page, "http://127.0.0.1/list/", "utf-8").links}
    assert links == {"/zcwj/": False, "/?care=1": True, "/list/?view=grid": True}


@pytest.mark.django_db
def test_sub_columns_in_the_body_of_an_index_page_are_columns():
    """政府信息公开 (/zfxxgk/) is an index: no list of its own, its 专栏 linked from the body, not the navigation. The
    empty one (“暂无信息”) is 空白栏目; the fresh one is no finding; its guide page, an article and the “更多” link
    naming nothing are not columns (the fresh column takes its name from its heading link)."""
    today = timezone.localdate()
    html = "text/html; charset=utf-8"
    nav = [*NAV[:4], ("办事服务", "/service/"), ("政府信息公开", "/zfxxgk/")]
    pages = _clean_site(today, nav=nav)
    for path, (title, items) in {"/notice/": ("通知公告", [("关于开展安全检查的通知", "/notice/n1.html", today)]),
                                 "/policy/": ("政策文件", [("浮梁县人民政府关于印发某办法的通知", "/policy/p1.html", today)]),
                                 "/personnel/": ("人事信息", [("任免通知", "/personnel/r1.html", today)])}.items():
        pages[path] = (200, html, listing(title, items, nav=nav))
        for _, url, day in items:
            pages[url] = (200, html, article(items[0][0], day, "正文。", nav=nav))
    body = ("<h1>政府信息公开</h1><p><a href='/zfxxgk/guide.html'>政府信息公开指南</a></p>"
            "<section><h2><a href='/zfxxgk/czyjs/'>财政预决算</a></h2><a href='/zfxxgk/czyjs/'>更多</a></section>"
            "<section><h2><a href='/zfxxgk/zdly/'>重点领域</a></h2></section>"
            "<p>最新：<a href='/zfxxgk/czyjs/y1.html'>2026年县级预算公开</a></p>")
    pages["/zfxxgk/"] = (200, html, page("政府信息公开", body, nav=nav))
    pages["/zfxxgk/guide.html"] = (200, html, page("浮梁县人民政府政府信息公开指南", "<h1>政府信息公开指南</h1><p>本指南说明……</p>", nav=nav))
    pages["/zfxxgk/czyjs/"] = (200, html, listing("财政预决算", [("2026年县级预算公开", "/zfxxgk/czyjs/y1.html", today)], nav=nav))
    pages["/zfxxgk/czyjs/y1.html"] = (200, html, article("2026年县级预算公开", today, "预算表。", nav=nav))
    pages["/zfxxgk/zdly/"] = (200, html, page("重点领域", "<h1>重点领域</h1><ul class='list'></ul><p>暂无信息。</p>", nav=nav))
    with SiteServer(pages) as server:
        result = _inspect(server.url)
        run = Run.objects.latest("pk")
        columns = {c.name: (urlsplit(c.url).path, c.level) for c in context(run).columns}
    assert columns["财政预决算"] == ("/zfxxgk/czyjs/", 2) and columns["重点领域"] == ("/zfxxgk/zdly/", 2)
    assert not {"政府信息公开指南", "更多", "2026年县级预算公开"} & set(columns)
    assert [(f["check"], urlsplit(f["url"]).path) for f in result["findings"]] == [("column_blank", "/zfxxgk/zdly/")]
    assert "空白栏目“重点领域”" in result["findings"][0]["message"]


@pytest.mark.django_db
def test_a_dead_link_of_the_sites_template_is_no_service_finding():
    """Every page (the home page and the service pages too) links a 备案 page that is gone: one broken link of the home
    page, not 服务不实用 — it is the template's, not a service's."""
    today = timezone.localdate()
    pages = {path: (status, ctype, body.replace(b"</main>", "<p><a href='/beian/'>赣ICP备12345678号</a></p></main>".encode(), 1))
             for path, (status, ctype, body) in _clean_site(today).items()}
    with SiteServer(pages) as server:
        result = _inspect(server.url)
    assert sorted((f["check"], urlsplit(f["url"]).path) for f in result["findings"]) == [("broken_link_home", "/beian/")]
