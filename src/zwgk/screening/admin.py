from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from zwgk.core.admin import RoleAdmin

from .models import Term
from .services import FIELDS, save_term


@admin.register(Term)
class TermAdmin(RoleAdmin):
    list_display = ("wrong", "right", "kind", "severity", "note", "is_active", "updated_at")
    list_filter = ("kind", "severity", "is_active")
    search_fields = ("wrong", "right", "note")
    fields = FIELDS

    def save_model(self, request: HttpRequest, obj: Term, form: forms.ModelForm, change: bool) -> None:
        if change:
            save_term(request.user, obj, **{f: form.cleaned_data[f] for f in form.changed_data if f in FIELDS})
        else:
            obj.pk = save_term(request.user, **{f: form.cleaned_data[f] for f in FIELDS}).pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
