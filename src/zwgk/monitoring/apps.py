from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "zwgk.monitoring"
    label = "monitoring"
    verbose_name = "网站与新媒体监测"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import perms, tasks  # noqa: F401  (register permissions and periodic jobs)
