"""Permissions of the publishing module, added to the core role table."""

from zwgk.core.models import Role
from zwgk.core.permissions import grant

for role in (Role.EDITOR, Role.REVIEWER, Role.SECRECY_REVIEWER, Role.COUNTY_OFFICE):
    grant(role, "publishing.view", "查看稿件")
grant(Role.EDITOR, "publishing.draft", "起草和报送稿件")
grant(Role.COUNTY_OFFICE, "publishing.draft", "起草和报送稿件")
grant(Role.REVIEWER, "publishing.review", "审核稿件")
grant(Role.SECRECY_REVIEWER, "publishing.secrecy_review", "保密审查")
grant(Role.COUNTY_OFFICE, "publishing.county_review", "公开办审核")
grant(Role.REVIEWER, "publishing.withdraw", "撤稿")
grant(Role.COUNTY_OFFICE, "publishing.withdraw", "撤稿")
grant(Role.COUNTY_OFFICE, "publishing.configure", "配置发布（审核流程、目录、迁移）")
grant(Role.ADMIN, "publishing.configure", "配置审核流程")
grant(Role.COUNTY_OFFICE, "publishing.normative", "规范性文件清理")

# The permission each review step needs.
STEP_PERMISSION = {
    Role.REVIEWER: "publishing.review",
    Role.SECRECY_REVIEWER: "publishing.secrecy_review",
    Role.COUNTY_OFFICE: "publishing.county_review",
}
REVIEW_PERMISSIONS = tuple(STEP_PERMISSION.values())
