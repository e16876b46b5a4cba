"""Screening rules. Each is a registered class; ``engine.screen`` runs them all.

Severity ``block`` stops publication unless a reviewer records an override with a reason;
``warn`` is put in front of the reviewer. The rule decides a finding's severity, and nothing after it
changes it: the edit page's live check and 送审 run the same rules (``engine.screen_draft``). Masked forms (``360222********1234``, ``138****5678``)
are not findings: the patterns need the digits themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

from zwgk.core.codes import USCC_AUTHORITIES, id_check_char, uscc_check_char

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
# Law and sources of these rules: docs/domain/screening.md.
NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
DIGIT_FIRST = r"\d(?<![0-9A-Za-z]\d)"  # a first digit with no letter or digit before it (NOT_ALNUM_BEFORE, digit first)
# One character between groups of digits, the same one throughout a number: space, no-break space,
# ideographic (full-width) space, hyphen.
SEP = r"[ \u00a0\u3000-]"
# Full-width digits, X and hyphen as their ASCII forms, character for character, so positions in the
# translated text are positions in the original.
FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ－", "0123456789Xx-")


_HAS_FULL_WIDTH = re.compile("[０-９Ｘｘ－]")


def _halfwidth(text: str) -> str:
    # str.translate walks the text in Python's slow path for non-ASCII text; most documents have no full-width
    # digit at all, which one regex search (C speed) tells.
    return text.translate(FULL_WIDTH) if _HAS_FULL_WIDTH.search(text) else text


def _digits(number: str) -> str:
    return re.sub(r"[^0-9Xx]", "", _halfwidth(number)).upper()


# GB/T 2260 (中华人民共和国行政区划代码): the first two digits of an address code name the province.
# 71 (台湾省) is in the standard but no resident ID carries it; 81, 82 and 83 with 0000 are the address
# codes of the residence permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018).
PROVINCES = {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古", "21": "辽宁", "22": "吉林", "23": "黑龙江",
    "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东", "41": "河南",
    "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南", "50": "重庆", "51": "四川", "52": "贵州",
    "53": "云南", "54": "西藏", "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
}
PERMIT_REGIONS = ("810000", "820000", "830000")


def region_ok(code: str) -> bool:
    """Whether six digits can be the address code of an ID number: a province, then a prefecture 01-70
    (地级市 01-20 and 51-70, 地区/自治州/盟 21-50) or 90 (省直辖县级行政区划), then any county digits
    (00 for a prefecture-level city without counties, such as 东莞 441900). Codes of abolished counties
    stay in the IDs issued under them, so no list of today's counties is used."""
    if code in PERMIT_REGIONS:
        return True
    prefecture = code[2:4]
    return code[:2] in PROVINCES and ("01" <= prefecture <= "70" or prefecture == "90")


def _valid_date(y: int, m: int, d: int) -> bool:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= day <= dt.date.today()


def id_like(digits: str) -> bool:
    """Eighteen characters with an address code and a birth date that an ID number can have (GB 11643-1999 §5)."""
    return (
        len(digits) == 18 and digits[:17].isdigit() and (digits[17].isdigit() or digits[17] == "X")
        and region_ok(digits[:6]) and _valid_date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    )


def _valid_uscc(digits: str) -> bool:
    kinds = USCC_AUTHORITIES.get(digits[0], "")
    return len(digits) == 18 and digits[1] in kinds and uscc_check_char(digits[:17]) == digits[17]


