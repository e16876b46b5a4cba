"""The holiday table: seed from the chinese-calendar package, and the administrator's edits."""

from __future__ import annotations

import datetime as dt
from importlib.metadata import version

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .. import audit, holiday_notice, permissions
from ..models import CalendarDay, CalendarYear, DayKind, User

# The chinese-calendar package names holidays in English; the table keeps the Chinese names.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _package_schedule() -> dict[int, dict[dt.date, tuple[str, str]]]:
    """Year -> {date: (kind, Chinese name)} as published in the chinese-calendar package."""
    from chinese_calendar.constants import holidays, workdays

    out: dict[int, dict[dt.date, tuple[str, str]]] = {}
    for table, kind in ((holidays, DayKind.HOLIDAY), (workdays, DayKind.WORKDAY)):
        for day, name in table.items():
            out.setdefault(day.year, {})[day] = (kind, HOLIDAY_NAMES.get(name, name))
    return out


@audit.service("core.calendar.seed", "导入节假日安排")
def seed_from_package(actor: User | None = None) -> list[int]:
    """Add every year the chinese-calendar package covers and the table does not have yet.

    Years already in the table are left alone: an administrator's corrections win.
    """
    permissions.require(actor, "calendar.manage")
    known = set(CalendarYear.objects.values_list("year", flat=True))
    schedule = _package_schedule()
    added = sorted(set(schedule) - known)
    if not added:
        audit.nothing_changed()
        return []
    source = f"国务院办公厅历年部分节假日安排的通知（chinese-calendar {version('chinese-calendar')}）"
    taken = set(CalendarDay.objects.filter(date__year__in=added).values_list("date", flat=True))
    CalendarYear.objects.bulk_create([CalendarYear(year=y, source=source) for y in added])
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(date=day, kind=kind, name=name)
            for y in added
            for day, (kind, name) in sorted(schedule[y].items())
            if day not in taken
        ]
    )
    audit.record(
        actor,
        None,
        summary=f"从 chinese-calendar 导入 {added[0]}-{added[-1]} 年节假日安排（{len(added)} 个年度）",
        changes={"years": added},
    )
    return added


@audit.service("core.calendar.set_year", "登记日历年度")
def set_year(actor: User | None, year: int, source: str, note: str = "") -> CalendarYear:
    """Declare a year's schedule known (after its days have been entered), citing the notice."""
    permissions.require(actor, "calendar.manage")
    if not 1949 <= year <= 2200:
        raise ValidationError({"year": f"年度“{year}”不在合理范围内。"})
    if not source.strip():
        raise ValidationError({"source": "请填写依据，如国务院办公厅关于该年度部分节假日安排的通知。"})
    obj, created = CalendarYear.objects.update_or_create(year=year, defaults={"source": source.strip(), "note": note})
    audit.record(actor, obj, summary=f"{'登记' if created else '更新'} {year} 年度，依据：{source.strip()}")
    return obj


@audit.service("core.calendar.set_day", "设置节假日或补班")
def set_day(actor: User | None, date: dt.date, kind: str, name: str = "") -> CalendarDay:
    permissions.require(actor, "calendar.manage")
    if kind not in DayKind.values:
        raise ValidationError({"kind": "类型只能是“法定节假日（休息）”或“调休上班（补班）”。"})
    if kind == DayKind.WORKDAY and date.weekday() < 5:
        raise ValidationError({"kind": f"{date:%Y-%m-%d} 是周一至周五，本来就是工作日，不必设为补班。"})
    old = CalendarDay.objects.filter(date=date).first()
    obj, _ = CalendarDay.objects.update_or_create(date=date, defaults={"kind": kind, "name": name})
    before = f"{old.get_kind_display()} {old.name}".strip() if old else "（未设置）"
    audit.record(actor, obj, summary=f"{date:%Y-%m-%d}：{before} → {obj.get_kind_display()} {name}".strip())
    return obj


@audit.service("core.calendar.clear_day", "取消节假日或补班")
def clear_day(actor: User | None, date: dt.date) -> None:
    permissions.require(actor, "calendar.manage")
    obj = CalendarDay.objects.filter(date=date).first()
    if obj is None:
        audit.nothing_changed()
        return
    summary = f"{date:%Y-%m-%d} 恢复为普通{'工作日' if date.weekday() < 5 else '休息日'}（原为{obj.get_kind_display()} {obj.name}）"
    obj.delete()
    audit.record(actor, None, summary=summary.strip(), changes={"date": date.isoformat()})


IMPORTING = "（导入中）"


@audit.service("core.calendar.import_notice", "导入国务院放假安排通知")
def import_notice(actor: User | None, text: str, year: int | None = None) -> holiday_notice.Schedule:
    """Enter a year from the pasted text of the State Council's notice: its days off and its 补班 days replace
    what the table held for those dates, and the year becomes known, so every open clock that counted it
    provisionally is computed on the real schedule from now on (clocks are derived, nothing to rewrite)."""
    permissions.require(actor, "calendar.manage")
    schedule = holiday_notice.parse(text, year)
    if not schedule.ok:
        raise ValidationError({"text": schedule.errors or ["通知中没有找到放假或上班的日期。"]})
    y = schedule.year
    # Two administrators importing at once queue on the year's row (created unknown first, so there is a row to lock).
    try:
        with transaction.atomic():
            CalendarYear.objects.get_or_create(year=y, defaults={"source": schedule.source[:200], "note": IMPORTING})
    except IntegrityError:
        pass  # created by the other import a moment ago
    year_row = CalendarYear.objects.select_for_update().get(year=y)
    old = {d.date: (d.kind, d.name) for d in CalendarDay.objects.filter(date__year=y)}
    new = {r.date: (r.kind, r.name) for r in schedule.rows}
    if year_row.note != IMPORTING and all(old.get(d) == v for d, v in new.items()) and set(old) <= set(new):
        audit.nothing_changed()
        return schedule
    CalendarDay.objects.filter(date__year=y).delete()
    CalendarDay.objects.filter(date__in=list(new)).delete()  # a day of the year before (元旦 starting on 12月31日)
    CalendarDay.objects.bulk_create([CalendarDay(date=r.date, kind=r.kind, name=r.name) for r in schedule.rows])
    year_row.source, year_row.note = schedule.source[:200], ""
    year_row.save(update_fields=["source", "note"])
    holidays = sum(1 for r in schedule.rows if r.kind == DayKind.HOLIDAY)
    audit.record(
        actor, None,
        summary=f"导入 {y} 年节假日安排：放假 {holidays} 天，调休上班 {len(schedule.rows) - holidays} 天（依据：{schedule.source}）",
        changes={"year": y, "rows": [f"{r.date.isoformat()} {r.mark}" for r in schedule.rows],
                 "replaced": [f"{d.isoformat()} {'休' if k == DayKind.HOLIDAY else '班'}" for d, (k, _) in sorted(old.items())]},
    )
    return schedule
