"""Demo: the platform's own portal registered for inspection, the county's new-media filings, and a year of monthly
inspections of 县教体局's website, so that the site page shows a score trend: early months with a stale home page, a
dead link, a mobile number in an article and an incomplete 办事指南, fixed one after another (each marked fixed by the
unit and closed by the next inspection), one relapse, then clean months.

The unit's site is generated here and answered in process (``crawler.Options.transport``): the seed needs no network,
and each month's pages carry that month's dates. Its address is under ``.example`` (RFC 2606), so an inspection a
person starts on it later fails to connect rather than reaching a real site."""

from __future__ import annotations

import datetime as dt

import httpx
from django.utils import timezone

from zwgk.core.models import Organization, User

from . import crawler, services
from .models import Account, Finding, Run

SITE_URL = "http://jiaoti.fuliang.example/"
SITE_NAME = "浮梁县教育体育局网站"
MONTHS = 12
FOOTER = ("<footer><p>主办：浮梁县教育体育局 网站标识码：3602220012 赣ICP备05004178号 赣公网安备 36022202000112号</p>"
          "<p><img src='/dzjg.png' alt='党政机关'></p></footer>")
NAV = [("要闻动态", "/news/"), ("通知公告", "/notice/"), ("政策文件", "/policy/"), ("办事服务", "/service/")]
GUIDE = {"事项名称": "义务教育阶段学生转学办理", "设定依据": "《中华人民共和国义务教育法》第十二条", "申请条件": "户籍或居住地变动的义务教育阶段学生",
         "申请材料": "转学申请表、户口簿或居住证", "办理地点": "浮梁县教育体育局一楼服务窗口", "实施机构": "浮梁县教育体育局",
         "收费标准": "不收费", "办理时间": "工作日上午 8:30—12:00，下午 14:30—17:30", "咨询电话": "0798-2622001",
         "办理流程": "申请—受理—审核—办结"}
NEWS = ["全县中小学开学工作检查", "县教体局召开学校安全工作会议", "浮梁一中举行科技节", "全县教师培训班开班", "乡村学校少年宫活动展示",
        "县教体局开展校园食品安全检查", "全县中小学生运动会举行", "县教体局部署防溺水工作", "湘湖镇中心小学新校舍投入使用",
        "全县教育系统党风廉政建设会议召开", "县教体局开展“双减”工作督查", "全县中考备考工作推进会召开"]


def _page(title: str, body: str, pubdate: dt.date | None = None) -> bytes:
    meta = f"<meta name='PubDate' content='{pubdate:%Y-%m-%d} 09:00'>" if pubdate else ""
    menu = "<nav class='nav'><ul>" + "".join(f"<li><a href='{u}'>{n}</a></li>" for n, u in NAV) + "</ul></nav>"
    search = "<form action='/search/' role='search'><input type='search' name='q' aria-label='搜索'><button>搜索</button></form>"
    return (f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{title}</title>{meta}</head>"
            f"<body><header><a href='/'>{SITE_NAME}</a>{search}</header>{menu}<main>{body}</main>{FOOTER}</body></html>").encode()


def _listing(title: str, items: list[tuple[str, str, dt.date | None]], extra: str = "") -> bytes:
    lis = "".join(f"<li><a href='{u}'>{t}</a>{f'<span>{d:%Y-%m-%d}</span>' if d else ''}</li>" for t, u, d in items)
    return _page(title, f"<h1>{title}</h1><ul class='list'>{lis}</ul>{extra}")


def _article(title: str, day: dt.date, text: str) -> bytes:
    return _page(title, f"<h1>{title}</h1><p class='info'>发布时间：{day:%Y-%m-%d}</p><div class='content'><p>{text}</p></div>", day)


