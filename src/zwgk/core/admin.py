"""Administration pages. Every save and delete goes through the core services (and so the audit log)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import password_validation
from django.http import HttpRequest

from .models import AuditEntry, CalendarDay, CalendarYear, Organization, Role, User
from .services import accounts, calendar, orgs


class RoleAdmin(admin.ModelAdmin):
    """Visible and editable by the administrator role only; no bulk delete."""

    actions = None

    def _is_admin(self, request: HttpRequest) -> bool:
        return request.user.is_active and Role.ADMIN in request.user.role_set

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._is_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organization)
class OrganizationAdmin(RoleAdmin):
    list_display = ("name", "short_name", "kind", "parent", "doc_prefix", "code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "code", "doc_prefix")
    fields = orgs.EDITABLE_FIELDS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # noqa: ANN001, ANN003, ANN201
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.empty_label = "（无上级机构）"
        return field

    def save_model(self, request: HttpRequest, obj: Organization, form: forms.ModelForm, change: bool) -> None:
        data = {f: form.cleaned_data[f] for f in form.changed_data if f in orgs.EDITABLE_FIELDS}
        if change:
            orgs.update_organization(request.user, obj, **data)
        else:
            obj.pk = orgs.create_organization(request.user, **{f: form.cleaned_data[f] for f in orgs.EDITABLE_FIELDS}).pk


class UserAdminForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label="角色", choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    new_password1 = forms.CharField(
        label="新密码", required=False, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="新建账号时必填；修改账号时留空表示不改密码。至少 10 位，不能全是数字或过于常见。",
    )
    new_password2 = forms.CharField(
        label="再次输入新密码", required=False, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    class Meta:
        model = User
        fields = ("username", "full_name", "organization", "phone", "email", "is_active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].empty_label = "（请选择机构）"
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.role_set)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        clash = User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"用户名“{username}”已被使用。")
        return username

    def clean(self) -> dict:
        data = super().clean()
        p1, p2 = data.get("new_password1"), data.get("new_password2")
        if not self.instance.pk and not p1:
            self.add_error("new_password1", "新建账号需要设置初始密码。")
        if p1 or p2:
            if p1 != p2:
                self.add_error("new_password2", "两次输入的密码不一致。")
            else:
                try:
                    password_validation.validate_password(p1, self.instance)
                except forms.ValidationError as exc:
                    self.add_error("new_password1", exc)
        roles = set(data.get("roles") or ())
        if data.get("organization") is None and roles - {Role.ADMIN}:
            self.add_error("organization", "工作人员必须属于一个机构（仅系统管理员可以不属于任何机构）。")
        return data


@admin.register(User)
class UserAdmin(RoleAdmin):
    form = UserAdminForm
    list_display = ("username", "full_name", "organization", "roles_text", "is_active", "last_login")
    list_filter = ("is_active", "roles__role", "organization__kind")
    search_fields = ("username", "full_name", "organization__name", "organization__short_name")
    readonly_fields = ("last_login", "date_joined")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list:
        main = ("username", "full_name", "organization", "phone", "email", "is_active", "roles")
        sets = [(None, {"fields": main}), ("密码", {"fields": ("new_password1", "new_password2")})]
        if obj is not None:
            sets.append(("记录", {"fields": ("last_login", "date_joined")}))
        return sets

    @admin.display(description="角色")
    def roles_text(self, obj: User) -> str:
        return "、".join(obj.role_labels())

    def get_queryset(self, request: HttpRequest):  # noqa: ANN201
        return super().get_queryset(request).select_related("organization").prefetch_related("roles")

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool) -> None:
        data = {f: form.cleaned_data[f] for f in accounts.ACCOUNT_FIELDS if f in form.cleaned_data}
        roles = form.cleaned_data.get("roles") or []
        password = form.cleaned_data.get("new_password1") or None
        if change:
            changed = {f: data[f] for f in form.changed_data if f in accounts.ACCOUNT_FIELDS}
            accounts.update_user(request.user, obj, roles=roles, **changed)
            if password:
                accounts.set_password(request.user, obj, password)
        else:
            username = data.pop("username")
            obj.pk = accounts.create_user(request.user, username=username, password=password, roles=roles, **data).pk

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        """Roles were saved by the service; there is nothing else related to save."""


@admin.register(CalendarYear)
class CalendarYearAdmin(RoleAdmin):
    list_display = ("year", "source", "note")
    fields = ("year", "source", "note")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple:
        return ("year",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: forms.ModelForm, change: bool) -> None:
        calendar.set_year(request.user, obj.year, form.cleaned_data["source"], form.cleaned_data.get("note", ""))


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ("date", "kind", "name")

    def clean(self) -> dict:
        data = super().clean()
        day, kind = data.get("date"), data.get("kind")
        if day and kind == "workday" and day.weekday() < 5:
            self.add_error("kind", f"{day:%Y-%m-%d} 是周一至周五，本来就是工作日，不必设为补班。")
        return data


@admin.register(CalendarDay)
class CalendarDayAdmin(RoleAdmin):
    form = CalendarDayForm
    list_display = ("date", "weekday", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("name",)

    @admin.display(description="星期")
    def weekday(self, obj: CalendarDay) -> str:
        return "一二三四五六日"[obj.date.weekday()]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_admin(request)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple:
        return ("date",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: forms.ModelForm, change: bool) -> None:
        obj.pk = calendar.set_day(request.user, obj.date, obj.kind, obj.name).pk

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        calendar.clear_day(request.user, obj.date)


@admin.register(AuditEntry)
class AuditEntryAdmin(RoleAdmin):
    list_display = ("created_at", "actor_name", "organization_name", "action_label", "object_repr", "summary", "client_ip")
    list_filter = ("action_label", "organization_name")
    search_fields = ("actor_name", "summary", "object_repr", "object_id")
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
