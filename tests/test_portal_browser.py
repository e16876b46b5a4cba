"""The public site in real Chromium: navigation, search, care mode, and axe-core audits."""

import json
import os
from pathlib import Path

import pytest

from .test_browser import (
    CHROMIUM,  # noqa: F401  (skips the module when Chromium is missing)
    browser,  # noqa: F401  (fixture)
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = (Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js").read_text()


@pytest.fixture
def visitor(request, browser, live_server, settings):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.HTTPS = False
    # The axe audit injects its script: only that test lets the page's CSP be bypassed.
    bypass = request.node.get_closest_marker("inject_script") is not None
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=bypass)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.base = live_server.url
    yield page
    context.close()


def audit(page) -> list[dict]:
    """Serious and critical axe-core violations on the current page (WCAG 2 A and AA rules)."""
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async () => JSON.stringify(await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))"
    )
    violations = json.loads(result)["violations"]
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations if v["impact"] in ("serious", "critical")
    ]


PAGES = {"home": "/", "catalog": "/areas/义务教育/", "search": "/search/?q=义务教育招生", "document": None,
         "apply_form": "/zfxxgk/apply/form/", "apply_status": "/zfxxgk/apply/status/"}


@pytest.mark.inject_script
@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_axe_audits(visitor, site, care):
    PAGES["document"] = f"/documents/{site['policy'].pk}/"
    if care:
        visitor.goto(visitor.base + "/care/?on=1&next=/")
    found = {}
    for name, path in PAGES.items():
        visitor.goto(visitor.base + path)
        assert ("care" in visitor.evaluate("document.body.className")) == care
        problems = audit(visitor)
        if problems:
            found[name] = problems
    assert found == {}, found
    assert visitor.errors == []


def test_care_mode_sizes_and_persistence(visitor, site):
    visitor.goto(visitor.base + f"/documents/{site['policy'].pk}/")
    visitor.get_by_role("link", name="关怀模式").click()
    visitor.wait_for_url(visitor.base + f"/documents/{site['policy'].pk}/")
    sizes = visitor.evaluate("""() => {
      const px = (el) => parseFloat(getComputedStyle(el).fontSize);
      const p = document.querySelector('.doc-body p');
      const cs = getComputedStyle(p);
      const links = [...document.querySelectorAll('.nav a')].map(a => a.getBoundingClientRect());
      return {body: px(p), h1: px(document.querySelector('h1')), lineHeight: parseFloat(cs.lineHeight) / px(p),
              paragraphGap: parseFloat(cs.marginBottom) / parseFloat(cs.lineHeight),
              smallestTarget: Math.min(...links.map(r => Math.min(r.width, r.height)))};
    }""")
    assert sizes["body"] >= 18 and sizes["h1"] >= 30 and sizes["lineHeight"] >= 1.3
    assert sizes["paragraphGap"] >= 1.3 and sizes["smallestTarget"] >= 60, sizes
    visitor.goto(visitor.base + "/zfxxgk/")  # the choice persists
    assert "care" in visitor.evaluate("document.body.className")
    visitor.get_by_role("link", name="退出关怀模式").click()
    visitor.wait_for_load_state()
    assert "care" not in visitor.evaluate("document.body.className")


def test_keyboard_only_visitor_reaches_search_with_visible_focus(visitor, site):
    visitor.goto(visitor.base + "/")
    visitor.keyboard.press("Tab")
    assert visitor.evaluate("document.activeElement.textContent") == "跳到正文"
    for _ in range(12):
        visitor.keyboard.press("Tab")
        if visitor.evaluate("document.activeElement.id") == "site-q":
            break
    assert visitor.evaluate("document.activeElement.id") == "site-q"
    outline = visitor.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    visitor.keyboard.type("浮教体规[2024]1号")
    visitor.keyboard.press("Enter")
    visitor.wait_for_load_state()
    first = visitor.locator(".hits li h3 a").first
    assert first.inner_text() == site["policy"].title


def test_visitor_finds_by_fragment_number_and_topic_then_reads_interpretation(visitor, site):
    for query, expected in (("阶段学校招生管理", site["policy"].title), ("浮教体规〔2024〕1号", site["policy"].title),
                            ("义务教育 招生", site["notice"].title)):
        visitor.goto(visitor.base + "/")
        visitor.get_by_label("搜索公开信息").fill(query)
        visitor.get_by_role("button", name="搜索").click()
        visitor.wait_for_load_state()
        assert expected in visitor.locator(".hits").inner_text(), query
    visitor.locator(".facets").get_by_role("link", name="办法").click()  # genre facet (the results come first in the page)
    visitor.wait_for_load_state()
    assert "找到 1 条结果" in visitor.locator("main").inner_text()
    visitor.get_by_role("link", name=site["policy"].title).click()
    visitor.get_by_role("link", name=site["interp"].title).click()
    assert "在哪里入学" in visitor.locator("main").inner_text()
    assert visitor.locator('meta[name="ArticleTitle"]').get_attribute("content") == site["interp"].title
    assert visitor.errors == []


def test_open_government_and_catalog_in_the_browser(visitor, site):
    visitor.goto(visitor.base + "/")
    visitor.get_by_role("link", name="政府信息公开", exact=True).first.click()
    visitor.get_by_role("link", name="行政规范性文件").click()
    assert site["policy"].title in visitor.locator("main").inner_text()
    visitor.get_by_role("link", name="标准化目录").click()
    visitor.get_by_role("link", name="义务教育").click()
    text = visitor.locator("main").inner_text()
    assert "招生入学政策" in text and site["notice"].title in text and "暂无信息" in text
