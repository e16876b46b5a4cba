"""Working-day arithmetic against the real State Council schedules of 2024-2026."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zwgk.core import workdays
from zwgk.core.models import AuditEntry, CalendarDay, CalendarYear, DayKind
from zwgk.core.services import calendar

D = dt.date

# 国办发明电〔2023〕7号, 〔2024〕12号, 〔2025〕7号: weekend days worked (调休上班).
MAKEUP_DAYS = {
    2024: ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"],
    2025: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    2026: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
}
WEEKDAY_HOLIDAYS = ["2024-02-12", "2024-10-04", "2025-01-28", "2025-10-08", "2026-02-23", "2026-10-07", "2026-06-19"]


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
class TestSchedule:
    @pytest.mark.parametrize("day", [d for days in MAKEUP_DAYS.values() for d in days])
    def test_makeup_days_are_working_days(self, day):
        assert D.fromisoformat(day).weekday() >= 5
        assert workdays.is_workday(D.fromisoformat(day))

    @pytest.mark.parametrize("day", WEEKDAY_HOLIDAYS)
    def test_holidays_on_weekdays_are_off(self, day):
        assert D.fromisoformat(day).weekday() < 5
        assert not workdays.is_workday(D.fromisoformat(day))

    def test_2025_has_13_statutory_holidays(self):
        # Weekdays off minus weekend days worked = the statutory days (元旦1 春节4 清明1 劳动2 端午1 中秋1 国庆3).
        cal = workdays.load()
        offs = [d for d in cal.holidays if d.year == 2025 and d.weekday() < 5]
        assert len(offs) == 18
        assert len(offs) - len(MAKEUP_DAYS[2025]) == 13
        assert sorted(d.isoformat() for d in cal.workdays if d.year == 2025) == MAKEUP_DAYS[2025]

    def test_years_seeded_from_package(self):
        years = set(CalendarYear.objects.values_list("year", flat=True))
        assert {2004, 2024, 2025, 2026} <= years
        assert 2027 not in years


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        ("2025-09-26", 20, "2025-10-30"),  # domain/disclosure-requests.md worked example
        ("2025-09-26", 1, "2025-09-28"),  # Sunday 28 September 2025 is a working day
        ("2025-09-30", 1, "2025-10-09"),  # 国庆/中秋 1-8 October
        ("2024-09-27", 5, "2024-10-10"),  # 9-29 (Sun, worked), 9-30, then 10-8, 10-9, 10-10
        ("2026-02-13", 3, "2026-02-25"),  # 2-14 (Sat, worked), 春节 2-15..2-23, 2-24, 2-25
        ("2026-02-13", 0, "2026-02-13"),
        ("2024-12-31", 1, "2025-01-02"),  # 元旦 across the year boundary
        ("2025-12-31", 2, "2026-01-05"),  # 2026-01-01..03 off, 01-04 (Sun) worked, 01-05
        ("2026-12-18", 7, "2026-12-29"),
    ],
)
def test_add_workdays_worked_examples(start, n, end):
    assert workdays.add_workdays(D.fromisoformat(start), n) == D.fromisoformat(end)
    assert workdays.workdays_between(D.fromisoformat(start), D.fromisoformat(end)) == n


@pytest.mark.django_db
def test_counting_starts_the_day_after_receipt_even_on_a_holiday():
    # Received on National Day: day 1 is the first working day after it.
    assert workdays.add_workdays(D(2025, 10, 1), 1) == D(2025, 10, 9)


@pytest.mark.django_db
def test_a_year_not_entered_is_provisional_and_one_the_law_cannot_date_is_refused():
    cal = workdays.load().fresh()
    assert cal.add(D(2026, 12, 15), 20) == D(2027, 1, 13)  # 2027-01-01 (Fri) off by law
    assert cal.provisional_years == (2027,)
    assert workdays.load().fresh().add(D(2026, 12, 1), 20) == D(2026, 12, 29)
    with pytest.raises(workdays.UnknownCalendarYear) as exc:
        workdays.is_workday(D(2003, 5, 1))  # before the table and before the 2025 law
    assert exc.value.year == 2003 and "2003 年" in str(exc.value)
    with pytest.raises(workdays.UnknownCalendarYear):
        workdays.workdays_between(D(2099, 12, 1), D(2100, 1, 10))


@pytest.mark.django_db
def test_administrator_adds_next_year(people):
    admin = people["admin"]
    cal = workdays.load().fresh()
    assert cal.is_workday(D(2027, 1, 4)) and cal.provisional_years == (2027,)
    calendar.set_day(admin, D(2027, 1, 1), DayKind.HOLIDAY, "元旦")
    calendar.set_year(admin, 2027, "国务院办公厅关于2027年部分节假日安排的通知")
    cal = workdays.load().fresh()
    assert not cal.is_workday(D(2027, 1, 1))
    assert cal.add(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert cal.provisional_years == ()
    assert AuditEntry.objects.filter(action="core.calendar.set_year", actor=admin).exists()


@pytest.mark.django_db
def test_makeup_day_on_a_weekday_is_refused(people):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="本来就是工作日"):
        calendar.set_day(people["admin"], D(2026, 3, 3), DayKind.WORKDAY, "误填")
    assert not CalendarDay.objects.filter(date=D(2026, 3, 3)).exists()


@pytest.mark.django_db
def test_only_the_administrator_edits_the_calendar(people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        calendar.set_day(people["gkb"], D(2026, 3, 7), DayKind.WORKDAY)
    assert not CalendarDay.objects.filter(date=D(2026, 3, 7)).exists()


@pytest.mark.django_db
def test_reseeding_keeps_administrator_corrections(people):
    calendar.set_day(people["admin"], D(2026, 3, 6), DayKind.HOLIDAY, "临时调整")
    assert calendar.seed_from_package(None) == []
    assert CalendarDay.objects.get(date=D(2026, 3, 6)).name == "临时调整"


@pytest.mark.django_db
class TestCommand:
    def test_add(self):
        assert run("add", "2025-09-26", "20") == "2025-10-30"

    def test_between(self):
        assert run("between", "2025-09-26", "2025-10-30") == "20"
        assert run("between", "2025-10-30", "2025-09-26") == "-20"

    def test_check(self):
        assert run("check", "2026-10-10") == "工作日"
        assert run("check", "2026-10-05") == "休息日"

    def test_provisional_year(self):
        # 2026-12-20 (Sun): 12-21..25 (5), 12-28..31 (9); 2027-01-01 off by law; 01-04..08 (14), 01-11..15 (19), 01-18.
        first, second = run("add", "2026-12-20", "20").splitlines()
        assert first == "2027-01-18"
        assert "暂定" in second and "2027 年节假日安排尚未录入" in second

    def test_year_the_law_cannot_date(self):
        with pytest.raises(CommandError, match="2100 年"):
            run("add", "2099-12-20", "20")

    def test_bad_date(self):
        with pytest.raises(CommandError, match="日期“2025-13-01”无效"):
            run("add", "2025-13-01", "3")


dates = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 10, 31))


@pytest.mark.django_db
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=dates, n=st.integers(0, 40))
def test_add_and_between_agree(start, n):
    cal = _CAL.get() or _CAL.set(workdays.load())
    end = cal.add(start, n)
    assert cal.between(start, end) == n
    assert end > start or n == 0
    if n:
        assert cal.is_workday(end)
        # nothing earlier would do: the day before holds n-1 working days
        assert cal.between(start, end - dt.timedelta(days=1)) == n - 1


class _Holder:
    value = None

    def get(self):
        return self.value

    def set(self, value):
        self.value = value
        return value


_CAL = _Holder()
