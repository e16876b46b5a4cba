"""The publishing chain: draft → submit → review steps → published; rejection, 三同步, overrides,
numbering under concurrency, withdrawal and automatic expiry."""

from __future__ import annotations

import datetime as dt
import functools
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from zwgk.core.codes import id_check_char
from zwgk.core.models import AuditEntry
from zwgk.publishing import selectors, services
from zwgk.publishing.models import Attachment, DocStatus, Document, Kind, Revision, RevisionState, Validity

CONTENT = {
    "title": "浮梁县教育体育局关于2024年义务教育招生入学工作的通知",
    "body_html": "<p>各乡（镇）中心学校：</p><p>现将2024年义务教育招生入学工作有关事项通知如下。</p>",
    "doc_number": "浮教体发〔2024〕8号",
    "written_date": dt.date(2024, 6, 3),
    "topic": "科技、教育\\教育",
    "genre": "通知",
}


def approve(user, doc, opinion="同意发布", **kw):
    rev = Revision.objects.filter(document=doc).order_by("-number").first()
    return services.decide(user, rev, "approve", opinion, **kw)


def fresh(doc):
    return Document.objects.get(pk=doc.pk)


@pytest.fixture
def draft(staff, county):
    return services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)


@pytest.mark.django_db
class TestChain:
    def test_walk_through_to_publication(self, staff, draft, county):
        rev = services.submit(staff["jiaoti_editor"], draft)
        assert rev.chain == ["reviewer", "secrecy_reviewer"]
        assert [r.pk for r in selectors.review_queue(staff["jiaoti_reviewer"])] == [rev.pk]
        assert selectors.review_queue(staff["jiaoti_secrecy"]) == []  # not their step yet
        approve(staff["jiaoti_reviewer"], draft)
        assert fresh(draft).status == DocStatus.UNPUBLISHED  # the public sees nothing before review ends
        assert [r.pk for r in selectors.review_queue(staff["jiaoti_secrecy"])] == [rev.pk]
        approve(staff["jiaoti_secrecy"], draft, opinion="经保密审查，可以公开")
        doc = fresh(draft)
        assert doc.status == DocStatus.PUBLISHED
        assert doc.title == CONTENT["title"] and doc.published_revision_id == rev.pk
        assert doc.index_no == f"{county['jiaoti'].code}/{dt.date.today().year}-00001"
        decisions = list(rev.decisions.order_by("step"))
        assert [(d.role, d.reviewer.username, d.opinion) for d in decisions] == [
            ("reviewer", "jiaoti_reviewer", "同意发布"),
            ("secrecy_reviewer", "jiaoti_secrecy", "经保密审查，可以公开"),
        ]
        actions = list(AuditEntry.objects.filter(object_type="publishing.document", object_id=str(doc.pk)).values_list("action", flat=True))
        assert actions.count("publishing.review.decide") == 2 and "publishing.document.publish" in actions

    def test_county_level_items_pass_the_county_office(self, staff, county):
        doc = services.create_draft(staff["office_editor"], county["office"], **{**CONTENT, "doc_number": "浮府办发〔2024〕12号"})
        rev = services.submit(staff["office_editor"], doc)
        assert rev.chain == ["reviewer", "secrecy_reviewer", "county_office"]
        approve(staff["office_reviewer"], doc)
        approve(staff["office_secrecy"], doc)
        assert fresh(doc).status == DocStatus.UNPUBLISHED
        approve(staff["gkb"], doc)
        assert fresh(doc).status == DocStatus.PUBLISHED

    def test_rejection_and_resubmission_as_a_new_revision(self, staff, draft):
        services.submit(staff["jiaoti_editor"], draft)
        rev1 = Revision.objects.get(document=draft, number=1)
        services.decide(staff["jiaoti_reviewer"], rev1, "reject", "第二段表述不准确，请修改")
        assert Revision.objects.get(pk=rev1.pk).state == RevisionState.REJECTED
        with pytest.raises(ValidationError):
            services.decide(staff["jiaoti_secrecy"], rev1, "approve", "同意")
        rev2 = services.update_draft(staff["jiaoti_editor"], draft, body_html="<p>修改后的正文。</p>")
        assert rev2.number == 2 and Revision.objects.get(pk=rev1.pk).body_text != rev2.body_text
        services.submit(staff["jiaoti_editor"], draft)
        approve(staff["jiaoti_reviewer"], draft)
        approve(staff["jiaoti_secrecy"], draft)
        doc = fresh(draft)
        assert doc.status == DocStatus.PUBLISHED and doc.published_revision_id == rev2.pk
        assert doc.body_text == "修改后的正文。"
        # the rejected revision and its reasons stay on record
        assert rev1.decisions.get().opinion == "第二段表述不准确，请修改"

    def test_editing_a_published_item_keeps_the_reviewed_version_public(self, staff, draft):
        services.submit(staff["jiaoti_editor"], draft)
        approve(staff["jiaoti_reviewer"], draft)
        approve(staff["jiaoti_secrecy"], draft)
        index_no = fresh(draft).index_no
        services.update_draft(staff["jiaoti_editor"], draft, title="新标题（未审）")
        services.submit(staff["jiaoti_editor"], draft)
        assert fresh(draft).title == CONTENT["title"]  # still the reviewed revision
        approve(staff["jiaoti_reviewer"], draft)
        approve(staff["jiaoti_secrecy"], draft)
        doc = fresh(draft)
        assert doc.title == "新标题（未审）" and doc.index_no == index_no
        assert Revision.objects.get(document=draft, number=1).state == RevisionState.SUPERSEDED

    def test_author_never_approves_own_item(self, staff, county):
        both = staff["jiaoti_reviewer"]  # a reviewer who drafts needs the editor role too
        from zwgk.core import audit
        from zwgk.core.models import Role, UserRole

        with audit.allow_direct_writes():
            UserRole.objects.create(user=both, role=Role.EDITOR)
        both = type(both).objects.get(pk=both.pk)
        doc = services.create_draft(both, county["jiaoti"], **CONTENT)
        rev = services.submit(both, doc)
        assert selectors.review_queue(both) == []
        with pytest.raises(PermissionDenied, match="不能审核自己"):
            services.decide(both, rev, "approve", "同意")
        assert not rev.decisions.exists()

    def test_one_person_does_not_take_two_steps(self, staff, county, draft):
        from zwgk.core import audit
        from zwgk.core.models import Role, UserRole

        with audit.allow_direct_writes():
            UserRole.objects.create(user=staff["jiaoti_reviewer"], role=Role.SECRECY_REVIEWER)
        reviewer = type(staff["jiaoti_reviewer"]).objects.get(pk=staff["jiaoti_reviewer"].pk)
        services.submit(staff["jiaoti_editor"], draft)
        approve(reviewer, draft)
        with pytest.raises(PermissionDenied, match="不同人员"):
            approve(reviewer, draft)

    def test_other_departments_cannot_review_or_draft(self, staff, county, draft):
        services.submit(staff["jiaoti_editor"], draft)
        with pytest.raises(PermissionDenied):
            approve(staff["weijian_reviewer"], draft)
        with pytest.raises(PermissionDenied):
            services.create_draft(staff["jiaoti_editor"], county["weijian"], **CONTENT)
        assert selectors.review_queue(staff["weijian_reviewer"]) == []

    def test_missing_metadata_is_refused_with_reasons(self, staff, county):
        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], title="无正文", topic="不存在", doc_number="浮教体发[24]第08号")
        with pytest.raises(ValidationError) as exc:
            services.submit(staff["jiaoti_editor"], doc)
        errors = exc.value.message_dict
        assert {"body_html", "written_date", "topic", "genre", "doc_number"} <= set(errors)
        assert "六角括号" in errors["doc_number"][0]
        assert Revision.objects.get(document=doc).state == RevisionState.DRAFT

    def test_body_is_sanitized_on_save(self, staff, county):
        doc = services.create_draft(
            staff["jiaoti_editor"], county["jiaoti"],
            body_html='<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a><img src=x onerror=y></p>',
        )
        html = doc.latest_revision.body_html
        assert "script" not in html and "onclick" not in html and "javascript" not in html and "onerror" not in html
        assert "正文" in html


