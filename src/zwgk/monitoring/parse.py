"""Reading a fetched page: title, links (with hidden ones marked), publish dates, list items,
navigation (columns), search box and site-identity marks. lxml, no JavaScript."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html

from . import indicators

DATE_PATTERNS = [
    re.compile(r"(20\d{2}|19\d{2})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"(20\d{2}|19\d{2})年(\d{1,2})月(\d{1,2})日"),
]
HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|(?:left|top|text-indent)\s*:\s*-\d{3,}|"
    r"height\s*:\s*0(?:px)?\s*;.*overflow\s*:\s*hidden|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)", re.I)
ATTACHMENT_EXT = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".wps", ".ofd", ".zip")
IDENTITY = {
    "site_code": re.compile(r"网站标识码\s*[:：]?\s*[0-9A-Za-z]{6,}"),
    "icp": re.compile(r"ICP\s*备?\s*\d{6,}|ICP备\d+号", re.I),
    "police": re.compile(r"公网安备\s*\d{10,}"),
    "party_mark": re.compile(r"党政机关"),
}


# What a column page prints when it has nothing to list.
EMPTY_LIST = re.compile(r"暂无(?:相关)?(?:信息|数据|内容|记录|文章)|没有(?:相关|任何)?(?:信息|数据|内容|记录)")


def parse_date(text: str) -> dt.date | None:
    for pattern in DATE_PATTERNS:
        m = pattern.search(text or "")
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


@dataclass
class PageLink:
    url: str
    text: str
    hidden: bool
    in_nav: bool
    item_date: dt.date | None  # the date shown beside it in a list, if any
    in_list: bool
    nofollow: bool = False  # rel="nofollow" on a view toggle (关怀模式, the same page with another query): never followed


@dataclass
class Parsed:
    title: str = ""
    text: str = ""
    links: list[PageLink] = field(default_factory=list)
    published_on: dt.date | None = None  # PubDate meta or the article's own date line
    list_dates: list[dt.date] = field(default_factory=list)
    items: int = 0
    undated_items: int = 0
    has_search: bool = False
    footer: dict[str, bool] = field(default_factory=dict)
    service: dict = field(default_factory=dict)  # a 办事指南: {"guide": True, "elements": [the key elements it carries]}
    empty_list: bool = False  # no list item, and the page says its list is empty (暂无信息): an empty column


def _hidden(el) -> bool:  # noqa: ANN001
    node = el
    while node is not None and isinstance(node.tag, str):
        style = node.get("style") or ""
        if HIDDEN_STYLE.search(style) or node.get("hidden") is not None:
            return True
        node = node.getparent()
    return False


def _in(el, tags: tuple[str, ...], classes: tuple[str, ...] = ()) -> bool:  # noqa: ANN001
    node = el.getparent()
    while node is not None and isinstance(node.tag, str):
        if node.tag in tags:
            return True
        cls = (node.get("class") or "") + " " + (node.get("id") or "")
        if any(c in cls.lower() for c in classes):
            return True
        node = node.getparent()
    return False


def _toggle(text: str, url: str, base_url: str) -> bool:
    """A ``rel="nofollow"`` link is skipped only when it toggles a view: a switch word (关怀模式, 无障碍, 繁体…) or the same
    page with another query. Sites mark other links nofollow for search engines; those are still inspected."""
    if any(w in text for w in indicators.NOT_COLUMN_WORDS):
        return True
    here, there = urlsplit(base_url), urlsplit(url)
    return (here.netloc, here.path) == (there.netloc, there.path) and here.query != there.query


def charset_of(content_type: str) -> str | None:
    """The charset an HTTP Content-Type names (``text/html; charset=GBK``), if Python knows it."""
    import codecs

    found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1)).name
    except LookupError:
        return None


def parse(html: bytes | str, base_url: str, charset: str | None = None) -> Parsed:
    """``charset``: the one the HTTP header named; it wins over the page's own (HTML 5 encoding sniffing), and
    without either lxml guesses from the bytes."""
    out = Parsed()
    try:
        parser = lxml.html.HTMLParser(encoding=charset) if charset and isinstance(html, bytes) else None
        doc = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError, LookupError):
        return out
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    title = doc.find(".//title")
    out.title = (title.text_content().strip() if title is not None else "")[:300]
    meta = doc.xpath("//meta[translate(@name,'PUBDATE','pubdate')='pubdate']/@content")
    if meta:
        out.published_on = parse_date(meta[0])
    body = doc.find(".//body")
    out.text = re.sub(r"\s+", " ", (body if body is not None else doc).text_content()).strip()
    if out.published_on is None:
        article_date = doc.xpath("//*[contains(@class,'pubdate') or contains(@class,'article-date') or contains(@class,'info')]")
        for el in article_date[:3]:
            d = parse_date(el.text_content())
            if d:
                out.published_on = d
                break
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        url = urldefrag(urljoin(base_url, href))[0]
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        in_list = a.getparent() is not None and a.getparent().tag == "li" and not _in(a, ("nav", "header", "footer"), ("nav", "menu"))
        item_date = None
        if in_list:
            item_date = parse_date(a.getparent().text_content())
        rel = (a.get("rel") or "").lower().split()
        text = a.text_content().strip()[:200]
        link = PageLink(url=url, text=text, hidden=_hidden(a), in_nav=_in(a, ("nav",), ("nav", "menu")),
                        item_date=item_date, in_list=in_list, nofollow="nofollow" in rel and _toggle(text, url, base_url))
        out.links.append(link)
        if in_list and not link.hidden and not url.lower().endswith(ATTACHMENT_EXT):
            out.items += 1
            if item_date:
                out.list_dates.append(item_date)
            else:
                out.undated_items += 1
    out.empty_list = out.items == 0 and bool(EMPTY_LIST.search(out.text))
    out.has_search = bool(doc.xpath("//form[.//input[@type='search' or @name='q' or @name='keyword' or @name='searchword']]"))
    footer = doc.xpath("//footer") or doc.xpath("//*[contains(@class,'footer') or contains(@id,'footer')]")
    footer_text = " ".join(f.text_content() for f in footer) + " " + " ".join(
        (img.get("alt") or "") + " " + (img.get("title") or "") for f in footer for img in f.iter("img"))
    out.footer = {k: bool(p.search(footer_text)) for k, p in IDENTITY.items()}
    out.service = guide(out.title, " ".join(h.text_content() for h in doc.xpath("//h1")), out.text)
    return out


def guide(title: str, heading: str, text: str) -> dict:
    """Which key elements of a 办事指南 the page carries (any page: the checks decide which pages are guides, by
    their title or by being an entry of a service column)."""
    elements = [name for name, labels in indicators.GUIDE_ELEMENTS if any(label in text for label in labels)]
    is_guide = any(w in title or w in heading for w in indicators.GUIDE_TITLE_WORDS)
    return {"guide": is_guide, "elements": elements} if (is_guide or len(elements) >= indicators.GUIDE_MIN_ELEMENTS) else {}
