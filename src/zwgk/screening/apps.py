from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "zwgk.screening"
    label = "screening"
    verbose_name = "发布前自动检查"
