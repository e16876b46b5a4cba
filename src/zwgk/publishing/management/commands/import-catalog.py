from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zwgk.publishing.services import import_catalog_items
from zwgk.publishing.services.catalog import ITEM_COLUMNS


class Command(BaseCommand):
    help = "导入基层政务公开标准目录（CSV，表头：" + ",".join(ITEM_COLUMNS) + "），全部通过才导入。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:  # noqa: ANN002, ANN003
        try:
            with open(file, encoding="utf-8-sig") as fh:
                text = fh.read()
        except (FileNotFoundError, UnicodeDecodeError):
            raise CommandError(f"无法读取“{file}”：文件不存在或不是 UTF-8 编码。") from None
        try:
            count = import_catalog_items(None, text)
        except ValidationError as exc:
            raise CommandError("未导入。\n" + "\n".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"已导入或更新 {count} 个标准目录事项。"))
