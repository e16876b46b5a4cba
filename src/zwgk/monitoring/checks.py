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
from .parse import ATTACHMENT_EXT

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
    links_from: dict[str, list[Link]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for link in self.links:
            self.links_from.setdefault(link.page_url, []).append(link)

    def fetched(self, url: str) -> Page | None:
        page = self.pages.get(url)
        return page if page is not None and page.state == PageState.DONE else None

    def sub_pages(self, url: str) -> list[Page]:
        """The internal pages a page leads to outside the navigation (not the home page, not itself, no toggles)."""
        out, seen = [], set()
        for link in self.links_from.get(url, []):
            if link.in_nav or link.nofollow or link.outbound or link.url in (url, self.run.start_url) or link.url in seen:
                continue
            seen.add(link.url)
            page = self.fetched(link.url)
            if page is not None:
                out.append(page)
        return out

    def latest_of(self, page: Page) -> tuple[dt.date | None, bool]:
        """The newest dated item of a column page, and whether the page is an index (a list of its sub-columns, no
        dated item of its own: then its sub-columns' newest item counts)."""
        if page.latest_item_on is not None:
            return page.latest_item_on, False
        lists = [p for p in self.sub_pages(page.url) if p.items]
        if not lists:
            return None, False
        dates = [p.latest_item_on for p in lists if p.latest_item_on]
        return (max(dates) if dates else None), True


def context(run: Run) -> Context:
    pages = {p.url: p for p in Page.objects.filter(run=run)}
    links = list(Link.objects.filter(run=run))
    home = pages.get(run.start_url)
    if run.site_id and Column.objects.filter(site_id=run.site_id).exists():
        columns = [ColumnInfo(c.name, c.url, c.kind, c.level, c.update_days) for c in Column.objects.filter(site_id=run.site_id)]
    else:
        columns = discover_columns(run.start_url, links, pages)
    allowed = [d.strip().lower() for d in (run.site.allowed_domains.splitlines() if run.site else ["gov.cn"]) if d.strip()]
    return Context(run, run.checked_on or dt.date.today(), pages, home, links, columns, allowed)


def discover_columns(home_url: str, links: list[Link], pages: dict[str, Page] | None = None) -> list[ColumnInfo]:
    """Columns from the navigation, typed by name (staff correct them in the registry): first-level ones
    from the home page's navigation, second-level ones from the sub-navigation of those column pages, and, on a
    first-level page that is an index (no list of its own, as 政府信息公开 is), the links in its body to list pages
    (pages with list items, or an empty list that says so: 暂无信息), not articles, services or pagination."""
    out, seen = [], {home_url}
    pages = pages or {}

    def candidate(link: Link, nav: bool = True) -> bool:
        return (link.in_nav == nav and not link.outbound and not link.nofollow and link.url not in seen
                and not any(w in link.text for w in ind.NOT_COLUMN_WORDS))

    for link in links:
        if link.page_url != home_url or not candidate(link):
            continue
        seen.add(link.url)
        kind = ind.column_kind(link.text)
        out.append(ColumnInfo(link.text or link.url, link.url, kind, 1, ind.UPDATE_DAYS[kind]))
    first = {c.url for c in out}
    for link in links:
        if link.page_url not in first or not candidate(link):
            continue
        seen.add(link.url)
        kind = ind.column_kind(link.text)
        out.append(ColumnInfo(link.text or link.url, link.url, kind, 2, ind.UPDATE_DAYS[kind]))
    indexes = {url for url in first if (p := pages.get(url)) is not None and p.state == PageState.DONE and p.items == 0}
    names: dict[str, str] = {}
    for link in links:
        if link.page_url not in indexes or link.in_list or not candidate(link, nav=False):
            continue
        target = pages.get(link.url)
        if (target is None or target.state != PageState.DONE or target.published_on is not None or target.service
                or not (target.items or target.empty_list)):
            continue
        text = link.text.strip()
        if text and text not in ind.MORE_WORDS and not text.isdigit():
            names.setdefault(link.url, text)
        else:
            names.setdefault(link.url, "")
    for url, text in names.items():
        name = text or pages[url].title or url
        if any(w in name for w in ind.NOT_COLUMN_WORDS):
            continue
        seen.add(url)
        kind = ind.column_kind(name)
        out.append(ColumnInfo(name, url, kind, 2, ind.UPDATE_DAYS[kind]))
    return out


def _days(today: dt.date, day: dt.date | None) -> int | None:
    return (today - day).days if day else None


@check("unreachable")
def unreachable(ctx: Context) -> list[Found]:
    """站点无法访问 is the probes' ratio over a week (≥ 5 % of at least 20 probes a day), never one failed fetch: a home
    page this crawl could not open is a warning that the other checks had nothing to read."""
    found = []
    home = ctx.home
    if home is None or home.state != PageState.DONE:
        reason = (home.error or (f"HTTP {home.status_code}" if home.status_code else "")) if home else "未抓取"
        found.append(Found("home_unfetched", Severity.WARN, f"本次检查未能打开首页（{reason or '未抓取'}），其他检查项无从检查；"
                           "是否“站点无法访问”以近 7 天的可用性探测为准", url=ctx.run.start_url, suggestion="确认首页可以访问后重新检查。"))
    if not ctx.run.site_id:
        return found
    since = ctx.today - dt.timedelta(days=ind.PROBE_WINDOW_DAYS)
    probes = Probe.objects.filter(site_id=ctx.run.site_id, at__date__gt=since)
    total = probes.count()
    if not total:
        return found
    failed = probes.filter(ok=False).count()
    ratio = failed / total
    enough = total >= ind.PROBES_FOR_VERDICT
    if ratio >= ind.UNREACHABLE_VETO_RATIO and enough:
        severity = Severity.VETO
    elif ratio >= ind.UNREACHABLE_WARN_RATIO:
        severity = Severity.WARN
    else:
        return found
    note = "" if enough else f"；探测不足 {ind.PROBES_FOR_VERDICT} 次（7 天、每天 20 次），尚不能按指标判定"
    found.append(Found("unreachable", severity, f"近 7 天 {total} 次探测中 {failed} 次首页无法访问（{ratio:.1%}；否决线 5%，预警线 3%）{note}",
                       url=ctx.run.start_url, suggestion="排查服务器、带宽和防护设备，确保首页稳定可访问。"))
    return found


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
    latest, where = home.latest_item_on, "首页最近一条信息"
    if home.items == 0:  # only a navigation page: judged on its second-level pages
        dates = [p.latest_item_on for p in ctx.sub_pages(home.url) + [ctx.fetched(c.url) for c in ctx.columns if c.level == 1]
                 if p is not None and p.latest_item_on]
        latest, where = (max(dates) if dates else None), "首页为导航页，二级页面最近一条信息"
        if latest is None:
            return [Found("home_stale", Severity.VETO, "首页为导航页，其二级页面的信息均没有可见的发布时间，按未更新计", url=home.url,
                          page_title=home.title, suggestion="二级页面信息列表显示发布时间，并保持两周内有更新。")]
    days = _days(ctx.today, latest)
    if days is None:
        return [Found("home_stale", Severity.VETO, "首页信息均没有可见的发布时间，按未更新计", url=home.url, page_title=home.title,
                      suggestion="首页信息列表显示发布时间，并保持两周内有更新。")]
    if days >= ind.HOME_STALE_VETO_DAYS:
        severity = Severity.VETO
    elif days >= ind.HOME_STALE_WARN_DAYS:
        severity = Severity.WARN
    else:
        return []
    return [Found("home_stale", severity, f"{where}发布于 {latest:%Y-%m-%d}，已 {days} 天未更新（否决线 14 天，预警线 10 天）",
                  url=home.url, page_title=home.title, published_on=latest, suggestion="及时更新首页信息。")]


@check("columns")
def columns(ctx: Context) -> list[Found]:
    found: list[Found] = []
    stale_a = stale_b = blank = 0
    for col in ctx.columns:
        page = ctx.fetched(col.url)
        if page is None or col.kind in ind.NOT_UPDATE_BOUND:
            continue
        latest, index = ctx.latest_of(page)
        if page.items == 0 and not index:
            blank += 1
            found.append(Found("column_blank", Severity.DEDUCT, f"空白栏目“{col.name}”：栏目中没有任何信息", url=col.url, page_title=page.title,
                               text=col.name, suggestion="补充栏目内容，或撤销、归并该栏目。"))
            continue
        days = _days(ctx.today, latest)
        # 0 exempts nothing, and a period stored before the limits existed is held to the official one (an old row).
        period = min(col.update_days or ind.UPDATE_DAYS.get(col.kind, 365), ind.MAX_UPDATE_DAYS.get(col.kind, 365))
        if days is None or days > period:
            stale_b += 1
            since = f"最近更新 {latest:%Y-%m-%d}（{days} 天前）" if days is not None else "栏目信息均无发布时间"
            name = col.name + ("（含下级栏目）" if index else "")
            found.append(Found("column_stale", Severity.DEDUCT, f"栏目“{name}”{since}，超过应更新周期 {period} 天",
                               url=col.url, page_title=page.title, text=col.name, published_on=latest,
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
    """One finding per dead target, however many pages link to it: a home-page link if the home page is one of them,
    the first linking page as the parent otherwise. Dead links of service pages are 服务不实用 (``service``)."""
    by_target: dict[str, list[Link]] = {}
    for link in ctx.links:
        target = ctx.pages.get(link.url)
        if target is None or target.state != PageState.FAILED or link.nofollow:
            continue
        by_target.setdefault(link.url, []).append(link)
    claimed = {f.url for f in _service_dead_links(ctx)}
    found = []
    for url, links in sorted(by_target.items()):
        if url in claimed:
            continue
        target = ctx.pages[url]
        links.sort(key=lambda k: (k.page_url != ctx.run.start_url, k.page_url))
        first, home = links[0], links[0].page_url == ctx.run.start_url
        parent = ctx.pages.get(first.page_url)
        reason = f"HTTP {target.status_code}" if target.status_code else target.error
        others = len({k.page_url for k in links}) - 1
        found.append(Found("broken_link_home" if home else "broken_link", Severity.DEDUCT,
                           f"{'首页' if home else '页面'}链接不可用（{reason}）" + (f"，另有 {others} 个页面链接到它" if others else ""),
                           url=url, parent=first.page_url, text=first.text, page_title=parent.title if parent else "",
                           suggestion="修改或删除该链接。"))
    return found


def _service_pages(ctx: Context) -> tuple[list[ColumnInfo], list[Page]]:
    """The service columns, and the 办事指南 pages: titled so, or entries of a service column carrying guide elements."""
    cols = [c for c in ctx.columns if c.kind == "service"]
    guides = {url: p for url, p in ctx.pages.items() if p.state == PageState.DONE and (p.service or {}).get("guide")}
    for col in cols:
        for page in ctx.sub_pages(col.url):
            if len((page.service or {}).get("elements", [])) >= ind.GUIDE_MIN_ELEMENTS:
                guides[page.url] = page
    return cols, sorted(guides.values(), key=lambda p: p.url)


def _service_dead_links(ctx: Context) -> list[Found]:
    cols, guides = _service_pages(ctx)
    sources = [c.url for c in cols] + [g.url for g in guides]
    # What every page carries (the footer's 备案 and 党政机关 marks, the header's links) is on the home page too: the
    # site's template, judged by broken_links, not a service of the service pages.
    template = {link.url for link in ctx.links_from.get(ctx.run.start_url, [])}
    dead: dict[str, Link] = {}
    for source in sources:
        for link in ctx.links_from.get(source, []):
            target = ctx.pages.get(link.url)
            if link.in_nav or link.nofollow or target is None or target.state != PageState.FAILED or link.url in dead:
                continue
            if link.url in template and source != ctx.run.start_url:
                continue
            dead[link.url] = link
    found = []
    for url, link in sorted(dead.items()):
        target = ctx.pages[url]
        reason = f"HTTP {target.status_code}" if target.status_code else target.error
        form = url.lower().endswith(ATTACHMENT_EXT) or any(w in link.text for w in ind.FORM_WORDS)
        what = "办事表格或附件无法下载" if form else "办事服务链接无法打开"
        # The server answered that the form or service is not there: a veto. A fetch that failed without an answer
        # (timeout, refused connection) may be the network of one crawl: a warning, to be checked again.
        definite = bool(target.status_code and target.status_code >= 400)
        found.append(Found("service", Severity.VETO if definite else Severity.WARN,
                           f"服务不实用：{what}（{reason}）" if definite else f"{what}（{reason}），请复查",
                           url=url, parent=link.page_url, text=link.text,
                           page_title=(ctx.pages.get(link.page_url) or target).title, suggestion="修复链接，确保表格可以下载、在线系统可以访问。"))
    return found


@check("service")
def service(ctx: Context) -> list[Found]:
    """服务不实用: no 办事服务 at all; a 办事指南 lacking key elements; a form that cannot be downloaded or an online
    service that does not open (19号文)."""
    if ctx.home is None or ctx.home.state != PageState.DONE:
        return []
    cols, guides = _service_pages(ctx)
    # A county's 办事服务 is often its entry into the provincial 政务服务网: a navigation link off the site named as a
    # service counts as the site's 办事服务 (what it leads to is that platform's to answer for).
    off_site = [link for link in ctx.links_from.get(ctx.home.url, [])
                if link.outbound and link.in_nav and ind.column_kind(link.text) == "service"]
    if not cols and not guides and not off_site:
        return [Found("service", Severity.VETO, "服务不实用：网站没有办事服务（导航中没有办事服务栏目，也没有办事指南）", url=ctx.run.start_url,
                      page_title=ctx.home.title, suggestion="开设办事服务栏目，提供要素完整的办事指南，或链接到政务服务平台。")]
    found = []
    for page in guides:
        present = set((page.service or {}).get("elements", []))
        missing = [name for name, _ in ind.GUIDE_ELEMENTS if name not in present]
        if missing:
            found.append(Found("service", Severity.VETO, "服务不实用：办事指南缺少要素：" + "、".join(missing), url=page.url,
                               parent=page.parent_url, text="、".join(missing), page_title=page.title,
                               suggestion="补齐办事指南的事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程。"))
    return found + _service_dead_links(ctx)


SUGGESTIONS = {"personal_data": "删除或脱敏个人信息（身份证号仅保留前 6 位和后 4 位）。", "secrecy": "立即撤下，并按保密规定处置。",
               "secrecy_suspect": "核实是否为密级标志或内部资料；是则撤下，否则无需处理。", "severe_term": "立即按规范表述修改。",
               "wrong_term": "按规范表述修改。"}


def hit_kind(hit: dict) -> tuple[str, str]:
    """(finding kind, severity) of a screening hit: only what screening blocks is a veto, a secrecy marking or a severe
    term (严重表述错误); its warnings are deductions (a personal-data warning only a warning)."""
    blocking = hit.get("severity", "block") == "block"  # runs before severities were stored: as they were judged then
    check = hit["check"]
    if check == "secrecy":
        return ("secrecy", Severity.VETO) if blocking else ("secrecy_suspect", Severity.DEDUCT)
    if check == "wrong_term":
        return ("severe_term", Severity.VETO) if blocking else ("wrong_term", Severity.DEDUCT)
    return check, Severity.DEDUCT if blocking else Severity.WARN


@check("content")
def content(ctx: Context) -> list[Found]:
    """Screening hits of the pages: one finding per problem, so the same text in the same place of a template (on every
    page) is one finding, on the first page that shows it."""
    groups: dict[tuple[str, str, str], list[tuple[Page, dict]]] = {}
    for page in sorted(ctx.pages.values(), key=lambda p: (p.depth, p.url)):
        for hit in page.hits or []:
            kind, _ = hit_kind(hit)
            groups.setdefault((kind, hit["text"], hit.get("context", "")), []).append((page, hit))
    found = []
    for (kind, _, _), hits in groups.items():
        page, hit = hits[0]
        _, severity = hit_kind(hit)
        pages = len({p.url for p, _ in hits})
        message = hit["message"] + (f"（另有 {pages - 1} 个页面相同）" if pages > 1 else "")
        found.append(Found(kind, severity, message, url=page.url, parent=page.parent_url, text=hit["text"], context=hit.get("context", ""),
                           page_title=page.title, published_on=page.published_on, suggestion=SUGGESTIONS.get(kind, "")))
    return found


def _domain_allowed(host: str, allowed: list[str]) -> bool:
    host = host.lower().split(":")[0]
    return any(host == d or host.endswith("." + d) for d in allowed)


@check("links_out")
def links_out(ctx: Context) -> list[Found]:
    found = []
    seen = set()
    for link in sorted(ctx.links, key=lambda k: (k.page_url != ctx.run.start_url, k.page_url)):
        if not link.outbound or link.url in seen:  # one finding per target, on the first page carrying it
            continue
        seen.add(link.url)
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
    if vetoed or points < ind.PASS_SCORE:
        verdict = "不合格"
    elif ctx.home is None or ctx.home.state != PageState.DONE:
        verdict = "无法判定"  # nothing was read: no pass on an empty crawl, no 站点无法访问 on one failed fetch
    else:
        verdict = "合格"
    return found, points, verdict
