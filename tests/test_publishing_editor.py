"""The body editor: Word's pasted HTML kept to structure, images limited to the document's own attachments,
attachments uploaded without leaving the page, the preview through the public template, and in Chromium the
whole path from a pasted Word table to the public page."""

import os
import struct
import zlib
from pathlib import Path

import pytest
from django.urls import reverse

from zwgk.publishing import services
from zwgk.publishing.html import clean_paste, image_url, sanitize
from zwgk.publishing.models import Document

from .test_publishing import CONTENT

# HTML as Word puts it on the clipboard: Office namespaces, mso styles, <o:p>, fonts, list paragraphs, a merged cell
WORD = (Path(__file__).parent / "data" / "word-paste.html").read_text(encoding="utf-8")


def png(width=2, height=2, rgb=(200, 30, 30)) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_word_paste_keeps_structure_and_drops_styles():
    out = sanitize(WORD)
    assert out.startswith("<h2>一、资金安排</h2>")  # the page's title is the h1: Word's heading 1 is a section
    assert "<p>各乡镇人民政府：</p>" in out
    assert "<ol><li>第一项</li><li>第二项</li></ol>" in out  # Word's list paragraphs, their typed "1." gone
    assert '<td colspan="2"><p><b>资金安排表</b></p></td>' in out
    assert "<td><p>项目</p></td><td><p>金额（万元）</p></td>" in out
    for gone in ("style", "class", "mso", "font", "o:p", "lang", "<span", "width", "Mso", "WordDocument", "宋体", "&nbsp;", "<!--"):
        assert gone not in out, gone
    assert sanitize(out) == out  # saved again, it does not change


def test_pasting_moves_word_headings_one_level_down_and_keeps_nested_lists():
    word = WORD.replace("<h1 style='mso-outline-level:1'>", "<h2>").replace("</span></h1>", "</span></h2>").replace(
        "<p class=MsoListParagraphCxSpLast style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'>",
        "<p class=MsoListParagraphCxSpLast style='margin-left:36.0pt;mso-list:l0 level2 lfo1'>")
    out = clean_paste(word)
    assert out.startswith("<h3>一、资金安排</h3>")
    assert "<ol><li>第一项<ol><li>第二项</li></ol></li></ol>" in out


def test_bullets_from_word_become_an_unordered_list():
    html = ("<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='font-family:Symbol;"
            "mso-list:Ignore'>·<span>&nbsp;</span></span><![endif]>要点一<o:p></o:p></p>")
    assert sanitize(html) == "<ul><li>要点一</li></ul>"


def test_an_image_shows_only_an_attachment_of_the_document():
    own = image_url(7, "a" * 64)
    assert own == reverse("portal:image", args=[7, "a" * 64])
    html = (f'<p>图：<img src="https://evil.example/x.png" alt="外链"><img src="{own}" alt="本稿图片" onerror="x()" style="width:9px">'
            '<img src="/staff/docs/attachments/3/" alt="员工地址"><img src="data:image/png;base64,AAAA" alt="内嵌"></p>')
    assert sanitize(html) == f'<p>图：<img src="{own}" alt="本稿图片"></p>'
    assert sanitize(html, document_id=8) == "<p>图：</p>"  # another document's image is not this one's
    assert "img" not in sanitize('<img src="javascript:alert(1)">')


def test_spans_of_cells_are_numbers():
    assert sanitize('<table><tr><td colspan="2" rowspan="x">a</td><th rowspan="3" scope="col">b</th></tr></table>') == (
        '<table><tbody><tr><td colspan="2">a</td><th rowspan="3" scope="col">b</th></tr></tbody></table>')


@pytest.mark.django_db
def test_the_same_file_twice_is_refused(staff, county):
    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
    services.add_attachment(staff["jiaoti_editor"], doc, "图一.png", png())
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.add_attachment(staff["jiaoti_editor"], doc, "另一个名字.png", png())
    assert exc.value.messages == ["附件“另一个名字.png”与本稿件已有的附件“图一.png”内容相同，不能重复上传。"]
    assert doc.latest_revision.attachments.count() == 1


