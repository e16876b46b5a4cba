"""Bounds of numbers people type into public addresses and forms, in one place for every public surface
(the portal's filters, the API's parameters): a value outside them is ignored or refused in Chinese, never
passed to the database (PostgreSQL refuses a bigint overflow with an error)."""

MAX_ID = 2**63 - 1  # BigAutoField's largest value (Django model field reference: 1 to 9223372036854775807)
MIN_YEAR = 1949  # the earliest government information of the People's Republic
MAX_YEAR = 2100  # far past any real publication year; bounds a typo such as 20244 (Python dates end at 9999)
MAX_PAGE = 10_000  # deep enough for every listing; bounds SQL OFFSET
MAX_QUERY = 100  # characters of a search query that are used


def _bounded(value: object, low: int, high: int) -> int | None:
    from django import forms

    try:
        return forms.IntegerField(min_value=low, max_value=high).clean(value)
    except forms.ValidationError:
        return None


def object_id(value: object) -> int | None:
    """An id sent in a form or an address (``?org=``, a hidden ``report`` field): the number when it is one within the
    id column's range, else None, which matches nothing (the page answers 404 or "not found", never a 500)."""
    return _bounded(value, 1, MAX_ID)


def object_ids(values: list[str]) -> list[int]:
    return [i for i in map(object_id, values) if i is not None]


def year(value: object) -> int | None:
    """A year sent in a form or an address, within MIN_YEAR..MAX_YEAR, else None."""
    return _bounded(value, MIN_YEAR, MAX_YEAR)
