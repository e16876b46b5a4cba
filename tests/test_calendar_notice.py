"""The calendar at the year boundary: the law's holidays for a year not entered (暂定), and entering a year by
pasting the State Council's notice. Worked examples are written out by hand (see docs/domain/calendar.md)."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from chinese_calendar.constants import holidays as package_holidays
from chinese_calendar.constants import workdays as package_workdays
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from zwgk.applications import selectors, services
from zwgk.applications.clock import Facts, compute
from zwgk.core import audit, holiday_law, holiday_notice, workdays
from zwgk.core.models import AuditEntry, CalendarDay, CalendarYear, DayKind
from zwgk.core.services import calendar

from .test_applications import applicant

D = dt.date
DATA = Path(__file__).parent / "data"


def notice(year: int) -> str:
    return (DATA / f"holiday_notice_{year}.txt").read_text(encoding="utf-8")


def forget_year(year: int) -> None:
    """Make ``year`` a year the table does not know (as 2027 is until its notice is entered)."""
    with audit.allow_direct_writes():
        CalendarDay.objects.filter(date__year=year).delete()
        CalendarYear.objects.filter(year=year).delete()


@pytest.fixture
def no_2027(db):
    forget_year(2027)  # in case a later chinese-calendar release ships it


# --- the law's holidays ---------------------------------------------------------------------------------------


def test_the_law_dates_2027_by_hand():
    # 《全国年节及纪念日放假办法》第二条, 第六条 for 2027. Lunar dates: 正月初一 = 2027-02-06 (除夕 02-05),
    # 端午 (五月初五) = 06-09, 中秋 (八月十五) = 09-15; 清明 = 04-05. Weekend holidays give a weekday off (补假):
    # 春节 02-06 Sat, 02-07 Sun → 02-09, 02-10; 劳动节 05-01 Sat, 05-02 Sun → 05-03, 05-04; 国庆 10-02 Sat, 10-03 Sun → 10-04, 10-05.
    expected = ["2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-04-05",
                "2027-05-01", "2027-05-02", "2027-05-03", "2027-05-04", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02",
                "2027-10-03", "2027-10-04", "2027-10-05"]
    days = holiday_law.statutory_days(2027)
    assert [d.isoformat() for d in days] == expected
    assert days[D(2027, 2, 5)] == "春节" and days[D(2027, 10, 4)] == "国庆节（补假）"
    assert sum(1 for name in days.values() if "补假" not in name) == 13  # 元旦1 春节4 清明1 劳动2 端午1 中秋1 国庆3


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_day_the_law_gives_was_off_in_the_published_schedule(year):
    # The provisional rule never invents a day off: each of its days was off in the State Council's real schedule.
    days = holiday_law.statutory_days(year)
    assert len([n for n in days.values() if "补假" not in n]) == 13
    assert set(days) <= set(d for d in package_holidays if d.year == year)


def test_the_law_does_not_date_years_before_its_revision():
    assert not holiday_law.covers(2024) and holiday_law.covers(2025) and not holiday_law.covers(2100)
    with pytest.raises(LookupError):
        holiday_law.statutory_days(2024)


# --- parsing the notice ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_notice_parses_to_exactly_the_published_rows(year):
    schedule = holiday_notice.parse(notice(year))
    assert schedule.ok and schedule.year == year and schedule.errors == []
    got = {(r.date, r.kind) for r in schedule.rows}
    expected = {(d, DayKind.HOLIDAY) for d in package_holidays if d.year == year}
    expected |= {(d, DayKind.WORKDAY) for d in package_workdays if d.year == year}
    assert got == expected


def test_the_2026_notice_rows_by_hand():
    rows = {r.date: r for r in holiday_notice.parse(notice(2026)).rows}
    assert [d.isoformat() for d, r in rows.items() if r.kind == DayKind.WORKDAY] == [
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
    assert rows[D(2026, 2, 15)].name == "春节" and rows[D(2026, 2, 23)].mark == "休"
    assert sum(1 for r in rows.values() if r.kind == DayKind.HOLIDAY) == 3 + 9 + 3 + 5 + 3 + 3 + 7


def test_a_wrong_weekday_or_count_is_caught():
    text = notice(2026).replace("2月15日（农历腊月二十八、周日）", "2月15日（农历腊月二十八、周六）").replace("共7天", "共8天")
    schedule = holiday_notice.parse(text)
    assert not schedule.ok
    assert any("2月15日是星期日" in e and "周六" in e for e in schedule.errors)
    assert any("共 7 天" in e and "共8天" in e for e in schedule.errors)


def test_a_weekday_given_as_makeup_day_is_caught():
    schedule = holiday_notice.parse(notice(2026).replace("5月9日（周六）上班", "5月8日上班"))
    assert any("5月8日是星期五" in e and "本来就上班" in e for e in schedule.errors)


def test_a_day_both_off_and_worked_is_caught():
    schedule = holiday_notice.parse(notice(2026).replace("1月4日（周日）上班", "1月3日（周六）上班"))
    assert any("1月3日既是放假日又是上班日" in e for e in schedule.errors)


@pytest.mark.parametrize("text", ["", "随便一段话", "国务院办公厅关于2027年部分节假日安排的通知\n各省：\n无安排。", "\x1b[2J" * 50])
def test_text_without_a_schedule_is_refused_in_chinese(text):
    schedule = holiday_notice.parse(text)
    assert not schedule.ok and schedule.errors and all(any("\u4e00" <= ch <= "\u9fff" for ch in e) for e in schedule.errors)


def test_the_year_comes_from_the_title_or_the_caller():
    body = notice(2026).replace("国务院办公厅关于2026年部分节假日安排的通知", "")
    assert not holiday_notice.parse(body).ok
    assert holiday_notice.parse(body, 2026).ok


def test_a_sentence_that_sets_no_day_is_a_note_not_a_row():
    text = notice(2026).replace("共9天。", "共9天。鼓励各单位结合带薪年休假等制度落实，安排职工在2月13日（周五）休息。")
    schedule = holiday_notice.parse(text)
    assert schedule.ok and D(2026, 2, 13) not in {r.date for r in schedule.rows}
    assert any("2月13日" in n and "未导入" in n for n in schedule.notes)


# --- entering a year: the service, the command, the page ---------------------------------------------------------


@pytest.mark.django_db
def test_entering_a_year_recomputes_every_provisional_clock(people):
    forget_year(2026)
    # Received Mon 2026-09-28. Provisional (law only): 09-29, 09-30 (2); 10-01..03 off, 10-05 off (补假 for 10-03 Sat);
    # 10-06..09 (6), 10-12..16 (11), 10-19..23 (16), 10-26..29 (20) → 2026-10-29.
    # Published: 10-01..07 off; 10-08, 10-09 (4), 10-10 Sat worked (5), 10-12..16 (10), 10-19..23 (15), 10-26..30 (20) → 10-30.
    facts = Facts(received=D(2026, 9, 28))
    before = compute(facts, workdays.load(), today=D(2026, 9, 28))
    assert before.due == D(2026, 10, 29) and before.provisional == (2026,)
    schedule = calendar.import_notice(people["admin"], notice(2026))
    assert schedule.year == 2026
    after = compute(facts, workdays.load(), today=D(2026, 9, 28))
    assert after.due == D(2026, 10, 30) and after.provisional == ()
    entry = AuditEntry.objects.get(action="core.calendar.import_notice")
    assert entry.actor == people["admin"] and "放假 33 天，调休上班 6 天" in entry.summary
    assert CalendarYear.objects.get(year=2026).source == "国务院办公厅关于2026年部分节假日安排的通知"
    # Entering the same notice again changes nothing.
    calendar.import_notice(people["admin"], notice(2026))
    assert AuditEntry.objects.filter(action="core.calendar.import_notice").count() == 1


@pytest.mark.django_db
def test_a_bad_notice_changes_nothing(people):
    forget_year(2026)
    with pytest.raises(ValidationError, match="5月9日是星期六"):
        calendar.import_notice(people["admin"], notice(2026).replace("5月9日（周六）", "5月9日（周日）"))
    assert not CalendarYear.objects.filter(year=2026).exists() and not CalendarDay.objects.filter(date__year=2026).exists()
    with pytest.raises(PermissionDenied):
        calendar.import_notice(people["gkb"], notice(2026))
    assert not CalendarYear.objects.filter(year=2026).exists()


@pytest.mark.django_db
def test_import_notice_command(tmp_path):
    forget_year(2025)
    path = tmp_path / "2025.txt"
    path.write_text(notice(2025), encoding="utf-8")
    from io import StringIO

    out = StringIO()
    call_command("workdays", "import-notice", str(path), "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    assert "2025-01-26\t班\t春节" in lines and "2025-10-08\t休\t国庆节、中秋节" in lines
    assert sum(1 for line in lines if line.startswith("2025-")) == 33 and "未保存" in lines[-1]
    assert not CalendarYear.objects.filter(year=2025).exists()
    call_command("workdays", "import-notice", str(path), stdout=StringIO())
    assert workdays.is_workday(D(2025, 9, 28)) and not workdays.is_workday(D(2025, 10, 8))
    bad = tmp_path / "bad.txt"
    bad.write_text(notice(2025).replace("共8天", "共9天"), encoding="utf-8")
    with pytest.raises(CommandError, match="共9天"):
        call_command("workdays", "import-notice", str(bad), stdout=StringIO())


@pytest.mark.django_db
def test_the_calendar_page_previews_then_saves(client, people):
    forget_year(2026)
    client.force_login(people["admin"])
    page = client.get("/staff/calendar/").content.decode()
    assert "导入放假安排通知" in page
    preview = client.post("/staff/calendar/", {"text": notice(2026), "preview": "1"}).content.decode()
    assert "识别出 39 个日期" in preview and "2026 年 2 月" in preview and "确认导入 2026 年" in preview
    assert preview.index("逐日列表") < preview.index("确认导入 2026 年")  # confirmed after it is read, not before
    assert not CalendarYear.objects.filter(year=2026).exists()
    bad = client.post("/staff/calendar/", {"text": notice(2026).replace("共3天。1月4日", "共4天。1月4日"), "confirm": "1"})
    assert bad.status_code == 200 and "共4天" in bad.content.decode() and not CalendarYear.objects.filter(year=2026).exists()
    saved = client.post("/staff/calendar/", {"text": notice(2026), "confirm": "1"}, follow=True).content.decode()
    assert "已导入国务院办公厅关于2026年部分节假日安排的通知" in saved
    assert CalendarYear.objects.filter(year=2026).exists()
    client.force_login(people["jiaoti_editor"])
    assert client.get("/staff/calendar/").status_code == 403


# --- 暂定 on every surface ---------------------------------------------------------------------------------------


@pytest.fixture
def provisional_app(people, county, no_2027):
    """An application received on 2026-12-15, the test running on that day."""
    with time_machine.travel(dt.datetime(2026, 12, 15, 10, tzinfo=dt.UTC), tick=False):
        yield services.register(people["jiaoti_editor"], applicant(), county["jiaoti"], "in_person", D(2026, 12, 15))


@pytest.mark.django_db
def test_provisional_due_date_is_marked_on_every_surface(client, people, provisional_app):
    app = provisional_app
    clock = selectors.clock(app, today=D(2026, 12, 15))
    assert clock.due == D(2027, 1, 13) and clock.provisional == (2027,)
    client.force_login(people["jiaoti_editor"])
    detail = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "2027-01-13" in detail and "暂定" in detail and "2027 年节假日安排尚未录入" in detail
    dashboard = client.get("/staff/applications/").content.decode()
    assert "1</strong> 件的期限为<strong>暂定</strong>" in dashboard
    ledger = client.get("/staff/applications/ledger/").content.decode()
    assert "（暂定）" in ledger
    status = client.post("/zfxxgk/apply/status/", {"code": app.tracking_code, "phone": "13907981234"}).content.decode()
    assert "2027年1月13日（暂定）" in status and "2027 年节假日安排尚未录入" in status


@pytest.mark.django_db
def test_the_banner_warns_from_october_while_next_year_is_missing(client, people, no_2027):
    client.force_login(people["gkb"])
    with time_machine.travel(dt.datetime(2026, 9, 30, 10, tzinfo=dt.UTC), tick=False):
        assert "节假日安排尚未录入" not in client.get("/staff/").content.decode()
    with time_machine.travel(dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC), tick=False):
        page = client.get("/staff/").content.decode()
        assert "2027 年的节假日安排尚未录入" in page
    client.force_login(people["jiaoti_editor"])  # a unit's editor is not the one to act on it
    with time_machine.travel(dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC), tick=False):
        assert "节假日安排尚未录入" not in client.get("/staff/").content.decode()


@pytest.mark.django_db
def test_a_correction_notice_is_never_refused_for_a_calendar_reason(people, county, no_2027):
    # Received Thu 2026-12-24: the 7 working days for the correction notice run 12-25 (1), 12-28..31 (5), then into
    # 2027 (not entered): 2027-01-01 off by law, 01-04 (6), 01-05 (7). A notice on 12-28 is within them.
    with time_machine.travel(dt.datetime(2026, 12, 28, 10, tzinfo=dt.UTC), tick=False):
        app = services.register(people["jiaoti_editor"], applicant(), county["jiaoti"], "in_person", D(2026, 12, 24))
        assert selectors.clock(app).correction_due == D(2027, 1, 5)
        app = services.request_correction(people["jiaoti_editor"], app, "请写明文件名称", D(2026, 12, 28), D(2027, 1, 15))
    assert app.correction_sent_on == D(2026, 12, 28)


def test_a_correction_deadline_the_office_wrote_is_not_provisional(db, no_2027):
    # Received 2026-12-15, correction notice 12-16 with the deadline 2027-01-15 written in it: that date is the
    # office's, not computed, so it is not 暂定 although 2027 is not entered.
    from zwgk.applications.clock import Facts, compute

    c = compute(Facts(received=D(2026, 12, 15), correction_sent=D(2026, 12, 16), correction_deadline=D(2027, 1, 15)),
                workdays.load(), today=D(2026, 12, 20))
    assert c.state == "awaiting_correction" and c.due == D(2027, 1, 15) and c.provisional == ()
