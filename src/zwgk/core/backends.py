"""Model permissions for the administrator role on the third-party admin pages (tasks, login lockouts)."""

from __future__ import annotations

from typing import Any

from .models import Role

ADMIN_APPS = {"axes", "django_tasks_db"}


class AdminRoleBackend:
    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None

    def _is_admin(self, user: Any) -> bool:
        return bool(user.is_active and user.is_authenticated and Role.ADMIN in getattr(user, "role_set", ()))

    def has_perm(self, user: Any, perm: str, obj: Any = None) -> bool:
        return self._is_admin(user) and perm.split(".", 1)[0] in ADMIN_APPS

    def has_module_perms(self, user: Any, app_label: str) -> bool:
        return self._is_admin(user) and app_label in ADMIN_APPS