@pytest.mark.django_db
class TestScreeningInReview:
    def test_blocked_item_needs_an_override(self, staff, county):
        body17 = "36022219850512123"
        person = body17 + id_check_char(body17)
        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **{**CONTENT, "body_html": f"<p>申请人身份证号 {person}</p>"})
        rev = services.submit(staff["jiaoti_editor"], doc)
        assert rev.has_blocking and rev.findings[0]["rule"] == "id_number" and rev.findings[0]["source"] == "正文"
        with pytest.raises(ValidationError) as exc:
            approve(staff["jiaoti_reviewer"], doc)
        assert "override_reason" in exc.value.message_dict
        assert not rev.decisions.exists()
        approve(staff["jiaoti_reviewer"], doc, override_reason="该号码为已公开的示例号码，经核实不属于个人信息")
        approve(staff["jiaoti_secrecy"], doc)  # the override is on record; the next step does not repeat it
        assert fresh(doc).status == DocStatus.PUBLISHED

    def test_blocked_item_without_override_is_rejected(self, staff, county):
        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **{**CONTENT, "body_html": "<p>秘密★1年</p><p>正文</p>"})
        rev = services.submit(staff["jiaoti_editor"], doc)
        assert rev.has_blocking
        services.decide(staff["jiaoti_reviewer"], rev, "reject", "含密级标志，不得公开")
        assert fresh(doc).status == DocStatus.UNPUBLISHED

    def test_attachment_text_is_screened(self, staff, county, draft):
        import io

        import docx

        d = docx.Document()
        d.add_paragraph("联系人手机 13912345678")
        buf = io.BytesIO()
        d.save(buf)
        att = services.add_attachment(staff["jiaoti_editor"], draft, "名单.docx", buf.getvalue())
        assert att.text_extracted and "13912345678" in att.text
        rev = services.submit(staff["jiaoti_editor"], draft)
        assert [(f["rule"], f["source"]) for f in rev.findings] == [("mobile", "附件：名单.docx")]

    def test_attachments_checked_by_content(self, staff, draft, settings):
        with pytest.raises(ValidationError, match="不是允许的类型"):
            services.add_attachment(staff["jiaoti_editor"], draft, "通知.pdf", b"MZ\x90\x00" + b"\x00" * 200)
        with pytest.raises(ValidationError, match="扩展名与内容不符"):
            services.add_attachment(staff["jiaoti_editor"], draft, "通知.docx", b"%PDF-1.4\n%%EOF\n")
        settings.ZWGK_ATTACHMENT_MAX_MB = 1
        with pytest.raises(ValidationError, match="超过 1 MB"):
            services.add_attachment(staff["jiaoti_editor"], draft, "大.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
        assert not Attachment.objects.exists()



@functools.cache
def zip_bomb() -> bytes:
    """A ZIP of some 100 MB that packs to about 200 KB: a list with a mobile number, then text that deflates 1000:1."""
    import io
    import zipfile

    buf = io.BytesIO()
    filler = ("公开信息。\n" * 65_536).encode()  # 1 MB
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("名单.txt", "联系人手机 13912345678\n")
        for i in range(10):
            with zf.open(f"第{i}部分.txt", "w") as fh:
                for _ in range(10):
                    fh.write(filler)
    return buf.getvalue()


@pytest.mark.django_db
class TestAttachmentLimits:
    def test_zip_bomb_is_cut_and_reported_to_the_reviewer(self, staff, draft):
        from zwgk.screening import extract

        att = services.add_attachment(staff["jiaoti_editor"], draft, "材料.zip", zip_bomb())
        assert att.text_extracted and len(att.text) <= extract.MAX_TEXT_CHARS and "13912345678" in att.text
        assert "文字未全部提取：解压后过大" in AuditEntry.objects.filter(action="publishing.attachment.add").get().summary
        rev = services.submit(staff["jiaoti_editor"], draft)
        messages = [f["message"] for f in rev.findings if f["rule"] == "extraction"]
        assert "附件“材料.zip”解压后过大，已停止提取文字，请检查附件" in messages
        assert ("mobile", "附件：材料.zip") in [(f["rule"], f["source"]) for f in rev.findings]

    def test_reading_and_screening_run_outside_the_write_transaction(self, staff, draft, monkeypatch):
        from zwgk.screening import engine, extract

        base = len(connection.atomic_blocks)  # the test's own transaction
        depths: dict[str, list[int]] = {"extract": [], "screen": []}

        def spy(name, real):
            def call(*args, **kwargs):
                depths[name].append(len(connection.atomic_blocks))
                return real(*args, **kwargs)
            return call

        monkeypatch.setattr(extract, "extract", spy("extract", extract.extract))
        monkeypatch.setattr(engine, "screen_text", spy("screen", engine.screen_text))
        services.add_attachment(staff["jiaoti_editor"], draft, "材料.zip", zip_bomb())
        assert depths["extract"] == [base]
        depths["extract"].clear()
        rev = services.submit(staff["jiaoti_editor"], draft)
        assert depths == {"extract": [base], "screen": [base, base]}  # the file read anew, body and attachment screened
        assert rev.state == RevisionState.IN_REVIEW

    def test_a_draft_changed_while_it_is_checked_is_not_submitted(self, staff, draft, monkeypatch):
        from zwgk.screening import engine

        real = engine.screen_text

        def edit_meanwhile(*args, **kwargs):
            if not Revision.objects.filter(document=draft, title="在检查期间改过的标题").exists():
                services.update_draft(staff["jiaoti_editor"], draft, title="在检查期间改过的标题")
            return real(*args, **kwargs)

        monkeypatch.setattr(engine, "screen_text", edit_meanwhile)
        with pytest.raises(ValidationError, match="自动检查期间被修改"):
            services.submit(staff["jiaoti_editor"], draft)
        rev = Revision.objects.get(document=draft)
        assert rev.state == RevisionState.DRAFT and rev.findings == [] and rev.title == "在检查期间改过的标题"
        assert not AuditEntry.objects.filter(action="publishing.document.submit").exists()
        monkeypatch.setattr(engine, "screen_text", real)
        assert services.submit(staff["jiaoti_editor"], draft).state == RevisionState.IN_REVIEW

@pytest.mark.django_db
class TestThreeSync:
    @pytest.fixture
    def normative(self, staff, county):
        return services.create_draft(
            staff["jiaoti_editor"], county["jiaoti"],
            **{**CONTENT, "title": "浮梁县义务教育阶段学校招生管理办法", "genre": "办法", "is_normative": True, "is_major_policy": True,
               "effective_from": dt.date(2024, 8, 1)},
        )

    def test_normative_document_without_interpretation_is_refused(self, staff, normative):
        with pytest.raises(ValidationError, match="三同步"):
            services.submit(staff["jiaoti_editor"], normative)
        assert Revision.objects.get(document=normative).state == RevisionState.DRAFT

    def test_policy_and_interpretation_are_published_together(self, staff, county, normative):
        interp = services.create_draft(
            staff["jiaoti_editor"], county["jiaoti"], kind=Kind.INTERPRETATION, policies=[normative],
            **{**CONTENT, "title": "《浮梁县义务教育阶段学校招生管理办法》政策解读", "genre": "解读", "doc_number": "",
               "interpretation_form": "qa", "qa_pairs": [{"q": "哪些孩子可以入学？", "a": "户籍或居住证在划片范围内的适龄儿童。"}]},
        )
        services.submit(staff["jiaoti_editor"], normative)
        services.submit(staff["jiaoti_editor"], interp)
        approve(staff["jiaoti_reviewer"], normative)
        approve(staff["jiaoti_secrecy"], normative)
        assert fresh(normative).status == DocStatus.UNPUBLISHED  # waits for its interpretation
        assert normative.revisions.get().state == RevisionState.APPROVED
        approve(staff["jiaoti_reviewer"], interp)
        approve(staff["jiaoti_secrecy"], interp)
        policy, reading = fresh(normative), fresh(interp)
        assert policy.status == reading.status == DocStatus.PUBLISHED
        assert policy.published_at == reading.published_at
        assert list(policy.interpretations.all()) == [reading] and list(reading.policies.all()) == [policy]
        assert selectors.interpretation_rate(county["jiaoti"], dt.date.today().year) == (1, 1)


@pytest.mark.django_db
class TestWithdrawAndExpire:
    def publish(self, staff, county, **extra):
        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **{**CONTENT, **extra})
        services.submit(staff["jiaoti_editor"], doc)
        approve(staff["jiaoti_reviewer"], doc)
        approve(staff["jiaoti_secrecy"], doc)
        return fresh(doc)

    def test_withdrawal_needs_a_reason_and_retires_the_number(self, staff, county):
        doc = self.publish(staff, county)
        with pytest.raises(ValidationError, match="理由"):
            services.withdraw(staff["jiaoti_reviewer"], doc, "")
        with pytest.raises(PermissionDenied):
            services.withdraw(staff["jiaoti_editor"], doc, "误发，撤回")
        services.withdraw(staff["jiaoti_reviewer"], doc, "附件版本有误，撤回后重新发布")
        doc = fresh(doc)
        assert doc.status == DocStatus.WITHDRAWN and doc.index_no.endswith("-00001")
        second = self.publish(staff, county)
        assert second.index_no.endswith("-00002")  # the withdrawn number is never reused
        with pytest.raises(ValidationError, match="撤稿"):
            services.update_draft(staff["jiaoti_editor"], doc, title="再改")

    def test_expiry_changes_validity_on_its_date_and_is_logged(self, staff, county):
        doc = self.publish(staff, county, effective_from=dt.date(2024, 7, 1), expires_on=dt.date(2026, 6, 30))
        assert services.expire_due(dt.date(2026, 6, 29)) == []
        assert fresh(doc).validity == Validity.VALID
        assert [d.pk for d in services.expire_due(dt.date(2026, 6, 30))] == [doc.pk]
        assert fresh(doc).validity == Validity.EXPIRED
        entry = AuditEntry.objects.get(action="publishing.document.expire")
        assert entry.actor_name == "系统" and "2026-06-30" in entry.summary
        assert services.expire_due(dt.date(2026, 7, 1)) == []

    def test_the_scheduled_task_expires(self, staff, county, settings):
        from django.utils import timezone

        from zwgk.core import scheduler

        settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
        doc = self.publish(staff, county, expires_on=timezone.localdate())
        assert "publishing.expire" in scheduler.run_due()
        assert fresh(doc).validity == Validity.EXPIRED
        assert scheduler.run_due() == []  # not again within the hour


