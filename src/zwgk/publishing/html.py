"""Sanitizing rich-text bodies (nh3, an allow-list of tags and attributes), and what is pasted from Word.

A body keeps structure only: headings (h2–h4; the page's title is the h1), paragraphs, lists, tables with
merged cells, links, and images that are attachments of the document itself (``image_url``: the portal's
``/documents/<id>/images/<sha256>/``, served from the published revision to the public and from the drafts to
staff who may view the document). Every class, style, font and Office markup is dropped.
"""

from __future__ import annotations

import html
import re

import nh3
from lxml import etree
from lxml import html as lxml_html

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "a", "img", "span", "div", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "img": {"src", "alt"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
}
IMAGE_KINDS = ("png", "jpeg", "gif")
IMAGE_SRC = re.compile(r"/documents/(?P<doc>[0-9]{1,18})/images/(?P<sha>[0-9a-f]{64})/")
SPAN = re.compile(r"[1-9][0-9]{0,2}")

# Word's clipboard and "save as web page" markup
_WORD = re.compile(r"mso-|urn:schemas-microsoft-com|class=\"?Mso|<o:p", re.I)
# A list marker is a few characters; bounded so that an opener without its endif costs a bounded scan, not the
# rest of the text (the paste endpoint and the live check run this on every keystroke's text).
_LIST_MARKER = re.compile(r"<!(?:--)?\[if !supportLists\](?:--)?>(.{0,600}?)<!(?:--)?\[endif\](?:--)?>", re.I | re.S)
_CONDITIONAL = re.compile(r"<!(?:--)?\[(?:if [^\]]*|endif)\](?:--)?>", re.I)
_MSO_LIST = re.compile(r"mso-list:\s*(?!none|ignore)\S+\s+level(\d)", re.I)
_ORDERED = re.compile(r"^\s*[\(（]?([0-9]+|[a-zA-Z]{1,4}|[一二三四五六七八九十百]+)[\.\)）、．]")
_EMPTY = re.compile(r"^[\s\u00a0]*$")


def image_url(document_id: int, sha256: str) -> str:
    """Where an image attachment of a document is shown (``portal:image``)."""
    return f"/documents/{document_id}/images/{sha256}/"


def image_allowed(src: str, document_id: int | None = None) -> bool:
    match = IMAGE_SRC.fullmatch(src or "")
    return match is not None and (document_id is None or int(match["doc"]) == document_id)


def sanitize(value: str, document_id: int | None = None) -> str:
    """The body kept to the allow-list. An image is kept only when it shows an attachment (of ``document_id``,
    when given); any other image is dropped whole, not left as an empty tag."""
    value = value or ""
    if _WORD.search(value) or re.search(r"<\s*(img|h1|h5|h6)\b", value, re.I):
        value = _structure(value, document_id)

    def keep(tag: str, attr: str, val: str) -> str | None:
        if tag == "img" and attr == "src":
            return val if image_allowed(val, document_id) else None
        if attr == "lang" or (attr == "title" and tag != "a"):  # nh3's attributes allowed on every tag
            return None
        if attr in ("colspan", "rowspan"):
            return val if SPAN.fullmatch(val.strip()) else None
        return val

    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def clean_paste(value: str, document_id: int | None = None) -> str:
    """What the editor inserts for pasted HTML: Word's headings move one level down (its 标题 1 is a section
    of the body, the page's title is the h1), then the body's sanitizing."""
    value = value or ""
    if _WORD.search(value):
        value = _structure(value, document_id, shift_headings=True)
    return sanitize(value, document_id)


