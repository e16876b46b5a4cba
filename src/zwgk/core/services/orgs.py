"""Organizations: create, update, move in the tree, deactivate."""

from __future__ import annotations

from typing import Any

from .. import audit, permissions
from ..models import Organization, User

# Fields a unit's own reviewer may maintain (contact block of its 政府信息公开指南).
PROFILE_FIELDS = ("address", "phone", "email", "office_hours", "notice_number_pattern", "fee_payment")
EDITABLE_FIELDS = ("parent", "name", "short_name", "kind", "doc_prefix", "code", "sort_order", "is_active") + PROFILE_FIELDS


@audit.service("core.org.create", "新增机构")
def create_organization(actor: User | None, **fields: Any) -> Organization:
    permissions.require(actor, "org.manage")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown organization fields: {sorted(unknown)}")
    org = Organization(**fields)
    org.full_clean()
    org.save()
    audit.record(actor, org, summary=f"新增机构“{org.name}”（{org.get_kind_display()}，代码 {org.code}）")
    return org


@audit.service("core.org.update", "修改机构信息")
def update_organization(actor: User | None, org: Organization, **fields: Any) -> Organization:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown organization fields: {sorted(unknown)}")
    org = Organization.objects.select_for_update().get(pk=org.pk)
    if set(fields) <= set(PROFILE_FIELDS):
        permissions.require(actor, "org.edit_profile", org)
    else:
        permissions.require(actor, "org.manage", org)
    changes = audit.diff(org, fields)
    if not changes:
        audit.nothing_changed()
        return org
    for name, value in fields.items():
        setattr(org, name, value)
    org.full_clean()
    org.save()
    audit.record(actor, org, summary=audit.summarize(Organization, changes), changes=changes)
    return org
