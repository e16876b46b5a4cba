"""Django's admin, in Chinese, for administrators (系统管理员) only."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class ZwgkAdminSite(admin.AdminSite):
    site_header = "政务公开平台 · 系统管理"
    site_title = "系统管理"
    index_title = "机构、账号、节假日与审计"
    site_url = "/staff/"

    # Apps from other packages, named in Chinese on the admin's index (their own names are English, untranslated).
    APP_NAMES = {"axes": "登录保护", "django_tasks_database": "后台任务"}

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list:
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["name"] = self.APP_NAMES.get(app["app_label"], app["name"])
        return apps

    def has_permission(self, request: HttpRequest) -> bool:
        from .models import Role

        user = request.user
        return bool(user.is_active and user.is_authenticated and Role.ADMIN in user.role_set)

    def login(self, request: HttpRequest, extra_context: dict | None = None):  # noqa: ANN201
        # One login page for all staff: the throttled, audited one.
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied
        from django.urls import reverse

        if request.user.is_authenticated:
            raise PermissionDenied("只有系统管理员可以进入系统管理。")
        return redirect_to_login(request.GET.get("next", reverse("admin:index")), reverse("core:login"))


    def password_change(self, request: HttpRequest, extra_context: dict | None = None):  # noqa: ANN201
        # The staff page changes the password through the audited service.
        from django.shortcuts import redirect

        return redirect("core:password_change")


class ZwgkAdminConfig(AdminConfig):
    default_site = "zwgk.core.admin_site.ZwgkAdminSite"
