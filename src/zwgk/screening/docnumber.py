"""发文字号 (document numbers) by GB/T 9704-2012 §7.2.4: 机关代字 + 〔YYYY〕 + sequence + 号.

The year is the full four-digit year in 六角括号 〔〕; the sequence has no leading zero and no 第.
Example: 浮府办发〔2024〕12号.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

VALID = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{1,20})〔(?P<year>\d{4})〕(?P<seq>[1-9]\d{0,4})号$")
# A loose shape: prefix, some bracket, a 2- or 4-digit year, the closing bracket, optional 第, digits, 号.
LOOSE = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,20}?)\s*(?P<open>[〔\[\(（【［{〈<《])\s*(?P<year>\d{2,4})\s*"
    r"(?P<close>[〕\]\)）】］}〉>》])\s*(?P<di>第)?\s*(?P<seq>\d{1,6})\s*(?P<hao>号)?"
)


def problems(number: str) -> tuple[list[str], str | None]:
    """What is wrong with ``number`` (empty when valid) and the corrected form when one can be made."""
    number = number.strip()
    if VALID.match(number):
        return [], None
    m = LOOSE.fullmatch(number)
    if not m:
        return ["格式应为“机关代字〔年份〕序号号”"], None
    issues = []
    if m["open"] != "〔" or m["close"] != "〕":
        issues.append(f"年份应使用六角括号〔〕，不能用“{m['open']}{m['close']}”")
    year = m["year"]
    if len(year) != 4:
        issues.append(f"年份应写全四位，不能写成“{year}”")
        year = ("20" + year) if len(year) == 2 else year
    if m["di"]:
        issues.append("序号前不加“第”字")
    seq = m["seq"]
    if seq.startswith("0"):
        issues.append(f"序号不编虚位，“{seq}”应为“{int(seq)}”")
    if not m["hao"]:
        issues.append("序号后应有“号”字")
    fixed = f"{m['prefix']}〔{year}〕{int(seq)}号" if int(seq) > 0 and len(year) == 4 else None
    return issues, fixed


def validate_doc_number(number: str) -> None:
    issues, fixed = problems(number)
    if issues:
        tail = f"应写作“{fixed}”" if fixed else "示例：浮府办发〔2024〕12号"
        raise ValidationError(f"发文字号“{number}”不规范：{'；'.join(issues)}。{tail}。")


# In running text, anchor on the bracketed year and the 号 (fast), then take the 机关代字 before it.
ANCHOR = re.compile(
    r"(?P<open>[〔\[\(（【［{〈<])\s*(?P<year>\d{2,4})\s*(?P<close>[〕\]\)）】］}〉>])\s*(?P<di>第)?\s*(?P<seq>\d{1,6})\s*号"
)
PREFIX_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,20}$")
# Words that run into a 机关代字 in prose (根据浮府办发〔2024〕12号…): not part of the number.
LEAD_WORDS = ("根据", "按照", "依据", "依照", "参照", "对照", "贯彻", "落实", "执行", "印发", "转发", "关于", "详见",
              "见", "经", "按", "依", "据", "和", "及", "与", "的")


def find_malformed(text: str):  # noqa: ANN201
    """Yield (start, end, text, message) for document numbers in ``text`` that break GB/T 9704."""
    for m in ANCHOR.finditer(text):
        prefix = PREFIX_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if prefix is None:
            continue
        start = prefix.start()
        stripped = True
        while stripped and start < m.start() - 1:
            stripped = False
            for word in LEAD_WORDS:
                if text.startswith(word, start) and start + len(word) < m.start():
                    start += len(word)
                    stripped = True
                    break
        candidate = text[start : m.end()]
        issues, fixed = problems(candidate)
        if issues:
            tail = f"，应为“{fixed}”" if fixed else ""
            yield start, m.end(), candidate, f"发文字号不规范：{'；'.join(issues)}{tail}"
