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
