from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from zwgk.core.commandtools import run_import
from zwgk.core.models import Organization
from zwgk.publishing.services import import_documents


class Command(BaseCommand):
    help = "从旧网站迁移已公开的信息：FILE 为 JSON Lines（每行一条），全部成功才导入。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="发布机构：机构代码或全称")

    def handle(self, *args, file: str, org: str, **options) -> None:  # noqa: ANN002, ANN003
        organization = Organization.objects.filter(Q(code=org) | Q(name=org)).first()
        if organization is None:
            raise CommandError(f"找不到机构“{org}”（请给出机构代码或全称）。")
        count = run_import(lambda text: import_documents(None, organization, text.splitlines()), file)
        self.stdout.write(self.style.SUCCESS(f"已导入 {count} 条，发布机构：{organization.name}。"))
