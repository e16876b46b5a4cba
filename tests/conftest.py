from __future__ import annotations

import pytest
from django.db import connection

from tests.factories import OrganizationFactory, UserFactory
from zwgk.core.models import OrgKind, Role


@pytest.fixture(autouse=True)
def _strict_writes(settings):
    """In tests a write to a zwgk model outside a service function raises."""
    settings.ZWGK_STRICT_WRITES = True


@pytest.fixture
def is_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def county(db):
    """A small county: government, office, two departments, a township, an institution under a department."""
    gov = OrganizationFactory(name="浮梁县人民政府", short_name="县政府", kind=OrgKind.GOVERNMENT, parent=None)
    office = OrganizationFactory(name="浮梁县人民政府办公室", short_name="县政府办公室", kind=OrgKind.OFFICE, parent=gov)
    jiaoti = OrganizationFactory(name="浮梁县教育体育局", short_name="县教体局", parent=gov)
    weijian = OrganizationFactory(name="浮梁县卫生健康委员会", short_name="县卫健委", parent=gov)
    town = OrganizationFactory(name="浮梁县浮梁镇人民政府", short_name="浮梁镇", kind=OrgKind.TOWNSHIP, parent=gov)
    school = OrganizationFactory(name="浮梁县第一中学", short_name="浮梁一中", kind=OrgKind.INSTITUTION, parent=jiaoti)
    return {"gov": gov, "office": office, "jiaoti": jiaoti, "weijian": weijian, "town": town, "school": school}


@pytest.fixture
def people(county):
    return {
        "admin": UserFactory(username="admin", organization=county["office"], roles=[Role.ADMIN]),
        "gkb": UserFactory(username="gkb", organization=county["office"], roles=[Role.COUNTY_OFFICE]),
        "jiaoti_editor": UserFactory(username="jiaoti_editor", organization=county["jiaoti"], roles=[Role.EDITOR]),
        "jiaoti_reviewer": UserFactory(username="jiaoti_reviewer", organization=county["jiaoti"], roles=[Role.REVIEWER]),
        "weijian_reviewer": UserFactory(username="weijian_reviewer", organization=county["weijian"], roles=[Role.REVIEWER]),
    }


@pytest.fixture(autouse=True)
def _no_search_cache(settings):
    """Test databases roll back between tests; a per-process result cache would outlive them."""
    settings.ZWGK_SEARCH_CACHE_SECONDS = 0
    settings.ZWGK_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _no_outside_links(settings):
    """Screening never reaches beyond this machine in tests; the dead-link test turns it on for 127.0.0.1.
    The inspection crawler records outbound links but does not fetch them."""
    settings.ZWGK_SCREENING_CHECK_LINKS = False
    settings.ZWGK_INSPECT_CHECK_OUTBOUND = False


@pytest.fixture
def staff(people, county):
    """Publishing staff of 县教体局 and the county office, beyond the base people."""
    from zwgk.core.models import Role

    return {
        **people,
        "jiaoti_secrecy": UserFactory(username="jiaoti_secrecy", organization=county["jiaoti"], roles=[Role.SECRECY_REVIEWER]),
        "jiaoti_reviewer2": UserFactory(username="jiaoti_reviewer2", organization=county["jiaoti"], roles=[Role.REVIEWER]),
        "office_editor": UserFactory(username="office_editor", organization=county["office"], roles=[Role.EDITOR]),
        "office_reviewer": UserFactory(username="office_reviewer", organization=county["office"], roles=[Role.REVIEWER]),
        "office_secrecy": UserFactory(username="office_secrecy", organization=county["office"], roles=[Role.SECRECY_REVIEWER]),
        "gkb2": UserFactory(username="gkb2", organization=county["office"], roles=[Role.COUNTY_OFFICE]),
    }


@pytest.fixture
def site(staff, county):
    """A small published site (notice, normative policy with interpretation, an expired item, catalog)."""
    from . import portal_data

    return portal_data.build(staff, county)


@pytest.fixture(autouse=True)
def _clean_fulltext_tables(request):
    """Transactional tests end with Django's flush, which empties the models' tables only: the full-text
    side tables (FTS5 / tsvector, not models) would keep rows the next test's index never wrote."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return
    request.getfixturevalue("transactional_db")
    with connection.cursor() as cur:
        cur.execute("DELETE FROM search_vector" if connection.vendor == "postgresql" else "DELETE FROM search_fts")


@pytest.fixture(autouse=True)
def _clean_shared_cache(request, django_db_blocker):
    """The database caches' tables are not models: the flush after a transactional test leaves their rows (rate-limit
    counts, cached pages), so they are cleared here. Other tests roll them back with their transaction."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.core.cache import caches

        with django_db_blocker.unblock():
            for cache in caches.all():
                cache.clear()
