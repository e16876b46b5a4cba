"""重大行政决策 public pages in real Chromium: axe-core (WCAG 2.1 A/AA, serious and critical) on the catalogs by year
and a year's catalog, in normal and care mode; the ticks read as text."""

import datetime as dt

import pytest

from zwgk.participation.decisions import services

from .test_browser import (
    CHROMIUM,  # noqa: F401  (skips the module when Chromium is missing)
    browser,  # noqa: F401  (fixture)
)
from .test_participation_decisions import _media, catalog, evidence_all, item_of, published_catalog  # noqa: F401
from .test_portal_browser import audit, visitor  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.inject_script
@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_axe_on_the_decision_catalog(visitor, staff, county, catalog, care):  # noqa: F811
    c = published_catalog(staff, catalog)
    item = item_of(c)
    evidence_all(staff, county, item)
    services.decide_item(staff["jiaoti_editor"], item, dt.date.today())
    if care:
        visitor.goto(visitor.base + "/care/?on=1&next=/")
    found = {}
    for path in ("/gzcy/decisions/", f"/gzcy/decisions/{c.year}/"):
        visitor.goto(visitor.base + path)
        assert visitor.locator("h1").count() == 1
        if problems := audit(visitor):
            found[path] = problems
    assert found == {}
    # each tick has its words for a screen reader, and the table keeps its labels on a phone
    cell = visitor.locator("td[data-label='是否履行公众参与程序']").first
    assert "是，已履行" in cell.inner_text() or "是，已履行" in cell.text_content()
    names = visitor.locator("td a").evaluate_all("els => els.map(e => e.textContent)")
    assert "佐证：浮梁县城区停车收费管理办法公众参与" in names, names
