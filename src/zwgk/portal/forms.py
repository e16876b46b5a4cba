"""The public filters (browse, search, column pages) as forms: every query parameter is read through one, with bounds,
so a malformed or out-of-range value is ignored (the filter is left off, the page falls back) and never reaches the
database. The JSON API uses the same bounds."""

from __future__ import annotations

from typing import Any

from django import forms

from zwgk.core.bounds import MAX_ID, MAX_PAGE, MAX_QUERY, MAX_YEAR, MIN_YEAR  # noqa: F401 (the limits, one place)
from zwgk.core.models import Organization
from zwgk.publishing.models import Kind, Validity


class PublicFilterForm(forms.Form):
    """A form whose invalid fields are simply left out: ``values()`` gives the valid, non-empty ones."""

    page = forms.IntegerField(min_value=1, required=False)

    def values(self) -> dict[str, Any]:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def page_number(self) -> int:
        """The requested page, 1 when missing or malformed, at most MAX_PAGE (a page past the end shows the last)."""
        return min(self.values().get("page", 1), MAX_PAGE)


class OrganizationIdField(forms.IntegerField):
    """An organization's id, within the id column's range and of an existing organization."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=MAX_ID, required=False, **kwargs)

    def validate(self, value: int | None) -> None:
        super().validate(value)
        if value is not None and not Organization.objects.filter(pk=value).exists():
            raise forms.ValidationError("没有这个发布机构。", code="invalid_choice")


def _year() -> forms.IntegerField:
    return forms.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR, required=False)


def _text() -> forms.CharField:
    """A topic or genre as stored (an imported item may carry one outside today's lists); no control characters."""
    return forms.CharField(max_length=60, required=False)


def _choice(choices: Any) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, required=False)


class BrowseFilterForm(PublicFilterForm):
    organization = OrganizationIdField()
    topic = _text()
    genre = _text()
    year = _year()
    validity = _choice(Validity.choices)


class SearchForm(PublicFilterForm):
    q = forms.CharField(required=False)
    kind = _choice(Kind.choices)
    organization_id = OrganizationIdField()
    topic = _text()
    genre = _text()
    year = _year()
    validity = _choice(Validity.choices)
    sort = _choice([("relevance", "相关度"), ("date", "日期")])

    def query(self) -> str:
        return self.values().get("q", "").strip()[:MAX_QUERY]
