"""The checks of an inspection, each a registered rule with the official label and threshold and an
early warning below it (``indicators``). They read what the crawl stored, so they can run again on a
finished run, and they write findings with the columns inspectors use."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import indicators as ind
from .models import Column, Link, Page, PageState, Probe, Run, Severity

CHECKS: dict[str, Callable[[Context], list[Found]]] = {}


def check(name: str) -> Callable:
    def register(func: Callable) -> Callable:
        CHECKS[name] = func
        return func

    return register


@dataclass
class Found:
    check: str
    severity: str
    message: str
    url: str = ""
    parent: str = ""
    text: str = ""
    suggestion: str = ""
    context: str = ""
    page_title: str = ""
    published_on: dt.date | None = None

    def fingerprint(self) -> str:
        return hashlib.sha256(f"{self.check}|{self.url}|{self.text}".encode()).hexdigest()


@dataclass
class ColumnInfo:
    name: str
    url: str
    kind: str
    level: int
    update_days: int


@dataclass
class Context:
    run: Run
    today: dt.date
    pages: dict[str, Page]
    home: Page | None
    links: list[Link]
    columns: list[ColumnInfo]
    allowed_domains: list[str] = field(default_factory=list)


def context(run: Run) -> Context:
    pages = {p.url: p for p in Page.objects.filter(run=run)}
    links = list(Link.objects.filter(run=run))
    home = pages.get(run.start_url)
    if run.site_id and Column.objects.filter(site_id=run.site_id).exists():
        columns = [ColumnInfo(c.name, c.url, c.kind, c.level, c.update_days) for c in Column.objects.filter(site_id=run.site_id)]
    else:
        columns = discover_columns(run.start_url, links)
    allowed = [d.strip().lower() for d in (run.site.allowed_domains.splitlines() if run.site else ["gov.cn"]) if d.strip()]
    return Context(run, run.checked_on or dt.date.today(), pages, home, links, columns, allowed)


def discover_columns(home_url: str, links: list[Link]) -> list[ColumnInfo]:
    """Columns from the navigation, typed by name (staff correct them in the registry): first-level ones
    from the home page's navigation, second-level ones from the sub-navigation of those column pages."""
    out, seen = [], {home_url}
    for link in links:
        if link.page_url != home_url or not link.in_nav or link.outbound or link.url in seen:
            continue
        seen.add(link.url)
        kind = ind.column_kind(link.text)
        out.append(ColumnInfo(link.text or link.url, link.url, kind, 1, ind.UPDATE_DAYS[kind]))
    first = {c.url for c in out}
    for link in links:
        if link.page_url not in first or not link.in_nav or link.outbound or link.url in seen:
            continue
        seen.add(link.url)
        kind = ind.column_kind(link.text)
        out.append(ColumnInfo(link.text or link.url, link.url, kind, 2, ind.UPDATE_DAYS[kind]))
    return out


def _days(today: dt.date, day: dt.date | None) -> int | None:
    return (today - day).days if day else None


@check("unreachable")
def unreachable(ctx: Context) -> list[Found]:
    home = ctx.home
    if home is None or home.state != PageState.DONE:
        return [Found("unreachable", Severity.VETO, "本次检查首页无法打开：" + (home.error if home else "未抓取"), url=ctx.run.start_url,
                      suggestion="检查服务器和网络，确保首页 15 秒内可以打开。")]
    if not ctx.run.site_id:
        return []
    since = ctx.today - dt.timedelta(days=ind.PROBE_WINDOW_DAYS)
    probes = Probe.objects.filter(site_id=ctx.run.site_id, at__date__gt=since)
    total = probes.count()
    if not total:
        return []
    failed = probes.filter(ok=False).count()
    ratio = failed / total
    if ratio >= ind.UNREACHABLE_VETO_RATIO:
        severity = Severity.VETO
    elif ratio >= ind.UNREACHABLE_WARN_RATIO:
        severity = Severity.WARN
    else:
        return []
    return [Found("unreachable", severity, f"近 7 天 {total} 次探测中 {failed} 次首页无法访问（{ratio:.1%}；否决线 5%，预警线 3%）",
                  url=ctx.run.start_url, suggestion="排查服务器、带宽和防护设备，确保首页稳定可访问。")]


