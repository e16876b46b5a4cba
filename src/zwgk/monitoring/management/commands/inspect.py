import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zwgk.monitoring import crawler, services
from zwgk.monitoring.models import Finding, Run


class Command(BaseCommand):
    help = "检查一个网站：发现栏目、抓取页面、按国家检查指标给出结论、得分和问题清单。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("url")
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--max-pages", type=int, default=500)
        parser.add_argument("--max-depth", type=int, default=4)
        parser.add_argument("--concurrency", type=int, default=16)
        parser.add_argument("--resume", type=int, help="继续一次中断的检查（检查编号）")
        parser.add_argument("--no-robots", action="store_true", help="不遵守 robots.txt（仅限本单位网站）")

    def handle(self, *args: str, url: str, as_json: bool, max_pages: int, max_depth: int, concurrency: int, resume: int | None,
               no_robots: bool, **options) -> None:  # noqa: ANN002, ANN003
        try:
            run = Run.objects.get(pk=resume) if resume else services.start_run(None, url=url, max_pages=max_pages, max_depth=max_depth)
        except (ValidationError, Run.DoesNotExist) as e:
            raise CommandError("；".join(getattr(e, "messages", [str(e)]))) from e
        if not as_json:
            self.stdout.write(f"检查编号 {run.pk}：{run.start_url}")
        try:
            crawler.crawl(run, crawler.Options(concurrency=concurrency, per_host=concurrency, respect_robots=not no_robots))
            run = services.finish_run(run)
        except ValidationError as e:  # --resume of a finished run
            raise CommandError("；".join(e.messages)) from e
        findings = Finding.objects.filter(run=run)
        if as_json:
            out = {"verdict": run.verdict, "score": run.score, "findings": [
                {"check": f.kind, "severity": f.severity, "url": f.url, "parent": f.parent, "text": f.text, "message": f.message}
                for f in findings]}
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"结论：{run.verdict}，得分 {run.score}，抓取 {run.summary.get('pages')} 页，问题 {findings.count()} 个")
        for f in findings:
            self.stdout.write(f"[{f.get_severity_display()}] {f.message}  {f.url}")
