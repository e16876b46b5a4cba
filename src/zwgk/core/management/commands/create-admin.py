import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zwgk.core.models import Role
from zwgk.core.services import accounts


class Command(BaseCommand):
    help = "创建系统管理员账号（密码可由环境变量 ZWGK_ADMIN_PASSWORD 提供，否则交互输入）。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("username")
        parser.add_argument("--full-name", default="系统管理员")

    def handle(self, *args, username: str, full_name: str, **options) -> None:  # noqa: ANN002, ANN003
        password = os.environ.get("ZWGK_ADMIN_PASSWORD")
        if not password:
            password = getpass.getpass("密码：")
            if password != getpass.getpass("再次输入密码："):
                raise CommandError("两次输入的密码不一致。")
        try:
            accounts.create_user(None, username=username, password=password, roles=[Role.ADMIN], full_name=full_name)
        except ValidationError as exc:
            messages = [m for msgs in exc.message_dict.values() for m in msgs] if hasattr(exc, "error_dict") else exc.messages
            raise CommandError("；".join(messages)) from None
        self.stdout.write(self.style.SUCCESS(f"已创建系统管理员 {username}。"))
