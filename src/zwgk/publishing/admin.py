from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from zwgk.core.admin import RoleAdmin
from zwgk.core.models import Role

from .models import CatalogItem, Document, PublisherSettings, ReviewChain
from .services import save_publisher_settings, save_review_chain


class ChainForm(forms.ModelForm):
    steps = forms.MultipleChoiceField(
        label="审核环节（按顺序：审核人 → 保密审查员 → 公开办）",
        choices=[(Role.REVIEWER, "审核人"), (Role.SECRECY_REVIEWER, "保密审查员"), (Role.COUNTY_OFFICE, "公开办")],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ReviewChain
        fields = ("organization", "kind", "steps")


@admin.register(ReviewChain)
class ReviewChainAdmin(RoleAdmin):
    form = ChainForm
    list_display = ("__str__", "steps_text")

    @admin.display(description="审核环节")
    def steps_text(self, obj: ReviewChain) -> str:
        return " → ".join(Role(s).label for s in obj.steps)

    def save_model(self, request: HttpRequest, obj: ReviewChain, form: forms.ModelForm, change: bool) -> None:
        order = [Role.REVIEWER, Role.SECRECY_REVIEWER, Role.COUNTY_OFFICE]
        steps = [str(r) for r in order if r in form.cleaned_data["steps"]]
        obj.pk = save_review_chain(request.user, form.cleaned_data["organization"], form.cleaned_data["kind"], steps).pk


@admin.register(PublisherSettings)
class PublisherSettingsAdmin(RoleAdmin):
    list_display = ("organization", "index_template")
    fields = ("organization", "index_template")

    def save_model(self, request: HttpRequest, obj: PublisherSettings, form: forms.ModelForm, change: bool) -> None:
        obj.pk = save_publisher_settings(request.user, form.cleaned_data["organization"], form.cleaned_data["index_template"]).pk


class ReadOnlyAdmin(RoleAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CatalogItem)
class CatalogItemAdmin(ReadOnlyAdmin):
    """Catalog items come from `zwgk import-catalog FILE.csv` (the standard catalogs are long tables)."""

    list_display = ("area", "level1", "level2", "time_limit", "level", "mode")
    list_filter = ("area", "level", "mode")
    search_fields = ("level1", "level2", "elements")


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """For lookups only: documents change through the back office (稿件) and its review."""

    list_display = ("title", "kind", "organization", "status", "validity", "index_no", "published_at")
    list_filter = ("kind", "status", "validity", "organization__kind")
    search_fields = ("title", "doc_number", "index_no")
    exclude = ("body_html", "body_text")
