"""A draft's text split into its numbered parts: 章 (and 节) as headings, 第一条/第二条… as articles, the paragraphs
of an article as its 款; a text without articles becomes numbered paragraphs. Each part gets an anchor that is
stable within its version (``v2-a3`` the article, ``v2-a3-p2`` its second 款, ``v2-p4`` a paragraph, ``v2-c1`` a
chapter); a new version has new anchors, so an opinion stays tied to the text it was written on."""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = r"[零〇一二两三四五六七八九十百千\d]+"
CHAPTER = re.compile(rf"^第({NUMERAL})([章节])[\s\u3000]*(.*)$")
ARTICLE = re.compile(rf"^第({NUMERAL})条[\s\u3000]*(.*)$")


def chinese_number(text: str) -> int:
    """第十三条 → 13, 一百零五 → 105, 二十 → 20, 12 → 12."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch in UNITS:
            total += (current or 1) * UNITS[ch]
            current = 0
    return total + current


@dataclass(frozen=True)
class Part:
    kind: str  # "chapter", "article" (its first 款), "clause" (a further 款), "paragraph", "preamble"
    article: int  # the article's (or the paragraph's) number; 0 for headings and the preamble
    paragraph: int  # the 款's number within its article (1 for the article's first line)
    anchor: str
    label: str  # 第三条, 第三条第二款, 第4段, 第一章
    text: str
    target: str  # the anchor an opinion on this part attaches to (the article's, or the paragraph's)


def split(text: str, version: int) -> list[Part]:
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    has_articles = any(ARTICLE.match(line) for line in lines)
    parts: list[Part] = []
    v = f"v{version}"
    if not has_articles:
        for n, line in enumerate(lines, 1):
            anchor = f"{v}-p{n}"
            parts.append(Part("paragraph", n, 1, anchor, f"第{n}段", line, anchor))
        return parts
    article, paragraph, chapter, pre = 0, 0, 0, 0
    for line in lines:
        m = CHAPTER.match(line)
        if m:
            chapter += 1
            parts.append(Part("chapter", 0, 0, f"{v}-c{chapter}", f"第{m[1]}{m[2]}", line, ""))
            continue
        m = ARTICLE.match(line)
        if m:
            article, paragraph = chinese_number(m[1]), 1
            anchor = f"{v}-a{article}"
            if any(p.anchor == anchor for p in parts):  # a number written twice: keep anchors unique
                article = max(p.article for p in parts) + 1
                anchor = f"{v}-a{article}"
            parts.append(Part("article", article, 1, anchor, f"第{m[1]}条", line, anchor))
            continue
        if article == 0:
            pre += 1
            parts.append(Part("preamble", 0, pre, f"{v}-intro{pre}", "", line, ""))
            continue
        paragraph += 1
        head = next(p for p in reversed(parts) if p.kind == "article")
        parts.append(Part("clause", article, paragraph, f"{v}-a{article}-p{paragraph}", f"{head.label}第{_cn(paragraph)}款",
                          line, head.anchor))
    return parts


def _cn(n: int) -> str:
    names = "零一二三四五六七八九"
    if n < 10:
        return names[n]
    if n < 20:
        return "十" + (names[n % 10] if n % 10 else "")
    return names[n // 10] + "十" + (names[n % 10] if n % 10 else "")
