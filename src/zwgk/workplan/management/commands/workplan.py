import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "工作要点：import（把工作要点文件导入为任务，.txt 或 .docx）、report（年度进展和考核情况汇报 .docx）、remind（发送任务提醒）。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser("import", help="导入工作要点文件")
        imp.add_argument("file")
        imp.add_argument("--year", type=int, required=True)
        imp.add_argument("--title", default="")
        imp.add_argument("--json", action="store_true", help="以 JSON 输出任务、责任单位和未能识别的单位")
        imp.add_argument("--dry-run", action="store_true", help="只解析，不写入")
        rep = sub.add_parser("report", help="生成向县政府领导汇报的年度情况（.docx）")
        rep.add_argument("year", type=int)
        rep.add_argument("--output", required=True)
        sub.add_parser("remind", help="发送今天的任务提醒")

    def handle(self, *args, verb: str, **options) -> None:  # noqa: ANN002, ANN003
        from zwgk.workplan import reading, services

        if verb == "import":
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"找不到文件“{path}”。")
            data = path.read_bytes()
            try:
                result = reading.preview(data, path.name, options["year"])
                if not options["dry_run"]:
                    plan = services.import_plan(None, data, path.name, options["year"], options["title"])
                    result["plan"] = plan.pk
            except ValidationError as e:
                raise CommandError("；".join(e.messages)) from None
            except ValueError as e:
                raise CommandError(str(e)) from None
            if options["json"]:
                self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
                return
            for t in result["tasks"]:
                self._print(t, 0)
            if result["unmatched"]:
                self.stdout.write("未能识别、需人工确认的单位：" + "、".join(result["unmatched"]))
            self.stdout.write("（未写入，--dry-run）" if options["dry_run"] else f"已导入，共 {self._count(result['tasks'])} 项任务。")
        elif verb == "report":
            from zwgk.workplan import exports
            from zwgk.workplan.models import Plan

            plan = Plan.objects.filter(year=options["year"]).first()
            if plan is None:
                raise CommandError(f"没有 {options['year']} 年的工作要点。")
            Path(options["output"]).write_bytes(exports.leaders_report(plan))
            self.stdout.write(f"已生成 {options['output']}")
        elif verb == "remind":
            self.stdout.write(f"提醒 {len(services.send_reminders())} 条")

    def _print(self, t: dict, depth: int) -> None:
        lead = t["lead"] or "（牵头单位待确认）"
        self.stdout.write(f"{'  ' * depth}{t['number']} {t['title']}｜牵头：{lead}｜责任单位 {len(t['units'])} 个")
        for c in t["children"]:
            self._print(c, depth + 1)

    def _count(self, tasks: list[dict]) -> int:
        return sum(1 + self._count(t["children"]) for t in tasks)