@check("interaction")
def interaction(ctx: Context) -> list[Found]:
    """互动回应差: no working channel for questions and suggestions, or a valid 政务咨询 message unanswered
    for more than 3 months in the last year (as entered by the office)."""
    site = ctx.run.site
    if site is None or site.interaction_checked_on is None:
        return []
    found = []
    if not site.has_message_channel:
        found.append(Found("interaction", Severity.VETO, "没有可用的咨询建言渠道", url=site.url,
                           suggestion="开设并保持可用的在线咨询、建言渠道。"))
    if site.unanswered_messages:
        found.append(Found("interaction", Severity.VETO,
                           f"近一年有 {site.unanswered_messages} 条有效留言超过 {ind.UNANSWERED_MONTHS} 个月未答复"
                           f"（{site.interaction_checked_on:%Y-%m-%d} 核查）", url=site.url, suggestion="尽快答复并公开答复内容。"))
    return found


@check("home_stale")
def home_stale(ctx: Context) -> list[Found]:
    home = ctx.home
    if home is None or home.state != PageState.DONE:
        return []
    days = _days(ctx.today, home.latest_item_on)
    if days is None:
        return [Found("home_stale", Severity.VETO, "首页信息均没有可见的发布时间，按未更新计", url=home.url, page_title=home.title,
                      suggestion="首页信息列表显示发布时间，并保持两周内有更新。")]
    if days >= ind.HOME_STALE_VETO_DAYS:
        severity = Severity.VETO
    elif days >= ind.HOME_STALE_WARN_DAYS:
        severity = Severity.WARN
    else:
        return []
    return [Found("home_stale", severity, f"首页最近一条信息发布于 {home.latest_item_on:%Y-%m-%d}，已 {days} 天未更新（否决线 14 天，预警线 10 天）",
                  url=home.url, page_title=home.title, published_on=home.latest_item_on, suggestion="及时更新首页信息。")]


@check("columns")
def columns(ctx: Context) -> list[Found]:
    found: list[Found] = []
    stale_a = stale_b = blank = 0
    for col in ctx.columns:
        page = ctx.pages.get(col.url)
        if page is None or page.state != PageState.DONE or col.update_days == 0 or col.kind in ("interaction", "service"):
            continue
        if page.items == 0:
            blank += 1
            found.append(Found("column_blank", Severity.DEDUCT, f"空白栏目“{col.name}”：栏目中没有任何信息", url=col.url, page_title=page.title,
                               text=col.name, suggestion="补充栏目内容，或撤销、归并该栏目。"))
            continue
        days = _days(ctx.today, page.latest_item_on)
        if days is None or days > col.update_days:
            stale_b += 1
            since = f"最近更新 {page.latest_item_on:%Y-%m-%d}（{days} 天前）" if days is not None else "栏目信息均无发布时间"
            found.append(Found("column_stale", Severity.DEDUCT, f"栏目“{col.name}”{since}，超过应更新周期 {col.update_days} 天",
                               url=col.url, page_title=page.title, text=col.name, published_on=page.latest_item_on,
                               suggestion="按栏目类型的更新要求及时更新。"))
            if col.kind == "news" and (days is None or days > ind.NEWS_STALE_DAYS):
                stale_a += 1
            elif col.kind in ("notice", "policy") and col.level == 1 and (days is None or days > ind.NOTICE_POLICY_STALE_DAYS):
                stale_a += 1
                if col.kind == "policy":
                    found.append(Found("policy_stale", Severity.DEDUCT, f"政策文件栏目“{col.name}”超过 6 个月未更新", url=col.url, text=col.name))
    summary = f"动态要闻两周未更新与通知公告、政策文件半年未更新的栏目 {stale_a} 个，长期未更新栏目 {stale_b} 个，空白栏目 {blank} 个"
    if stale_a >= ind.STALE_A_VETO or stale_b >= ind.STALE_B_VETO or blank >= ind.BLANK_VETO:
        found.append(Found("columns_stale", Severity.VETO, summary + "（达到栏目不更新否决线：5 / 10 / 5）", url=ctx.run.start_url))
    elif stale_b >= ind.STALE_B_WARN or blank > ind.BLANK_WARN:
        found.append(Found("columns_stale", Severity.WARN, summary + "（接近否决线）", url=ctx.run.start_url))
    return found


