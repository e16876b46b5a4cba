"""Real Chromium through Playwright: the home page and the staff login render Chinese."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

if not Path(CHROMIUM).exists():
    if os.environ.get("ZWGK_REQUIRE_BROWSER"):
        raise RuntimeError(f"{CHROMIUM} is missing and ZWGK_REQUIRE_BROWSER is set (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Draw the text on a canvas in the page's font and compare it with a string of unassigned code points
# (which every font draws as the same "tofu" box): rendered Chinese differs and has ink.
GLYPH_CHECK = """(text) => {
  const font = getComputedStyle(document.querySelector('h1')).font;
  function draw(s) {
    const c = document.createElement('canvas'); c.width = 400; c.height = 60;
    const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 400, 60);
    g.fillStyle = '#000'; g.font = font; g.fillText(s, 0, 45);
    return g.getImageData(0, 0, 400, 60).data;
  }
  const a = draw(text), b = draw('\\u{E000}'.repeat(text.length)), blank = draw('');
  let differs = 0, ink = 0;
  for (let i = 0; i < a.length; i += 4) { if (a[i] !== b[i]) differs++; if (a[i] !== blank[i]) ink++; }
  return {differs, ink, cjk: document.fonts.check('16px "Noto Sans CJK SC"')};
}"""


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    errors = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.csp_errors = errors
    yield pg
    context.close()


def test_home_page_renders_chinese(live_server, page, settings, people):
    page.goto(live_server.url + "/")
    assert page.title() == "浮梁县人民政府 · 政务公开"
    assert page.locator("h1").text_content() == "浮梁县政务公开"
    assert page.get_by_role("heading", name="最新公开").is_visible()
    assert page.get_by_role("link", name="政府信息公开", exact=True).is_visible()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    glyphs = page.evaluate(GLYPH_CHECK.replace("querySelector('h1')", "querySelector('h2')"), "浮梁县政务公开")
    assert glyphs["cjk"], "Noto Sans CJK SC is not available to the browser (install fonts-noto-cjk)"
    assert glyphs["ink"] > 200 and glyphs["differs"] > 200, glyphs
    # the stylesheet loaded (same origin, allowed by the CSP): the header is the site's red
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == "rgb(181, 18, 27)"
    assert page.csp_errors == []


def test_staff_login_in_the_browser(live_server, page, settings, people):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False  # the live server speaks plain HTTP
    page.goto(live_server.url + "/staff/login/")
    assert page.locator("h1").inner_text() == "工作人员登录"
    assert page.get_by_label("用户名").is_visible() and page.get_by_label("密码").is_visible()
    glyphs = page.evaluate(GLYPH_CHECK, "工作人员登录")
    assert glyphs["ink"] > 200 and glyphs["differs"] > 200, glyphs
    page.get_by_label("用户名").fill("gkb")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    assert "用户名或密码不正确" in page.locator("[role=alert]").inner_text()
    page.get_by_label("用户名").fill("gkb")
    page.get_by_label("密码").fill("Correct-horse-42")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/staff/")
    assert page.locator("h1").inner_text() == "工作台"
    assert "公开办" in page.locator("main").inner_text()
    page.screenshot(path=str(Path(os.environ.get("ZWGK_SCREENSHOTS", "/tmp")) / "zwgk-dashboard.png"), full_page=True)
    assert page.csp_errors == []


def login(browser, base, username, **context_options):
    context = browser.new_context(locale="zh-CN", **context_options)
    pg = context.new_page()
    pg.goto(base + "/staff/login/")
    pg.get_by_label("用户名").fill(username)
    pg.get_by_label("密码").fill("Correct-horse-42")
    pg.get_by_role("button", name="登录").click()
    pg.wait_for_url(base + "/staff/")
    return pg


def test_editor_drafts_screens_submits_and_sees_rejection_then_approval(live_server, browser, settings, staff, county):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    base = live_server.url
    editor = login(browser, base, "jiaoti_editor")
    editor.locator('.nav a[href="/staff/docs/"]').click()
    editor.get_by_role("link", name="起草政府信息").click()
    editor.get_by_label("标题", exact=True).fill("关于公布2024年学生资助名单的通知")
    editor.get_by_label("发文字号").fill("浮教体发〔2024〕9号")
    editor.get_by_label("成文日期").fill("2024-09-02")
    editor.get_by_label("主题分类").select_option("科技、教育\\教育")
    editor.get_by_label("体裁").select_option("通知")
    editor.get_by_role("textbox", name="正文").fill("各学校：\n资助名单公布如下。联系人手机 13912345678。")
    panel = editor.locator("#screen-findings")
    panel.locator("li", has_text="手机号码").wait_for()
    assert "阻止发布" in panel.inner_text()
    editor.get_by_role("button", name="保存草稿").click()
    editor.get_by_role("button", name="送审").click()
    assert "已送审" in editor.locator(".messages").inner_text()
    assert editor.locator("#rev-state").inner_text() == "审核中"
    doc_url = editor.url

    reviewer = login(browser, base, "jiaoti_reviewer")
    reviewer.get_by_role("link", name="待我审核").click()
    reviewer.get_by_role("link", name="关于公布2024年学生资助名单的通知").click()
    assert reviewer.locator("mark.finding-block").inner_text() == "13912345678"
    reviewer.get_by_label("审查意见").fill("名单中含联系人手机号，请删除后重新报送。")
    reviewer.get_by_role("button", name="退回修改").click()
    assert "已退回" in reviewer.locator(".messages").inner_text()

    editor.goto(doc_url)
    assert editor.locator("#rev-state").inner_text() == "退回修改"
    assert "请删除后重新报送" in editor.locator("main").inner_text()
    editor.get_by_role("link", name="修改", exact=True).click()
    editor.get_by_role("textbox", name="正文").fill("各学校：\n资助名单公布如下。咨询电话 0798-2622001。")
    editor.locator("#screen-status", has_text="未发现问题").wait_for()
    editor.get_by_role("button", name="保存草稿").click()
    editor.get_by_role("button", name="送审").click()
    assert "自动检查未发现问题" in editor.locator(".messages").inner_text()

    for name in ("jiaoti_reviewer", "jiaoti_secrecy"):
        pg = reviewer if name == "jiaoti_reviewer" else login(browser, base, name)
        pg.goto(base + "/staff/docs/review/")
        pg.get_by_role("link", name="关于公布2024年学生资助名单的通知").click()
        pg.get_by_role("button", name="同意").click()
        assert "已同意" in pg.locator(".messages").inner_text()

    editor.goto(doc_url)
    text = editor.locator("main").inner_text()
    assert "已发布" in text and f"{county['jiaoti'].code}/" in text
