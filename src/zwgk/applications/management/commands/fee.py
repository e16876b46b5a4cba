from django.core.management.base import BaseCommand, CommandError

from zwgk.applications import fees


class Command(BaseCommand):
    help = "计算政府信息公开信息处理费（元）：按件（同一申请人一个自然月内的件数）或按量（页数），二者择一。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--items", type=int, help="按件计收：本月申请件数")
        group.add_argument("--pages", type=int, help="按量计收：本次申请的页数")

    def handle(self, *args, items: int | None, pages: int | None, **options) -> None:  # noqa: ANN002, ANN003
        try:
            amount = fees.per_item(items) if items is not None else fees.per_volume(pages)
        except ValueError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(str(amount))
