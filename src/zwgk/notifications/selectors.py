"""Questions about notifications: a person's list and unread count, their choices, and who the staff of a unit are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from zwgk.core import permissions
from zwgk.core.models import User

from . import kinds
from .models import Delivery, Notification, NotificationPreference


def unread_count(user: User) -> int:
    """The badge in the staff header: one query."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at=None).count()


def for_user(user: User, *, unread: bool | None = None, kind_keys: Iterable[str] | None = None) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user)
    if unread is True:
        qs = qs.unread()
    elif unread is False:
        qs = qs.read()
    if kind_keys is not None:
        qs = qs.filter(kind__in=list(kind_keys))
    return qs


@dataclass(frozen=True)
class Choice:
    kind: kinds.Kind
    email: bool
    digest: bool

    @property
    def delivery(self) -> str:
        if not self.email:
            return Delivery.IN_APP
        return Delivery.DIGEST if self.digest else Delivery.EMAIL


def choices_for(users: Iterable[User], kind_key: str) -> dict[int, Choice]:
    """Each user's choice for one kind (their row, else the kind's defaults), in one query."""
    kind = kinds.get(kind_key)
    ids = [u.pk for u in users]
    rows = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=ids, kind=kind_key)}
    return {
        uid: Choice(kind, rows[uid].email, rows[uid].digest) if uid in rows else Choice(kind, kind.default_email, kind.default_digest)
        for uid in ids
    }


def preferences(user: User) -> list[Choice]:
    """Every registered kind with this person's choice, for the preferences page."""
    rows = {p.kind: p for p in NotificationPreference.objects.filter(user=user)}
    out = []
    for kind in kinds.ordered():
        row = rows.get(kind.key)
        out.append(Choice(kind, row.email, row.digest) if row else Choice(kind, kind.default_email, kind.default_digest))
    return out


def unit_staff(permission: str, organization_ids: Iterable[int]) -> list[User]:
    """The active staff of these units who hold ``permission`` through a role of their unit. The county office and the
    administrator, whose scope is the whole county, are not a unit's staff."""
    wanted = {int(i) for i in organization_ids if i is not None}
    if not wanted:
        return []
    roles = set(permissions.roles_with(permission)) - set(permissions.COUNTY_WIDE_ROLES)
    users = User.objects.filter(is_active=True, organization_id__in=wanted, roles__role__in=roles).distinct().order_by("pk")
    return list(users)
