import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from zwgk.core import workdays
from zwgk.core.models import CalendarYear


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无效，请写成 2025-09-26 这样的格式。") from None


class Command(BaseCommand):
    help = "按工作日历计算工作日：add（N 个工作日后的日期）、between（两日期间的工作日数）、check（是否工作日）、years（已录入的年度）。"

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

    def handle(self, *args, verb: str, **options) -> None:  # noqa: ANN002, ANN003
        try:
            if verb == "add":
                if options["n"] < 0:
                    raise CommandError("工作日数不能为负数。")
                self.stdout.write(workdays.add_workdays(parse_date(options["date"]), options["n"]).isoformat())
            elif verb == "between":
                self.stdout.write(str(workdays.workdays_between(parse_date(options["start"]), parse_date(options["end"]))))
            elif verb == "check":
                day = parse_date(options["date"])
                self.stdout.write("工作日" if workdays.is_workday(day) else "休息日")
            else:
                for year in CalendarYear.objects.order_by("year"):
                    self.stdout.write(f"{year.year}\t{year.source}")
        except workdays.UnknownCalendarYear as exc:
            raise CommandError(str(exc)) from None
