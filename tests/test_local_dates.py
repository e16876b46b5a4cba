"""Days are local (Asia/Shanghai) wherever a moment is shown or counted: 2025-12-31 20:00 UTC is 2026-01-01 04:00 here."""

from __future__ import annotations

import datetime as dt

import pytest

from zwgk.core import audit
from zwgk.core.models import AuditEntry
from zwgk.publishing.models import DocStatus, Document, Kind

NEW_YEAR_UTC = dt.datetime(2025, 12, 31, 20, 0, tzinfo=dt.UTC)  # 2026-01-01 04:00 in Asia/Shanghai


@pytest.fixture
def published(people, county):
    with audit.allow_direct_writes():
        return Document.objects.create(
            kind=Kind.DOCUMENT, organization=county["jiaoti"], created_by=people["jiaoti_editor"], status=DocStatus.PUBLISHED,
            title="浮梁县教育体育局关于元旦假期安全工作的通知", written_date=dt.date(2025, 12, 30), published_at=NEW_YEAR_UTC,
            updated_at=NEW_YEAR_UTC, is_normative=True,
        )


def test_assessment_drill_down_shows_and_counts_the_local_day(published, county):
    from zwgk.workplan.indicators import SOURCES

    timely = SOURCES["timely_publication"][1]
    this_year = timely(county["jiaoti"], dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert [e["note"].split("，")[:2] for e in this_year.evidence] == [["成文 2025-12-30", "发布 2026-01-01"]]
    assert timely(county["jiaoti"], dt.date(2025, 1, 1), dt.date(2025, 12, 31)).denominator == 0


def test_annual_figures_count_the_local_year(published, county):
    from zwgk.publishing import selectors

    with audit.allow_direct_writes():
        from zwgk.publishing.models import NormativeRecord

        NormativeRecord.objects.create(document=published, registration_no="2026-0001", max_years=5)
    assert selectors.normative_counts(2026, county["gov"])["issued"] == 1
    assert selectors.normative_counts(2025, county["gov"]) == {"issued": 0, "repealed": 0, "valid": 0}


def test_feed_times_become_local_days():
    from zwgk.monitoring.services import _latest_feed_date

    rss = b"<rss version='2.0'><channel><item><pubDate>Wed, 31 Dec 2025 20:00:00 GMT</pubDate></item></channel></rss>"
    atom = b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><updated>2025-12-31T20:00:00Z</updated></entry></feed>"
    plain = b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><updated>2025-12-31</updated></entry></feed>"
    assert _latest_feed_date(rss) == _latest_feed_date(atom) == dt.date(2026, 1, 1)
    assert _latest_feed_date(plain) == dt.date(2025, 12, 31)


def test_audit_entry_and_search_hit_name_the_local_time():
    from zwgk.search.models import SearchEntry
    from zwgk.search.query import Hit

    entry = AuditEntry(created_at=NEW_YEAR_UTC, actor_name="系统", action_label="发布", object_repr="通知")
    assert str(entry).startswith("2026-01-01 04:00 ")
    hit = Hit(SearchEntry(kind="document", object_id="1", title="通知", url="/documents/1/", published_at=NEW_YEAR_UTC), 1.0, "")
    assert hit.as_dict()["published_at"].startswith("2026-01-01T04:00:00+08:00")
