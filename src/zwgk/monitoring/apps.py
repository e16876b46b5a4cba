from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "zwgk.monitoring"
    label = "monitoring"
    verbose_name = "网站与新媒体监测"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zwgk.core import references
        from zwgk.core.navigation import NavItem, register

        references.register("run", "monitoring:run")

        from zwgk.notifications import kinds

        kinds.register("monitoring.finding", "整改任务", help="网站检查发现本单位网站的问题须整改，或整改后复核未通过")

        from . import perms, tasks, todos  # noqa: F401  (register permissions and periodic jobs)

        todos.register()
        register(NavItem("monitoring", "网站监测", "monitoring:index", 30, any_of=("monitoring.manage", "monitoring.rectify"),
                         count=todos.count))
