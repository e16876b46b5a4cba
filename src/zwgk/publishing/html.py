"""Sanitizing rich-text bodies (nh3, an allow-list of tags and attributes)."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "a", "img", "span", "div", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
}

def sanitize(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def text_to_html(value: str) -> str:
    """Editors may type plain text (one paragraph a line) or paste HTML."""
    if re.search(r"<\s*(p|div|br|table|ul|ol|h[1-6])\b", value or "", re.I):
        return value
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in (value or "").splitlines() if line.strip())