@check("broken_links")
def broken_links(ctx: Context) -> list[Found]:
    found = []
    for link in ctx.links:
        target = ctx.pages.get(link.url)
        if target is None or target.state != PageState.FAILED:
            continue
        home = link.page_url == ctx.run.start_url
        parent = ctx.pages.get(link.page_url)
        reason = f"HTTP {target.status_code}" if target.status_code else target.error
        found.append(Found("broken_link_home" if home else "broken_link", Severity.DEDUCT,
                           f"{'首页' if home else '页面'}链接不可用（{reason}）", url=link.url, parent=link.page_url, text=link.text,
                           page_title=parent.title if parent else "", suggestion="修改或删除该链接。"))
    return found


@check("content")
def content(ctx: Context) -> list[Found]:
    found = []
    for page in ctx.pages.values():
        for hit in page.hits or []:
            severity = Severity.VETO if hit["check"] == "secrecy" else Severity.DEDUCT
            suggestion = {"personal_data": "删除或脱敏个人信息（身份证号仅保留前 6 位和后 4 位）。", "secrecy": "立即撤下，并按保密规定处置。",
                          "wrong_term": "按规范表述修改。"}.get(hit["check"], "")
            found.append(Found(hit["check"], severity, hit["message"], url=page.url, parent=page.parent_url, text=hit["text"],
                               context=hit.get("context", ""), page_title=page.title, published_on=page.published_on, suggestion=suggestion))
    return found


def _domain_allowed(host: str, allowed: list[str]) -> bool:
    host = host.lower().split(":")[0]
    return any(host == d or host.endswith("." + d) for d in allowed)


@check("links_out")
def links_out(ctx: Context) -> list[Found]:
    found = []
    seen = set()
    for link in ctx.links:
        if not link.outbound or (link.page_url, link.url) in seen:
            continue
        seen.add((link.page_url, link.url))
        if link.hidden:
            found.append(Found("hidden_link", Severity.DEDUCT, "隐藏的外部链接（暗链），访问者看不到但搜索引擎可见", url=link.page_url,
                               parent=link.page_url, text=link.url, context=link.text, suggestion="立即删除并排查网站是否被篡改。"))
        elif not _domain_allowed(urlsplit(link.url).netloc, ctx.allowed_domains):
            found.append(Found("outbound", Severity.WARN, f"链接到非预期的外部网站 {urlsplit(link.url).netloc}", url=link.page_url,
                               parent=link.page_url, text=link.url, context=link.text,
                               suggestion="确认外部链接必要且域名仍由原单位持有；不需要的删除。"))
    return found


@check("identity")
def identity(ctx: Context) -> list[Found]:
    if ctx.home is None or ctx.home.state != PageState.DONE:
        return []
    labels = {"site_code": "网站标识码", "icp": "ICP 备案编号", "police": "公安机关备案标识", "party_mark": "党政机关网站标识"}
    missing = [labels[k] for k, present in (ctx.home.footer or {}).items() if not present]
    found = []
    if missing:
        found.append(Found("identity", Severity.DEDUCT, "页脚缺少：" + "、".join(missing), url=ctx.home.url, page_title=ctx.home.title,
                           suggestion="在网站底部展示网站标识码、ICP 备案编号、公安机关备案标识和党政机关网站标识。"))
    if not ctx.home.has_search:
        found.append(Found("search", Severity.DEDUCT, "首页没有站内搜索", url=ctx.home.url, page_title=ctx.home.title,
                           suggestion="提供站内搜索，并按栏目或类别分类展示结果。"))
    return found


@check("undated")
def undated(ctx: Context) -> list[Found]:
    """Articles (pages listed as items of a list page) without a publish time."""
    found = []
    column_urls = {c.url for c in ctx.columns} | {ctx.run.start_url}
    articles = {link.url for link in ctx.links if link.in_list and not link.outbound}
    for url in sorted(articles - column_urls):
        page = ctx.pages.get(url)
        if page is None or page.state != PageState.DONE or page.items or "html" not in page.content_type:
            continue
        if page.published_on is None:
            found.append(Found("undated", Severity.DEDUCT, "信息页面没有发布时间", url=page.url, parent=page.parent_url, page_title=page.title,
                               suggestion="在信息页面标注发布时间（并在页面元数据 PubDate 中给出）。"))
    return found


def evaluate(run: Run) -> tuple[list[Found], float, str]:
    """All checks over a finished crawl: (findings, score, verdict)."""
    from .scoring import score

    ctx = context(run)
    found: list[Found] = []
    for func in CHECKS.values():
        found.extend(func(ctx))
    points = score(found)
    vetoed = any(f.severity == Severity.VETO for f in found)
    verdict = "不合格" if vetoed or points < ind.PASS_SCORE else "合格"
    return found, points, verdict
