import json

from django.core.management.base import BaseCommand, CommandError

from zwgk.search.query import search


class Command(BaseCommand):
    help = "全文检索已发布的信息，按相关度输出。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("query")
        parser.add_argument("--json", action="store_true", dest="as_json", help="以 JSON 输出（id、title、url、score）")
        parser.add_argument("--limit", type=int, default=10)

    def handle(self, *args, query: str, as_json: bool, limit: int, **options) -> None:  # noqa: ANN002, ANN003
        if not 1 <= limit <= 1000:
            raise CommandError("--limit 应在 1 到 1000 之间。")
        results = search(query, limit=limit, facets=False)
        if as_json:
            rows = [{k: h.as_dict()[k] for k in ("id", "kind", "title", "url", "score")} for h in results.hits]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"共{'约' if results.approximate else ''} {results.total} 条")
        for h in results.hits:
            self.stdout.write(f"{h.score:8.3f}  {h.entry.title}  {h.entry.url}")
