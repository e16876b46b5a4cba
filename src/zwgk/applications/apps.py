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

        from . import perms, selectors, tasks, todos  # noqa: F401  (register permissions and periodic jobs)

        todos.register()
        register(NavItem("applications", "依申请公开", "applications:dashboard", 20, any_of=("applications.handle",),
                         count=selectors.open_count))