@pytest.mark.django_db
def test_an_image_shown_in_the_body_cannot_be_removed_before_it_leaves_the_body(staff, county):
    from django.core.exceptions import ValidationError

    editor = staff["jiaoti_editor"]
    doc = services.create_draft(editor, county["jiaoti"], **CONTENT)
    att = services.add_attachment(editor, doc, "图一.png", png())
    services.update_draft(editor, doc, body_html=f'<p>示意图：</p><p><img src="{image_url(doc.pk, att.sha256)}" alt="示意图"></p>')
    with pytest.raises(ValidationError, match="请先在正文中删除该图片"):
        services.remove_attachment(editor, att)
    assert doc.latest_revision.attachments.count() == 1
    services.update_draft(editor, doc, body_html="<p>示意图另附。</p>")
    services.remove_attachment(editor, att)
    assert doc.latest_revision.attachments.count() == 0


@pytest.mark.django_db
def test_upload_by_fetch_answers_json_and_images_are_served_to_staff_then_public(client, staff, county):
    editor = staff["jiaoti_editor"]
    doc = services.create_draft(editor, county["jiaoti"], **CONTENT)
    client.force_login(editor)
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = client.post(f"/staff/docs/{doc.pk}/attachments/", {"file": SimpleUploadedFile("图一.png", png())},
                         headers={"accept": "application/json"})
    assert answer.status_code == 200
    payload = answer.json()
    sha = doc.latest_revision.attachments.get().sha256
    assert payload["image"] == image_url(doc.pk, sha) and "插入正文" in payload["item"] and "图一.png" in payload["item"]
    again = client.post(f"/staff/docs/{doc.pk}/attachments/", {"file": SimpleUploadedFile("图二.png", png())},
                        headers={"accept": "application/json"})
    assert again.status_code == 400 and "内容相同，不能重复上传" in again.json()["errors"][0]

    # a draft's image: staff who may view the document see it, the public does not
    shown = client.get(payload["image"])
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png" and shown["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(payload["image"]).status_code == 404

    # saved in the body, the image survives sanitizing; the preview renders the public template with it
    client.force_login(editor)
    services.update_draft(editor, doc, body_html=f'<p>见下图。</p><img src="{payload["image"]}" alt="图一">')
    page = client.get(f"/staff/docs/{doc.pk}/preview/").content.decode()
    assert f'<img src="{payload["image"]}" alt="图一">' in page
    assert 'class="card document"' in page and "预览：这是公众将看到的样子" in page and 'aria-label="当前位置"' in page


@pytest.mark.django_db
def test_removing_by_fetch_answers_json(client, staff, county):
    editor = staff["jiaoti_editor"]
    doc = services.create_draft(editor, county["jiaoti"], **CONTENT)
    att = services.add_attachment(editor, doc, "图一.png", png())
    client.force_login(editor)
    answer = client.post(f"/staff/docs/attachments/{att.pk}/remove/", headers={"accept": "application/json"})
    assert answer.json() == {"message": "已删除“图一.png”。"}
    assert not doc.latest_revision.attachments.exists()


@pytest.mark.django_db
def test_the_paste_endpoint_cleans_for_the_editor(client, staff, county):
    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
    client.force_login(staff["jiaoti_editor"])
    answer = client.post("/staff/docs/paste/", {"html": WORD, "doc": doc.pk})
    assert answer.status_code == 200 and answer.json()["html"].startswith("<h2>一、资金安排</h2>")
    client.force_login(staff["jiaoti_reviewer"])  # one who does not draft
    assert client.post("/staff/docs/paste/", {"html": WORD}).status_code == 403


# --- in Chromium --------------------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
EDITING = ".ProseMirror[contenteditable]"
REFUSED = "Failed to load resource: the server responded with a status of 400 (Bad Request)"

