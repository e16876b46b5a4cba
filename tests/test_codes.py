import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from zwgk.core.codes import (
    USCC_CHARS,
    make_uscc,
    org_code_check_char,
    validate_org_code,
    validate_org_identifier,
    validate_uscc,
)

# Published codes: the examples of domain/publishing.md and two enterprises' public registrations.
REAL_USCC = ["11441700007280420Y", "91110000802100433B", "91440300708461136T"]


@pytest.mark.parametrize("code", REAL_USCC)
def test_real_unified_social_credit_codes_validate(code):
    validate_uscc(code)
    validate_org_identifier(code)


def test_real_organization_code_validates():
    validate_org_code("000014349")  # the index-number example 000014349/2017-00110
    assert org_code_check_char("00728042") == "0"  # embedded in 11441700007280420Y


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("11441700007280420X", "第 18 位应为“Y”"),
        ("1144170000728042", "应为 9 位组织机构代码或 18 位"),
        ("11441700007280420I", "不允许的字符"),
        ("B1441700007280420Y", "第 1 位"),
        ("000014348", "第 9 位应为“9”"),
        ("0000143a9", "只能是数字或大写字母"),
    ],
)
def test_bad_codes_say_what_is_wrong(code, message):
    with pytest.raises(ValidationError) as exc:
        validate_org_identifier(code)
    assert message in exc.value.messages[0]


body8 = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8)


@given(body=body8, division=st.from_regex(r"\A[0-9]{6}\Z"))
def test_generated_codes_are_valid(body, division):
    code = make_uscc("1", "1", division, body)
    validate_uscc(code)
    validate_org_code(code[8:17])


@given(body=body8, position=st.integers(0, 17), replacement=st.sampled_from(USCC_CHARS))
def test_any_single_character_change_is_caught(body, position, replacement):
    code = make_uscc("9", "1", "360222", body)
    changed = code[:position] + replacement + code[position + 1 :]
    if changed == code:
        return
    with pytest.raises(ValidationError):
        validate_uscc(changed)
