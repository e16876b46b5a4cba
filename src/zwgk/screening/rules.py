"""Screening rules. Each is a registered class; ``engine.screen`` runs them all.

Severity ``block`` stops publication unless a reviewer records an override with a reason;
``warn`` is put in front of the reviewer. Masked forms (``360222********1234``, ``138****5678``)
are not findings: the patterns need the digits themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

from zwgk.core.codes import id_check_char

from . import docnumber

BLOCK, WARN = "block", "warn"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    start: int
    end: int
    text: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Subject:
    """What is screened: plain text, and optionally the item's metadata and the links in its body."""

    text: str
    metadata: dict[str, Any] | None = None
    links: list[str] = field(default_factory=list)


RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    RULES[cls.code] = cls
    return cls


class Rule(ABC):
    code: ClassVar[str]
    label: ClassVar[str]

    @abstractmethod
    def scan(self, subject: Subject) -> Iterator[Finding]:
        """Yield the findings of this rule in ``subject``."""

    def finding(self, severity: str, m_start: int, m_end: int, text: str, message: str) -> Finding:
        return Finding(self.code, severity, m_start, m_end, text, message)


# --- personal data -------------------------------------------------------------------------------
NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"



def _valid_date(y: int, m: int, d: int) -> bool:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= day <= dt.date.today()


@register
class IdNumberRule(Rule):
    code = "id_number"
    label = "居民身份证号码"
    ID18 = re.compile(NOT_ALNUM_BEFORE + r"([1-9]\d{5})(\d{4})(\d{2})(\d{2})(\d{3})([0-9Xx])" + NOT_ALNUM_AFTER)
    ID15 = re.compile(NOT_ALNUM_BEFORE + r"([1-9]\d{5})(\d{2})(\d{2})(\d{2})(\d{3})" + NOT_ALNUM_AFTER)

    def scan(self, subject: Subject) -> Iterator[Finding]:
        text = subject.text
        for m in self.ID18.finditer(text):
            number = m.group(0)
            if not _valid_date(int(m[2]), int(m[3]), int(m[4])):
                continue
            if id_check_char(number[:17]) != number[17].upper():
                continue
            yield self.finding(BLOCK, m.start(), m.end(), number, "未遮盖的居民身份证号码（校验码有效），公开前应隐去中间位数")
        for m in self.ID15.finditer(text):
            if _valid_date(1900 + int(m[2]), int(m[3]), int(m[4])) and int(m[2]) < 100:
                yield self.finding(BLOCK, m.start(), m.end(), m.group(0), "疑似未遮盖的 15 位旧版居民身份证号码")


@register
class MobileRule(Rule):
    code = "mobile"
    label = "手机号码"
    PATTERN = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])")

    def scan(self, subject: Subject) -> Iterator[Finding]:
        for m in self.PATTERN.finditer(subject.text):
            yield self.finding(BLOCK, m.start(), m.end(), m.group(0), "未遮盖的手机号码，公开前应隐去中间四位（如 138****5678）")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


@register
class BankCardRule(Rule):
    code = "bank_card"
    label = "银行卡号"
    PATTERN = re.compile(NOT_ALNUM_BEFORE + r"(?:\d{4}[ -]?){3}\d{4,7}" + NOT_ALNUM_AFTER)

    def scan(self, subject: Subject) -> Iterator[Finding]:
        for m in self.PATTERN.finditer(subject.text):
            digits = re.sub(r"[ -]", "", m.group(0))
            if not 16 <= len(digits) <= 19 or not luhn_ok(digits):
                continue
            if IdNumberRule.ID18.fullmatch(digits):  # an ID number is reported by its own rule
                continue
            yield self.finding(BLOCK, m.start(), m.end(), m.group(0), "未遮盖的银行卡号（通过 Luhn 校验）")