PASTE = """([html]) => {
  const target = document.querySelector('.ProseMirror[contenteditable]');
  const data = new DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', '资金安排表');
  target.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not installed (apt-get install chromium)")
def test_a_word_table_pasted_in_the_editor_reaches_the_public_page(live_server, settings, staff, county):
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    editor = staff["jiaoti_editor"]
    doc = services.create_draft(editor, county["jiaoti"], **CONTENT)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_context(locale="zh-CN").new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(live_server.url + "/staff/login/")
        page.get_by_label("用户名").fill("jiaoti_editor")
        page.get_by_label("密码").fill("Correct-horse-42")
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/staff/")

        page.goto(f"{live_server.url}/staff/docs/{doc.pk}/edit/")
        body = page.get_by_role("textbox", name="正文")
        body.wait_for()
        assert page.locator(".prose-menubar").is_visible()
        assert "各乡（镇）中心学校" in body.inner_text()
        assert errors == []
        # typed text is kept while an image is uploaded and inserted
        body.click()
        page.keyboard.press("Control+End")
        page.keyboard.type("尚未保存的一句话。")
        page.set_input_files("#id_file", files=[{"name": "图一.png", "mimeType": "image/png", "buffer": png()}])
        page.get_by_role("button", name="上传", exact=True).click()
        page.locator("#attachment-status", has_text="已上传“图一.png”").wait_for()
        assert "尚未保存的一句话。" in body.inner_text()
        page.set_input_files("#id_file", files=[{"name": "图二.png", "mimeType": "image/png", "buffer": png()}])
        page.get_by_role("button", name="上传", exact=True).click()
        page.locator("#attachment-status", has_text="内容相同，不能重复上传").wait_for()
        assert errors == [REFUSED]  # the refused upload's answer, which Chromium logs; nothing else
        errors.clear()
        page.get_by_role("button", name="插入正文").click()
        page.locator(f"{EDITING} img").wait_for()
        assert page.evaluate("document.querySelector('.ProseMirror[contenteditable] img').naturalWidth") == 2  # served to staff

        page.evaluate("window.zwgkBodyEditor.commands.focus('end')")  # after the image, which is selected once inserted
        page.evaluate(PASTE, [WORD])
        page.locator(f"{EDITING} table td[colspan='2']").wait_for()
        assert errors == []
        assert page.locator(f"{EDITING} h2", has_text="一、资金安排").count() == 1
        assert page.locator(f"{EDITING} ol li").count() == 2
        page.get_by_role("button", name="保存草稿").click()
        assert "已保存" in page.locator(".messages").inner_text()

        rev = Document.objects.get(pk=doc.pk).latest_revision
        assert '<td colspan="2"><p><strong>资金安排表</strong></p></td>' in rev.body_html, rev.body_html
        assert "尚未保存的一句话。" in rev.body_html and "style" not in rev.body_html and "mso" not in rev.body_html
        assert f'src="{image_url(doc.pk, rev.attachments.get().sha256)}"' in rev.body_html

        page.goto(f"{live_server.url}/staff/docs/{doc.pk}/preview/")
        assert page.locator(".doc-body table td[colspan='2']").inner_text() == "资金安排表"
        assert page.evaluate("document.querySelector('.doc-body img').naturalWidth") == 2

        services.submit(editor, doc)
        for name in ("jiaoti_reviewer", "jiaoti_secrecy"):
            rev = Document.objects.get(pk=doc.pk).latest_revision
            services.decide(staff[name], rev, "approve", "同意")
        doc.refresh_from_db()
        assert doc.status == "published"

        public = browser.new_context(locale="zh-CN").new_page()
        public.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        public.goto(f"{live_server.url}/documents/{doc.pk}/")
        cell = public.locator(".doc-body table td[colspan='2']")
        assert cell.inner_text() == "资金安排表"
        assert public.locator(".doc-body ol li").count() == 2
        assert public.evaluate("document.querySelector('.doc-body img').naturalWidth") == 2  # now public
        assert errors == []  # no CSP violation (nor any script error) on the edit page, the preview or the public page
        browser.close()


def _signed_in(browser, live_server, username):
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("Correct-horse-42")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/staff/")
    return page


# Every label a person can see or hear in the toolbar and its open menus and dialogs: titles, aria-labels, option
# and button texts; the texts of .material-icons buttons are the icons' ligature names (drawn, not read) and left out.
LABELS = """() => {
  const out = [];
  const visible = (el) => el.getClientRects().length > 0;
  for (const root of document.querySelectorAll('.prose-menubar, .prose-menubar__picker, dialog.prose-editor-dialog')) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (!visible(el)) continue;
      for (const name of ['title', 'aria-label']) if (el.getAttribute(name)) out.push(el.getAttribute(name));
      if (el.closest('.material-icons')) continue;
      for (const node of el.childNodes) if (node.nodeType === 3 && node.nodeValue.trim()) out.push(node.nodeValue.trim());
    }
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium not installed (apt-get install chromium)")
def test_the_editor_speaks_chinese_in_its_toolbar_menus_and_dialogs(live_server, settings, staff, county):
    import re

    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
    english = re.compile(r"[A-Za-z]{2,}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = _signed_in(browser, live_server, "jiaoti_editor")
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{live_server.url}/staff/docs/{doc.pk}/edit/")
        page.get_by_role("textbox", name="正文").click()
        page.locator(".prose-menubar__button[title='加粗']").wait_for()
        seen = set(page.evaluate(LABELS))
        assert {"加粗", "撤销", "插入表格", "项目列表", "编号列表", "引用", "插入链接"} <= seen, seen
        # the block-type picker: its options and the heading buttons shown in it
        page.locator(".prose-menubar__selected").click()
        picker = page.locator(".prose-menubar__picker")
        picker.wait_for()
        assert picker.locator("button").all_inner_texts() == ["一级标题", "二级标题", "三级标题", "正文段落"]
        seen |= set(page.evaluate(LABELS))
        picker.get_by_text("一级标题").click()
        assert page.locator(".prose-menubar__selected button").get_attribute("title") == "一级标题"
        # its arrow is drawn, not the "⏷" character the fonts lack
        arrow = page.evaluate("getComputedStyle(document.querySelector('.prose-menubar__selected'), '::after').content")
        assert "⏷" not in arrow
        # the table dialog (built when opened): 是/否, and choosing 是 still gives a header row
        page.locator(".prose-menubar__button[title='插入表格']").click()
        dialog = page.locator("dialog.prose-editor-dialog")
        dialog.wait_for()
        seen |= set(page.evaluate(LABELS))
        assert dialog.locator("select option").all_inner_texts() == ["是", "否"]
        dialog.locator("select").select_option(label="是")
        dialog.get_by_role("button", name="插入表格").click()
        page.locator(f"{EDITING} table th").first.wait_for()
        # with the cursor in the table, its tools
        page.locator(".prose-menubar__button[title='删除表格']").wait_for()
        seen |= set(page.evaluate(LABELS))
        assert {"右侧加一列", "删除本列", "下方加一行", "删除本行", "合并单元格", "拆分单元格", "设为/取消标题单元格",
                "删除表格"} <= seen, seen
        # the link dialog, on selected text
        page.locator(f"{EDITING} p").first.click()
        page.keyboard.press("End")
        page.keyboard.press("Shift+Home")
        page.locator(".prose-menubar__button[title='插入链接']").click()
        page.locator("dialog.prose-editor-dialog").wait_for()
        seen |= set(page.evaluate(LABELS))
        assert "链接地址" in seen and "在新窗口打开" not in seen  # the body keeps no target: no such choice
        page.keyboard.press("Escape")
        left = sorted(s for s in seen if english.search(s) and s != "HTML")
        assert left == [], left
        assert errors == []
        browser.close()


@pytest.mark.django_db
def test_the_detail_and_review_pages_show_the_body_formatted(client, staff, county):
    body = ("<h2>一、招生范围</h2><p>联系电话13912345678。</p><ul><li>城区学校</li></ul>"
            "<table><tbody><tr><th>学校</th><th>名额</th></tr><tr><td>一小</td><td>300</td></tr></tbody></table>"
            "<p onclick=\"x()\">完</p>")
    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **{**CONTENT, "body_html": body})
    rev = services.submit(staff["jiaoti_editor"], doc)
    client.force_login(staff["jiaoti_reviewer"])
    for url in (reverse("publishing:review", args=[rev.pk]), reverse("publishing:detail", args=[doc.pk])):
        page = client.get(url).content.decode()
        panel = page[page.index('<div class="doc-body body-panel">'):]
        panel = panel[: panel.index("</div>")]
        assert "<h2>一、招生范围</h2>" in panel and "<th>学校</th>" in panel and "<li>城区学校</li>" in panel, panel
        assert "onclick" not in page
        # the screening's marks stay, on the plain text, behind 纯文本
        plain = page[page.index("<details"):page.index("</details>")]
        assert "<summary>纯文本（1 处问题已标出）</summary>" in plain and "13912345678</mark>" in plain, plain
        assert "<details class=\"plain-body\" open>" in plain  # open when the body has findings
