"""意见征集 in real Chromium: a citizen comments on article 3 of an open draft, and reads the adoption report of a
finished consultation; axe-core on the list, the consultation and the results pages (normal and care mode)."""

import pytest

from .test_browser import (
    CHROMIUM,  # noqa: F401  (skips the module when Chromium is missing)
    browser,  # noqa: F401  (fixture)
)
from .test_participation_consultations import _approve, _closed_with_opinions, opened
from .test_portal_browser import audit, visitor  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _finished(people, county, staff):
    from zwgk.participation import publish
    from zwgk.participation.consultations import services

    c, (a, b, cc) = _closed_with_opinions(people, county)
    editor = people["jiaoti_editor"]
    services.answer_opinion(editor, a, "partly", "夜间免费时段调整为十九时起。")
    services.answer_opinion(editor, b, "adopted")
    services.answer_opinion(editor, cc, "out_of_scope", "充电桩建设另有专项规划。")
    c = services.draft_report(editor, c)
    publish.submit(editor, c.report_document_id)
    _approve(staff, c.report_document_id)
    services.run_due()
    return c


def test_a_citizen_comments_on_article_3(visitor, people, county):  # noqa: F811
    c = opened(people, county)
    visitor.goto(visitor.base + f"/gzcy/consultations/{c.pk}/")
    visitor.locator("#v1-a3").get_by_role("link", name="对本条发表意见").click()
    assert visitor.get_by_label("意见所针对的条款").input_value() == "v1-a3"
    visitor.get_by_label("意见内容").fill("建议夜间免费时段从十九时开始。")
    visitor.get_by_label("姓名").fill("朱小明")
    visitor.get_by_role("button", name="提交意见").click()
    visitor.get_by_role("status").filter(has_text="您的意见已收到").wait_for()
    assert "第三条：已收到意见 1 条" in visitor.locator("#v1-a3").inner_text()
    assert visitor.errors == []


def test_a_citizen_reads_the_adoption_report(visitor, people, county, staff):  # noqa: F811
    c = _finished(people, county, staff)
    visitor.goto(visitor.base + "/gzcy/consultations/")
    visitor.get_by_role("link", name="查看采纳情况").click()
    visitor.get_by_role("heading", name=f"《{c.title}》意见采纳情况").wait_for()
    table = visitor.get_by_role("table").nth(1)
    text = table.inner_text()
    assert "朱**" in text and "朱小明" not in text and "部分采纳" in text and "夜间免费时段调整为十九时起" in text
    assert "共收到意见 3 条" in visitor.locator("main").inner_text()
    assert visitor.errors == []


@pytest.mark.inject_script
@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_axe_on_the_consultation_pages(visitor, people, county, staff, care):  # noqa: F811
    done = _finished(people, county, staff)
    c = opened(people, county, title="浮梁县城区停车办法（征求意见稿）")
    if care:
        visitor.goto(visitor.base + "/care/?on=1&next=/")
    found = {}
    for name, path in {"list": "/gzcy/consultations/", "consultation": f"/gzcy/consultations/{c.pk}/",
                       "ended": f"/gzcy/consultations/{done.pk}/", "results": f"/gzcy/consultations/{done.pk}/results/",
                       "home": "/"}.items():
        visitor.goto(visitor.base + path)
        problems = audit(visitor)
        if problems:
            found[name] = problems
    assert found == {}, found
    assert visitor.errors == []
