"""意见征集: the comment period by kind (worked examples across the 2025 National Day holiday), the urgency reason,
the draft split into 条/款 with stable anchors, the online form (masking, duplicates, floods, hostile input), the
answers, the adoption report through the publishing review, finishing only once it is public, the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zwgk.core import audit, workdays
from zwgk.participation.consultations import drafts, report, rules, selectors, services
from zwgk.participation.consultations.models import Consultation, ConsultationState, Opinion, Screen

D = dt.date
TEXT = """浮梁县城区公共停车管理办法（征求意见稿）
第一章 总则
第一条 为规范城区公共停车秩序，制定本办法。
第二条 本办法适用于本县城区范围内的公共停车场。
第三条 公共停车场实行分时段收费。
夜间二十时至次日八时免费停放。
节假日收费标准另行公布。
第二章 附则
第四条 本办法自发布之日起施行。"""

pytestmark = pytest.mark.django_db


def data(**over):
    today = timezone.localdate()
    base = {"title": "浮梁县城区公共停车管理办法（征求意见稿）", "kind": "other", "opens": today, "closes": today + dt.timedelta(days=20),
            "text": TEXT, "description": "欢迎提出意见。"}
    base.update(over)
    return base


def make(people, county, **over):
    return services.create_consultation(people["jiaoti_editor"], county["jiaoti"], data(**over))


def opened(people, county, **over):
    c = make(people, county, **over)
    return services.open_consultation(people["jiaoti_editor"], c)


def submit(c, body="建议延长免费时段。", client="10.0.0.1", **more):
    return services.submit_opinion(c.pk, {"body": body, **more}, client)


# --- the period by kind -----------------------------------------------------------------------------------------
class TestPeriod:
    def test_major_decision_needs_30_calendar_days(self, people, county):
        """Opens Friday 26 September 2025: day 1 is 26 September, day 30 is 25 October (5 days of September + 25)."""
        cal = workdays.load()
        assert rules.earliest_close("major_decision", D(2025, 9, 26), cal) == D(2025, 10, 25)
        assert rules.span("major_decision", D(2025, 9, 26), D(2025, 10, 24), cal) == 29
        assert rules.too_short("major_decision", D(2025, 9, 26), D(2025, 10, 25), cal) == ""
        with pytest.raises(ValidationError) as e:
            make(people, county, kind="major_decision", opens=D(2025, 9, 26), closes=D(2025, 10, 24))
        assert "不少于 30 日" in str(e.value) and "2025-10-25" in str(e.value)
        assert make(people, county, kind="major_decision", opens=D(2025, 9, 26), closes=D(2025, 10, 25)).pk

    def test_normative_needs_7_working_days_across_national_day(self, people, county):
        """Opens Friday 26 September 2025. Working days: 26 Sep (1), Sunday 28 Sep 补班 (2), 29 (3), 30 (4), the holiday
        1–8 October, Thursday 9 Oct (5), Friday 10 (6), Saturday 11 Oct 补班 (7): the earliest close is 11 October."""
        cal = workdays.load()
        assert rules.earliest_close("normative", D(2025, 9, 26), cal) == D(2025, 10, 11)
        assert rules.span("normative", D(2025, 9, 26), D(2025, 10, 10), cal) == 6
        with pytest.raises(ValidationError) as e:
            make(people, county, kind="normative", opens=D(2025, 9, 26), closes=D(2025, 10, 10))
        assert "7 个工作日" in str(e.value)
        assert make(people, county, kind="normative", opens=D(2025, 9, 26), closes=D(2025, 10, 11)).pk

    def test_market_related_normative_needs_30_days_and_enrolment_zone_15(self, people, county):
        cal = workdays.load()
        assert rules.earliest_close("normative_market", D(2025, 6, 1), cal) == D(2025, 6, 30)
        assert rules.earliest_close("enrolment_zone", D(2025, 6, 1), cal) == D(2025, 6, 15)
        assert rules.earliest_close("other", D(2025, 6, 1), cal) == D(2025, 6, 7)
        for kind, rule in rules.PERIODS.items():
            assert rule.source and rule.label, kind

    def test_too_short_with_an_urgency_reason_is_accepted_and_shown(self, client, people, county):
        today = timezone.localdate()
        with pytest.raises(ValidationError):
            make(people, county, kind="major_decision", closes=today + dt.timedelta(days=9))
        c = opened(people, county, kind="major_decision", closes=today + dt.timedelta(days=9),
                   urgency_reason="防汛应急需要，须在汛期前出台。")
        page = client.get(reverse("portal:consultation", args=[c.pk])).content.decode()
        assert "缩短期限的理由" in page and "防汛应急需要" in page

    def test_bad_dates_are_refused_in_chinese(self, people, county):
        for over, word in (({"opens": "2025-13-01"}, "有效日期"), ({"closes": "明天"}, "有效日期"),
                           ({"closes": timezone.localdate() - dt.timedelta(days=3)}, "不能早于"), ({"title": ""}, "标题"),
                           ({"kind": "nonsense"}, "草案类别"), ({"text": "  "}, "草案全文"),
                           ({"subject_kind": "decision_item", "subject_id": "99999999999999999999"}, "编号")):
            with pytest.raises(ValidationError) as e:
                make(people, county, **over)
            assert word in str(e.value)
        assert not Consultation.objects.exists()

    def test_another_unit_may_not_create(self, people, county):
        with pytest.raises(PermissionDenied):
            services.create_consultation(people["jiaoti_editor"], county["weijian"], data())


# --- the draft ------------------------------------------------------------------------------------------------
def test_the_draft_is_split_into_articles_and_clauses_with_anchors():
    parts = drafts.split(TEXT, 1)
    assert [(p.kind, p.anchor, p.label) for p in parts] == [
        ("preamble", "v1-intro1", ""), ("chapter", "v1-c1", "第一章"), ("article", "v1-a1", "第一条"),
        ("article", "v1-a2", "第二条"), ("article", "v1-a3", "第三条"), ("clause", "v1-a3-p2", "第三条第二款"),
        ("clause", "v1-a3-p3", "第三条第三款"), ("chapter", "v1-c2", "第二章"), ("article", "v1-a4", "第四条")]
    assert parts[5].target == "v1-a3"
    assert drafts.chinese_number("十三") == 13 and drafts.chinese_number("一百零五") == 105 and drafts.chinese_number("二十") == 20
    plain = drafts.split("一段话。\n\n另一段话。", 2)
    assert [(p.kind, p.anchor, p.label) for p in plain] == [("paragraph", "v2-p1", "第1段"), ("paragraph", "v2-p2", "第2段")]


def test_a_new_text_is_a_new_version_with_new_anchors(people, county):
    c = make(people, county)
    services.update_consultation(people["jiaoti_editor"], c, data(text=TEXT + "\n第五条 新增条款。"))
    v2 = selectors.latest_version(c)
    assert v2.number == 2 and v2.parts.filter(anchor="v2-a5").exists() and not v2.parts.filter(anchor__startswith="v1").exists()
    assert c.versions.get(number=1).parts.filter(anchor="v1-a3").exists()
    services.open_consultation(people["jiaoti_editor"], c)
    with pytest.raises(ValidationError):
        services.update_consultation(people["jiaoti_editor"], c, data(title="改标题"))
    op, _ = submit(c, target="v2-a3")
    assert op.version == v2 and op.target_label == "第三条"
    with pytest.raises(ValidationError) as e:
        submit(c, body="旧版条款", target="v1-a3")
    assert "不在当前草案" in str(e.value)


# --- the online form ------------------------------------------------------------------------------------------
class TestOnline:
    def test_a_citizen_comments_on_article_3(self, client, people, county):
        c = opened(people, county)
        page = client.get(reverse("portal:consultation", args=[c.pk]))
        text = page.content.decode()
        assert 'id="v1-a3"' in text and "对本条发表意见" in text and "?target=v1-a3#opinion-form" in text
        r = client.post(reverse("portal:consultation", args=[c.pk]), {"target": "v1-a3", "body": "建议夜间免费时段从十九时开始。",
                                                                       "name": "朱小明", "email": "zhu@example.com"})
        assert r.status_code == 302 and "sent=1" in r["Location"]
        op = Opinion.objects.get()
        assert (op.target, op.target_label, op.name, op.channel) == ("v1-a3", "第三条", "朱小明", "online")
        page = client.get(reverse("portal:consultation", args=[c.pk]) + "?sent=1").content.decode()
        assert "第三条：已收到意见 1 条" in page and "您的意见已收到" in page

    def test_duplicate_is_stored_once(self, people, county):
        c = opened(people, county)
        first, created = submit(c, "同一条意见。")
        again, created2 = submit(c, "同一条意见。 ")
        assert created and not created2 and first.pk == again.pk and Opinion.objects.count() == 1
        _, other_client = submit(c, "同一条意见。", client="10.0.0.2")
        assert other_client and Opinion.objects.count() == 2

    def test_a_flood_is_refused_by_the_throttle(self, client, people, county):
        c = opened(people, county)
        url = reverse("portal:consultation", args=[c.pk])
        codes = [client.post(url, {"body": f"第{i}条意见"}).status_code for i in range(rules.SUBMITS_PER_HOUR + 3)]
        assert codes[: rules.SUBMITS_PER_HOUR] == [302] * rules.SUBMITS_PER_HOUR and codes[-1] == 429
        assert Opinion.objects.count() == rules.SUBMITS_PER_HOUR
        assert "提交过于频繁" in client.post(url, {"body": "再来"}).content.decode()

    def test_hostile_and_oversized_input(self, client, people, county):
        c = opened(people, county)
        url = reverse("portal:consultation", args=[c.pk])
        r = client.post(url, {"body": "长" * 10_000})
        assert r.status_code == 400 and "不能超过 2000 字" in r.content.decode()
        for bad in ({"body": ""}, {"body": "好", "email": "不是邮箱"}, {"body": "好", "phone": "abc<>"},
                    {"body": "好", "target": "v9-a99"}, {"body": "好", "name": "名" * 51}):
            r = client.post(url, bad)
            assert r.status_code == 400, bad
        assert Opinion.objects.count() == 0
        r = client.post(url, {"body": "<script>alert(1)</script>\x00\x07意见<img src=x onerror=alert(2)>"})
        assert r.status_code == 302
        op = Opinion.objects.get()
        assert "\x00" not in op.body and "\x07" not in op.body
        r = client.get(reverse("portal:consultation", args=[c.pk]) + "?target=<script>")
        assert r.status_code == 200 and "<script>alert" not in r.content.decode()
        assert client.get("/gzcy/consultations/99999999999999999999/").status_code == 404

    def test_drafts_and_ended_consultations_take_no_opinion(self, client, people, county):
        c = make(people, county)
        assert client.get(reverse("portal:consultation", args=[c.pk])).status_code == 404
        with pytest.raises(ValidationError):
            submit(c)
        c = opened(people, county)
        later = timezone.now() + dt.timedelta(days=30)
        with pytest.raises(ValidationError) as e:
            services.submit_opinion(c.pk, {"body": "迟到的意见"}, "10.0.0.1", now=later)
        assert "已经结束" in str(e.value)

    def test_sensitive_terms_hold_the_opinion_for_staff(self, people, county):
        from zwgk.screening.models import Term, TermKind

        with audit.allow_direct_writes():
            Term.objects.create(wrong="违禁词甲", kind=TermKind.SENSITIVE, severity="block")
        c = opened(people, county)
        op, _ = submit(c, "这里有违禁词甲。")
        assert op.screen == Screen.HELD and "违禁词甲" in op.screen_note
        assert selectors.target_counts(c) == {}
        with pytest.raises(ValidationError):
            services.answer_opinion(people["jiaoti_editor"], op, "adopted")
        services.screen_opinion(people["jiaoti_editor"], op, False, "含辱骂内容")
        assert Opinion.objects.get().screen == Screen.REJECTED


def test_masking_of_names_and_numbers_in_the_report():
    assert report.mask_personal("我的电话13907985678，身份证360222198203031234") == "我的电话139****5678，身份证360222********1234"
    op = Opinion(name="朱小明", body="联系 13907985678")
    assert report.commenter(op) == "朱**" and report.summary(op) == "联系 139****5678"
    assert report.commenter(Opinion(name="", body="x")) == "匿名"


# --- answers, the report and finishing ------------------------------------------------------------------------
def _closed_with_opinions(people, county):
    c = opened(people, county)
    a, _ = submit(c, "建议免费时段延长。电话13907985678", target="v1-a3", name="朱小明", email="zhu@example.com")
    b, _ = submit(c, "整体赞成。", client="10.0.0.9", email="li@example.com")
    cc, _ = submit(c, "希望增加充电桩。", client="10.0.0.8", target="v1-a2")
    services.close_consultation(people["jiaoti_editor"], c, today=c.closes + dt.timedelta(days=1))
    return Consultation.objects.get(pk=c.pk), (a, b, cc)


def _approve(staff, doc_id):
    from zwgk.publishing import services as publishing
    from zwgk.publishing.models import Revision

    for name in ("jiaoti_reviewer", "jiaoti_secrecy"):
        publishing.decide(staff[name], Revision.objects.filter(document_id=doc_id).latest("number"), "approve", "同意")


def test_closing_before_the_closing_day_is_refused(people, county):
    c = opened(people, county)
    with pytest.raises(ValidationError) as e:
        services.close_consultation(people["jiaoti_editor"], c)
    assert "期满后" in str(e.value)


def test_answers_need_a_reason_except_adopted(people, county):
    c, (a, b, cc) = _closed_with_opinions(people, county)
    editor = people["jiaoti_editor"]
    for decision in ("partly", "not_adopted", "out_of_scope"):
        with pytest.raises(ValidationError) as e:
            services.answer_opinion(editor, a, decision, "")
        assert "须写明理由" in str(e.value)
    with pytest.raises(ValidationError):
        services.answer_opinion(editor, a, "maybe", "x")
    services.answer_opinion(editor, a, "adopted")
    assert Opinion.objects.get(pk=a.pk).decision == "adopted"


def test_report_refused_while_unanswered_then_published_then_finished(people, county, staff, mailoutbox):
    c, (a, b, cc) = _closed_with_opinions(people, county)
    editor = people["jiaoti_editor"]
    services.answer_opinion(editor, a, "partly", "夜间免费时段调整为十九时起，节假日另行研究。")
    with pytest.raises(ValidationError) as e:
        services.draft_report(editor, c)
    assert "还有 2 条意见未答复" in str(e.value)
    assert Consultation.objects.get(pk=c.pk).report_document_id is None
    services.answer_opinion(editor, b, "adopted")
    services.answer_opinion(editor, cc, "out_of_scope", "充电桩建设另有专项规划。")
    with pytest.raises(ValidationError) as e:
        services.finish_consultation(editor, c)
    assert "尚未公开" in str(e.value)
    c = services.draft_report(editor, c)
    from zwgk.participation import publish
    from zwgk.publishing.models import Document

    doc = Document.objects.get(pk=c.report_document_id)
    body = doc.revisions.latest("number").body_html
    assert "朱**" in body and "朱小明" not in body and "13907985678" not in body and "139****5678" in body
    assert "共收到意见 3 条，其中采纳 1 条、部分采纳 1 条、未采纳 0 条、不属于本次征集范围 1 条" in body
    with pytest.raises(ValidationError):
        services.answer_opinion(editor, a, "adopted")
    publish.submit(editor, c.report_document_id)
    with pytest.raises(ValidationError):
        services.finish_consultation(editor, c)
    assert services.run_due() == {"closed": 0, "finished": 0}
    _approve(staff, c.report_document_id)
    assert publish.is_public(c.report_document_id)
    assert services.run_due() == {"closed": 0, "finished": 1}
    c = Consultation.objects.get(pk=c.pk)
    assert c.state == ConsultationState.FINISHED
    from zwgk.notifications.models import Mail

    assert sorted(Mail.objects.filter(key=f"consultation:{c.pk}:adoption").values_list("to", flat=True)) == [
        "li@example.com", "zhu@example.com"]
    mail = Mail.objects.filter(key=f"consultation:{c.pk}:adoption").first()
    assert f"/gzcy/consultations/{c.pk}/results/" in mail.body and mail.body.count("http") == 1
    assert services.run_due() == {"closed": 0, "finished": 0}
    assert Mail.objects.filter(key=f"consultation:{c.pk}:adoption").count() == 2


def test_the_job_closes_consultations_past_their_day(people, county):
    c = opened(people, county)
    assert services.run_due(today=c.closes) == {"closed": 0, "finished": 0}
    assert services.run_due(today=c.closes + dt.timedelta(days=1)) == {"closed": 1, "finished": 0}
    assert Consultation.objects.get(pk=c.pk).state == ConsultationState.CLOSED


def test_letters_entered_by_staff(people, county):
    c = opened(people, county)
    op = services.enter_opinion(people["jiaoti_editor"], c, {"channel": "letter", "body": "来信建议。", "name": "王五",
                                                             "received_on": c.opens, "target": "v1-a1"})
    assert op.channel == "letter" and op.entered_by == people["jiaoti_editor"] and op.target_label == "第一条"
    with pytest.raises(ValidationError):
        services.enter_opinion(people["jiaoti_editor"], c, {"channel": "online", "body": "x"})
    with pytest.raises(PermissionDenied):
        services.enter_opinion(people["weijian_reviewer"], c, {"channel": "letter", "body": "x"})


# --- selectors --------------------------------------------------------------------------------------------------
def test_selectors_for_other_parts(people, county, staff):
    c, (a, b, cc) = _closed_with_opinions(people, county)
    editor = people["jiaoti_editor"]
    services.answer_opinion(editor, a, "adopted")
    services.answer_opinion(editor, b, "not_adopted", "与上位法不符。")
    services.answer_opinion(editor, cc, "partly", "部分采纳。")
    year = c.opens.year
    assert selectors.year_counts(year) == {"consultations": 1, "opinions": 3, "adopted": 1, "partly": 1, "not_adopted": 1}
    assert selectors.year_counts(year, county["weijian"])["consultations"] == 0
    [(found, ok, note)] = selectors.closed_in_period(county["jiaoti"], c.closes, c.closes)
    assert found == c and not ok and "未公开" in note
    services.draft_report(editor, c)
    c.refresh_from_db()
    from zwgk.participation import publish

    publish.submit(editor, c.report_document_id)
    _approve(staff, c.report_document_id)
    [(found, ok, note)] = selectors.closed_in_period(county["jiaoti"], c.opens, c.closes)
    assert ok and note.endswith("采纳情况已公开")
    make(people, county, subject_kind="decision_item", subject_id=7)
    assert selectors.for_subject("decision_item", 7) == []  # a draft is not public
    d = opened(people, county, subject_kind="decision_item", subject_id=8)
    assert selectors.for_subject("decision_item", 8) == [d]


# --- query counts -----------------------------------------------------------------------------------------------
def _bulk_opinions(c, n):
    version = selectors.latest_version(c)
    now = timezone.now()
    with audit.allow_direct_writes():
        Opinion.objects.bulk_create([Opinion(consultation=c, version=version, target=["", "v1-a1", "v1-a3"][i % 3], body=f"意见{i}",
                                             name=f"张{i}", received_at=now) for i in range(n)])


@pytest.mark.parametrize("path", ["staff", "public"])
def test_pages_cost_the_same_queries_with_50_and_500_opinions(client, people, county, path):
    counts = []
    client.force_login(people["jiaoti_editor"])
    for n in (50, 500):
        c = opened(people, county, title=f"草案{n}")
        _bulk_opinions(c, n)
        url = (reverse("participation:consultation_opinions", args=[c.pk]) if path == "staff"
               else reverse("portal:consultation", args=[c.pk]))
        with CaptureQueriesContext(connection) as q:
            r = client.get(url)
        assert r.status_code == 200
        counts.append(len(q))
    assert counts[0] == counts[1]


# --- the API ----------------------------------------------------------------------------------------------------
def test_api_lists_public_consultations_with_their_fields(client, people, county):
    make(people, county, title="还是草稿")
    c = opened(people, county)
    submit(c, target="v1-a3")
    r = client.get("/api/consultations?status=open")
    assert r.status_code == 200
    [item] = r.json()["items"]
    assert item == {"id": c.pk, "title": c.title, "opens": c.opens.isoformat(), "closes": c.closes.isoformat(), "status": "open",
                    "opinion_count": 1, "adoption_published": False, "url": f"/gzcy/consultations/{c.pk}/"}
    assert client.get("/api/consultations?status=closed").json()["items"] == []
    assert client.get(f"/api/consultations?year={c.opens.year}").json()["total"] == 1
    detail = client.get(f"/api/consultations/{c.pk}").json()
    assert detail["articles"][2]["anchor"] == "v1-a3" and detail["articles"][2]["opinion_count"] == 1
    draft = Consultation.objects.get(title="还是草稿")
    assert client.get(f"/api/consultations/{draft.pk}").status_code == 404
    for bad in ("status=maybe", "year=20244", "page=0"):
        r = client.get(f"/api/consultations?{bad}")
        assert r.status_code in (400, 422) and "detail" in r.json()


# --- staff pages ------------------------------------------------------------------------------------------------
def test_staff_pages_walk_a_consultation_through(client, people, county, staff):
    editor = people["jiaoti_editor"]
    client.force_login(editor)
    assert client.get(reverse("participation:consultations")).status_code == 200
    today = timezone.localdate()
    form = {"title": "浮梁县义务教育招生片区调整方案（征求意见稿）", "kind": "enrolment_zone", "subject_kind": "text",
            "opens": today.isoformat(), "closes": (today + dt.timedelta(days=5)).isoformat(), "text": TEXT}
    r = client.post(reverse("participation:consultation_new"), form)
    assert r.status_code == 400 and "不少于 15 日" in r.content.decode()
    r = client.post(reverse("participation:consultation_new"), {**form, "closes": (today + dt.timedelta(days=14)).isoformat()})
    c = Consultation.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("participation:consultation", args=[c.pk])
    page = client.get(reverse("participation:consultation", args=[c.pk])).content.decode()
    assert "发布征集" in page and "第三条 · 0 条意见" in page
    client.post(reverse("participation:consultation_open", args=[c.pk]))
    assert Consultation.objects.get().state == ConsultationState.OPEN
    r = client.post(reverse("participation:consultation_enter", args=[c.pk]),
                    {"channel": "email", "received_on": today.isoformat(), "target": "v1-a3", "body": "邮件意见：建议扩大片区。",
                     "name": "钱多多", "email": "qian@example.com"})
    op = Opinion.objects.get()
    assert op.channel == "email"
    r = client.post(reverse("participation:consultation_answer", args=[c.pk]), {"opinion": op.pk, "decision": "not_adopted"})
    msgs = [m.message for m in r.wsgi_request._messages]
    assert any("须写明理由" in m for m in msgs) and Opinion.objects.get().decision == ""
    client.post(reverse("participation:consultation_answer", args=[c.pk]), {"opinion": op.pk, "decision": "partly", "reason": "部分小区调整。"})
    assert Opinion.objects.get().decision == "partly"
    page = client.get(reverse("participation:consultation_opinions", args=[c.pk]) + "?which=partly").content.decode()
    assert "邮件意见" in page
    r = client.post(reverse("participation:consultation_send_report", args=[c.pk]))
    assert Consultation.objects.get().report_document_id is None  # still open: no report yet
    preview = client.get(reverse("participation:consultation_report", args=[c.pk])).content.decode()
    assert "钱**" in preview and "钱多多" not in preview
    services.close_consultation(editor, c, today=c.closes + dt.timedelta(days=1))
    client.post(reverse("participation:consultation_send_report", args=[c.pk]))
    c.refresh_from_db()
    from zwgk.publishing.models import Document

    assert c.report_document_id and Document.objects.get(pk=c.report_document_id).revisions.latest("number").state == "in_review"
    client.force_login(people["weijian_reviewer"])
    assert client.get(reverse("participation:consultation", args=[c.pk])).status_code == 404
    assert client.post(reverse("participation:consultation_finish", args=[c.pk])).status_code == 404


def test_todos_list_unanswered_and_unreported(people, county):
    from zwgk.participation.consultations import todos

    c, ops = _closed_with_opinions(people, county)
    editor = people["jiaoti_editor"]
    [item] = todos.unanswered_items(editor, 8)
    assert "3 条意见未答复" in item.where and todos.unanswered_count(editor) == 1
    assert todos.report_count(editor) == 1 and todos.report_count(people["weijian_reviewer"]) == 0


def test_home_page_and_list_show_days_left(client, people, county):
    today = timezone.localdate()
    opened(people, county, title="城区停车办法", closes=today + dt.timedelta(days=12))
    make(people, county, title="尚未发布的草稿")
    home = client.get("/").content.decode()
    assert "意见征集" in home and "城区停车办法" in home and "剩余 12 天" in home and "尚未发布的草稿" not in home
    page = client.get(reverse("portal:consultations")).content.decode()
    assert "剩余 12 天" in page and "尚未发布的草稿" not in page


def test_the_demo(client):
    from zwgk.core import demo as core_demo
    from zwgk.participation.consultations import demo

    core_demo.seed()
    demo.seed()
    closed = Consultation.objects.get(title=demo.CLOSED_TITLE)
    assert closed.state == ConsultationState.FINISHED and closed.opinions.count() == 40
    assert selectors.report_public(closed) and not closed.opinions.unanswered().exists()
    assert len(set(closed.opinions.values_list("target", flat=True))) >= 8
    assert len(set(closed.opinions.values_list("decision", flat=True))) == 4
    still = Consultation.objects.get(title=demo.OPEN_TITLE)
    assert still.is_collecting(timezone.localdate()) and still.days_left(timezone.localdate()) == 29
    page = client.get(reverse("portal:consultation_results", args=[closed.pk])).content.decode()
    assert "朱**" in page and "朱小明" not in page and "共收到意见 40 条" in page
    assert demo.seed() == [] and Consultation.objects.count() == 2


# --- every service writes the audit log (tests/test_audit.py can take these with **audit_examples(people, county)) ---
def audit_examples(people, county, staff=None):
    from zwgk.screening.models import Term, TermKind

    editor = people["jiaoti_editor"]
    state: dict = {}
    today = timezone.localdate()

    def create():
        state["c"] = make(people, county, title="审计示例征集", closes=today + dt.timedelta(days=10))

    def submit_two():
        with audit.allow_direct_writes():
            Term.objects.get_or_create(wrong="审计敏感词", defaults={"kind": TermKind.SENSITIVE, "severity": "block"})
        state["held"], _ = services.submit_opinion(state["c"].pk, {"body": "含审计敏感词的意见"}, "10.9.9.9")
        state["op"], _ = services.submit_opinion(state["c"].pk, {"body": "普通意见", "target": "v1-a3"}, "10.9.9.9")

    def report_and_publish():
        c = services.draft_report(editor, state["c"])
        from zwgk.participation import publish

        publish.submit(editor, c.report_document_id)
        if staff:
            _approve(staff, c.report_document_id)

    return {
        "participation.consultation.create": create,
        "participation.consultation.update": lambda: services.update_consultation(
            editor, state["c"], data(title="审计示例征集（修改）", closes=today + dt.timedelta(days=10))),
        "participation.consultation.open": lambda: services.open_consultation(editor, state["c"]),
        "participation.opinion.submit": submit_two,
        "participation.opinion.enter": lambda: services.enter_opinion(
            editor, state["c"], {"channel": "letter", "body": "来信", "received_on": today}),
        "participation.opinion.screen": lambda: services.screen_opinion(editor, state["held"], False, "辱骂"),
        "participation.opinion.answer": lambda: [services.answer_opinion(editor, op, "adopted") for op in Opinion.objects.unanswered()],
        "participation.consultation.close": lambda: services.close_consultation(editor, state["c"], today=today + dt.timedelta(days=11)),
        "participation.consultation.report": report_and_publish,
        "participation.consultation.finish": lambda: services.finish_consultation(editor, state["c"]),
        "participation.consultation.tick": lambda: [make(people, county, title="到期示例", opens=today - dt.timedelta(days=20),
                                                         closes=today - dt.timedelta(days=2)),
                                                    _open_as_of(editor, Consultation.objects.get(title="到期示例"), today - dt.timedelta(days=20)),
                                                    services.run_due()],
    }


def _open_as_of(editor, c, day):
    return services.open_consultation(editor, c, today=day)


def test_every_consultation_service_writes_the_audit_log(people, county, staff):
    from zwgk.core.models import AuditEntry

    examples = audit_examples(people, county, staff)
    mine = {a for a in audit.SERVICES if a.startswith("participation.consultation.") or a.startswith("participation.opinion.")}
    assert mine == set(examples)
    for action, call in examples.items():
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        with audit.client_ip("192.0.2.7"):
            call()
        entries = list(AuditEntry.objects.filter(id__gt=last))
        assert entries and all(e.client_ip == "192.0.2.7" and e.summary for e in entries), action
        assert any(e.action == action for e in entries), action
