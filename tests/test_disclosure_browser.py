"""In real Chromium: items drafted as 不予公开 and 依申请公开 and approved through the review pages appear on no
public page, list, feed, sitemap, search or API answer; a 主动公开 one approved the same way does (issue 12)."""

import json
import os
import xml.etree.ElementTree as ET

import pytest

from .test_browser import (  # noqa: F401  (fixture, helper)
    CHROMIUM,  # noqa: F401  (skips the module when Chromium is missing)
    browser,
    login,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WORD = "校舍维修"
DRAFTS = {  # title -> (公开方式, 不予公开依据)
    "关于公布2024年校舍维修计划的通知": ("主动公开", ""),
    "关于2024年校舍维修资金的请示": ("不予公开", "四类过程性信息"),
    "2024年校舍维修项目评审意见": ("依申请公开", ""),
}
SHOWN = "关于公布2024年校舍维修计划的通知"


def _draft(editor, base: str, title: str, mode: str, ground: str) -> None:
    editor.goto(base + "/staff/docs/new/")
    editor.get_by_label("标题", exact=True).fill(title)
    editor.get_by_label("成文日期").fill("2024-09-02")
    editor.get_by_label("主题分类").select_option("科技、教育\\教育")
    editor.get_by_label("体裁").select_option("通知")
    editor.get_by_role("textbox", name="正文").fill(f"各学校：\n{WORD}有关事项如下。")
    editor.get_by_label("公开方式").select_option(label=mode)
    if ground:
        editor.get_by_label("不予公开依据").select_option(ground)
    editor.get_by_role("button", name="保存草稿").click()
    editor.get_by_role("button", name="送审").click()
    assert editor.locator("#rev-state").inner_text() == "审核中"


def test_only_the_proactive_item_reaches_the_public(live_server, browser, settings, staff):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.HTTPS = False
    base = live_server.url
    editor = login(browser, base, "jiaoti_editor")
    for title, (mode, ground) in DRAFTS.items():
        _draft(editor, base, title, mode, ground)
    for name in ("jiaoti_reviewer", "jiaoti_secrecy"):
        reviewer = login(browser, base, name)
        for title in DRAFTS:
            reviewer.goto(base + "/staff/docs/review/")
            reviewer.get_by_role("link", name=title).click()
            reviewer.get_by_role("button", name="同意").click()
            assert "已同意" in reviewer.locator(".messages").inner_text()
    editor.goto(base + "/staff/docs/")
    rows = editor.locator("tbody tr").all_inner_texts()
    assert len(rows) == 3 and all("第 1 版 · 已发布" in r and "/20" in r for r in rows)  # reviewed, published, 索引号
    ids = {}
    for title in DRAFTS:
        editor.goto(base + "/staff/docs/")
        editor.get_by_role("link", name=title).click()
        ids[title] = editor.url.rstrip("/").rsplit("/", 1)[1]
        assert ("不向社会公开" in editor.locator("main").inner_text()) == (title != SHOWN)
    editor.context.close()

    visitor = browser.new_context(locale="zh-CN").new_page()
    pages = {}
    for path in ("/", "/documents/", f"/search/?q={WORD}"):
        visitor.goto(base + path)
        pages[path] = visitor.locator("main").inner_text()
    visitor.goto(base + "/")
    visitor.get_by_label("搜索公开信息").fill(WORD)
    visitor.get_by_role("button", name="搜索").click()
    visitor.wait_for_load_state()
    pages["search box"] = visitor.locator("main").inner_text()
    answers = {"/feeds/latest.xml": visitor.request.get(base + "/feeds/latest.xml").text()}
    for path in ("/api/documents?page_size=100", f"/api/search?q={WORD}"):
        answers[path] = json.dumps(visitor.request.get(base + path).json(), ensure_ascii=False)
    for where, text in {**pages, **answers}.items():
        assert SHOWN in text, where
        for title in DRAFTS:
            if title != SHOWN:
                assert title not in text, (where, title)
    for pk in (ids[t] for t in DRAFTS if t != SHOWN):
        assert visitor.goto(base + f"/documents/{pk}/").status == 404
        assert "页面不存在" in visitor.locator("main").inner_text()
        assert visitor.request.get(base + f"/api/documents/{pk}").status == 404
    index = ET.fromstring(visitor.request.get(base + "/sitemap.xml").body())
    sitemap = "".join(visitor.request.get(loc.text).text() for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"))
    for title, pk in ids.items():
        assert (f"/documents/{pk}/" in sitemap) == (title == SHOWN), title
    visitor.context.close()
