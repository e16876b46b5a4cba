"""Working-day arithmetic on the holiday table.

A working day is Monday to Friday unless the State Council's schedule makes it a holiday, plus any
weekend day the schedule makes a working day (补班). Counting starts on the first working day after
the starting date (《政府信息公开条例》 practice, see domain/disclosure-requests.md).

A year that the table does not know yet (the State Council publishes each next year's schedule only in
November) is counted *provisionally*: weekends and the holidays the law itself fixes
(:mod:`zwgk.core.holiday_law`), no 调休. The calendar records which provisional years a computation
touched (:meth:`WorkCalendar.fresh`, ``touched``), so that every date computed from one can say 暂定. Only a
year the law cannot date either (before 2025 or after 2099) raises :class:`UnknownCalendarYear`.

Read-only: the table is changed by ``zwgk.core.services.calendar``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from . import holiday_law
from .models import CalendarDay, CalendarYear, DayKind

ONE_DAY = dt.timedelta(days=1)


class UnknownCalendarYear(LookupError):
    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"工作日历中没有 {year} 年的节假日安排，无法计算工作日。"
            f"请系统管理员录入 {year} 年的放假和调休安排（国务院办公厅通常在上一年 11 月发布）。"
        )


@dataclass(frozen=True)
class WorkCalendar:
    """A snapshot of the table; load once with :func:`load` for many computations."""

    years: frozenset[int]
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    # Provisional years this snapshot's computations used (mutable on purpose: see fresh()).
    touched: set[int] = field(default_factory=set, compare=False, hash=False)

    def fresh(self) -> WorkCalendar:
        """The same calendar with an empty ``touched`` record, for one computation whose dates must say 暂定."""
        return replace(self, touched=set())

    @property
    def provisional_years(self) -> tuple[int, ...]:
        return tuple(sorted(self.touched))

    def is_known(self, year: int) -> bool:
        return year in self.years

    def _check(self, day: dt.date) -> None:
        if day.year not in self.years and not holiday_law.covers(day.year):
            raise UnknownCalendarYear(day.year)

    def is_workday(self, day: dt.date) -> bool:
        self._check(day)
        if day.year not in self.years:
            self.touched.add(day.year)
            return day.weekday() < 5 and day not in holiday_law.statutory_days(day.year)
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add(self, start: dt.date, n: int) -> dt.date:
        """The date on which the n-th working day after ``start`` falls (n >= 0; 0 returns start)."""
        if n < 0:
            raise ValueError("工作日数不能为负数。")
        day = start
        while n > 0:
            day += ONE_DAY
            if self.is_workday(day):
                n -= 1
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``; negative when end < start.

        ``between(a, add(a, n)) == n`` for every n.
        """
        if end < start:
            return -self.between(end, start)
        self._check(start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_workday(day):
                count += 1
        return count

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += ONE_DAY
        return day


def load() -> WorkCalendar:
    days = CalendarDay.objects.values_list("date", "kind")
    return WorkCalendar(
        years=frozenset(CalendarYear.objects.values_list("year", flat=True)),
        holidays=frozenset(d for d, k in days if k == DayKind.HOLIDAY),
        workdays=frozenset(d for d, k in days if k == DayKind.WORKDAY),
    )


def missing_years(today: dt.date, ahead: int = 1) -> list[int]:
    """This year and the next ``ahead`` years that the table does not have yet."""
    known = set(CalendarYear.objects.filter(year__gte=today.year, year__lte=today.year + ahead).values_list("year", flat=True))
    return [y for y in range(today.year, today.year + ahead + 1) if y not in known]


def is_workday(day: dt.date) -> bool:
    return load().is_workday(day)


def add_workdays(start: dt.date, n: int) -> dt.date:
    return load().add(start, n)


def workdays_between(start: dt.date, end: dt.date) -> int:
    return load().between(start, end)
