"""The publishing back office through HTTP: pages, permissions, bad input."""

import datetime as dt
import re

import pytest

from tests.factories import UserFactory
from zwgk.core.models import Role
from zwgk.publishing import services
from zwgk.publishing.models import DocStatus, Document, Revision

from .test_publishing import CONTENT


def form_data(**over):
    data = {
        "title": CONTENT["title"], "doc_number": CONTENT["doc_number"], "written_date": "2024-06-03",
        "topic": CONTENT["topic"], "genre": "通知", "disclosure_mode": "active", "nondisclosure_ground": "",
        "validity": "valid", "effective_from": "", "expires_on": "", "standard_area": "", "source": "",
        "body": "第一段。\n第二段。",
    }
    data.update(over)
    return data


@pytest.mark.django_db
class TestEditorPages:
    def test_create_edit_submit(self, client, staff, county):
        client.force_login(staff["jiaoti_editor"])
        page = client.get("/staff/docs/new/")
        assert page.status_code == 200 and "起草政府信息" in page.content.decode()
        response = client.post("/staff/docs/new/", {**form_data(), "organization": county["jiaoti"].pk})
        assert response.status_code == 302
        doc = Document.objects.get()
        rev = doc.latest_revision
        assert rev.body_html == "<p>第一段。</p><p>第二段。</p>"
        response = client.post(f"/staff/docs/{doc.pk}/edit/", form_data(title="改过的标题"))
        assert response.status_code == 302 and Revision.objects.get(document=doc).title == "改过的标题"
        response = client.post(f"/staff/docs/{doc.pk}/submit/", follow=True)
        assert "已送审" in response.content.decode()
        assert Revision.objects.get(document=doc).state == "in_review"
        # in review: no more editing
        response = client.get(f"/staff/docs/{doc.pk}/edit/", follow=True)
        assert "不能修改" in response.content.decode()

    def test_bad_date_and_doc_number_are_chinese_errors(self, client, staff, county):
        client.force_login(staff["jiaoti_editor"])
        response = client.post("/staff/docs/new/", {**form_data(written_date="2024-02-30"), "organization": county["jiaoti"].pk})
        assert response.status_code == 200 and "请输入有效的日期" in response.content.decode()
        assert not Document.objects.exists()
        client.post("/staff/docs/new/", {**form_data(doc_number="浮教体发[2024]第08号"), "organization": county["jiaoti"].pk})
        doc = Document.objects.get()
        response = client.post(f"/staff/docs/{doc.pk}/submit/", follow=True)
        page = response.content.decode()
        assert "六角括号" in page and "应写作“浮教体发〔2024〕8号”" in page
        assert Revision.objects.get(document=doc).state == "draft"

    def test_cannot_draft_for_another_department(self, client, staff, county):
        client.force_login(staff["jiaoti_editor"])
        response = client.post("/staff/docs/new/", {**form_data(), "organization": county["weijian"].pk})
        assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
        assert not Document.objects.exists()

    def test_other_department_cannot_see_a_draft(self, client, staff, county):
        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
        client.force_login(staff["weijian_reviewer"])
        assert client.get(f"/staff/docs/{doc.pk}/").status_code == 404
        assert client.get(f"/staff/docs/{doc.pk}/preview/").status_code == 404
        assert CONTENT["title"] not in client.get("/staff/docs/").content.decode()

    def test_live_screening_endpoint(self, client, staff, county):
        client.force_login(staff["jiaoti_editor"])
        response = client.post("/staff/docs/screen/", {"body": "联系人手机13812345678", "doc_number": "浮教体发〔24〕8号"})
        findings = response.json()["findings"]
        assert {f["rule"] for f in findings} == {"mobile", "doc_number_format", "missing_metadata"}  # only a body was sent
        response = client.post("/staff/docs/screen/", {**form_data(body="联系人手机13812345678"), "organization": county["jiaoti"].pk})
        assert [(f["rule"], f["severity"], f["source"]) for f in response.json()["findings"]] == [("mobile", "block", "正文")]


