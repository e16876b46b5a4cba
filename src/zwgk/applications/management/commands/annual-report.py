import json

from django.core.management.base import BaseCommand, CommandError

from zwgk.applications import report as annual
from zwgk.core.models import Organization


class Command(BaseCommand):
    help = "输出政府信息公开工作年度报告的表格数据（JSON），或导出 Word / Excel 文件。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("year", type=int)
        parser.add_argument("--org", required=True, help="机构代码或全称")
        parser.add_argument("--format", choices=["json", "docx", "xlsx"], default="json")
        parser.add_argument("--output", help="docx / xlsx 的输出文件")

    def handle(self, *args, year: int, org: str, format: str, output: str | None, **options) -> None:  # noqa: A002, ANN002, ANN003
        if not 2008 <= year <= 2100:
            raise CommandError("年度不正确。")
        try:
            organization = annual.find_organization(org)
        except Organization.DoesNotExist as e:
            raise CommandError(str(e)) from e
        report = annual.build(organization, year)
        if format == "json":
            self.stdout.write(json.dumps(annual.as_json(report), ensure_ascii=False, indent=2))
            return
        if not output:
            raise CommandError("导出 docx / xlsx 时请用 --output 指定文件。")
        data = annual.to_docx(report) if format == "docx" else annual.to_xlsx(report)
        with open(output, "wb") as fh:
            fh.write(data)
        self.stdout.write(f"已写入 {output}（{len(data)} 字节）")
        for problem in report.problems:
            self.stderr.write(f"勾稽关系问题：{problem}")
