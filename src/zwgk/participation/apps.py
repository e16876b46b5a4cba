from importlib import import_module

from django.apps import AppConfig

PARTS = ("decisions", "consultations", "opendays", "evaluations")


class ParticipationConfig(AppConfig):
    name = "zwgk.participation"
    label = "participation"
    verbose_name = "公众参与"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zwgk.core.navigation import NavItem, register

        from . import perms  # noqa: F401  (register permissions)

        for part in PARTS:  # each part registers its references, notification kinds, to-dos and periodic jobs
            import_module(f"{self.name}.{part}.registry").register()
        register(NavItem("participation", "公众参与", "participation:index", 35, any_of=("participation.view",)))
