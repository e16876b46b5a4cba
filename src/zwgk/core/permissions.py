"""Who may do what, for which organization.

A staff account belongs to one organization and holds roles. A role grants permissions; a
permission is exercised within a scope of organizations: the user's own organization and the units
under it, or the whole county for the county office (公开办) and the administrator. Later modules add
their permissions to ``ROLE_PERMISSIONS`` through :func:`grant`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from .models import Organization, Role, User

# permission -> Chinese label (for messages)
PERMISSIONS: dict[str, str] = {
    "org.view": "查看机构信息",
    "org.edit_profile": "维护本机构信息",
    "org.manage": "管理机构",
    "account.manage": "管理工作人员账号",
    "calendar.manage": "维护节假日安排",
    "audit.view": "查看和导出审计日志",
    "screening.terms": "维护敏感词与规范表述",
}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.EDITOR: {"org.view"},
    Role.REVIEWER: {"org.view", "org.edit_profile"},
    Role.SECRECY_REVIEWER: {"org.view"},
    Role.COUNTY_OFFICE: {"org.view", "org.edit_profile", "audit.view", "screening.terms"},
    Role.ADMIN: {
        "org.view", "org.edit_profile", "org.manage", "account.manage", "calendar.manage", "audit.view", "screening.terms",
    },
}

# Roles whose scope is every organization in the county.
COUNTY_WIDE_ROLES = {Role.COUNTY_OFFICE, Role.ADMIN}


def grant(role: str, permission: str, label: str) -> None:
    """Add a permission to a role (used by later modules at import time)."""
    PERMISSIONS.setdefault(permission, label)
    ROLE_PERMISSIONS[role].add(permission)


_TREE: ContextVar[dict[int | None, list[int]] | None] = ContextVar("zwgk_org_tree", default=None)


def _read_tree() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Organization.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    return children


def _org_tree() -> dict[int | None, list[int]]:
    tree = _TREE.get()
    return tree if tree is not None else _read_tree()


@contextmanager
def one_tree() -> Iterator[None]:
    """Within the block the organization tree is read once: a read-only page asking many permission questions (the
    工作台's to-do kinds, the menu's counts). Not for code that changes the tree."""
    token = _TREE.set(_TREE.get() if _TREE.get() is not None else _read_tree())
    try:
        yield
    finally:
        _TREE.reset(token)


def subtree_ids(root_id: int) -> set[int]:
    """The organization and every unit below it."""
    children = _org_tree()
    out, stack = set(), [root_id]
    while stack:
        pk = stack.pop()
        if pk in out:
            continue
        out.add(pk)
        stack.extend(children.get(pk, ()))
    return out


def is_county_wide(user: User) -> bool:
    return bool(user.role_set & COUNTY_WIDE_ROLES) or user.is_superuser


def scope_ids(user: User, permission: str) -> set[int] | None:
    """Organization ids where ``user`` holds ``permission``; None means every organization."""
    if not user.is_authenticated or not user.is_active:
        return set()
    roles = user.role_set
    if user.is_superuser:
        return None
    if any(permission in ROLE_PERMISSIONS.get(r, ()) for r in roles & COUNTY_WIDE_ROLES):
        return None
    if user.organization_id is None:
        return set()
    if any(permission in ROLE_PERMISSIONS.get(r, ()) for r in roles):
        return subtree_ids(user.organization_id)
    return set()


def has(user: User, permission: str, org: Organization | None = None) -> bool:
    """Does ``user`` hold ``permission`` for ``org`` (or anywhere, when org is None)?"""
    scope = scope_ids(user, permission)
    if scope is None:
        return True
    if org is None:
        return bool(scope)
    return org.pk in scope


def require(user: User | None, permission: str, org: Organization | None = None) -> None:
    """Raise PermissionDenied with a Chinese message unless ``user`` holds ``permission`` for ``org``."""
    if user is None:
        return  # the system itself (commands run by the operator, migrations)
    if not has(user, permission, org):
        what = PERMISSIONS.get(permission, permission)
        where = f"“{org.short_name or org.name}”" if org is not None else "本系统"
        raise PermissionDenied(f"您没有在{where}{what}的权限。")


def visible_organizations(user: User, permission: str = "org.view") -> QuerySet[Organization]:
    scope = scope_ids(user, permission)
    qs = Organization.objects.all()
    return qs if scope is None else qs.filter(pk__in=scope)


def roles_with(permission: str) -> Iterable[str]:
    return [r for r, perms in ROLE_PERMISSIONS.items() if permission in perms]