def docx_bytes(*paragraphs: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# 360222 19900307 123: check character 7 (the sum of digit × weight is 258, 258 mod 11 = 5, “10X98765432”[5] = 7),
# so …1237 is a valid ID number and …1234 only looks like one.
ATTACHMENT = docx_bytes("受助学生名单", "张某 身份证号 360222 19900307 1234 手机 139 1234 5678", "内部资料 注意保存", "该名单属于机密")


@pytest.mark.django_db
class TestLiveScreeningIsSubmissionScreening:
    """The edit page's live check and 送审 give the same findings, severity included, for the same text and attachment."""

    def make_draft(self, client, staff, county, body):
        from django.core.files.uploadedfile import SimpleUploadedFile

        client.force_login(staff["jiaoti_editor"])
        assert client.post("/staff/docs/new/", {**form_data(body=body), "organization": county["jiaoti"].pk}).status_code == 302
        doc = Document.objects.get()
        upload = SimpleUploadedFile("名单.docx", ATTACHMENT)
        assert "已上传" in client.post(f"/staff/docs/{doc.pk}/attachments/", {"file": upload}, follow=True).content.decode()
        return doc

    def live(self, client, doc, body):
        response = client.post("/staff/docs/screen/", {**form_data(body=body), "doc": doc.pk})
        assert response.status_code == 200
        return response.json()["findings"]

    def test_same_findings_live_and_at_submission(self, client, staff, county):
        body = "各学校：\n联系人身份证号３６０２２２１９９００３０７１２３７，账号 6222 0212 3456 7890 123。\n依法不宜公开的政府信息不予公开。"
        doc = self.make_draft(client, staff, county, body)
        live = self.live(client, doc, body)
        assert "已送审" in client.post(f"/staff/docs/{doc.pk}/submit/", follow=True).content.decode()
        submitted = Revision.objects.get(document=doc).findings
        assert live == submitted
        assert [(f["source"], f["rule"], f["severity"], f["text"]) for f in live] == [
            ("正文", "id_number", "block", "３６０２２２１９９００３０７１２３７"),
            ("正文", "bank_card", "warn", "6222 0212 3456 7890 123"),
            ("附件：名单.docx", "id_number", "warn", "360222 19900307 1234"),
            ("附件：名单.docx", "mobile", "block", "139 1234 5678"),
            ("附件：名单.docx", "secrecy_mark", "block", "内部资料 注意保存"),
            ("附件：名单.docx", "secrecy_mark", "warn", "机密"),
        ]
        assert live[2]["message"].startswith("可能为身份证号，校验位不符")

    def test_live_check_follows_the_term_list(self, client, staff, county):
        from zwgk.screening.services import save_term

        doc = self.make_draft(client, staff, county, "正文。")
        assert [f["rule"] for f in self.live(client, doc, "正文。") if f["rule"] == "term"] == []
        save_term(None, wrong="受助学生名单", right="", kind="sensitive", severity="warn", note="", is_active=True)
        terms = [(f["source"], f["text"]) for f in self.live(client, doc, "正文。") if f["rule"] == "term"]
        assert terms == [("附件：名单.docx", "受助学生名单")]

    def test_another_departments_document_is_not_screened(self, client, staff, county):
        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
        client.force_login(staff["weijian_reviewer"])
        assert client.post("/staff/docs/screen/", {"body": "正文", "doc": doc.pk}).status_code == 403
        weijian_editor = UserFactory(username="weijian_editor", organization=county["weijian"], roles=[Role.EDITOR])
        client.force_login(weijian_editor)
        assert client.post("/staff/docs/screen/", {"body": "正文", "doc": doc.pk}).status_code == 404
        assert client.post("/staff/docs/screen/", {"body": "正文", "doc": "不是数字"}).status_code == 200

    def test_upload_checks_content(self, client, staff, county):
        from django.core.files.uploadedfile import SimpleUploadedFile

        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
        client.force_login(staff["jiaoti_editor"])
        fake = SimpleUploadedFile("通知.pdf", b"<html><script>alert(1)</script></html>")
        response = client.post(f"/staff/docs/{doc.pk}/attachments/", {"file": fake}, follow=True)
        assert "不是允许的类型" in response.content.decode()
        real = SimpleUploadedFile("通知.pdf", b"%PDF-1.4\n%%EOF\n")
        response = client.post(f"/staff/docs/{doc.pk}/attachments/", {"file": real}, follow=True)
        assert "已上传" in response.content.decode()
        att = Revision.objects.get(document=doc).attachments.get()
        download = client.get(f"/staff/docs/attachments/{att.pk}/")
        assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
        assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
class TestReviewPages:
    @pytest.fixture
    def submitted(self, staff, county):
        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **{**CONTENT, "body_html": "<p>手机13812345678</p>"})
        return services.submit(staff["jiaoti_editor"], doc)

    def test_queue_shows_waiting_time_and_findings(self, client, staff, submitted):
        client.force_login(staff["jiaoti_reviewer"])
        page = client.get("/staff/docs/review/").content.decode()
        assert CONTENT["title"] in page and "有阻止发布的问题" in page and "分钟" in page
        review = client.get(f"/staff/docs/review/{submitted.pk}/").content.decode()
        assert '<mark class="finding-block"' in review and "13812345678</mark>" in review

    def test_approve_without_override_is_refused_then_reject(self, client, staff, submitted):
        client.force_login(staff["jiaoti_reviewer"])
        url = f"/staff/docs/review/{submitted.pk}/"
        response = client.post(url, {"opinion": "同意", "expected_step": 0, "approve": "1"})
        assert response.status_code == 200 and "须填写处理说明" in response.content.decode()
        assert not submitted.decisions.exists()
        response = client.post(url, {"opinion": "含个人手机号，请删除", "expected_step": 0, "reject": "1"})
        assert response.status_code == 302
        assert Revision.objects.get(pk=submitted.pk).state == "rejected"
        client.force_login(staff["jiaoti_editor"])
        detail = client.get(f"/staff/docs/{submitted.document_id}/").content.decode()
        assert "退回修改" in detail and "含个人手机号，请删除" in detail

    def test_opinion_is_empty_rejection_needs_a_reason_roles_in_words(self, client, staff, submitted):
        client.force_login(staff["jiaoti_reviewer"])
        url = f"/staff/docs/review/{submitted.pk}/"
        page = client.get(url).content.decode()
        assert re.search(r'<textarea name="opinion"[^>]*>\s*</textarea>', page)  # empty: no words put in the reviewer's mouth
        response = client.post(url, {"opinion": "  ", "expected_step": 0, "reject": "1"})
        assert response.status_code == 200 and "退回修改须在审查意见中写明理由" in response.content.decode()
        assert not submitted.decisions.exists() and Revision.objects.get(pk=submitted.pk).state == "in_review"
        response = client.post(url, {"opinion": "", "expected_step": 0, "approve": "1", "override_reason": "已核实为公开的办公电话"})
        assert response.status_code == 302
        assert submitted.decisions.get().opinion == "同意发布。"  # an empty approval is recorded as the usual words
        client.force_login(staff["jiaoti_secrecy"])
        review = client.get(url).content.decode()
        client.force_login(staff["jiaoti_editor"])
        detail = client.get(f"/staff/docs/{submitted.document_id}/").content.decode()
        for page in (review, detail):
            assert "（审核人）：" in page and "（reviewer）" not in page

    def test_stale_form_gets_a_clear_message(self, client, staff, submitted):
        services.decide(staff["jiaoti_reviewer"], submitted, "approve", "同意", override_reason="已核实为公开的办公手机")
        client.force_login(staff["jiaoti_reviewer2"])
        response = client.post(f"/staff/docs/review/{submitted.pk}/", {"opinion": "同意", "expected_step": 0, "approve": "1"})
        assert "您的操作未生效" in response.content.decode()
        assert submitted.decisions.count() == 1

    def test_withdraw_from_the_page(self, client, staff, county):
        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
        rev = services.submit(staff["jiaoti_editor"], doc)
        services.decide(staff["jiaoti_reviewer"], rev, "approve", "同意")
        services.decide(staff["jiaoti_secrecy"], rev, "approve", "同意")
        client.force_login(staff["jiaoti_reviewer"])
        response = client.post(f"/staff/docs/{doc.pk}/withdraw/", {"reason": ""}, follow=True)
        assert "撤稿须写明理由" in response.content.decode()
        client.post(f"/staff/docs/{doc.pk}/withdraw/", {"reason": "数据有误，撤回更正"})
        assert Document.objects.get(pk=doc.pk).status == DocStatus.WITHDRAWN


@pytest.mark.django_db
def test_preview_shows_metadata_as_the_public_will_see_it(client, staff, county):
    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **{**CONTENT, "expires_on": dt.date(2029, 8, 1)})
    client.force_login(staff["jiaoti_editor"])
    page = client.get(f"/staff/docs/{doc.pk}/preview/").content.decode()
    for text in ("浮梁县教育体育局", "浮教体发〔2024〕8号", "2024年6月3日", "科技、教育\\教育", "主动公开", "2029年8月1日起失效"):
        assert text in page, text
