from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zwgk.screening.services import import_terms


class Command(BaseCommand):
    help = "导入敏感词与规范表述（CSV：词语,正确表述,类型,级别,说明），全部通过才导入。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:  # noqa: ANN002, ANN003
        try:
            with open(file, encoding="utf-8-sig") as fh:
                text = fh.read()
        except (FileNotFoundError, UnicodeDecodeError):
            raise CommandError(f"无法读取“{file}”：文件不存在或不是 UTF-8 编码。") from None
        try:
            count = import_terms(None, text)
        except ValidationError as exc:
            raise CommandError("未导入。\n" + "\n".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"已导入 {count} 条。"))
