from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from zwgk.core.admin import RoleAdmin

from .models import UserWord
from .services import add_word


@admin.register(UserWord)
class UserWordAdmin(RoleAdmin):
    """The segmentation dictionary: government terms kept whole (run `zwgk reindex` after larger changes)."""

    list_display = ("word", "note")
    search_fields = ("word", "note")
    fields = ("word", "note")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and self._is_admin(request)

    def save_model(self, request: HttpRequest, obj: UserWord, form: forms.ModelForm, change: bool) -> None:
        obj.pk = add_word(request.user, form.cleaned_data["word"], form.cleaned_data.get("note", "")).pk
