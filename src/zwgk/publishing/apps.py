from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "zwgk.publishing"
    label = "publishing"
    verbose_name = "信息发布与审核"

    def ready(self) -> None:
        from . import perms, tasks  # noqa: F401  (register permissions and periodic jobs)
