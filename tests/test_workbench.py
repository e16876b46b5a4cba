"""The 工作台 as a to-do list: the kinds registered by the apps (core.todos), what each role sees, what to do first,
the county office's table by unit, the menu's counts, and a query count that does not grow with the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import workbench_data as wd
from tests.factories import UserFactory
from zwgk.core import audit, todos
from zwgk.core.models import Role
from zwgk.core.navigation import menu_for
from zwgk.publishing import selectors as pub_selectors
from zwgk.publishing import services as pub_services

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def demo(staff, county):
    """The demo's roles (core/demo.py): the county office, a system administrator, and per unit an editor, a reviewer
    and a secrecy reviewer; 浮梁镇's editor is also its reviewer."""
    return {**staff, "town_both": UserFactory(username="fuliangzhen_editor", organization=county["town"],
                                               roles=[Role.EDITOR, Role.REVIEWER])}


@pytest.fixture
def work(demo, county):
    """Something of every kind for 县教体局, and an overdue application of 县卫健委 for the county table."""
    jt = county["jiaoti"]
    out = {
        "returned": wd.returned_draft(jt, demo["jiaoti_editor"], demo["jiaoti_reviewer"]),
        "review": wd.in_review(jt, demo["jiaoti_editor"], days=4),
        "secrecy": wd.in_review(jt, demo["jiaoti_editor"], title="关于学校食堂招标结果的公示", decided_by=demo["jiaoti_reviewer2"]),
        "overdue_app": wd.application(jt, TODAY - dt.timedelta(days=60), 1),
        "fresh_app": wd.application(jt, TODAY, 2),
        "weijian_app": wd.application(county["weijian"], TODAY - dt.timedelta(days=60), 3),
    }
    plan = wd.plan()
    out["late_task"] = wd.task(plan, jt, TODAY - dt.timedelta(days=5), 0)
    out["far_task"] = wd.task(plan, jt, TODAY + dt.timedelta(days=90), 1)
    out["supervision"] = wd.supervision(out["late_task"], jt, demo["gkb"], TODAY + dt.timedelta(days=2))
    out["finding"] = wd.finding(wd.site(jt), TODAY - dt.timedelta(days=1))
    return out


def _page(client, user):
    client.force_login(user)
    response = client.get("/staff/")
    assert response.status_code == 200
    return response, response.content.decode()


def _shown(response):
    return {g.kind.key for g in response.context["groups"]}


def _all(response):
    return _shown(response) | {g.kind.key for g in response.context["empty_groups"]}


def test_each_app_registers_its_kinds():
    assert {"publishing-returned", "publishing-review", "applications", "workplan-supervisions", "workplan-tasks",
            "workplan-reports", "monitoring-findings"} <= set(todos.KINDS)
    assert {"applications-overdue", "workplan-overdue", "monitoring-open"} <= set(todos.COUNTY_COLUMNS)


def test_editor_sees_returned_draft_first_with_its_link(client, demo, work):
    response, html = _page(client, demo["jiaoti_editor"])
    assert _all(response) == {"publishing-returned", "applications", "workplan-supervisions", "workplan-tasks", "monitoring-findings"}
    assert "publishing-review" not in _all(response) and "workplan-reports" not in _all(response)
    returned = next(g for g in response.context["groups"] if g.kind.key == "publishing-returned")
    item = returned.items[0]
    assert item.title == "关于调整校车线路的通知" and item.url == f"/staff/docs/{work['returned'].document_id}/edit/"
    assert "请补充线路图" in item.where and item.when.endswith("退回")
    assert f'href="{item.url}"' in html
    # the overdue application is the first urgent item, so the page says to do it first
    nxt = response.context["next"]
    assert nxt.url == f"/staff/applications/{work['overdue_app'].pk}/" and nxt.urgent
    assert html.index("下一步") < html.index("退回给我修改的稿件")
    apps = next(g for g in response.context["groups"] if g.kind.key == "applications")
    assert [i.url for i in apps.items] == [f"/staff/applications/{work['overdue_app'].pk}/", f"/staff/applications/{work['fresh_app'].pk}/"]
    assert apps.items[0].when.startswith("已超期") and not apps.items[1].urgent
    assert "县卫健委" not in " ".join(i.where for i in apps.items)  # another unit's application
    tasks = next(g for g in response.context["groups"] if g.kind.key == "workplan-tasks")
    assert [i.url for i in tasks.items] == [f"/staff/workplan/tasks/{work['late_task'].pk}/"]  # the far one is not due
    assert "已逾期 5 天" in tasks.items[0].when
    sup = next(g for g in response.context["groups"] if g.kind.key == "workplan-supervisions")
    assert sup.items[0].url.endswith("#h-sup") and "前反馈，还有 2 天" in sup.items[0].when
    findings = next(g for g in response.context["groups"] if g.kind.key == "monitoring-findings")
    assert findings.items[0].url == f"/staff/monitoring/tasks/#finding-{work['finding'].pk}" and findings.items[0].urgent
    assert response.context["county"] is None and "全县需要关注的单位" not in html


