from django.core.management.base import BaseCommand

from zwgk.search.services import reindex


class Command(BaseCommand):
    help = "重建全文检索索引（切分词典改动后运行）。"

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        counts = reindex(None)
        from django.db import connection

        if connection.vendor == "postgresql":  # fresh statistics, so the planner knows broad from selective terms
            with connection.cursor() as cur:
                cur.execute("ANALYZE search_vector")
                cur.execute("ANALYZE search_searchentry")
        self.stdout.write(self.style.SUCCESS("索引已重建：" + "，".join(f"{k} {n} 条" for k, n in counts.items())))
