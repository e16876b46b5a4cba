"""The public site's layout in real Chromium on a phone (390 px) and a desktop (1366 px): no horizontal overflow,
the first search result within the first screen on a phone, the menu button, axe-core clean; screenshots are saved to
var/screenshots/{home,document,search}-{390,1366}.png."""

from pathlib import Path

import pytest

from .test_browser import (
    CHROMIUM,  # noqa: F401  (skips the module when Chromium is missing)
    browser,  # noqa: F401  (fixture)
    login,
)
from .test_portal_browser import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def open_page(browser, live_server, settings):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.HTTPS = False
    contexts = []

    def open_(width: int, path: str, bypass_csp: bool = False):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 844 if width < 500 else 900},
                                      bypass_csp=bypass_csp)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.goto(live_server.url + path)
        return page

    yield open_
    for c in contexts:
        c.close()


@pytest.mark.inject_script
@pytest.mark.parametrize("width", [390, 1366])
def test_home_document_search_fit_and_pass_axe(open_page, site, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = {"home": "/", "document": f"/documents/{site['policy'].pk}/", "search": "/search/?q=义务教育"}
    problems = {}
    for name, path in pages.items():
        page = open_page(width, path, bypass_csp=True)
        assert page.evaluate(OVERFLOW) <= 0, f"{name} overflows at {width}px"
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        if name == "search":
            first = page.locator(".hits li").first.bounding_box()
            if width < 500:  # on a phone the first result is within the first screen, the facets folded below
                assert first["y"] < page.viewport_size["height"], first
                assert page.evaluate("document.querySelector('.facets-panel').open") is False
            else:
                assert page.evaluate("document.querySelector('.facets-panel').open") is True
        found = audit(page)
        if found:
            problems[name] = found
        assert page.errors == [], (name, page.errors)
    assert problems == {}, problems


@pytest.mark.parametrize("path", ["/zfxxgk/apply/", "/zfxxgk/", "/sitemap/", "/no-such-page/"])
def test_other_public_pages_fit_a_phone(open_page, site, path):
    page = open_page(390, path)
    assert page.evaluate(OVERFLOW) <= 0, path
    if path == "/zfxxgk/apply/":  # the offices' table stacks: each cell led by its column's name
        cell = page.locator("table.stack td[data-label='电话']").first
        assert page.evaluate("(td) => getComputedStyle(td).display", cell.element_handle()) == "block"
        assert page.evaluate("(td) => getComputedStyle(td, '::before').content", cell.element_handle()) == '"电话"'


def test_staff_lists_fit_a_phone(browser, site, staff, live_server, settings):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    page = login(browser, live_server.url, "gkb", viewport={"width": 390, "height": 844})
    for path in ("/staff/applications/ledger/", "/staff/audit/", "/staff/docs/"):
        page.goto(live_server.url + path)
        assert page.evaluate(OVERFLOW) <= 0, path


def test_menu_button_opens_and_closes_the_navigation_by_keyboard(open_page, site):
    page = open_page(390, "/")
    nav_link = page.locator("#site-nav").get_by_role("link", name="依申请公开")
    button = page.get_by_role("button", name="菜单")
    assert button.is_visible() and not nav_link.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and nav_link.is_visible()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not nav_link.is_visible()
    wide = open_page(1366, "/")
    assert not wide.get_by_role("button", name="菜单").is_visible()
    assert wide.locator("#site-nav").get_by_role("link", name="依申请公开").is_visible()


def test_font_size_is_remembered_and_copy_link(open_page, site):
    page = open_page(1366, f"/documents/{site['policy'].pk}/")
    body = "parseFloat(getComputedStyle(document.querySelector('.doc-body')).fontSize)"
    medium = page.evaluate(body)
    page.get_by_role("button", name="字号 大").click()
    assert page.evaluate(body) > medium
    assert page.get_by_role("button", name="字号 大").get_attribute("aria-pressed") == "true"
    page.goto(page.url.replace(f"/documents/{site['policy'].pk}/", f"/documents/{site['notice'].pk}/"))
    assert page.evaluate(body) > medium  # remembered (localStorage) on the next page
    page.get_by_role("button", name="字号 小").click()
    assert page.evaluate(body) < medium
    page.get_by_role("button", name="复制链接").click()
    page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
    assert page.evaluate("document.querySelector('.qr').naturalWidth") > 0  # the QR image loaded (same origin, SVG)
    assert page.errors == []


def _published(staff, county, **content):
    from zwgk.publishing import services
    from zwgk.publishing.models import Document

    from .portal_data import _approve_all
    from .test_publishing import CONTENT

    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **{**CONTENT, **content})
    services.submit(staff["jiaoti_editor"], doc)
    _approve_all(staff, doc)
    return Document.objects.get(pk=doc.pk)


def test_document_page_fits_a_phone_at_the_toolbars_largest_text(open_page, site):
    page = open_page(390, f"/documents/{site['policy'].pk}/")
    page.get_by_role("button", name="无障碍").click()
    larger = page.locator(".a11y-panel").get_by_role("button", name="放大文字", exact=True)
    while larger.get_attribute("aria-disabled") != "true":
        larger.click()
    assert page.locator(".a11y-size").inner_text() == "文字 175%"
    assert page.evaluate(OVERFLOW) <= 0
    search = page.get_by_role("button", name="搜索", exact=True).bounding_box()
    assert search["x"] >= 0 and search["x"] + search["width"] <= 390, search
    for dd in page.locator(".doc-meta dd").all():  # each metadata value within the card
        box = dd.bounding_box()
        assert box["x"] + box["width"] <= 390, (dd.inner_text(), box)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "document-390-text175.png"), full_page=True)
    assert page.errors == []


def test_a_wide_table_in_the_body_scrolls_inside_its_box(open_page, site, staff, county):
    from zwgk.applications import report as annual

    body = annual.to_html(annual.build(county["jiaoti"], 2024))  # the annual report's tables, 表三 the widest
    doc = _published(staff, county, title="浮梁县教育体育局2024年政府信息公开工作年度报告", genre="年报", body_html=body)
    page = open_page(390, f"/documents/{doc.pk}/")
    assert page.evaluate(OVERFLOW) <= 0
    widths = page.evaluate("[...document.querySelectorAll('.doc-body table')].map(t => [t.scrollWidth, t.clientWidth])")
    assert len(widths) == 3 and any(sw > cw for sw, cw in widths), widths  # 表三 wider than the phone: it scrolls
    assert page.evaluate("getComputedStyle(document.querySelector('.doc-body table')).overflowX") == "auto"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "document-390-wide-table.png"), full_page=True)
    assert page.errors == []
