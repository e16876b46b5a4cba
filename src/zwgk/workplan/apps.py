from django.apps import AppConfig


class WorkplanConfig(AppConfig):
    name = "zwgk.workplan"
    label = "workplan"
    verbose_name = "工作要点与考核"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zwgk.core import references
        from zwgk.core.navigation import NavItem, register

        references.register("task", "workplan:task")

        from zwgk.notifications import kinds

        kinds.register("workplan.supervision", "督办", help="本单位的工作要点任务被督办，或督办超过反馈时限")
        kinds.register("workplan.task", "工作任务提醒", help="本单位的工作要点任务逾期或久未报送进展（每天提醒）")

        from . import perms, tasks, todos  # noqa: F401  (register permissions and periodic jobs)

        todos.register()
        register(NavItem("workplan", "工作要点", "workplan:index", 40, any_of=("workplan.view",), count=todos.nav_count))
