from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "zwgk.notifications"
    label = "notifications"
    verbose_name = "通知"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zwgk.core.navigation import NavItem, register

        from . import kinds, selectors, tasks  # noqa: F401  (register the digest job)

        register(NavItem("notifications", "通知", "notifications:centre", 90, count=selectors.unread_count, count_label=" 条未读"))