@pytest.mark.django_db(transaction=True)
def test_fifty_items_published_at_once_get_fifty_consecutive_numbers(staff, county):
    services.save_review_chain(staff["gkb"], county["jiaoti"], "", ["secrecy_reviewer"])
    docs = []
    for n in range(50):
        doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **{**CONTENT, "title": f"通知 {n}"})
        services.submit(staff["jiaoti_editor"], doc)
        docs.append(doc)
    reviewers = [staff["jiaoti_secrecy"]]
    barrier = threading.Barrier(10)
    errors = []

    def work(chunk):
        try:
            barrier.wait()
            for doc in chunk:
                rev = Revision.objects.get(document=doc)
                services.decide(reviewers[0], rev, "approve", "同意")
        except Exception as exc:  # noqa: BLE001 (collected and reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(docs[i::10],)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(int(d.index_no.rsplit("-", 1)[1]) for d in Document.objects.filter(pk__in=[d.pk for d in docs]))
    assert numbers == list(range(1, 51))


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_once_exactly_one_counts(staff, county, draft):
    rev = services.submit(staff["jiaoti_editor"], draft)
    barrier = threading.Barrier(2)
    outcomes = []

    def act(user, decision):
        try:
            barrier.wait()
            services.decide(user, Revision.objects.get(pk=rev.pk), decision, "意见", expected_step=0)
            outcomes.append(("ok", user.username))
        except ValidationError as exc:
            outcomes.append(("refused", exc.messages[0]))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(staff["jiaoti_reviewer"], "approve")),
        threading.Thread(target=act, args=(staff["jiaoti_reviewer2"], "reject")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
    refused = next(o[1] for o in outcomes if o[0] == "refused")
    assert "您的操作未生效" in refused or "可能已由其他审核人处理" in refused
    assert rev.decisions.count() == 1


@pytest.mark.django_db
def test_index_scheme_is_a_per_organization_setting(staff, county):
    with pytest.raises(ValidationError, match="必须包含"):
        services.save_publisher_settings(staff["gkb"], county["jiaoti"], "{code}-{seq}")
    with pytest.raises(ValidationError, match="只能使用"):
        services.save_publisher_settings(staff["gkb"], county["jiaoti"], "{code}/{yr}-{seq}")
    services.save_publisher_settings(staff["gkb"], county["jiaoti"], "{code}/{year}-{seq:06d}")
    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
    services.submit(staff["jiaoti_editor"], doc)
    approve(staff["jiaoti_reviewer"], doc)
    approve(staff["jiaoti_secrecy"], doc)
    assert fresh(doc).index_no == f"{county['jiaoti'].code}/{dt.date.today().year}-000001"


@pytest.mark.django_db
def test_review_chain_configuration(staff, county):
    with pytest.raises(ValidationError, match="保密审查"):
        services.save_review_chain(staff["gkb"], county["jiaoti"], "", ["reviewer"])
    with pytest.raises(PermissionDenied):
        services.save_review_chain(staff["jiaoti_reviewer"], county["jiaoti"], "", ["secrecy_reviewer"])
    services.save_review_chain(staff["gkb"], county["jiaoti"], "interpretation", ["secrecy_reviewer", "county_office"])
    interp = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], kind="interpretation")
    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"])
    assert selectors.review_chain(interp) == ["secrecy_reviewer", "county_office"]
    assert selectors.review_chain(doc) == ["reviewer", "secrecy_reviewer"]


