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
        # 留言转办 belongs to the interaction module, which will send it; its kind is registered here until that
        # module exists, so people can choose how they receive it from the start.
        kinds.register("interaction.routed", "留言转办", help="公众留言转交本单位办理")
