from django.core.management.base import BaseCommand

from zwgk.core.commandtools import run_import
from zwgk.publishing.services import import_catalog_items
from zwgk.publishing.services.catalog import ITEM_COLUMNS


class Command(BaseCommand):
    help = "导入基层政务公开标准目录（CSV，表头：" + ",".join(ITEM_COLUMNS) + "），全部通过才导入。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:  # noqa: ANN002, ANN003
        count = run_import(lambda text: import_catalog_items(None, text), file)
        self.stdout.write(self.style.SUCCESS(f"已导入或更新 {count} 个标准目录事项。"))
