"""Organization identifiers used in index numbers (索引号).

- 组织机构代码 (organization code), GB 11714-1997: 8 body characters (digits or capital letters) and a
  check character; weights 3 7 9 10 5 8 4 2, check = 11 - (sum mod 11), 10 -> ``X``, 11 -> ``0``.
- 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character set
  (digits and capitals without I O S V Z): registration authority (1), organization type (1),
  administrative division code (6), organization code (9), check character (1); weights
  3^i mod 31, check = 31 - (sum mod 31), 31 -> ``0``.
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError

ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_BODY_CHARS = string.digits + string.ascii_uppercase

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
# GB 32100-2015 table 1: registration authority -> allowed organization types.
USCC_AUTHORITIES = {
    "1": "1239",  # 机构编制: 机关, 事业单位, 中央编办直管群众团体, 其他
    "2": "19",  # 外交
    "3": "1239",  # 司法行政
    "4": "19",  # 文化
    "5": "1239",  # 民政
    "6": "129",  # 旅游
    "7": "129",  # 宗教
    "8": "19",  # 工会
    "9": "123",  # 工商 / 市场监管: 企业, 个体工商户, 农民专业合作社
    "A": "19",  # 中央军委改革和编制办公室
    "N": "1239",  # 农业
    "Y": "1",  # 其他
}


def org_code_check_char(body: str) -> str:
    total = sum(ORG_CODE_BODY_CHARS.index(ch) * w for ch, w in zip(body, ORG_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_check_char(body: str) -> str:
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(body, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def validate_org_code(code: str) -> None:
    """Raise ValidationError (Chinese) unless ``code`` is a valid 9-character organization code."""
    if len(code) != 9:
        raise ValidationError(f"组织机构代码应为 9 位，“{code}”有 {len(code)} 位。")
    body, check = code[:8], code[8]
    if any(ch not in ORG_CODE_BODY_CHARS for ch in body):
        raise ValidationError(f"组织机构代码“{code}”的前 8 位只能是数字或大写字母。")
    expected = org_code_check_char(body)
    if check != expected:
        raise ValidationError(f"组织机构代码“{code}”的校验码错误：第 9 位应为“{expected}”。")


# 公民身份号码, GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence, check character.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_char(body17: str) -> str:
    """GB 11643-1999 check character of an 18-character resident identity number."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def validate_resident_id(number: str) -> None:
    """Raise ValidationError (Chinese) unless ``number`` is a well-formed 18-character resident ID."""
    import datetime as dt

    if len(number) != 18:
        raise ValidationError(f"居民身份证号码应为 18 位，“{number}”有 {len(number)} 位。")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] in "Xx"):
        raise ValidationError("居民身份证号码前 17 位应为数字，第 18 位为数字或 X。")
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(f"居民身份证号码第 7-14 位“{number[6:14]}”不是有效的出生日期。") from None
    if born.year < 1900 or born > dt.date.today():
        raise ValidationError(f"居民身份证号码第 7-14 位“{number[6:14]}”不是有效的出生日期。")
    expected = id_check_char(number[:17])
    if number[17].upper() != expected:
        # never the expected character: it would let anyone complete a made-up number
        raise ValidationError("身份证号码校验位不符，请核对后重新填写。")


def validate_uscc(code: str) -> None:
    """Raise ValidationError (Chinese) unless ``code`` is a valid 18-character unified social credit code."""
    if len(code) != 18:
        raise ValidationError(f"统一社会信用代码应为 18 位，“{code}”有 {len(code)} 位。")
    bad = sorted({ch for ch in code if ch not in USCC_CHARS})
    if bad:
        raise ValidationError(
            f"统一社会信用代码“{code}”含有不允许的字符：{'、'.join(bad)}（不使用 I、O、S、V、Z 和小写字母）。"
        )
    authority, kind = code[0], code[1]
    if authority not in USCC_AUTHORITIES:
        raise ValidationError(f"统一社会信用代码“{code}”的第 1 位（登记管理部门）“{authority}”无效。")
    if kind not in USCC_AUTHORITIES[authority]:
        raise ValidationError(f"统一社会信用代码“{code}”的第 2 位（机构类别）“{kind}”与登记管理部门不符。")
    if not code[2:8].isdigit():
        raise ValidationError(f"统一社会信用代码“{code}”的第 3-8 位应为行政区划代码（6 位数字）。")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(f"统一社会信用代码“{code}”的校验码错误：第 18 位应为“{expected}”。")


def validate_org_identifier(code: str) -> None:
    """An organization is identified by a 9-character organization code or an 18-character USCC."""
    if len(code) == 18:
        validate_uscc(code)
    elif len(code) == 9:
        validate_org_code(code)
    else:
        raise ValidationError(
            f"机构代码应为 9 位组织机构代码或 18 位统一社会信用代码，“{code}”有 {len(code)} 位。"
        )


def make_uscc(authority: str, kind: str, division: str, org_body: str) -> str:
    """Build a well-formed USCC from its parts (used for illustrative demo codes)."""
    org_code = org_body + org_code_check_char(org_body)
    body = authority + kind + division + org_code
    return body + uscc_check_char(body)
