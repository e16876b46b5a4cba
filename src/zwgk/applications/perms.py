"""Permissions of the disclosure-request module, added to the core role table."""

from zwgk.core.models import Role
from zwgk.core.permissions import grant

for role in (Role.EDITOR, Role.REVIEWER, Role.COUNTY_OFFICE):
    grant(role, "applications.handle", "办理依申请公开")
# The head of the disclosure work approves extensions (Art. 33) and signs off the annual report.
grant(Role.REVIEWER, "applications.approve", "批准延期答复")
grant(Role.COUNTY_OFFICE, "applications.approve", "批准延期答复")
grant(Role.COUNTY_OFFICE, "applications.reassign", "转办申请")
grant(Role.REVIEWER, "applications.report", "编制年度报告")
grant(Role.COUNTY_OFFICE, "applications.report", "编制年度报告")
grant(Role.ADMIN, "applications.handle", "办理依申请公开")