@register
class IdNumberRule(Rule):
    """公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, check character.
    Found written plain, with full-width digits, or grouped 6-8-4 or 6-4-4-4 by one kind of separator."""

    code = "id_number"
    label = "居民身份证号码"
    # Each pattern consumes its first digit before looking behind it (DIGIT_FIRST): Python's engine then skips the
    # non-digits of Chinese text at C speed instead of testing a look-behind at every position (bench/screening.py).
    ID18 = re.compile(
        DIGIT_FIRST
        + rf"\d{{5}}(?:\d{{8}}|({SEP})\d{{8}}\1|({SEP})\d{{4}}\2\d{{4}}\2)\d{{3}}[0-9Xx]"
        + NOT_ALNUM_AFTER
    )
    ID15 = re.compile(r"([1-9](?<![0-9A-Za-z][1-9])\d{5})(\d{2})(\d{2})(\d{2})(\d{3})" + NOT_ALNUM_AFTER)

    def scan(self, subject: Subject) -> Iterator[Finding]:
        text = subject.text
        plain = _halfwidth(text)
        for m in self.ID18.finditer(plain):
            digits = _digits(m.group(0))
            if not id_like(digits):
                continue
            found = text[m.start() : m.end()]
            expected = id_check_char(digits[:17])
            if expected == digits[17]:
                yield self.finding(BLOCK, m.start(), m.end(), found, "未遮盖的居民身份证号码（校验码有效），公开前应隐去中间位数")
            elif not _valid_uscc(digits):  # an all-digit unified social credit code is not an ID number
                yield self.finding(
                    WARN, m.start(), m.end(), found,
                    f"可能为身份证号，校验位不符（按 GB 11643 第 18 位应为“{expected}”）：请核对，如是身份证号，公开前应隐去中间位数",
                )
        for m in self.ID15.finditer(plain):
            if region_ok(m[1]) and _valid_date(1900 + int(m[2]), int(m[3]), int(m[4])):
                yield self.finding(BLOCK, m.start(), m.end(), text[m.start() : m.end()], "疑似未遮盖的 15 位旧版居民身份证号码")


@register
class MobileRule(Rule):
    code = "mobile"
    label = "手机号码"
    # The look-ahead on the possible first characters lets the engine pass over the rest quickly (see IdNumberRule).
    PATTERN = re.compile(r"(?=[+018])(?<![0-9])(?:(?:\+|00)?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])")

    def scan(self, subject: Subject) -> Iterator[Finding]:
        for m in self.PATTERN.finditer(_halfwidth(subject.text)):
            yield self.finding(BLOCK, m.start(), m.end(), subject.text[m.start() : m.end()],
                               "未遮盖的手机号码，公开前应隐去中间四位（如 138****5678）")


def luhn_ok(digits: str) -> bool:
    """The Luhn formula (ISO/IEC 7812-1 Annex B), the check digit of bank card numbers (JR/T 0008)."""
    if not digits.isdigit():
        return False
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
    """Bank card numbers of 16 to 19 digits: plain, with full-width digits, or in groups of four (4-4-4-4,
    then 1 to 3 more digits, as 4-4-4-4-3 for 19 digits) with one kind of separator, not starting or ending inside
    a longer grouped number. Passing Luhn blocks;
    failing it, a number in groups of four is still a warning, a plain run of digits nothing."""

    code = "bank_card"
    label = "银行卡号"
    PATTERN = re.compile(
        DIGIT_FIRST
        + rf"(?:\d{{15,18}}|(?<!\d{SEP}\d)\d{{3}}({SEP})\d{{4}}\1\d{{4}}\1\d{{4}}(?:\1?\d{{1,3}})?(?!\1\d))"
        + NOT_ALNUM_AFTER
    )

    def scan(self, subject: Subject) -> Iterator[Finding]:
        for m in self.PATTERN.finditer(_halfwidth(subject.text)):
            digits = _digits(m.group(0))
            if id_like(digits) or _valid_uscc(digits):  # an ID number (or a credit code) is not a card number
                continue
            found = subject.text[m.start() : m.end()]
            if luhn_ok(digits):
                yield self.finding(BLOCK, m.start(), m.end(), found, "未遮盖的银行卡号（通过 Luhn 校验）")
            elif m.group(1):  # written in groups of four as only card numbers are: a mistyped or made-up card number
                yield self.finding(
                    WARN, m.start(), m.end(), found,
                    "可能为银行卡号（按四位分组书写），未通过 Luhn 校验：请核对，如是银行卡号，公开前应隐去中间位数",
                )


# --- secrecy markings ------------------------------------------------------------------------------
MARK = r"(?:绝密|机密|秘密)"
PERIOD = r"(?:\d{1,2}\s*(?:年|个月)|长期)"
URGENCY = r"(?:特急|加急|特提|平急)"


