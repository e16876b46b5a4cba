"""Read the State Council's yearly holiday notice into calendar rows.

《国务院办公厅关于20XX年部分节假日安排的通知》 lists one numbered item per holiday, in a fixed wording:

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。

A sentence with 放假 gives a run of days off (every day from the first to the last, weekends included); a
sentence ending in 上班 gives the weekends worked (补班). Other sentences (鼓励各单位…安排职工在除夕休息) set no
day and are reported as notes. The notice is checked against itself: the weekday written in each bracket
must be that date's weekday, 共N天 must be the length of the run, a 补班 day must be a Saturday or Sunday, and
no date may be both off and worked. Nothing is saved here: ``services.calendar.import_notice`` saves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .models import DayKind

WEEKDAYS = "一二三四五六日"
FIRST_YEAR, LAST_YEAR = 2000, 2099
CN_NUMERALS = "一二三四五六七八九十"

_TITLE = re.compile(r"关于\s*(\d{4})\s*年部分节假日安排的通知")
_NUMBER = re.compile(r"国办发明电〔\d{4}〕\d+号")
_ITEM = re.compile(rf"(?:^|(?<=[。\n\s]))([{CN_NUMERALS}]{{1,3}})、\s*([^：:\n]{{1,20}})[：:]")
_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日(?:\s*[（(](?P<note>[^）)\n]{0,40})[）)])?"
)
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")
_COUNT = re.compile(r"共\s*(\d{1,2})\s*天|放假\s*(\d{1,2})\s*天")


@dataclass(frozen=True)
class Row:
    date: dt.date
    kind: str  # DayKind
    name: str

    @property
    def mark(self) -> str:
        return "休" if self.kind == DayKind.HOLIDAY else "班"


@dataclass
class Schedule:
    year: int | None
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    number: str = ""  # 国办发明电〔2025〕7号, when the pasted text carries it

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def source(self) -> str:
        title = f"国务院办公厅关于{self.year}年部分节假日安排的通知"
        return f"{title}（{self.number}）" if self.number else title

    def months(self) -> list[dict]:
        """The rows as month grids for the confirmation page: [{"year", "month", "weeks": [[day|None]*7]}]."""
        import calendar

        marks = {r.date: r for r in self.rows}
        out = []
        for y, m in sorted({(r.date.year, r.date.month) for r in self.rows}):
            weeks = []
            for week in calendar.Calendar().monthdatescalendar(y, m):
                weeks.append([
                    {"date": d, "row": marks.get(d), "weekend": d.weekday() >= 5} if d.month == m else None for d in week
                ])
            out.append({"year": y, "month": m, "weeks": weeks})
        return out


def _weekday_in(note: str | None) -> int | None:
    if not note:
        return None
    found = _WEEKDAY.search(note)
    if not found:
        return None
    return 6 if found.group(1) in "日天" else WEEKDAYS.index(found.group(1))


def _dates(sentence: str, year: int, errors: list[str], where: str) -> list[tuple[dt.date, int | None]]:
    """Every date written in ``sentence``, with the weekday its bracket states; month and year carry over
    from the date before (“2月15日…至23日”), and a month smaller than the one before moves to the next year."""
    out: list[tuple[dt.date, int | None]] = []
    cur_y, cur_m = year, None
    for m in _DATE.finditer(sentence):
        if m.group("y"):
            cur_y = int(m.group("y"))
        if m.group("m"):
            month = int(m.group("m"))
            if cur_m is not None and month < cur_m and not m.group("y"):
                cur_y += 1
            cur_m = month
        if cur_m is None:
            errors.append(f"{where}：“{m.group(0)}”没有写月份。")
            continue
        try:
            day = dt.date(cur_y, cur_m, int(m.group("d")))
        except ValueError:
            errors.append(f"{where}：{cur_y}年{cur_m}月{m.group('d')}日不是有效日期。")
            continue
        stated = _weekday_in(m.group("note"))
        if stated is not None and stated != day.weekday():
            errors.append(f"{where}：{day.month}月{day.day}日是星期{WEEKDAYS[day.weekday()]}，通知写的是“周{WEEKDAYS[stated]}”，请核对。")
        out.append((day, stated))
    return out


def _items(text: str) -> list[tuple[str, str]]:
    found = list(_ITEM.finditer(text))
    items = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        body = text[m.end():end]
        # The items end where the notice's closing paragraph begins (节假日期间，各地区、各部门要…).
        body = re.split(r"\n\s*\n|节假日期间", body, maxsplit=1)[0]
        items.append((m.group(2).strip(), body.strip()))
    return items


def parse(text: str, year: int | None = None) -> Schedule:
    """The rows a notice sets. ``year`` is read from the title when not given."""
    text = (text or "").replace("\r\n", "\n").replace("\u3000", " ")
    if year is None:
        title = _TITLE.search(text)
        year = int(title.group(1)) if title else None
    number = _NUMBER.search(text)
    schedule = Schedule(year=year, number=number.group(0) if number else "")
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        schedule.errors.append(f"年度“{year}”不在 {FIRST_YEAR}-{LAST_YEAR} 之间，请核对。")
        return schedule
    if year is None:
        schedule.errors.append("没有找到年度：请粘贴含标题“国务院办公厅关于20XX年部分节假日安排的通知”的全文，或指定年度。")
        return schedule
    items = _items(text)
    if not items:
        schedule.errors.append("没有找到“一、元旦：……”这样的分项安排，请粘贴通知正文。")
        return schedule
    seen: dict[dt.date, Row] = {}
    for name, body in items:
        for sentence in (s.strip() for s in re.split(r"[。；;]", body)):
            if not sentence:
                continue
            where = f"“{name}”"
            if "放假" in sentence:
                dates = _dates(sentence, year, schedule.errors, where)
                if not dates:
                    schedule.errors.append(f"{where}：“{sentence}”中没有找到日期。")
                    continue
                first, last = dates[0][0], dates[-1][0]
                if last < first:
                    schedule.errors.append(f"{where}：结束日期 {last:%Y-%m-%d} 早于开始日期 {first:%Y-%m-%d}。")
                    continue
                days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
                count = _COUNT.search(sentence)
                if count:
                    stated = int(count.group(1) or count.group(2))
                    if stated != len(days):
                        schedule.errors.append(
                            f"{where}：{first.month}月{first.day}日至{last.month}月{last.day}日共 {len(days)} 天，通知写的是“共{stated}天”，请核对。")
                rows = [Row(d, DayKind.HOLIDAY, name) for d in days]
            elif sentence.endswith("上班"):
                rows = []
                for day, _ in _dates(sentence, year, schedule.errors, where):
                    if day.weekday() < 5:
                        schedule.errors.append(f"{where}：{day.month}月{day.day}日是星期{WEEKDAYS[day.weekday()]}，本来就上班，不是调休补班日。")
                        continue
                    rows.append(Row(day, DayKind.WORKDAY, name))
            else:
                if _DATE.search(sentence):
                    schedule.notes.append(f"{where}：“{sentence}”不设定放假或上班日期，未导入。")
                continue
            for row in rows:
                other = seen.get(row.date)
                if other is not None and other.kind != row.kind:
                    schedule.errors.append(f"{row.date.month}月{row.date.day}日既是放假日又是上班日（“{other.name}”与“{row.name}”），请核对。")
                seen.setdefault(row.date, row)
    schedule.rows = sorted(seen.values(), key=lambda r: r.date)
    if not schedule.rows and not schedule.errors:
        schedule.errors.append("通知中没有找到放假或上班的日期。")
    stray = sorted({r.date.year for r in schedule.rows} - {year, year - 1})
    if stray:
        schedule.errors.append(f"通知是 {year} 年的，却有 {'、'.join(map(str, stray))} 年的日期，请核对年度。")
    return schedule
