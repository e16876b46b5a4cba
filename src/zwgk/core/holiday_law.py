"""The statutory holidays as the law fixes them, for a year whose schedule the State Council has not published.

《全国年节及纪念日放假办法》（1949 年政务院发布，国务院令第 795 号 2024 年 11 月 10 日第四次修订，2025 年 1 月 1 日起施行）:

- 第二条: 全体公民放假的节日 — 元旦 1 天（1 月 1 日）；春节 4 天（农历除夕、正月初一至初三）；清明节 1 天（农历清明当日）；
  劳动节 2 天（5 月 1 日、2 日）；端午节 1 天（农历端午当日）；中秋节 1 天（农历中秋当日）；国庆节 3 天（10 月 1 日至 3 日）。
- 第六条: 全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假。

The yearly notice (《国务院办公厅关于 20XX 年部分节假日安排的通知》) then rearranges days (调休) and names the weekends
worked (补班); nobody can know those in advance, so a provisional year has none. The provisional days are
these: each holiday, and for each holiday that falls on a Saturday or Sunday one day off on the first
weekday after it that is not already off (第六条; the 办法 does not say which weekday, the notices have
always given the following one). See docs/domain/calendar.md.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from chinese_calendar import get_solar_terms
from lunardate import LunarDate

LAW = "《全国年节及纪念日放假办法》（国务院令第795号修订，2025年1月1日起施行）"

# First and last year the rule gives dates for: the revision applies from 2025; the lunar tables end with 2099.
FIRST_YEAR, LAST_YEAR = 2025, 2099

# (name, how the date is fixed, days) — 第二条. "solar": a Gregorian month and day; "lunar": a lunar month and
# day (春节 starts on 除夕, the day before 正月初一); "term": the solar term 清明.
HOLIDAYS: tuple[tuple[str, tuple, int], ...] = (
    ("元旦", ("solar", 1, 1), 1),
    ("春节", ("lunar_eve", 1, 1), 4),
    ("清明节", ("term", "清明"), 1),
    ("劳动节", ("solar", 5, 1), 2),
    ("端午节", ("lunar", 5, 5), 1),
    ("中秋节", ("lunar", 8, 15), 1),
    ("国庆节", ("solar", 10, 1), 3),
)

ONE_DAY = dt.timedelta(days=1)


def covers(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def _first_day(year: int, rule: tuple) -> dt.date:
    kind = rule[0]
    if kind == "solar":
        return dt.date(year, rule[1], rule[2])
    if kind == "lunar":
        return LunarDate(year, rule[1], rule[2]).to_solar_date()
    if kind == "lunar_eve":
        return LunarDate(year, rule[1], rule[2]).to_solar_date() - ONE_DAY
    if kind == "term":
        start = dt.date(year, 4, 1)
        for day, name in get_solar_terms(start, dt.date(year, 4, 10)):
            if name == rule[1]:
                return day
        raise LookupError(f"{year} 年找不到节气“{rule[1]}”。")
    raise ValueError(kind)


@lru_cache(maxsize=128)
def statutory_days(year: int) -> dict[dt.date, str]:
    """Every day off the law itself gives in ``year``: the holidays of 第二条 and the 补假 of 第六条."""
    if not covers(year):
        raise LookupError(f"{LAW}只能推算 {FIRST_YEAR}-{LAST_YEAR} 年的节假日。")
    days: dict[dt.date, str] = {}
    for name, rule, length in HOLIDAYS:
        first = _first_day(year, rule)
        for i in range(length):
            days.setdefault(first + i * ONE_DAY, name)
    for day, name in sorted(days.items()):
        if day.weekday() >= 5:
            extra = day + ONE_DAY
            while extra.weekday() >= 5 or extra in days:
                extra += ONE_DAY
            if extra.year == year:
                days[extra] = f"{name}（补假）"
    return dict(sorted(days.items()))


def reason(years: tuple[int, ...] | list[int]) -> str:
    """Why a date is provisional, in the words shown next to it."""
    listed = "、".join(str(y) for y in years)
    return (f"{listed} 年节假日安排尚未录入，期限按{LAW}规定的法定节假日暂定（不含调休），"
            "录入国务院办公厅的放假安排后自动重新计算。")