@register
class SecrecyMarkRule(Rule):
    """密级标志 as GB/T 9704-2012 §7.2.2 prints them (秘密★1年) and internal-use markings; not the same
    words in the law's and the office's ordinary sentences. Sources: docs/domain/screening.md."""

    code = "secrecy_mark"
    label = "密级标志"
    # Blocking: the ★ of 密级和保密期限; a header line that is only a 密级 (with 份号, 级, 保密期限 or 紧急程度);
    # a 密级 field; a line that is only an internal marking; the internal-use and not-for-release notes.
    STARRED = re.compile(rf"(?:{MARK}|内部)\s*★\s*{PERIOD}?")
    HEADER = re.compile(
        rf"(?m)^[ \t\u3000]*(?:\d{{6}}[ \t\u3000]+)?({MARK}级?(?:[ \t\u3000]*{PERIOD})?)(?:[ \t\u3000]+{URGENCY})?[ \t\u3000]*$"
    )
    FIELD = re.compile(rf"密级[ \t\u3000]*[:：][ \t\u3000]*{MARK}级?")
    LINE = re.compile(r"(?m)^[ \t\u3000]*(内部|内部资料|内部文件|内部刊物|不宜公开)[ \t\u3000]*$")
    PHRASE = re.compile(
        r"内部(?:资料|文件|刊物)[，,、\s]*(?:注意保[存管密]|妥善保管|不得(?:外传|公开|翻印))|[此本该]件不宜?公开"
    )
    # Warning: 绝密, 机密 or 内部资料 anywhere else, unless they are part of a phrase below.
    LOOSE = re.compile(r"绝密|机密|内部资料")
    # Words of the law and of ordinary text that contain the loose words (保守国家秘密法: “国家秘密的密级分为
    # 绝密、机密、秘密三级”, 绝密级国家秘密; 条例 第十四条: 依法确定为国家秘密的政府信息 ...).
    BENIGN = (
        "国家秘密", "国家机密", "商业秘密", "商业机密", "工作秘密", "技术秘密", "机密性", "保守秘密", "失泄密", "泄露秘密",
        "内部资料性出版物", "绝密、机密", "机密、秘密", "绝密级国家秘密", "机密级国家秘密", "绝密级、机密级", "机密级、秘密级",
        "机密级以上", "绝密级以上",
    )

    @classmethod
    def benign(cls, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside one of the ordinary phrases."""
        for phrase in cls.BENIGN:
            lo = max(0, start - len(phrase))
            at = text.find(phrase, lo, end + len(phrase))
            while 0 <= at <= start:
                if at + len(phrase) >= end:
                    return True
                at = text.find(phrase, at + 1, end + len(phrase))
        return False

    def scan(self, subject: Subject) -> Iterator[Finding]:
        text = subject.text
        taken: list[tuple[int, int]] = []
        for pattern, message in (
            (self.STARRED, "密级标志，涉密信息不得公开"),
            (self.HEADER, "单独成行的密级标志，涉密信息不得公开"),
            (self.FIELD, "标明密级的信息，涉密信息不得公开"),
            (self.LINE, "单独成行的内部或不宜公开标志，内部信息不得公开"),
            (self.PHRASE, "内部资料或不公开标注"),
        ):
            for m in pattern.finditer(text):
                group = 1 if pattern in (self.HEADER, self.LINE) else 0
                start, end = m.start(group), m.end(group)
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                yield self.finding(BLOCK, start, end, text[start:end], message)
        for m in self.LOOSE.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken) or self.benign(text, m.start(), m.end()):
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

    # What 送审 refuses without (publishing's submission check): blocking here too, so that the edit page's live
    # check and the submission give a missing item the same weight.
    REQUIRED_TO_SUBMIT: ClassVar[frozenset[str]] = frozenset({"title", "written_date", "topic", "genre"})

    def scan(self, subject: Subject) -> Iterator[Finding]:
        meta = subject.metadata
        if meta is None:
            return
        for key, label in self.REQUIRED.items():
            if not meta.get(key):
                yield self.finding(BLOCK if key in self.REQUIRED_TO_SUBMIT else WARN, -1, -1, "", f"缺少{label}")
        if meta.get("disclosure_mode") == "none" and not meta.get("nondisclosure_ground"):
            yield self.finding(BLOCK, -1, -1, "", "不予公开的信息须写明法定依据")
        if meta.get("is_normative") and not meta.get("doc_number"):
            yield self.finding(BLOCK, -1, -1, "", "行政规范性文件须有发文字号")


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