def test_reviewer_and_secrecy_reviewer_see_their_steps(client, demo, work):
    response, html = _page(client, demo["jiaoti_reviewer"])
    assert _all(response) == {"publishing-review", "applications", "workplan-supervisions", "workplan-tasks", "monitoring-findings"}
    review = next(g for g in response.context["groups"] if g.kind.key == "publishing-review")
    assert [i.url for i in review.items] == [f"/staff/docs/review/{work['review'].pk}/"]  # not the one at the secrecy step
    assert review.items[0].when == "已等待 4 天" and review.items[0].urgent and "审核人环节" in review.items[0].where

    response, html = _page(client, demo["jiaoti_secrecy"])
    assert _all(response) == {"publishing-review"}
    review = response.context["groups"][0]
    assert [i.url for i in review.items] == [f"/staff/docs/review/{work['secrecy'].pk}/"]
    assert "保密审查员环节" in review.items[0].where

    # a reviewer of another unit: the kinds apply, nothing waits; the page says so calmly
    response, html = _page(client, demo["weijian_reviewer"])
    assert "publishing-review" in _all(response) and "publishing-review" not in _shown(response)
    assert "暂无：" in html and "待我审核的稿件" in html


def test_editor_who_is_also_reviewer_sees_both(client, demo, work):
    response, _ = _page(client, demo["town_both"])
    assert {"publishing-returned", "publishing-review"} <= _all(response)
    assert _shown(response) == set()  # nothing for 浮梁镇
    assert response.context["next"] is None


def test_county_office_sees_the_county_table(client, demo, work, county):
    response, html = _page(client, demo["gkb"])
    assert {"publishing-returned", "publishing-review", "applications", "workplan-reports", "monitoring-findings"} <= _all(response)
    table = response.context["county"]
    assert [c.key for c in table.columns] == ["applications-overdue", "workplan-overdue", "monitoring-open"]
    rows = {r["organization"].short_name: r["cells"] for r in table.rows}
    assert rows == {"县教体局": [1, 1, 1], "县卫健委": [1, 0, 0]}
    assert table.totals == [2, 1, 1]
    assert "全县需要关注的单位" in html and "超期未答复的申请" in html
    # the county office's applications group is county-wide
    apps = next(g for g in response.context["groups"] if g.kind.key == "applications")
    assert apps.total == 3


def test_admin_sees_the_county_table_and_no_drafting_kinds(client, demo, work):
    response, _ = _page(client, demo["admin"])
    assert "publishing-returned" not in _all(response) and "applications" in _all(response)
    assert response.context["county"] is not None


def test_groups_are_bounded_with_a_total_and_a_link(client, demo, county):
    for n in range(todos.LIMIT + 3):
        wd.application(county["jiaoti"], TODAY - dt.timedelta(days=n), n)
    response, html = _page(client, demo["jiaoti_editor"])
    apps = next(g for g in response.context["groups"] if g.kind.key == "applications")
    assert len(apps.items) == todos.LIMIT and apps.total == todos.LIMIT + 3 and apps.more == 3
    assert "另有 3 件未列出" in html and 'href="/staff/applications/"' in html