def site_pages(month: int, checked_on: dt.date) -> dict[str, bytes]:
    """The unit site as it stood at the ``month``-th inspection (0 the oldest): its defects come and go by month."""
    stale = month < 2  # the home page not updated for over two weeks: a veto
    newest = checked_on - dt.timedelta(days=16 if stale else 2)
    news = [(NEWS[(month + i) % len(NEWS)], f"/news/{month}-{i}.html", newest - dt.timedelta(days=6 * i)) for i in range(4)]
    policy_day = checked_on - dt.timedelta(days=130 if 2 <= month <= 5 else 30)  # 政策文件 over its 120 days in months 2-5
    notice_day = checked_on - dt.timedelta(days=9)
    pages = {
        "/": _listing(SITE_NAME, news[:3] + [("关于做好秋季学期学生资助工作的通知", "/notice/n1.html", notice_day)],
                      extra="<p><a href='/zhuanti/2023.html'>2023年教育专题</a></p>" if month < 4 or month == 7 else ""),
        "/news/": _listing("要闻动态", news),
        "/notice/": _listing("通知公告", [("关于做好秋季学期学生资助工作的通知", "/notice/n1.html", notice_day)]),
        "/notice/n1.html": _article("关于做好秋季学期学生资助工作的通知", notice_day,
                                    "各学校：请按要求做好学生资助工作。联系人：李老师，电话 0798-2622001。"
                                    + ("手机 13979801234。" if month < 5 else "")),
        "/policy/": _listing("政策文件", [("浮梁县义务教育阶段学校招生管理办法", "/policy/p1.html", policy_day)]),
        "/policy/p1.html": _article("浮梁县义务教育阶段学校招生管理办法", policy_day, "第一条 为规范全县义务教育阶段学校招生行为，制定本办法。"),
        "/service/": _listing("办事服务", [("义务教育阶段学生转学办事指南", "/service/g1.html", None)]),
        "/service/g1.html": _page("义务教育阶段学生转学办事指南", "<h1>义务教育阶段学生转学办事指南</h1><table>" + "".join(
            f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in GUIDE.items() if not (month < 6 and k == "收费标准")) + "</table>"),
    }
    for title, url, day in news:
        pages[url] = _article(title, day, f"{title}。县教体局有关负责同志出席并讲话。")
    return pages


def _transport(pages: dict[str, bytes]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        body = pages.get(request.url.path)
        if body is None:
            return httpx.Response(404, text="Not Found")
        return httpx.Response(200, content=body, headers={"content-type": "text/html; charset=utf-8"})

    return httpx.MockTransport(answer)


def _inspections(today: dt.date) -> None:
    """Twelve monthly inspections ending today, each judged on its own day; what a run found and the next month's
    site no longer shows is marked fixed by the unit before that run, which closes it."""
    jiaoti = Organization.objects.get(short_name="县教体局")
    site = services.save_site(None, name=SITE_NAME, url=SITE_URL, organization=jiaoti, site_code="3602220012",
                              allowed_domains="fuliang.example\ngov.cn")
    fixer = User.objects.get(username="jiaoti_reviewer")
    for month in range(MONTHS):
        checked_on = today - dt.timedelta(days=30 * (MONTHS - 1 - month))
        pages = site_pages(month, checked_on)
        for finding in Finding.objects.to_rectify().filter(site=site):
            if finding.url.removeprefix(SITE_URL.rstrip("/")) in pages and month not in (1, 4):  # two months nothing is done
                services.mark_fixed(fixer, finding, "已按检查意见整改。")
        run = services.start_run(None, site=site, max_pages=100, checked_on=checked_on)
        crawler.crawl(run, crawler.Options(concurrency=4, per_host=4, respect_robots=False, check_outbound=False,
                                           transport=_transport(pages)))
        services.finish_run(run)


def seed() -> list[str]:
    services.register_self()
    if Account.objects.exists():
        return []
    today = timezone.localdate()
    office = Organization.objects.get(short_name="县政府办公室")
    for platform, name, account_id, org, days, interaction in (
        ("微信公众号", "浮梁发布", "fuliangfabu", office, 1, True),
        ("微博", "浮梁发布", "fuliang_weibo", office, 3, True),
        ("抖音", "浮梁教育", "fljiaoyu", Organization.objects.get(short_name="县教体局"), 25, True),
        ("微信公众号", "浮梁卫健", "flwjw", Organization.objects.get(short_name="县卫健委"), 6, False),
    ):
        services.save_account(None, platform=platform, name=name, account_id=account_id, organization=org, person_in_charge="王某",
                              purpose="发布本单位政务信息", latest_post_on=today - dt.timedelta(days=days), has_interaction=interaction)
    if not Run.objects.filter(site__url=SITE_URL).exists():
        _inspections(today)
    return []
