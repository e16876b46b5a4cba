"""A generated county website served on 127.0.0.1 for the inspection tests and the crawl benchmark.

``defective_site(today)`` has known defects (listed in ``DEFECTS``); everything else is clean.
``large_site(n)`` is a clean site of n pages for the benchmark.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from zwgk.core.codes import id_check_char

FOOTER = ("<footer><p>主办：浮梁县人民政府办公室 网站标识码：3602220001 赣ICP备12345678号 赣公网安备 36022202000001号</p>"
          "<p><img src='/dzjg.png' alt='党政机关'></p></footer>")
SEARCH = "<form action='/search/' role='search'><input type='search' name='q' aria-label='搜索'><button>搜索</button></form>"
NAV = [("要闻动态", "/news/"), ("通知公告", "/notice/"), ("政策文件", "/policy/"), ("人事信息", "/personnel/"),
       ("专题一", "/blank1/"), ("专题二", "/blank2/"), ("办事服务", "/service/")]
# The ten key elements of a 办事指南 (国办秘函〔2019〕19号 服务不实用), as a county guide prints them.
GUIDE = {"事项名称": "城乡居民最低生活保障审核确认", "设定依据": "《社会救助暂行办法》第十一条", "申请条件": "家庭人均收入低于当地最低生活保障标准",
         "申请材料": "申请书、户口簿、家庭收入情况声明", "办理地点": "浮梁县民政局一楼服务窗口", "实施机构": "浮梁县民政局",
         "收费标准": "不收费", "办理时间": "工作日上午 8:30—12:00，下午 14:30—17:30", "咨询电话": "0798-2621234",
         "办理流程": "申请—受理—审核—公示—确认"}


def guide(title: str, omit: tuple[str, ...] = (), form: str = "", nav: list | None = None) -> bytes:
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in GUIDE.items() if k not in omit)
    link = f"<p><a href='{form}'>申请表下载</a></p>" if form else ""
    return page(title, f"<h1>{title}</h1><table>{rows}</table>{link}", nav=nav)


def page(title: str, body: str, pubdate: dt.date | None = None, nav: list[tuple[str, str]] | None = None) -> bytes:
    meta = f"<meta name='PubDate' content='{pubdate:%Y-%m-%d %H:%M}'>" if pubdate else ""
    menu = "<nav class='nav'><ul>" + "".join(f"<li><a href='{u}'>{n}</a></li>" for n, u in (NAV if nav is None else nav)) + "</ul></nav>"
    return (f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{title}</title>{meta}</head>"
            f"<body><header><a href='/'>浮梁县人民政府</a>{SEARCH}</header>{menu}<main>{body}</main>{FOOTER}</body></html>").encode()


def listing(title: str, items: list[tuple[str, str, dt.date | None]], nav: list | None = None) -> bytes:
    lis = "".join(f"<li><a href='{u}'>{t}</a>{f'<span>{d:%Y-%m-%d}</span>' if d else ''}</li>" for t, u, d in items)
    return page(title, f"<h1>{title}</h1><ul class='list'>{lis}</ul>", nav=nav)


def article(title: str, day: dt.date | None, text: str, extra: str = "", nav: list | None = None) -> bytes:
    date_line = f"<p class='info'>发布时间：{day:%Y-%m-%d}</p>" if day else ""
    return page(title, f"<h1>{title}</h1>{date_line}<div class='content'><p>{text}</p>{extra}</div>", pubdate=day, nav=nav)


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text layer holds ``text`` (ASCII), made by hand with correct offsets."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def person_id(body17: str = "36022219800101123") -> str:
    return body17 + id_check_char(body17)


def defective_site(today: dt.date) -> tuple[dict[str, tuple[int, str, bytes]], dict[str, str]]:
    """(path → (status, content type, body), defect name → the URL path where it is)."""
    d = lambda n: today - dt.timedelta(days=n)  # noqa: E731
    html = "text/html; charset=utf-8"
    pages: dict[str, tuple[int, str, bytes]] = {}

    def add(path: str, body: bytes, ctype: str = html, status: int = 200) -> None:
        pages[path] = (status, ctype, body)

    add("/", page("浮梁县人民政府", "<h1>浮梁县人民政府</h1><ul class='list'>"
                  f"<li><a href='/news/a1.html'>县政府召开常务会议</a><span>{d(21):%Y-%m-%d}</span></li>"
                  f"<li><a href='/policy/p1.html'>浮梁县优化营商环境若干措施</a><span>{d(2):%Y-%m-%d}</span></li>"
                  f"<li><a href='/dead-home.html'>已删除的专题</a><span>{d(3):%Y-%m-%d}</span></li></ul>"
                  "<div style='display:none'><a href='http://casino.example/'>娱乐平台</a></div>"
                  "<p><a href='https://www.gov.cn/'>中国政府网</a></p>"))
    add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    add("/news/", listing("要闻动态", [("县政府召开常务会议", "/news/a1.html", d(21)), ("全县安全生产工作会议召开", "/news/a2.html", d(30)),
                                     ("县领导调研茶产业", "/news/a3.html", d(40))]))
    add("/news/a1.html", article("县政府召开常务会议", d(21), "会议研究了近期重点工作。"))
    add("/news/a2.html", article("全县安全生产工作会议召开", d(30), "会议部署了安全生产工作。"))
    add("/news/a3.html", article("县领导调研茶产业", d(40), "调研组一行察看了茶园。", "<p><a href='/missing-deep.html'>相关报道</a></p>"))
    add("/notice/", listing("通知公告", [("关于公布低保审核结果的公示", "/notice/n1.html", d(213)),
                                        ("关于做好防汛工作的通知", "/notice/n2.html", d(240))]))
    add("/notice/n1.html", article("关于公布低保审核结果的公示", d(213), f"经审核，张某某（身份证号 {person_id()}）符合条件。"))
    add("/notice/n2.html", article("关于做好防汛工作的通知", d(240), "各乡镇要做好防汛准备。", "<p><a href='/files/list.pdf'>附件：名单</a></p>"))
    add("/files/list.pdf", pdf_with_text(f"Name list ID {person_id('36022219900202456')} approved"), "application/pdf")
    add("/policy/", listing("政策文件", [("浮梁县优化营商环境若干措施", "/policy/p1.html", d(2)),
                                        ("浮梁县农村公路养护管理办法", "/policy/p2.html", d(20)),
                                     ("内部工作方案", "/policy/p3.html", d(25))]))
    sub = "<nav class='subnav'><ul><li><a href='/policy/normative/'>行政规范性文件</a></li></ul></nav>"
    pages["/policy/"] = (200, html, pages["/policy/"][2].replace(b"<main>", b"<main>" + sub.encode(), 1))
    add("/policy/normative/", listing("行政规范性文件", [("浮梁县优化营商环境若干措施", "/policy/p1.html", d(2))]))
    add("/policy/p1.html", article("浮梁县优化营商环境若干措施", d(2), "为进一步优化营商环境，制定本措施。依法不宜公开的政府信息不予公开；"
                                   "各单位要确保国家机密安全，保守国家秘密。"))
    add("/policy/p2.html", article("浮梁县农村公路养护管理办法", None, "第一条 为加强农村公路养护管理，制定本办法。"))
    add("/policy/p3.html", article("内部工作方案", d(25), "机密★1年 本方案仅供内部使用。"))
    add("/personnel/", listing("人事信息", [("浮梁县人民政府关于李某某同志任职的通知", "/personnel/r1.html", d(60))]))
    add("/personnel/r1.html", article("浮梁县人民政府关于李某某同志任职的通知", d(60), "经研究决定，任命李某某同志为县教体局副局长。"))
    add("/service/", listing("办事服务", [("最低生活保障审核确认办事指南", "/service/g1.html", None),
                                          ("临时救助审批办事指南", "/service/g2.html", None)]))
    add("/service/g1.html", guide("最低生活保障审核确认办事指南", form="/service/form1.pdf"))
    add("/service/form1.pdf", pdf_with_text("Application form"), "application/pdf")
    add("/service/g2.html", guide("临时救助审批办事指南", omit=("收费标准", "办理流程"), form="/service/form2.xls"))  # form2.xls is missing
    add("/blank1/", listing("专题一", []))
    add("/blank2/", listing("专题二", []))
    defects = {
        "broken_link_home": "/dead-home.html", "broken_link": "/missing-deep.html", "column_stale:news": "/news/",
        "column_stale:notice": "/notice/", "column_blank:1": "/blank1/", "column_blank:2": "/blank2/", "undated": "/policy/p2.html",
        "personal_data:page": "/notice/n1.html", "personal_data:pdf": "/files/list.pdf", "hidden_link": "/",
        "secrecy": "/policy/p3.html", "service:guide": "/service/g2.html", "service:form": "/service/form2.xls",
    }
    return pages, defects


def large_site(n: int, today: dt.date) -> dict[str, tuple[int, str, bytes]]:
    """A clean site of n pages: 20 columns of list pages (50 items each, paged) and articles."""
    html = "text/html; charset=utf-8"
    pages: dict[str, tuple[int, str, bytes]] = {}
    per_list = 50
    articles = n - 1 - (n // per_list) - 20
    cols = 20
    nav = [(f"栏目{c}", f"/c{c}/") for c in range(cols)]
    home_items = []
    lists: dict[int, list] = {c: [] for c in range(cols)}
    for i in range(max(articles, 0)):
        c = i % cols
        day = today - dt.timedelta(days=i % 300)
        url = f"/c{c}/a{i}.html"
        body = "".join(f"<p>浮梁县第{i}号信息第{k}段：各单位要认真贯彻落实有关工作部署，切实做好政务公开工作。</p>" for k in range(12))
        pages[url] = (200, html, article(f"浮梁县工作信息第{i}号", day, body, nav=nav))
        lists[c].append((f"浮梁县工作信息第{i}号", url, day))
        if i < 10:
            home_items.append((f"浮梁县工作信息第{i}号", url, day))
    for c in range(cols):
        items = lists[c]
        chunks = [items[k:k + per_list] for k in range(0, len(items), per_list)] or [[]]
        for k, chunk in enumerate(chunks):
            path = f"/c{c}/" if k == 0 else f"/c{c}/list{k}.html"
            more = f"<p><a href='/c{c}/list{k + 1}.html'>下一页</a></p>" if k + 1 < len(chunks) else ""
            body = listing(f"栏目{c}", chunk, nav=nav)
            pages[path] = (200, html, body.replace(b"</ul></main>", b"</ul>" + more.encode() + b"</main>", 1))
    lis = "".join(f"<li><a href='{u}'>{t}</a><span>{d:%Y-%m-%d}</span></li>" for t, u, d in home_items)
    pages["/"] = (200, html, page("浮梁县人民政府", f"<h1>浮梁县人民政府</h1><ul class='list'>{lis}</ul>", nav=nav))
    return pages


class SiteServer:
    """Serves a dict of pages on 127.0.0.1 (a free port), counting the requests for each path. Requests for the
    paths in ``hold`` wait until ``release()`` (a crawl that cannot finish yet)."""

    def __init__(self, pages: dict[str, tuple[int, str, bytes]], delay: float = 0.0, hold: frozenset[str] = frozenset()) -> None:
        self.pages = pages
        self.delay = delay
        self.hold = hold
        self.released = threading.Event()
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                with server.lock:
                    server.hits[path] += 1
                if server.delay:
                    time.sleep(server.delay)
                if path in server.hold:
                    server.released.wait()
                status, ctype, body = server.pages.get(path, (404, "text/html; charset=utf-8", b"<h1>404</h1>"))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def release(self) -> None:
        self.released.set()

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.release()
        self.httpd.shutdown()
        self.httpd.server_close()
