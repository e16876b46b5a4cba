"""Staff accounts and their roles, logins."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone

from .. import audit, permissions
from ..models import Organization, Role, User, UserRole

ACCOUNT_FIELDS = ("username", "full_name", "organization", "phone", "email", "is_active")



def _clean_roles(roles: Iterable[str]) -> list[str]:
    roles = sorted(set(roles))
    bad = [r for r in roles if r not in Role.values]
    if bad:
        raise ValidationError({"roles": f"未知的角色：{'、'.join(bad)}。"})
    return roles


def _check_org_for_roles(organization: Organization | None, roles: list[str]) -> None:
    if organization is None and set(roles) - {Role.ADMIN}:
        raise ValidationError({"organization": "工作人员必须属于一个机构（仅系统管理员可以不属于任何机构）。"})


def _set_roles(user: User, roles: list[str]) -> None:
    UserRole.objects.filter(user=user).exclude(role__in=roles).delete()
    existing = set(UserRole.objects.filter(user=user).values_list("role", flat=True))
    for role in roles:
        if role not in existing:
            UserRole.objects.create(user=user, role=role)
    user._role_cache = frozenset(roles)


def _role_text(roles: Iterable[str]) -> str:
    return "、".join(Role(r).label for r in roles) or "（无）"


@audit.service("core.account.create", "新增工作人员账号")
def create_user(
    actor: User | None, *, username: str, password: str | None, roles: Iterable[str] = (), **fields: Any
) -> User:
    permissions.require(actor, "account.manage")
    unknown = set(fields) - set(ACCOUNT_FIELDS)
    if unknown:
        raise TypeError(f"unknown account fields: {sorted(unknown)}")
    roles = _clean_roles(roles)
    user = User(username=username, **fields)
    _check_org_for_roles(user.organization, roles)
    user.is_staff = Role.ADMIN in roles
    user.full_clean(exclude=["password"])
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"用户名“{username}”已被使用。"})
    if password:
        password_validation.validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    _set_roles(user, roles)
    audit.record(
        actor,
        user,
        summary=f"新增账号 {user.username}（{user.get_full_name()}，{user.organization or '无机构'}），角色：{_role_text(roles)}",
        changes={"roles": roles, "organization": user.organization},
    )
    return user


@audit.service("core.account.update", "修改工作人员账号")
def update_user(actor: User | None, user: User, *, roles: Iterable[str] | None = None, **fields: Any) -> User:
    unknown = set(fields) - set(ACCOUNT_FIELDS)
    if unknown:
        raise TypeError(f"unknown account fields: {sorted(unknown)}")
    user = User.objects.select_for_update().get(pk=user.pk)
    permissions.require(actor, "account.manage", user.organization)
    if "organization" in fields and fields["organization"] is not None:
        permissions.require(actor, "account.manage", fields["organization"])
    changes = audit.diff(user, fields)
    old_roles = sorted(user.role_set)
    new_roles = _clean_roles(roles) if roles is not None else old_roles
    if new_roles != old_roles:
        changes["roles"] = [[Role(r).label for r in old_roles], [Role(r).label for r in new_roles]]
    if not changes:
        audit.nothing_changed()
        return user
    if actor is not None and actor.pk == user.pk and Role.ADMIN in old_roles and Role.ADMIN not in new_roles:
        raise ValidationError({"roles": "不能撤销自己的系统管理员角色，以免无人可以管理系统。"})
    if actor is not None and actor.pk == user.pk and fields.get("is_active") is False:
        raise ValidationError({"is_active": "不能停用自己的账号。"})
    for name, value in fields.items():
        setattr(user, name, value)
    _check_org_for_roles(user.organization, new_roles)
    user.is_staff = Role.ADMIN in new_roles
    user.full_clean(exclude=["password"])
    if User.objects.filter(username__iexact=user.username).exclude(pk=user.pk).exists():
        raise ValidationError({"username": f"用户名“{user.username}”已被使用。"})
    user.save()
    _set_roles(user, new_roles)
    audit.record(actor, user, summary=audit.summarize(User, changes), changes=changes)
    return user


@audit.service("core.account.set_password", "重设密码")
def set_password(actor: User | None, user: User, password: str) -> User:
    if actor is None or actor.pk != user.pk:
        permissions.require(actor, "account.manage", user.organization)
    user = User.objects.select_for_update().get(pk=user.pk)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor, user, summary="重设密码" if actor is None or actor.pk != user.pk else "本人修改密码")
    return user


@audit.service("core.account.upgrade_hash", "升级密码存储算法")
def upgrade_password_hash(user: User, raw_password: str) -> None:
    """Called by Django when a password hashed with older parameters is checked successfully."""
    user.set_password(raw_password)
    user.save(update_fields=["password"])
    audit.record(None, user, summary="登录时按当前算法重新存储密码散列")


@audit.service("core.account.login", "登录")
def record_login(user: User) -> None:
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    audit.record(user, user, summary="登录成功")


@audit.service("core.account.logout", "退出登录")
def record_logout(user: User) -> None:
    audit.record(user, user, summary="退出登录")


@audit.service("core.account.login_failure", "登录失败")
def record_login_failure(username: str) -> None:
    audit.record(None, None, summary=f"用户名“{username[:50]}”登录失败")