def _structure(value: str, document_id: int | None, shift_headings: bool = False) -> str:
    """Office markup turned into structure before the allow-list: list paragraphs into lists, their typed
    markers removed, empty paragraphs dropped; headings within h2–h4; images not ours removed."""
    value = _LIST_MARKER.sub(lambda m: f"<zwgk-marker>{m.group(1)}</zwgk-marker>", value)
    value = _CONDITIONAL.sub("", value)
    try:
        root = lxml_html.fragment_fromstring(value, create_parent="div")
    except (etree.ParserError, ValueError):
        return value
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(el)
    for el in list(root.iter("style", "script", "xml", "meta", "link", "title")):
        _drop(el)
    for el in list(root.iter("img")):
        if not image_allowed(el.get("src", ""), document_id):
            _drop(el)
    _word_lists(root)
    for el in list(root.iter("zwgk-marker")):
        _drop(el)
    for el in list(root.iter("span")):
        if _typed_marker(el):
            _drop(el)
    for el in list(root.iter("span", "font")):
        el.drop_tag()
    for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        level = int(el.tag[1]) + (1 if shift_headings else 0)
        el.tag = f"h{min(max(level, 2), 4)}"
    for el in list(root.iter("p")):
        if _EMPTY.match(el.text_content()) and not len(el.xpath(".//img")):
            if el.getparent() is not None and el.getparent().tag not in ("td", "th"):
                _drop(el)
    for el in root.iter("table", "thead", "tbody", "tr", "ul", "ol"):  # layout whitespace, not a cell or an item
        if not (el.text or "").strip():
            el.text = None
        for child in el:
            if not (child.tail or "").strip():
                child.tail = None
    out = lxml_html.tostring(root, encoding="unicode")
    return out[len("<div>") : -len("</div>")] if out.startswith("<div>") else out


def _typed_marker(el: etree._Element) -> bool:
    """Word's typed list marker ("1." or a bullet), shown only where lists are not supported."""
    return "mso-list:ignore" in (el.get("style") or "").replace(" ", "").lower()


def _drop(el: etree._Element) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def _word_lists(root: etree._Element) -> None:
    """Runs of Word list paragraphs (``style="mso-list:l0 level1 lfo1"``) become ``ol``/``ul`` with ``li``,
    nested by level; ordered when the typed marker is a number or letter."""
    for parent in list(root.iter()):
        run: list[tuple[etree._Element, int, bool]] = []
        for child in list(parent):
            match = _MSO_LIST.search(child.get("style") or "") if isinstance(child.tag, str) and child.tag == "p" else None
            if match is not None:
                marker = "".join(m.text_content() for m in child.iter("zwgk-marker"))
                if not marker:
                    marker = "".join(s.text_content() for s in child.iter("span") if _typed_marker(s))
                run.append((child, int(match.group(1)), bool(_ORDERED.match(marker))))
                if (child.tail or "").strip() == "":
                    continue
            if run:
                _make_list(parent, run)
                run = []
        if run:
            _make_list(parent, run)


def _make_list(parent: etree._Element, run: list[tuple[etree._Element, int, bool]]) -> None:
    first = run[0][0]
    top = etree.Element("ol" if run[0][2] else "ul")
    parent.insert(parent.index(first), top)
    stack = [(top, run[0][1])]
    for para, level, ordered in run:
        while len(stack) > 1 and level < stack[-1][1]:
            stack.pop()
        if level > stack[-1][1]:
            holder = stack[-1][0]
            anchor = holder[-1] if len(holder) else etree.SubElement(holder, "li")
            nested = etree.SubElement(anchor, "ol" if ordered else "ul")
            stack.append((nested, level))
        item = etree.SubElement(stack[-1][0], "li")
        item.text = para.text
        for sub in list(para):
            item.append(sub)
        parent.remove(para) if para.getparent() is parent else None
    top.tail = run[-1][0].tail
    for para, _, _ in run:
        para.tail = None


def text_to_html(value: str) -> str:
    """Editors may type plain text (one paragraph a line) or paste HTML."""
    if re.search(r"<\s*(p|div|br|table|ul|ol|h[1-6]|img|blockquote)\b", value or "", re.I):
        return value
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in (value or "").splitlines() if line.strip())