def test_a_document_remembers_the_revision_it_is_given(draft, django_assert_num_queries):
    """The workflow judges the revision a service holds (locked, or just made), not a second read of the database."""
    doc = fresh(draft)
    held = Revision.objects.get(document=doc)
    held.state = RevisionState.IN_REVIEW  # as the service sees it under its lock, not yet saved
    doc.remember_latest(held)
    with django_assert_num_queries(0):
        assert doc.latest_revision is held
    doc.remember_latest(None)
    with django_assert_num_queries(0):
        assert doc.latest_revision is None  # remembered too: not read again
    other = fresh(draft)
    with django_assert_num_queries(1):
        assert other.latest_revision.state == RevisionState.DRAFT
        assert other.latest_revision.state == RevisionState.DRAFT  # read once


@pytest.mark.django_db
def test_a_review_taken_earlier_is_recorded_with_its_times(staff, county):
    """补录: drafted 2025-03-03 09:00, sent 10:00, approved 11:00 and 14:00 (Asia/Shanghai): published on 2025-03-03 with
    a 2025 index number; a time in the future or before the step it follows is refused and changes nothing."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    tz = timezone.get_default_timezone()
    at = lambda h: dt.datetime(2025, 3, 3, h, 0, tzinfo=tz)  # noqa: E731
    with pytest.raises(ValidationError, match="晚于现在"):
        services.create_draft(staff["jiaoti_editor"], county["jiaoti"], at=timezone.now() + dt.timedelta(days=1), **CONTENT)
    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], at=at(9), **CONTENT)
    with pytest.raises(ValidationError, match="早于上一步"):
        services.submit(staff["jiaoti_editor"], doc, at=at(8))
    rev = services.submit(staff["jiaoti_editor"], doc, at=at(10))
    assert fresh(doc).revisions.get().state == "in_review"
    with pytest.raises(ValidationError, match="早于上一步"):
        services.decide(staff["jiaoti_reviewer"], rev, "approve", "同意", at=at(9))
    assert not rev.decisions.exists()
    services.decide(staff["jiaoti_reviewer"], rev, "approve", "同意", at=at(11))
    services.decide(staff["jiaoti_secrecy"], rev, "approve", "同意", at=at(14))
    doc = fresh(doc)
    assert doc.status == DocStatus.PUBLISHED and timezone.localtime(doc.published_at) == at(14)
    assert doc.index_no == f"{county['jiaoti'].code}/2025-00001"
    summary = AuditEntry.objects.filter(action="publishing.document.submit", object_id=str(doc.pk)).get().summary
    assert "（补录，办理时间 2025-03-03 10:00）" in summary
