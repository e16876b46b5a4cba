"""The state machines answer "what may this person do now" the same way the services decide."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.test_publishing import CONTENT, approve, fresh
from tests.test_workplan import REPORT, plan, task, tree, who  # noqa: F401 (fixtures)
from zwgk.core.workflow import Machine, Transition
from zwgk.publishing import services, workflow


def test_a_transition_must_name_known_states():
    machine = Machine("t", state_of=lambda o: o, labels={"a": "甲"}, organization_of=lambda o: None)
    with pytest.raises(ValueError):
        machine.add(Transition("go", "前进", frozenset({"b"})))


@pytest.mark.django_db
def test_document_actions_through_the_chain(staff, county):
    editor, reviewer, secrecy = staff["jiaoti_editor"], staff["jiaoti_reviewer"], staff["jiaoti_secrecy"]
    doc = services.create_draft(editor, county["jiaoti"], **CONTENT)
    assert workflow.available_actions(doc, editor) == {"edit", "submit"}
    assert workflow.available_actions(doc, reviewer) == set()

    services.submit(editor, doc)
    doc = fresh(doc)
    assert workflow.available_actions(doc, editor) == set()
    assert workflow.available_actions(doc, reviewer) == {"review"}
    assert workflow.available_actions(doc, secrecy) == set()  # not their step yet
    with pytest.raises(PermissionDenied):
        workflow.REVISION.check("review", doc, secrecy)
    with pytest.raises(ValidationError) as exc:
        workflow.REVISION.check("submit", doc, editor)
    assert "只有草稿可以送审" in exc.value.messages[0]

    approve(reviewer, doc)
    doc = fresh(doc)
    assert workflow.available_actions(doc, reviewer) == set()  # one person, one step
    assert workflow.available_actions(doc, secrecy) == {"review"}

    approve(secrecy, doc)
    doc = fresh(doc)
    assert workflow.available_actions(doc, editor) == {"edit"}
    assert workflow.available_actions(doc, reviewer) == {"withdraw"}

    services.withdraw(reviewer, doc, "内容已过时，撤回")
    doc = fresh(doc)
    assert workflow.available_actions(doc, editor) == set()
    with pytest.raises(ValidationError) as exc:
        workflow.REVISION.check("edit", doc, editor)
    assert exc.value.messages == ["已撤稿的信息不能再修改。"]


@pytest.mark.django_db
def test_an_editor_cannot_review_a_revision_they_wrote(staff, county):
    office_editor = staff["office_editor"]
    doc = services.create_draft(office_editor, county["office"], **CONTENT)
    services.submit(office_editor, doc)
    refusal = workflow.REVISION.refusal("review", fresh(doc), office_editor)
    assert refusal is not None and refusal.kind == "permission"


def test_task_actions(plan, who):  # noqa: F811 (the fixtures imported above)
    from zwgk.workplan import services as wp_services
    from zwgk.workplan import workflow as task_flow

    two = task(plan, "二")  # lead 县教体局; 浮梁镇 is not responsible for it
    office = task_flow.available_actions(two, who["gkb"])
    assert {"schedule", "supervise", "close", "units"} <= office and "reopen" not in office and "report" not in office
    assert task_flow.available_actions(two, who["jiaoti"]) == {"report"}
    assert task_flow.available_actions(two, who["town"]) == set()
    refusal = task_flow.TASK.refusal("report", two, who["town"])
    assert refusal.kind == "permission" and "牵头单位和责任单位" in refusal.reason

    wp_services.submit_report(who["jiaoti"], two, REPORT)
    report = two.reports.get()
    wp_services.review_report(who["gkb"], report, True)
    wp_services.close_task(who["gkb"], two, "已按要求完成")
    two = task(plan, "二")
    assert task_flow.available_actions(two, who["gkb"]) == {"reopen", "units"}
    assert task_flow.available_actions(two, who["jiaoti"]) == set()
    with pytest.raises(ValidationError, match="不再接收进展报送"):
        wp_services.submit_report(who["jiaoti"], two, REPORT)


def test_finding_rectification_states():
    from zwgk.monitoring import workflow as finding_flow
    from zwgk.monitoring.models import Finding, TaskState

    closed = Finding(state=TaskState.CLOSED)
    refusal = finding_flow.FINDING.refusal("fix", closed, None)
    assert refusal.kind == "state" and refusal.reason == "该问题当前状态为“已销号”，不能再标记整改。"
    one_off = Finding(state=TaskState.OPEN)  # no registered site
    assert finding_flow.FINDING.refusal("fix", one_off, None).reason == "一次性检查的问题不派发整改任务。"
    assert finding_flow.FINDING.refusal("verify_reopened", Finding(state=TaskState.FIXED), None) is None
    assert finding_flow.FINDING.refusal("verify_reopened", Finding(state=TaskState.OPEN), None).kind == "state"


@pytest.mark.django_db
def test_application_actions_follow_the_law(people, county):
    import datetime as dt

    from tests.test_applications import applicant
    from zwgk.applications import services as app_services
    from zwgk.applications import workflow as app_flow

    editor, reviewer, office = people["jiaoti_editor"], people["jiaoti_reviewer"], people["gkb"]
    app = app_services.register(editor, applicant(), county["jiaoti"], "in_person", dt.date(2025, 9, 26))
    assert app_flow.available_actions(app, editor) == {"reply", "correction", "consult", "fee", "split"}
    assert "extend" in app_flow.available_actions(app, reviewer)  # the head of the disclosure work approves
    assert "reassign" in app_flow.available_actions(app, office) and "reassign" not in app_flow.available_actions(app, editor)
    assert app_flow.available_actions(app, people["weijian_reviewer"]) == set()  # another unit's request

    app = app_services.request_correction(editor, app, "请写明所需信息的文号。", dt.date(2025, 9, 29), dt.date(2025, 10, 20))
    actions = app_flow.available_actions(app, editor)
    assert "correction" not in actions and "corrected" in actions  # 一次性告知: once
    with pytest.raises(ValidationError, match="补正只能一次性告知"):
        app_services.request_correction(editor, app, "再补一次。", dt.date(2025, 9, 30), dt.date(2025, 10, 20))
