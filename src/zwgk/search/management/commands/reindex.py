from django.core.management.base import BaseCommand

from zwgk.search.services import reindex


class Command(BaseCommand):
    help = "重建全文检索索引（切分词典改动后运行）。"

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        counts = reindex(None)
        self.stdout.write(self.style.SUCCESS("索引已重建：" + "，".join(f"{k} {n} 条" for k, n in counts.items())))
