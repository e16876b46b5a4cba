from importlib import import_module, util

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "载入演示数据（机构、账号，以及各模块自己的演示数据）；可重复运行，已有的数据不会重复创建。"

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        lines: list[str] = []
        for config in apps.get_app_configs():
            if not config.name.startswith("zwgk."):
                continue
            module_name = f"{config.name}.demo"
            if util.find_spec(module_name) is None:
                continue
            result = import_module(module_name).seed()
            lines.extend(result or [])
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
        if lines:
            self.stdout.write("演示账号（用户名 / 密码 / 机构 角色）：")
            for line in lines:
                self.stdout.write(line)
