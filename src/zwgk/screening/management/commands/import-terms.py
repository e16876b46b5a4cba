from django.core.management.base import BaseCommand

from zwgk.core.commandtools import run_import
from zwgk.screening.services import import_terms


class Command(BaseCommand):
    help = "导入敏感词与规范表述（CSV：词语,正确表述,类型,级别,说明），全部通过才导入。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:  # noqa: ANN002, ANN003
        count = run_import(lambda text: import_terms(None, text), file)
        self.stdout.write(self.style.SUCCESS(f"已导入 {count} 条。"))
