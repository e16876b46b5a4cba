"""Permissions of public participation. The county office (公开办) keeps the county's decision catalog and sees every
unit's work; a unit's editors and reviewers run its own consultations, open days and evaluations and record the
procedures of the decision items it leads; every staff role may read."""

from zwgk.core.models import Role
from zwgk.core.permissions import grant

for role in (Role.COUNTY_OFFICE, Role.ADMIN):
    grant(role, "participation.manage", "管理重大行政决策目录和全县公众参与工作")
for role in (Role.EDITOR, Role.REVIEWER, Role.COUNTY_OFFICE):
    grant(role, "participation.edit", "开展本单位的意见征集、政府开放日和政策评价")
for role in (Role.EDITOR, Role.REVIEWER, Role.SECRECY_REVIEWER, Role.COUNTY_OFFICE, Role.ADMIN):
    grant(role, "participation.view", "查看公众参与工作")
