from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "zwgk.api"
    label = "zwgk_api"
    verbose_name = "开放接口"
