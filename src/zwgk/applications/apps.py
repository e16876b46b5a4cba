from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "zwgk.applications"
    label = "applications"
    verbose_name = "依申请公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zwgk.core import references
        from zwgk.core.navigation import NavItem, register

        references.register("application", "applications:detail")

        from zwgk.notifications import kinds

        kinds.register("applications.received", "新收到申请", help="公众在网上向本单位提交了政府信息公开申请")
        kinds.register("applications.deadline_near", "申请即将到期", help="本单位办理的申请 5 个工作日内到期或今天到期（每天提醒）")
        kinds.register("applications.overdue", "申请已逾期", help="本单位办理的申请已超过答复期限（每天提醒）")

        from . import perms, selectors, tasks, todos  # noqa: F401  (register permissions and periodic jobs)

        todos.register()
        register(NavItem("applications", "依申请公开", "applications:dashboard", 20, any_of=("applications.handle",),
                         count=selectors.open_count))
