import json as jsonlib

from django.core.management.base import BaseCommand, CommandError

from zwgk.screening import engine, extract


class Command(BaseCommand):
    help = "对文本、DOCX 或 PDF 文件做发布前检查（个人信息、密级标志、敏感词、发文字号等）。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, file: str, json: bool = False, **options) -> None:  # noqa: A002, ANN002, ANN003
        try:
            kind, text, findings = engine.screen_file(file)
        except FileNotFoundError:
            raise CommandError(f"找不到文件“{file}”。") from None
        except IsADirectoryError:
            raise CommandError(f"“{file}”是目录，请给出文件。") from None
        if kind is None:
            raise CommandError(f"无法识别“{file}”的文件类型（按内容判断），支持文本、DOCX、XLSX、PDF、OFD、ZIP。")
        if text is None:
            raise CommandError(f"“{file}”是{extract.KINDS[kind][0]}，无法从中提取文字。")
        if json:
            payload = {"findings": [f.as_dict() for f in findings]}
            self.stdout.write(jsonlib.dumps(payload, ensure_ascii=False, indent=2))
            return
        if not findings:
            self.stdout.write("未发现问题。")
        for f in findings:
            where = f"第 {f.start} 字" if f.start >= 0 else "元数据"
            level = "阻止" if f.severity == "block" else "提示"
            self.stdout.write(f"[{level}] {where} {f.rule}: {f.text} —— {f.message}")
