"""Personal data shown where it is not needed is masked, the same way everywhere: a resident ID, a phone number, a
person's name as county sites print commenters (朱**)."""

from __future__ import annotations


def mask_id(number: str) -> str:
    """110105********0035: the first 6 and last 4 characters only."""
    if len(number) <= 8:
        return number[:2] + "*" * max(0, len(number) - 2)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    digits = phone.replace("-", "")
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(name: str) -> str:
    """朱** for 朱小明, 朱* for 朱明: the first character and one star for each other; an empty name stays empty."""
    name = "".join((name or "").split())
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)