# --- secrecy markings ------------------------------------------------------------------------------
@register
class SecrecyMarkRule(Rule):
    """密级标志 (GB/T 9704 §7.2.2: 密级和保密期限 such as 秘密★1年) and internal-use markings."""

    code = "secrecy_mark"
    label = "密级标志"
    STARRED = re.compile(r"(绝密|机密|秘密|内部)\s*★\s*(?:\d{1,2}\s*(?:年|个月)|长期)?")
    LINE = re.compile(r"(?m)^[ \t\u3000]*(绝密|机密|秘密|内部|内部资料|内部文件|不宜公开)[ \t\u3000]*$")
    PHRASE = re.compile(r"内部资料[，,、\s]*注意保[存管密]|此件不宜公开|内部资料[，,\s]*不得(?:外传|公开)|不宜公开")
    LOOSE = re.compile(r"绝密|机密|内部资料")
    # Legal phrases in ordinary text: not markings.
    BENIGN = ("国家秘密", "商业秘密", "工作秘密", "机密性", "保守秘密", "失泄密", "泄露秘密", "内部资料性出版物")

    def scan(self, subject: Subject) -> Iterator[Finding]:
        text = subject.text
        taken: list[tuple[int, int]] = []
        for pattern, message in (
            (self.STARRED, "密级标志，涉密信息不得公开"),
            (self.LINE, "单独成行的密级或内部标志，涉密或内部信息不得公开"),
            (self.PHRASE, "内部资料或不宜公开标注"),
        ):
            for m in pattern.finditer(text):
                start = m.start(1) if pattern is self.LINE else m.start()
                end = m.end(1) if pattern is self.LINE else m.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                yield self.finding(BLOCK, start, end, text[start:end], message)
        for m in self.LOOSE.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            window = text[max(0, m.start() - 4) : m.end() + 4]
            if any(b in window for b in self.BENIGN):
                continue
            yield self.finding(WARN, m.start(), m.end(), m.group(0), "正文出现“" + m.group(0) + "”，请确认不是密级标志或内部资料")


# --- managed term list --------------------------------------------------------------------------
@register
class TermRule(Rule):
    code = "term"
    label = "敏感词和错误表述"

    def scan(self, subject: Subject) -> Iterator[Finding]:
        from .terms import matcher

        yield from matcher().scan(subject.text)


# --- document numbers, metadata, links ------------------------------------------------------------
@register
class DocNumberFormatRule(Rule):
    code = "doc_number_format"
    label = "发文字号格式"

    def scan(self, subject: Subject) -> Iterator[Finding]:
        for start, end, text, message in docnumber.find_malformed(subject.text):
            yield self.finding(WARN, start, end, text, message)
        number = (subject.metadata or {}).get("doc_number")
        if number:
            issues, fixed = docnumber.problems(number)
            if issues:
                tail = f"，应为“{fixed}”" if fixed else ""
                yield self.finding(WARN, -1, -1, number, f"元数据中的发文字号不规范：{'；'.join(issues)}{tail}")


@register
class MissingMetadataRule(Rule):
    code = "missing_metadata"
    label = "元数据缺项"
    REQUIRED: ClassVar[dict[str, str]] = {
        "title": "标题",
        "organization": "发布机构",
        "written_date": "成文日期",
        "topic": "主题分类",
        "genre": "体裁",
        "disclosure_mode": "公开方式",
        "validity": "有效性",
    }

    def scan(self, subject: Subject) -> Iterator[Finding]:
        meta = subject.metadata
        if meta is None:
            return
        for key, label in self.REQUIRED.items():
            if not meta.get(key):
                yield self.finding(WARN, -1, -1, "", f"缺少{label}")
        if meta.get("disclosure_mode") == "none" and not meta.get("nondisclosure_ground"):
            yield self.finding(WARN, -1, -1, "", "不予公开的信息须写明法定依据")
        if meta.get("is_normative") and not meta.get("doc_number"):
            yield self.finding(WARN, -1, -1, "", "行政规范性文件须有发文字号")


@register
class DeadLinkRule(Rule):
    code = "dead_link"
    label = "失效链接"

    def scan(self, subject: Subject) -> Iterator[Finding]:
        from django.conf import settings

        if not subject.links or not getattr(settings, "ZWGK_SCREENING_CHECK_LINKS", True):
            return
        from .links import broken_links

        for url, reason in broken_links(subject.links):
            start = subject.text.find(url)
            yield self.finding(WARN, start, start + len(url) if start >= 0 else -1, url, f"链接无法打开：{reason}")
