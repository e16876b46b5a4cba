"""The portal's 无障碍 toolbar in real Chromium: keyboard, text size, contrast, spacing, speech, persistence, axe."""

import pytest

from .test_browser import (
    CHROMIUM,  # noqa: F401  (skips the module when Chromium is missing)
    browser,  # noqa: F401  (fixture)
)
from .test_portal_browser import audit, visitor  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# speechSynthesis.speak is replaced by a recorder and getVoices answers window.__voices (headless Chromium has no
# voices): by default one English voice, none Chinese; the rest of the API is real.
# The observer notes what <html> carried when <body> was parsed: settings applied then never flash.
RECORDER = """
window.__spoken = [];
if (!('__voices' in window)) window.__voices = [{name: 'English', lang: 'en-US', voiceURI: 'English', localService: true, default: true}];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = function (u) { window.__spoken.push({text: u.text, lang: u.lang, voice: !!u.voice}); };
  window.speechSynthesis.getVoices = function () { return window.__voices; };
}
new MutationObserver(function (records, observer) {
  if (document.body) {
    window.__atBody = {text: document.documentElement.getAttribute('data-a11y-text'),
                       cls: document.documentElement.className};
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""

FONT = "(sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize)"
LINE = "(sel) => parseFloat(getComputedStyle(document.querySelector(sel)).lineHeight)"
STYLE = "([sel, prop]) => getComputedStyle(document.querySelector(sel))[prop]"


def button(page, name):
    return page.locator(".a11y-panel").get_by_role("button", name=name, exact=True)


def open_by_keyboard(page):
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "无障碍":
            break
    opener = page.get_by_role("button", name="无障碍")
    assert opener.evaluate("el => el === document.activeElement")
    assert opener.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert opener.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("region", name="无障碍工具栏").is_visible()
    assert page.evaluate("document.activeElement.dataset.a11y") == "smaller"  # focus moved in


def spoken(page):
    return page.evaluate("window.__spoken")


def test_toolbar_by_keyboard_changes_the_page_reads_aloud_and_remembers(visitor, site):  # noqa: F811
    visitor.add_init_script(RECORDER)
    path = f"/documents/{site['policy'].pk}/"
    visitor.goto(visitor.base + path)
    body_p = ".doc-body p"
    before = {"font": visitor.evaluate(FONT, body_p), "line": visitor.evaluate(LINE, body_p),
              "bg": visitor.evaluate(STYLE, ["body", "backgroundColor"]),
              "color": visitor.evaluate(STYLE, [body_p, "color"])}
    open_by_keyboard(visitor)

    # text size: two steps up with the keyboard (Tab to A+, Enter twice)
    visitor.keyboard.press("Tab")
    assert visitor.evaluate("document.activeElement.dataset.a11y") == "larger"
    visitor.keyboard.press("Enter")
    visitor.keyboard.press("Enter")
    assert visitor.locator(".a11y-size").inner_text() == "文字 125%"
    assert visitor.evaluate(FONT, body_p) == pytest.approx(before["font"] * 1.25)
    assert visitor.evaluate(FONT, "h1") > 28

    # high contrast and line spacing
    button(visitor, "高对比度").click()
    assert button(visitor, "高对比度").get_attribute("aria-pressed") == "true"
    assert visitor.evaluate(STYLE, ["body", "backgroundColor"]) == "rgb(0, 0, 0)" != before["bg"]
    assert visitor.evaluate(STYLE, [body_p, "color"]) == "rgb(255, 255, 255)" != before["color"]
    line_before = visitor.evaluate(LINE, body_p)
    button(visitor, "加大行距").click()
    assert visitor.evaluate(LINE, body_p) > line_before
    assert visitor.evaluate(LINE, body_p) / visitor.evaluate(FONT, body_p) == pytest.approx(2.2)

    # 语音朗读: the main content, in order, in Chinese; the search bar and navigation are not read
    assert button(visitor, "停止").get_attribute("aria-disabled") == "true"
    button(visitor, "语音朗读").click()
    said = spoken(visitor)
    assert said and {(u["lang"], u["voice"]) for u in said} == {("zh-CN", False)}  # no Chinese voice: the browser picks
    text = "".join(u["text"] for u in said)
    assert said[0]["text"] == site["policy"].title or site["policy"].title in text
    first_paragraph = visitor.locator(".doc-body p").first.inner_text().strip()
    assert first_paragraph[:20] in text
    assert text.index(site["policy"].title) < text.index(first_paragraph[:20])
    assert "输入标题" not in text and "政府信息公开" not in text.split(site["policy"].title)[0]
    assert all(len(u["text"]) <= 160 for u in said)
    assert button(visitor, "停止").get_attribute("aria-disabled") == "false"
    button(visitor, "暂停").click()
    assert button(visitor, "继续").is_visible()
    button(visitor, "停止").click()
    assert button(visitor, "停止").get_attribute("aria-disabled") == "true"

    # 指读: what the pointer rests on, and what gets keyboard focus
    button(visitor, "指读").click()
    visitor.evaluate("window.__spoken = []")
    visitor.locator("h1").hover()
    visitor.wait_for_function("() => window.__spoken.length > 0")
    assert spoken(visitor) == [{"text": site["policy"].title + "，标题", "lang": "zh-CN", "voice": False}]
    visitor.evaluate("window.__spoken = []")
    visitor.mouse.move(5, 5)  # off the text: nothing under the pointer to read
    visitor.locator("#site-q").focus()
    visitor.wait_for_function("() => window.__spoken.length > 0")
    assert spoken(visitor)[0]["text"].startswith("搜索公开信息，输入框")

    # Esc closes and gives focus back to the 无障碍 button
    button(visitor, "关闭").focus()
    visitor.keyboard.press("Escape")
    assert visitor.locator(".a11y-panel").is_hidden()
    assert visitor.evaluate("document.activeElement.textContent") == "无障碍"

    # remembered, and applied before <body> is parsed (no flash)
    visitor.reload()
    at_body = visitor.evaluate("window.__atBody")
    assert at_body["text"] == "2" and {"a11y-contrast", "a11y-spacing"} <= set(at_body["cls"].split())
    assert visitor.evaluate(FONT, body_p) == pytest.approx(before["font"] * 1.25)
    assert visitor.evaluate(STYLE, ["body", "backgroundColor"]) == "rgb(0, 0, 0)"
    visitor.get_by_role("button", name="无障碍").click()
    for name in ("高对比度", "加大行距", "指读"):
        assert button(visitor, name).get_attribute("aria-pressed") == "true", name
    assert button(visitor, "大鼠标").get_attribute("aria-pressed") == "false"

    # 恢复默认: everything back, and nothing remembered
    button(visitor, "恢复默认").click()
    assert visitor.evaluate(FONT, body_p) == pytest.approx(before["font"])
    assert not [c for c in visitor.evaluate("document.documentElement.className").split() if c.startswith("a11y-")]
    visitor.reload()
    assert visitor.evaluate("localStorage.getItem('zwgk-a11y')") is None
    assert visitor.evaluate(STYLE, ["body", "backgroundColor"]) == before["bg"]
    assert visitor.errors == []  # no CSP violation (the page's CSP is enforced in this test)


def test_guide_cursor_and_care_mode_preset(visitor, site):  # noqa: F811
    visitor.add_init_script(RECORDER)
    path = f"/documents/{site['policy'].pk}/"
    visitor.goto(visitor.base + path)
    visitor.get_by_role("button", name="无障碍").click()

    button(visitor, "阅读辅助线").click()
    visitor.mouse.move(400, 500)
    box = visitor.locator(".a11y-guide").bounding_box()
    assert box and box["width"] >= 1200 and box["y"] < 500 < box["y"] + box["height"]
    assert visitor.locator(".a11y-guide").get_attribute("aria-hidden") == "true"

    button(visitor, "大鼠标").click()
    visitor.mouse.move(600, 600)
    cursor = visitor.evaluate(STYLE, ["main", "cursor"])
    assert "cursor-large.svg" in cursor
    link_cursor = visitor.evaluate("getComputedStyle(document.querySelector('main a')).cursor")
    assert "cursor-large-pointer.svg" in link_cursor
    svg = visitor.request.get(cursor.split('url("')[1].split('")')[0])
    assert svg.ok and "svg" in svg.headers["content-type"]

    # 关怀模式 is the toolbar's preset: the server's cookie, and the toolbar's text size still scales it
    button(visitor, "关怀模式").click()
    visitor.wait_for_url(visitor.base + path)
    assert "care" in visitor.evaluate("document.body.className")
    care_font = visitor.evaluate(FONT, ".doc-body p")
    assert care_font >= 18
    visitor.get_by_role("button", name="无障碍").click()
    assert button(visitor, "关怀模式").get_attribute("aria-pressed") == "true"
    assert button(visitor, "阅读辅助线").get_attribute("aria-pressed") == "true"
    button(visitor, "放大文字").click()
    assert visitor.evaluate(FONT, ".doc-body p") == pytest.approx(care_font * 1.125)
    button(visitor, "恢复默认").click()  # also leaves care mode
    visitor.wait_for_url(visitor.base + path)
    assert "care" not in visitor.evaluate("document.body.className")
    assert visitor.evaluate(FONT, ".doc-body p") < care_font
    assert visitor.errors == []


@pytest.mark.inject_script
@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_axe_with_toolbar_open_and_high_contrast(visitor, site, care):  # noqa: F811
    if care:
        visitor.goto(visitor.base + "/care/?on=1&next=/")
    found = {}
    for path in ("/", f"/documents/{site['policy'].pk}/", "/search/?q=义务教育招生"):
        visitor.goto(visitor.base + path)
        visitor.get_by_role("button", name="无障碍").click()
        if problems := audit(visitor):
            found[f"{path} open"] = problems
        button(visitor, "高对比度").click()
        button(visitor, "放大文字").click()
        button(visitor, "加大行距").click()
        if problems := audit(visitor):
            found[f"{path} contrast"] = problems
        button(visitor, "恢复默认").click()
        if care:
            visitor.wait_for_load_state()
            visitor.goto(visitor.base + "/care/?on=1&next=/")
    assert found == {}, found
    assert visitor.errors == []


NO_VOICE = "本机浏览器没有可用的中文语音，无法朗读。请在系统中安装中文语音后重试。"


def test_no_voice_at_all_is_said_in_the_toolbar_and_a_voice_loading_late_is_awaited(visitor, site):  # noqa: F811
    visitor.add_init_script("window.__voices = [];" + RECORDER)
    visitor.goto(visitor.base + f"/documents/{site['policy'].pk}/")
    visitor.get_by_role("button", name="无障碍").click()
    note = visitor.locator(".a11y-note")
    assert note.is_hidden()

    # 语音朗读 with no voice: after a short wait the toolbar says why nothing is read, the controls as when idle
    button(visitor, "语音朗读").click()
    note.wait_for(state="visible")
    assert note.inner_text() == NO_VOICE
    visitor.wait_for_function("(t) => document.querySelector('.a11y-status').textContent === t", arg=NO_VOICE)
    assert spoken(visitor) == []
    assert button(visitor, "语音朗读").get_attribute("aria-pressed") == "false"
    assert button(visitor, "暂停").get_attribute("aria-disabled") == "true"
    assert button(visitor, "停止").get_attribute("aria-disabled") == "true"

    # 指读 with no voice does not stay on (it would say nothing)
    button(visitor, "指读").click()
    visitor.wait_for_function("() => document.querySelector('[data-a11y=point]').getAttribute('aria-pressed') === 'false'")
    assert visitor.evaluate("JSON.parse(localStorage.getItem('zwgk-a11y')).point") is False

    # a voice installed since: the message goes; the voices still loading when 语音朗读 is pressed are awaited
    visitor.evaluate("window.__voices = [{lang: 'en-US'}]; speechSynthesis.dispatchEvent(new Event('voiceschanged'))")
    assert note.is_hidden()
    visitor.evaluate("window.__voices = []")
    button(visitor, "语音朗读").click()
    visitor.wait_for_timeout(200)
    assert spoken(visitor) == []  # waiting for the list
    visitor.evaluate("window.__voices = [{lang: 'en-US'}]; speechSynthesis.dispatchEvent(new Event('voiceschanged'))")
    visitor.wait_for_function("() => window.__spoken.length > 0")
    assert {u["lang"] for u in spoken(visitor)} == {"zh-CN"} and note.is_hidden()
    assert button(visitor, "停止").get_attribute("aria-disabled") == "false"
    assert visitor.errors == []