def test_review_waiting_agrees_with_the_review_queue(demo, county, work):
    # a chain configured with the county office's step: it waits for the county office, not the unit's reviewer
    pub_services.save_review_chain(demo["gkb"], county["weijian"], "", [Role.REVIEWER, Role.SECRECY_REVIEWER, Role.COUNTY_OFFICE])
    weijian_editor = UserFactory(organization=county["weijian"], roles=[Role.EDITOR])
    at_office = wd.in_review(county["weijian"], weijian_editor, title="卫健委通知", decided_by=demo["weijian_reviewer"])
    at_office.chain = [str(Role.REVIEWER), str(Role.COUNTY_OFFICE)]
    with audit.allow_direct_writes():
        at_office.save()
    for name in ("jiaoti_reviewer", "jiaoti_reviewer2", "jiaoti_secrecy", "weijian_reviewer", "gkb", "gkb2", "jiaoti_editor", "admin"):
        user = demo[name]
        assert [r.pk for r in pub_selectors.review_waiting(user)] == [r.pk for r in pub_selectors.review_queue(user)], name
    assert [r.pk for r in pub_selectors.review_waiting(demo["gkb"])] == [at_office.pk]
    # who approved the first step does not decide the second
    assert work["secrecy"].pk not in [r.pk for r in pub_selectors.review_waiting(demo["jiaoti_reviewer2"])]


def test_a_chain_longer_than_the_bound_is_refused(demo, county):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="最多"):
        pub_services.save_review_chain(demo["gkb"], county["jiaoti"], "", [Role.REVIEWER] * 10 + [Role.SECRECY_REVIEWER])


def test_menu_shows_counts(demo, work):
    menu = {e["key"]: e["count"] for e in menu_for(demo["jiaoti_reviewer"], "/staff/")}
    assert menu["publishing-queue"] == 1 and menu["applications"] == 2 and menu["monitoring"] == 1 and menu["workplan"] == 1
    menu = {e["key"]: e["count"] for e in menu_for(demo["jiaoti_editor"], "/staff/")}
    assert menu["publishing"] == 1


def test_menu_count_rendered(client, demo, work):
    _, html = _page(client, demo["jiaoti_reviewer"])
    assert '待我审核 <span class="count">1<span class="visually-hidden"> 件待办</span></span>' in html


def _more_work(demo, county, k):
    """``k`` more of every kind for 县教体局 (and 县卫健委's applications)."""
    jt = county["jiaoti"]
    plan = wd.plan(2000 + k)
    sr = wd.site(jt, 100 + k)
    for n in range(k):
        wd.returned_draft(jt, demo["jiaoti_editor"], demo["jiaoti_reviewer"], title=f"退回稿{k}-{n}")
        wd.in_review(jt, demo["jiaoti_editor"], title=f"送审稿{k}-{n}")
        wd.in_review(county["office"], demo["office_editor"], title=f"县级稿{k}-{n}", decided_by=demo["office_reviewer"])
        wd.application(jt, TODAY - dt.timedelta(days=n * 3), 1000 * k + n)
        wd.application(county["weijian"], TODAY - dt.timedelta(days=40), 1000 * k + 500 + n)
        t = wd.task(plan, jt, TODAY - dt.timedelta(days=n), n)
        wd.supervision(t, jt, demo["gkb"], TODAY + dt.timedelta(days=n))
        wd.finding(sr, TODAY + dt.timedelta(days=n - 3), 1000 * k + n)


@pytest.mark.parametrize("who", ["jiaoti_editor", "jiaoti_reviewer", "gkb"])
def test_query_count_does_not_grow_with_the_data(client, demo, county, who):
    client.force_login(demo[who])
    _more_work(demo, county, todos.LIMIT + 2)  # every group full: the totals are asked too
    client.get("/staff/")
    with CaptureQueriesContext(connection) as small:
        assert client.get("/staff/").status_code == 200
    _more_work(demo, county, 3 * todos.LIMIT)
    with CaptureQueriesContext(connection) as large:
        response = client.get("/staff/")
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]
    assert len(large) <= 40  # the organization tree is read once for the page (permissions.one_tree)
    assert all(len(g.items) <= todos.LIMIT for g in response.context["groups"])
