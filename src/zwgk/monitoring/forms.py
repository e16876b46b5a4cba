"""Forms of the monitoring pages."""

from __future__ import annotations

from django import forms

from .services import DEFAULT_PAGES, MAX_PAGES

PAGES_MESSAGE = f"最多抓取页面应为 1 到 {MAX_PAGES} 之间的整数。"


class RunForm(forms.Form):
    max_pages = forms.IntegerField(
        label="最多抓取页面", min_value=1, max_value=MAX_PAGES, required=False,
        error_messages={"invalid": PAGES_MESSAGE, "min_value": PAGES_MESSAGE, "max_value": PAGES_MESSAGE},
    )

    def clean_max_pages(self) -> int:
        return self.cleaned_data["max_pages"] or DEFAULT_PAGES


MAX_UNANSWERED = 1_000_000  # far past any site's backlog; keeps the count inside its integer column
INTERACTION_MESSAGE = f"请填写 0 到 {MAX_UNANSWERED} 之间的整数条数和 2025-01-31 格式的核查日期。"


class InteractionForm(forms.Form):
    unanswered = forms.IntegerField(min_value=0, max_value=MAX_UNANSWERED, required=False)
    checked_on = forms.DateField(input_formats=["%Y-%m-%d"])

    def clean_unanswered(self) -> int:
        return self.cleaned_data["unanswered"] or 0
