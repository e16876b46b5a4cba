import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zwgk.core import holiday_law, holiday_notice, workdays
from zwgk.core.commandtools import read_text
from zwgk.core.models import CalendarYear
from zwgk.core.services import calendar


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无效，请写成 2025-09-26 这样的格式。") from None


class Command(BaseCommand):
    help = ("按工作日历计算工作日：add（N 个工作日后的日期）、between（两日期间的工作日数）、check（是否工作日）、"
            "years（已录入的年度）、import-notice（导入国务院办公厅的放假安排通知）。")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="verb", required=True)
        add = sub.add_parser("add", help="DATE 之后第 N 个工作日（从 DATE 的次日起算）")
        add.add_argument("date")
        add.add_argument("n", type=int)
        between = sub.add_parser("between", help="A 之后到 B（含）之间的工作日数")
        between.add_argument("start")
        between.add_argument("end")
        check = sub.add_parser("check", help="DATE 是否工作日")
        check.add_argument("date")
        sub.add_parser("years", help="工作日历已录入的年度")
        notice = sub.add_parser("import-notice", help="从通知全文（UTF-8 文本文件）导入一个年度的放假和调休上班日期")
        notice.add_argument("file")
        notice.add_argument("--year", type=int, help="年度（默认从通知标题读取）")
        notice.add_argument("--dry-run", action="store_true", help="只列出识别出的日期，不保存")

    def _provisional(self, cal: workdays.WorkCalendar) -> None:
        if cal.provisional_years:
            self.stdout.write(f"暂定：{holiday_law.reason(cal.provisional_years)}")

    def handle(self, *args, verb: str, **options) -> None:  # noqa: ANN002, ANN003
        try:
            cal = workdays.load().fresh()
            if verb == "add":
                if options["n"] < 0:
                    raise CommandError("工作日数不能为负数。")
                self.stdout.write(cal.add(parse_date(options["date"]), options["n"]).isoformat())
                self._provisional(cal)
            elif verb == "between":
                self.stdout.write(str(cal.between(parse_date(options["start"]), parse_date(options["end"]))))
                self._provisional(cal)
            elif verb == "check":
                day = parse_date(options["date"])
                self.stdout.write("工作日" if cal.is_workday(day) else "休息日")
                self._provisional(cal)
            elif verb == "import-notice":
                self._import(options)
            else:
                for year in CalendarYear.objects.order_by("year"):
                    self.stdout.write(f"{year.year}\t{year.source}")
        except workdays.UnknownCalendarYear as exc:
            raise CommandError(str(exc)) from None

    def _import(self, options: dict) -> None:
        text = read_text(options["file"])
        schedule = holiday_notice.parse(text, options.get("year"))
        if not schedule.ok:
            raise CommandError("通知未导入：\n" + "\n".join(schedule.errors or ["没有找到放假或上班的日期。"]))
        for row in schedule.rows:
            self.stdout.write(f"{row.date.isoformat()}\t{row.mark}\t{row.name}")
        for note in schedule.notes:
            self.stdout.write(f"说明：{note}")
        if options["dry_run"]:
            self.stdout.write(f"（试运行）{schedule.source}：共 {len(schedule.rows)} 个日期，未保存。")
            return
        try:
            calendar.import_notice(None, text, options.get("year"))
        except ValidationError as exc:
            raise CommandError("通知未导入：\n" + "\n".join(exc.messages)) from None
        self.stdout.write(f"已导入 {schedule.source}：共 {len(schedule.rows)} 个日期。")
