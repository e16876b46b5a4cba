"""Parsing rows of a migration file (one JSON object a line) into document content.

Dates come in the forms real county sites print: 2024-07-16, 2024/7/16, 2024.07.16, 2024年07月16日,
2024年7月16日 16:40, 2024-07-16 16:40:00.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.utils import timezone

from zwgk.core.text import clean_values

from . import taxonomy
from .html import text_to_html
from .models import Validity

DATE = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?\s*$"
)
VALIDITY = {label: value for value, label in Validity.choices} | {v: v for v in Validity.values}
FIELDS = {"title", "body", "issuer", "doc_number", "index_no", "written_date", "publish_date", "topic", "genre", "validity", "url"}


class RowError(ValueError):
    pass


def parse_datetime(value: Any, field: str) -> dt.datetime:
    m = DATE.match(str(value or ""))
    if not m:
        raise RowError(f"{field}“{value}”无法识别，应为 2024-07-16、2024年7月16日 或 2024年7月16日 16:40 等格式")
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
    try:
        naive = dt.datetime(y, mo, d, h, mi, s)
    except ValueError:
        raise RowError(f"{field}“{value}”不是有效的日期") from None
    return timezone.make_aware(naive)


def parse_row(line: str) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RowError(f"不是有效的 JSON（{exc.msg}）") from None
    if not isinstance(row, dict):
        raise RowError("每行应是一个 JSON 对象")
    row = clean_values(row)  # a migration file's text may hold control characters
    unknown = set(row) - FIELDS
    if unknown:
        raise RowError(f"未知字段：{'、'.join(sorted(unknown))}")
    title = str(row.get("title") or "").strip()
    if not title:
        raise RowError("缺少标题（title）")
    written = parse_datetime(row.get("written_date") or row.get("publish_date"), "成文日期").date()
    published = parse_datetime(row.get("publish_date") or row.get("written_date"), "发布日期")
    topic = str(row.get("topic") or "").strip().replace("/", "\\")
    if topic and topic not in taxonomy.TOPIC_VALUES:
        raise RowError(f"主题分类“{topic}”不在国务院政策文件库分类中")
    genre = str(row.get("genre") or "").strip()
    if genre and genre not in taxonomy.genres():
        raise RowError(f"体裁“{genre}”不在体裁列表中")
    validity = VALIDITY.get(str(row.get("validity") or "有效").strip())
    if validity is None:
        raise RowError(f"有效性“{row.get('validity')}”应为 有效、失效、废止 或 已修改")
    url = str(row.get("url") or "").strip()
    if url and not url.startswith(("http://", "https://")):
        raise RowError(f"原网址“{url}”应以 http:// 或 https:// 开头")
    return {
        "content": {
            "title": title[:300],
            "body_html": text_to_html(str(row.get("body") or "")),
            "doc_number": str(row.get("doc_number") or "").strip()[:60],
            "written_date": written,
            "topic": topic,
            "genre": genre,
            "validity": validity,
            "source": str(row.get("issuer") or "").strip()[:100],
        },
        "index_no": str(row.get("index_no") or "").strip() or None,
        "published_at": published,
        "url": url,
    }
