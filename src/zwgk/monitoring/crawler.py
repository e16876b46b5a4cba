"""The crawler of an inspection run: asynchronous (httpx), bounded concurrency per host, a politeness
delay, robots.txt honoured by default, page and depth limits, and resumable: the frontier lives in the
database (``Page`` rows), so a restarted worker fetches only what is still queued. Links marked
``rel="nofollow"`` (view toggles such as 关怀模式) are recorded but never fetched.

Two threads: an asyncio loop fetches, parses and screens pages (no database); the calling thread
owns the database connection and writes each page with its links in one transaction, then hands the
new URLs back to the loop. A crash loses at most the pages in flight at that moment.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.db import transaction

from . import indicators, services
from .models import Link, Page, PageState, Run
from .parse import charset_of, parse

USER_AGENT = "zwgk-inspector/1.0 (government website self-inspection)"
MAX_BODY = 20 * 1024 * 1024
CONTENT_RULES = {"id_number": "personal_data", "bank_card": "personal_data", "mobile": "personal_data",
                 "secrecy_mark": "secrecy", "term": "wrong_term"}


# What a failed fetch is called in a finding (httpx's exception names, in words).
NETWORK_ERRORS = {
    "ConnectError": "连接失败（地址无法解析、拒绝连接或网络不通）", "ConnectTimeout": "连接超时", "ReadError": "读取中断",
    "RemoteProtocolError": "服务器响应不合规范", "TooManyRedirects": "重定向次数过多", "UnsupportedProtocol": "不支持的协议",
    "ProxyError": "代理出错", "LocalProtocolError": "请求不合规范", "WriteError": "发送中断",
}


@dataclass
class Options:
    concurrency: int = 16
    per_host: int = 16
    delay: float = 0.0  # seconds between requests to the same host (politeness)
    respect_robots: bool = True
    timeout: float = indicators.PROBE_TIMEOUT_SECONDS
    check_outbound: bool = field(default_factory=lambda: getattr(settings, "ZWGK_INSPECT_CHECK_OUTBOUND", True))
    # In place of the network: the site answered in process (the demo's generated unit site); None fetches for real.
    transport: httpx.AsyncBaseTransport | None = None


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def same_site(url: str, root: str) -> bool:
    a, b = _host(url), _host(root)
    return a == b or a.endswith("." + b.removeprefix("www."))


@dataclass
class Fetched:
    url: str
    depth: int
    result: dict
    links: list  # parse.PageLink, for internal HTML pages


class Screener:
    """The publishing screening rules that matter on a live site; the term list is read once, in the
    database thread, so page workers never touch the database."""

    def __init__(self) -> None:
        from zwgk.screening import terms

        self.terms = terms.matcher()

    def __call__(self, text: str) -> list[dict]:
        from zwgk.screening import engine
        from zwgk.screening.rules import Subject

        found = list(engine.screen(Subject(text=text), rules=[r for r in CONTENT_RULES if r != "term"]))
        found += list(self.terms.scan(text))
        hits = []
        for f in found:  # the law's own wording (依法不宜公开的政府信息, 保守国家秘密) is no marking: screening decides
            context = text[max(0, f.start - 30): f.end + 30]
            hits.append({"check": CONTENT_RULES.get(f.rule, "wrong_term"), "rule": f.rule, "severity": f.severity, "text": f.text[:200],
                         "message": f.message[:300], "context": context[:300]})
        return hits


class Fetcher:
    """The network side, in its own thread and event loop."""

    def __init__(self, root: str, options: Options, screener: Screener, results: queue.Queue) -> None:
        self.root, self.options, self.screener, self.results = root, options, screener, results
        self.host_locks: dict[str, asyncio.Semaphore] = {}
        self.last_request: dict[str, float] = {}
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.todo: asyncio.Queue | None = None
        self.ready = threading.Event()
        self.error: BaseException | None = None

    def submit(self, items: list[tuple[str, int]]) -> None:
        for item in items:
            self.loop.call_soon_threadsafe(self.todo.put_nowait, item)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.todo.put_nowait, None)

    async def _robots(self, client: httpx.AsyncClient) -> None:
        if not self.options.respect_robots:
            return
        parts = urlsplit(self.root)
        parser = urllib.robotparser.RobotFileParser()
        try:
            r = await client.get(f"{parts.scheme}://{parts.netloc}/robots.txt", timeout=self.options.timeout)
            parser.parse(r.text.splitlines() if r.status_code == 200 else [])
        except httpx.HTTPError:
            parser.parse([])
        self.robots = parser

    async def _get(self, client: httpx.AsyncClient, url: str) -> tuple[int | None, str, bytes, str]:
        host = _host(url)
        lock = self.host_locks.setdefault(host, asyncio.Semaphore(self.options.per_host))
        async with lock:
            if self.options.delay > 0:
                wait = self.last_request.get(host, 0) + self.options.delay - time.monotonic()
                self.last_request[host] = max(time.monotonic(), self.last_request.get(host, 0) + self.options.delay)
                if wait > 0:
                    await asyncio.sleep(wait)
            try:
                async with client.stream("GET", url, timeout=self.options.timeout) as r:
                    body = bytearray()
                    async for chunk in r.aiter_bytes():
                        body += chunk
                        if len(body) > MAX_BODY:
                            break
                    return r.status_code, r.headers.get("content-type", ""), bytes(body), ""
            except httpx.TimeoutException:
                return None, "", b"", f"超过 {self.options.timeout:.0f} 秒未响应"
            except httpx.HTTPError as e:
                return None, "", b"", f"无法连接：{NETWORK_ERRORS.get(type(e).__name__, '网络错误')}"

    async def _visit(self, client: httpx.AsyncClient, url: str, depth: int) -> Fetched:
        from zwgk.screening.extract import extract_text, sniff

        internal = same_site(url, self.root)
        if internal and self.robots is not None and not self.robots.can_fetch(USER_AGENT, url):
            return Fetched(url, depth, {"state": PageState.SKIPPED, "error": "robots.txt 不允许抓取"}, [])
        status, ctype, body, error = await self._get(client, url)
        ok = bool(status and status < 400)
        result: dict = {"status_code": status, "content_type": ctype[:100], "error": error,
                        "state": PageState.DONE if ok else PageState.FAILED}
        links: list = []
        text = ""
        is_html = "html" in ctype or body[:200].lstrip().lower().startswith((b"<!doctype html", b"<html"))
        if ok and internal and is_html:
            parsed = await asyncio.to_thread(parse, body, url, charset_of(ctype))
            text, links = parsed.text, parsed.links
            result.update(title=parsed.title, published_on=parsed.published_on,
                          latest_item_on=max(parsed.list_dates) if parsed.list_dates else None, items=parsed.items,
                          undated_items=parsed.undated_items, has_search=parsed.has_search, footer=parsed.footer,
                          service=parsed.service, empty_list=parsed.empty_list)
        elif ok and internal and body:
            kind = sniff(body)
            if kind in ("pdf", "docx", "xlsx", "ofd"):
                text = await asyncio.to_thread(extract_text, body, kind) or ""
                result["title"] = urlsplit(url).path.rsplit("/", 1)[-1][:300]
        if text:
            result["hits"] = await asyncio.to_thread(self.screener, text)
        return Fetched(url, depth, result, links)

    async def _worker(self, client: httpx.AsyncClient) -> None:
        while True:
            item = await self.todo.get()
            if item is None:
                await self.todo.put(None)  # let the other workers stop too
                return
            url, depth = item
            try:
                fetched = await self._visit(client, url, depth)
            except Exception as e:  # noqa: BLE001 (one bad page must not stop the crawl; it is recorded)
                fetched = Fetched(url, depth, {"state": PageState.FAILED, "error": f"处理出错：{type(e).__name__}"[:200]}, [])
            self.results.put(fetched)

    def run(self) -> None:
        try:
            asyncio.run(self.main())
        except BaseException as e:  # noqa: BLE001 (reported to the database thread)
            self.error = e
        finally:
            self.ready.set()
            self.results.put(None)

    async def main(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.todo = asyncio.Queue()
        limits = httpx.Limits(max_connections=self.options.concurrency, max_keepalive_connections=self.options.concurrency)
        async with httpx.AsyncClient(headers={"User-Agent": USER_AGENT}, follow_redirects=True, limits=limits, trust_env=False,
                                     transport=self.options.transport) as client:
            await self._robots(client)
            self.ready.set()
            await asyncio.gather(*(self._worker(client) for _ in range(self.options.concurrency)))


class Crawler:
    def __init__(self, run: Run, options: Options | None = None) -> None:
        self.run = run
        self.options = options or Options()
        self.root = run.start_url
        self.seen: set[str] = set()
        self.fetched = 0

    def _load(self) -> list[tuple[str, int]]:
        pages = Page.objects.filter(run=self.run)
        if not pages.exists():
            Page.objects.create(run=self.run, url=self.root, depth=0)
        self.seen = set(pages.values_list("url", flat=True))
        self.run = services.begin_crawl(self.run)
        return list(pages.filter(state=PageState.QUEUED).order_by("depth", "pk").values_list("url", "depth"))

    def _save(self, f: Fetched) -> list[tuple[str, int]]:
        """Write one fetched page and its links; queue the new URLs it leads to (within the limits)."""
        new: list[tuple[str, int, str]] = []
        links: list[Link] = []
        for link in f.links:
            outbound = not same_site(link.url, self.root)
            links.append(Link(run=self.run, page_url=f.url, url=link.url[:1000], text=link.text, outbound=outbound,
                              hidden=link.hidden, in_nav=link.in_nav, in_list=link.in_list and link.item_date is not None,
                              nofollow=link.nofollow))
            if link.nofollow or link.url in self.seen or len(self.seen) >= self.run.max_pages:
                continue
            if (outbound and self.options.check_outbound) or (not outbound and f.depth < self.run.max_depth):
                self.seen.add(link.url)
                new.append((link.url[:1000], f.depth + 1, f.url))
        with transaction.atomic():
            Page.objects.filter(run=self.run, url=f.url).update(**f.result)
            if new:
                Page.objects.bulk_create([Page(run=self.run, url=u, depth=d, parent_url=p) for u, d, p in new], ignore_conflicts=True)
            if links:
                Link.objects.bulk_create(links, batch_size=500)
        return [(u, d) for u, d, _ in new]

    def crawl(self) -> int:
        """Fetch every queued page; returns how many were fetched in this session."""
        pending = self._load()
        if not pending:
            return 0
        results: queue.Queue[Fetched] = queue.Queue()
        fetcher = Fetcher(self.root, self.options, Screener(), results)
        thread = threading.Thread(target=fetcher.run, name="zwgk-crawl", daemon=True)
        thread.start()
        fetcher.ready.wait(timeout=self.options.timeout + 5)
        if fetcher.error is not None:
            raise RuntimeError(f"抓取线程出错：{fetcher.error!r}") from fetcher.error
        fetcher.submit(pending)
        outstanding = len(pending)
        try:
            while outstanding:
                fetched = results.get()
                if fetched is None:
                    raise RuntimeError(f"抓取线程意外停止：{fetcher.error!r}") from fetcher.error
                new = self._save(fetched)
                self.fetched += 1
                outstanding += len(new) - 1
                if new:
                    fetcher.submit(new)
        finally:
            if thread.is_alive():
                fetcher.stop()
            thread.join(timeout=30)
        return self.fetched


def crawl(run: Run, options: Options | None = None) -> int:
    return Crawler(run, options).crawl()
