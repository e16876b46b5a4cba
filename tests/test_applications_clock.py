"""The statutory clock and the fee rules against real dates of 2024-2026 (domain/disclosure-requests.md)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zwgk.applications import fees, rules
from zwgk.applications.clock import Facts, Pause, compute
from zwgk.core import workdays

D = dt.date
# The module's calendar is read once; the marker makes pytest-django set up the test database even when this file
# runs alone (it sets up only the databases some collected test asks for).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def cal(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return workdays.load()


def test_twenty_working_days_the_domain_example(cal):
    c = compute(Facts(received=D(2025, 9, 26)), cal, today=D(2025, 9, 29))
    assert c.due == D(2025, 10, 30) and c.state == "running"
    assert c.text == "收到 2025-09-26 → 20个工作日 → 2025-10-30"
    assert c.correction_due == D(2025, 10, 13)  # 7 working days, through the National Day week and a 补班 Saturday


def test_third_party_pause_the_issue_example(cal):
    f = Facts(received=D(2025, 9, 26), pauses=(Pause("third_party", D(2025, 10, 20), D(2025, 10, 23)),))
    c = compute(f, cal, today=D(2025, 10, 24))
    assert c.due == D(2025, 11, 4)
    assert c.text == "收到 2025-09-26 → 20个工作日 → 2025-10-30；征求第三方意见暂停 3 个工作日 → 2025-11-04"
    assert c.third_party_due == D(2025, 11, 10)


@pytest.mark.parametrize(("received", "due"), [
    (D(2025, 1, 20), D(2025, 2, 21)),  # across the 2025 Spring Festival, with 补班 on Sun 01-26 and Sat 02-08
    (D(2026, 2, 9), D(2026, 3, 13)),  # across the 2026 Spring Festival (补班 Sat 02-14 and 02-28)
    (D(2024, 1, 29), D(2024, 2, 29)),  # across the 2024 Spring Festival (补班 Sun 02-04 and 02-18)
    (D(2025, 4, 21), D(2025, 5, 21)),  # across 劳动节 2025, with the 补班 Sunday 04-27
])
def test_due_dates_across_holidays_and_makeup_days(cal, received, due):
    assert compute(Facts(received=received), cal, today=received).due == due


def test_correction_restarts_the_period_and_no_correction_abandons(cal):
    f = Facts(received=D(2025, 3, 3), correction_sent=D(2025, 3, 7), correction_deadline=D(2025, 3, 21))
    waiting = compute(f, cal, today=D(2025, 3, 10))
    assert waiting.state == "awaiting_correction" and waiting.due == D(2025, 3, 21) and waiting.days_left == 9
    assert waiting.correction_due == D(2025, 3, 12)
    gone = compute(f, cal, today=D(2025, 3, 24))
    assert gone.state == "abandoned_correction" and gone.due is None and not gone.overdue
    corrected = compute(Facts(**{**f.__dict__, "corrected": D(2025, 3, 20)}), cal, today=D(2025, 3, 24))
    assert corrected.due == cal.add(D(2025, 3, 20), 20) == D(2025, 4, 18)
    assert "2025-03-20 收到补正申请，重新计算 → 20个工作日 → 2025-04-18" in corrected.text


def test_extension_and_overdue(cal):
    f = Facts(received=D(2025, 9, 26), extension_days=20)
    c = compute(f, cal, today=D(2025, 11, 28))
    assert c.due == cal.add(D(2025, 10, 30), 20) == D(2025, 11, 27)
    assert c.overdue and c.days_left == -1
    assert "延长 20 个工作日 → 2025-11-27" in c.text
    assert compute(f, cal, today=D(2025, 11, 27)).due_today
    assert compute(f, cal, today=D(2025, 11, 21)).due_soon


def test_a_silent_third_party_stops_the_clock_for_15_working_days_only(cal):
    f = Facts(received=D(2025, 9, 26), pauses=(Pause("third_party", D(2025, 10, 13)),))
    running = compute(f, cal, today=D(2025, 10, 15))
    assert running.state == "paused" and running.due == cal.add(D(2025, 10, 30), 2)
    after = compute(f, cal, today=D(2025, 12, 1))
    assert after.state == "running" and after.due == cal.add(D(2025, 10, 30), 15)


def test_fee_notice_stops_the_clock_and_unpaid_fee_abandons(cal):
    paid = Facts(received=D(2025, 9, 26), fee_notice=D(2025, 10, 13), fee_paid=D(2025, 10, 17))
    assert compute(paid, cal, today=D(2025, 10, 20)).due == cal.add(D(2025, 10, 30), 4)
    assert compute(paid, cal, today=D(2025, 10, 20), fee_stops_clock=False).due == D(2025, 10, 30)
    unpaid = Facts(received=D(2025, 9, 26), fee_notice=D(2025, 10, 13))
    waiting = compute(unpaid, cal, today=D(2025, 10, 20))
    assert waiting.state == "awaiting_fee" and waiting.fee_due == D(2025, 11, 10)
    gone = compute(unpaid, cal, today=D(2025, 11, 11))
    assert gone.state == "abandoned_fee" and not gone.overdue


def test_reply_on_time_or_late(cal):
    on_time = compute(Facts(received=D(2025, 9, 26), replied=D(2025, 10, 30)), cal, today=D(2025, 12, 1))
    assert on_time.state == "replied" and not on_time.overdue and on_time.text.endswith("2025-10-30 送达，在期限内") and on_time.late_days == 0
    late = compute(Facts(received=D(2025, 9, 26), replied=D(2025, 11, 3)), cal, today=D(2025, 12, 1))
    assert late.text.endswith("逾期 2 个工作日") and late.late_days == 2


def test_beyond_the_known_calendar_the_date_is_provisional(cal):
    # Received Tue 2026-12-15; 2027 is not entered. Working days: 12-16..18 (3), 12-21..25 (8), 12-28..31 (12),
    # 2027-01-01 off by law (元旦), 01-04..08 (17), 01-11, 12, 13 (20).
    c = compute(Facts(received=D(2026, 12, 15)), cal, today=D(2026, 12, 15))
    assert c.state == "running" and c.due == D(2027, 1, 13) and c.days_left == 20
    assert c.provisional == (2027,)
    assert "暂定" in c.provisional_note and "2027" in c.provisional_note and "暂定" in c.text
    # Received 2026-12-01: due 2026-12-29, inside the entered year: not provisional.
    known = compute(Facts(received=D(2026, 12, 1)), cal, today=D(2026, 12, 1))
    assert known.due == D(2026, 12, 29) and known.provisional == () and known.provisional_note == ""


def test_beyond_what_the_law_can_date_says_so(cal):
    c = compute(Facts(received=D(2099, 12, 15)), cal, today=D(2099, 12, 15))
    assert c.state == "unknown_calendar" and c.due is None and "2100" in c.message


received_days = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 6, 30))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(received=received_days, offset=st.integers(0, 15), k=st.integers(0, 25), ext=st.integers(0, rules.EXTENSION_MAX_DAYS))
def test_a_pause_of_k_working_days_moves_the_due_date_by_k(cal, received, offset, k, ext):
    start = cal.add(received, offset)
    end = cal.add(start, k)
    base = compute(Facts(received=received, extension_days=ext), cal, today=received)
    paused = compute(Facts(received=received, extension_days=ext, pauses=(Pause("agency", start, end),)), cal, today=received)
    # The party has 15 working days from its receipt (here the day sent): a later answer pauses the clock no longer.
    assert cal.between(base.due, paused.due) == min(k, rules.CONSULTATION_DAYS)
    assert cal.is_workday(base.due) and cal.is_workday(paused.due)
    assert cal.between(received, base.due) == rules.REPLY_DAYS + ext


def test_fee_worked_examples():
    assert fees.per_item(45) == 20 * 100 + 10 * 200 + 5 * 300 == 5500
    assert fees.per_volume(2219) == 70 * 10 + 100 * 20 + 2019 * 40 == 83460
    assert [fees.per_item(n) for n in (0, 10, 11, 30, 31, 40, 41)] == [0, 0, 100, 2000, 2200, 4000, 4300]
    assert [fees.per_volume(n) for n in (30, 31, 100, 101, 200, 201)] == [0, 10, 700, 720, 2700, 2740]
    assert fees.per_item(5, already=40) == 5 * 300  # the month's count goes on across applications
    with pytest.raises(ValueError, match="负数"):
        fees.per_volume(-1)


@given(n=st.integers(0, 300), m=st.integers(0, 300))
def test_item_fees_add_up_over_a_month(n, m):
    assert fees.per_item(n) + fees.per_item(m, already=n) == fees.per_item(n + m)


@given(n=st.integers(0, 5000))
def test_volume_fee_never_falls_as_pages_grow(n):
    assert fees.per_volume(n + 1) >= fees.per_volume(n)


@pytest.mark.parametrize(("args", "out"), [(["--items", "45"], "5500"), (["--pages", "2219"], "83460")])
def test_fee_command(args, out):
    buf = StringIO()
    call_command("fee", *args, stdout=buf)
    assert buf.getvalue().strip() == out


def test_every_reply_type_maps_to_a_report_row_of_its_group():
    assert len(rules.REPLY_TYPES) == len(rules.REPLY_BY_CODE)
    for r in rules.REPLY_TYPES:
        assert r.group in rules.REPORT_GROUPS and r.report_row and r.legal_basis
        if r.group in ("不予公开", "无法提供"):
            assert r.needs_reason
