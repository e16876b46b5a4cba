"""Permissions of the work-points module: the county office runs plans, supervision and assessment;
units (their editors and reviewers) report progress, answer supervision and submit cases."""

from zwgk.core.models import Role
from zwgk.core.permissions import grant

for role in (Role.COUNTY_OFFICE, Role.ADMIN):
    grant(role, "workplan.manage", "管理工作要点、督办和考核")
for role in (Role.EDITOR, Role.REVIEWER, Role.COUNTY_OFFICE):
    grant(role, "workplan.report", "报送任务进展和优秀案例")
for role in (Role.EDITOR, Role.REVIEWER, Role.SECRECY_REVIEWER, Role.COUNTY_OFFICE, Role.ADMIN):
    grant(role, "workplan.view", "查看工作任务")
