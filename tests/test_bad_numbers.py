"""Malformed and out-of-range numbers in query strings and forms: ignored on public filters, a Chinese error elsewhere,
never HTTP 500 (issue 12, defect 5). Run on both databases: a number past bigint fails only on PostgreSQL."""

from __future__ import annotations

import pytest

BIG = "9223372036854775808"  # one past PostgreSQL's bigint
HUGE = "9" * 30


BROWSE = [
    {"organization": "abc"}, {"organization": BIG}, {"organization": "-1"}, {"organization": "99999"},
    {"year": "0"}, {"year": "10000"}, {"year": "²"}, {"year": HUGE}, {"page": HUGE}, {"page": "0"}, {"page": "-3"},
    {"page": "abc"}, {"validity": "nope"}, {"genre": "x" * 500}, {"topic": "\x00"},
]
SEARCH = [
    {"organization_id": BIG}, {"organization_id": "abc"}, {"year": "0"}, {"year": "10000"}, {"year": "²"},
    {"page": HUGE}, {"page": "-1"}, {"kind": "x" * 300}, {"sort": "x"},
]


@pytest.mark.django_db
class TestPublicFilters:
    def test_browse_and_search_ignore_a_bad_filter(self, client, site):
        """The bad filter is ignored: everything is listed, found."""
        wrong = []
        for path, base, cases in (("/documents/", {}, BROWSE), ("/search/", {"q": "义务教育 招生"}, SEARCH)):
            for params in cases:
                response = client.get(path, {**base, **params})
                if response.status_code != 200 or site["policy"].title not in response.content.decode():
                    wrong.append((path, params, response.status_code))
        assert wrong == []

    def test_browse_keeps_good_filters_beside_a_bad_one(self, client, site):
        page = client.get("/documents/", {"genre": "办法", "year": "0", "organization": BIG}).content.decode()
        assert site["policy"].title in page and site["notice"].title not in page

    def test_a_page_past_the_end_shows_the_last_page(self, client, site):
        page = client.get("/search/", {"q": "义务教育 招生", "page": "40"}).content.decode()
        assert site["policy"].title in page
        assert site["policy"].title in client.get("/zfxxgk/normative/", {"page": HUGE}).content.decode()


API = [
    ("/api/documents", {"year": "10000"}), ("/api/documents", {"year": "0"}), ("/api/documents", {"organization": BIG}),
    ("/api/documents", {"organization": "abc"}), ("/api/documents", {"page": HUGE}), ("/api/documents", {"page": "0"}),
    ("/api/documents", {"page_size": "1000"}), ("/api/search", {"q": "招生", "page": HUGE}),
    ("/api/search", {"q": "招生", "organization": BIG}), ("/api/search", {"q": "招生", "year": "-5"}), ("/api/search", {}),
    ("/api/documents/abc", {}),
]


def _chinese(text: object) -> bool:
    return isinstance(text, str) and any("\u4e00" <= c <= "\u9fff" for c in text)


@pytest.mark.django_db
class TestApi:
    def test_bad_parameters_are_a_chinese_error(self, client, site):
        wrong = []
        for path, params in API:
            response = client.get(path, params)
            if response.status_code not in (400, 422) or not _chinese(response.json().get("detail")):
                wrong.append((path, params, response.status_code, response.content[:200]))
        assert wrong == []

    def test_missing_document_is_a_chinese_404(self, client, site):
        for doc_id in ("99999", BIG, HUGE):
            response = client.get(f"/api/documents/{doc_id}")
            assert (response.status_code, response.json()) == (404, {"detail": "未找到该信息"}), doc_id

    def test_good_requests_still_answer_and_the_schema_renders(self, client, site):
        assert client.get("/api/documents", {"organization": site["policy"].organization_id, "year": "2026"}).status_code == 200
        schema = client.get("/api/openapi.json").json()
        year = next(p for p in schema["paths"]["/api/documents"]["get"]["parameters"] if p["name"] == "year")
        assert year["schema"]["anyOf"][0]["maximum"] == 2100


@pytest.mark.django_db
class TestMonitoringRunForm:
    def test_bad_max_pages_is_refused_in_chinese(self, client, people, county):
        from zwgk.monitoring import services
        from zwgk.monitoring.models import Run

        site = services.save_site(people["gkb"], name="浮梁县人民政府", url="http://127.0.0.1:9/", organization=county["gov"])
        client.force_login(people["gkb"])
        for value in ("abc", "-5", "0", "100001", HUGE, "1e3"):
            response = client.post(f"/staff/monitoring/sites/{site.pk}/run/", {"max_pages": value}, follow=True)
            assert response.status_code == 200, value
            assert "最多抓取页面" in response.content.decode() and "1 到 100000" in response.content.decode(), value
        assert not Run.objects.exists()

    def test_a_good_value_starts_the_run(self, client, people, county):
        from zwgk.monitoring import services
        from zwgk.monitoring.models import Run

        site = services.save_site(people["gkb"], name="浮梁县人民政府", url="http://127.0.0.1:9/", organization=county["gov"])
        client.force_login(people["gkb"])
        client.post(f"/staff/monitoring/sites/{site.pk}/run/", {"max_pages": "30"})
        assert Run.objects.get().max_pages == 30


STAFF_GETS = [
    "/staff/docs/normative/?year=0", "/staff/docs/normative/?year=99999", "/staff/docs/normative/?year=²",
    "/staff/docs/?page=" + HUGE, "/staff/applications/ledger/?org=²", "/staff/applications/ledger/?org=" + BIG,
    "/staff/applications/ledger/?year=0&row=x", "/staff/applications/report/?org=²", "/staff/applications/report/?org=" + BIG,
    "/staff/applications/report/?year=²", "/staff/workplan/?year=²", "/staff/workplan/?year=" + HUGE, "/staff/audit/?page=" + HUGE,
]


@pytest.mark.django_db
def test_staff_pages_take_bad_numbers_without_500(client, people, county):
    from zwgk.core.models import Role
    from zwgk.monitoring import services
    from zwgk.monitoring.indicators import DEFAULT_RULES
    from zwgk.monitoring.models import ScoreRule, Site

    from .factories import UserFactory

    site = services.save_site(people["gkb"], name="浮梁县人民政府", url="http://127.0.0.1:9/", organization=county["gov"])
    client.force_login(UserFactory(username="all_roles", organization=county["office"], roles=[Role.ADMIN, Role.COUNTY_OFFICE]))
    client.raise_request_exception = False  # a 500 is counted, not raised
    wrong = [(path, r.status_code) for path in STAFF_GETS if (r := client.get(path)).status_code != 200]
    posts = [
        (f"/staff/monitoring/sites/{site.pk}/interaction/", {"unanswered": BIG, "checked_on": "2025-01-01", "has_channel": "1"}),
        ("/staff/monitoring/sites/new/", {"organization": "abc", "name": "网站", "url": "http://127.0.0.1:9/"}),
        ("/staff/monitoring/scoring/", {f"points-{r.check}": "nan" for r in DEFAULT_RULES}),
        ("/staff/workplan/import/", {"year": "²"}),
        ("/staff/workplan/assessment/indicators/save/", {"indicator": "abc", "weight": "nan"}),
        ("/staff/workplan/cases/", {"plan": "abc", "title": "案例", "summary": "摘要"}),
        ("/staff/workplan/cases/decide/", {"case": BIG}),
    ]
    wrong += [(url, r.status_code) for url, data in posts if (r := client.post(url, data)).status_code not in (302, 400, 404)]
    assert wrong == []
    assert not ScoreRule.objects.exists() and Site.objects.get(pk=site.pk).unanswered_messages == 0
