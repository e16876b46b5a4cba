"""Permissions of the monitoring module."""

from zwgk.core.models import Role
from zwgk.core.permissions import grant

grant(Role.COUNTY_OFFICE, "monitoring.manage", "管理网站与新媒体监测")
grant(Role.ADMIN, "monitoring.manage", "管理网站与新媒体监测")
for role in (Role.EDITOR, Role.REVIEWER, Role.COUNTY_OFFICE):
    grant(role, "monitoring.rectify", "整改检查发现的问题")
