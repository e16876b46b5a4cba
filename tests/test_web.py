"""The shared web idiom: load-and-authorize, service errors on forms, downloads."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import RequestFactory

from zwgk.core import web
from zwgk.core.models import Organization


def _request(user):
    request = RequestFactory().get("/staff/")
    request.user = user
    return request


@pytest.mark.django_db
def test_object_for_hides_other_units_and_bad_ids(people, county):
    editor = people["jiaoti_editor"]
    own = web.object_for(_request(editor), Organization, county["jiaoti"].pk, "org.view", organization=lambda o: o)
    assert own == county["jiaoti"]
    for pk in (county["weijian"].pk, 999999, "abc", 9223372036854775808):
        with pytest.raises(Http404) as exc:
            web.object_for(_request(editor), Organization, pk, "org.view", organization=lambda o: o)
        assert "没有找到" in str(exc.value)


@pytest.mark.django_db
def test_object_for_takes_a_rule_for_objects_of_no_single_unit(people, county):
    """A monitoring run (a one-off inspection has no site) and a work-point task (a lead and several units) are
    judged by their own rule; refused and missing alike answer 404."""
    from zwgk.monitoring import services as monitoring

    one_off = monitoring.start_run(people["gkb"], url="https://www.example.gov.cn/", max_pages=10)
    may_see = lambda user, run: user == people["gkb"]  # noqa: E731
    assert web.object_for(_request(people["gkb"]), type(one_off), one_off.pk, may_see) == one_off
    for user, pk in ((people["jiaoti_editor"], one_off.pk), (people["gkb"], 999999)):
        with pytest.raises(Http404):
            web.object_for(_request(user), type(one_off), pk, may_see)


@pytest.mark.django_db
def test_a_unit_cannot_open_a_one_off_inspection(client, people):
    from zwgk.monitoring import services as monitoring

    one_off = monitoring.start_run(people["gkb"], url="https://www.example.gov.cn/", max_pages=10)
    client.force_login(people["jiaoti_editor"])
    assert client.get(f"/staff/monitoring/runs/{one_off.pk}/").status_code == 404
    client.force_login(people["gkb"])
    assert client.get(f"/staff/monitoring/runs/{one_off.pk}/").status_code == 200


def test_errors_to_form_places_errors_on_fields():
    class F(forms.Form):
        name = forms.CharField()
        body = forms.CharField()

    form = F({"name": "x", "body": "y"})
    assert form.is_valid()
    web.errors_to_form(form, ValidationError({"name": "名称重复。", "body_html": "正文为空。", "other": "别的问题。"}),
                       aliases={"body_html": "body"})
    assert form.errors["name"] == ["名称重复。"]
    assert form.errors["body"] == ["正文为空。"]
    assert form.non_field_errors() == ["别的问题。"]
    web.errors_to_form(form, ValidationError("整体的问题。"))
    assert "整体的问题。" in form.non_field_errors()


def test_download_keeps_the_chinese_name():
    response = web.download(b"PK", "2024年考核.xlsx")
    assert response["Content-Type"] == web.XLSX
    assert "filename*=UTF-8''2024%E5%B9%B4%E8%80%83%E6%A0%B8.xlsx" in response["Content-Disposition"]
    assert response.content == b"PK"


@pytest.mark.django_db
def test_references_resolve_when_shown():
    from zwgk.core.references import entry_url, url_for

    assert url_for("document", 12) == "/documents/12/"
    assert url_for("application", 3) == "/staff/applications/3/"
    assert url_for("task", 5) == "/staff/workplan/tasks/5/"
    assert url_for("link", "https://www.jiangxi.gov.cn/") == "https://www.jiangxi.gov.cn/"
    assert url_for("link", "javascript:alert(1)") == ""
    assert url_for("unknown", 1) == ""
    assert entry_url({"kind": "run", "id": 7}) == "/staff/monitoring/runs/7/"
    assert entry_url({"url": "/documents/1/", "title": "旧记录"}) == "/documents/1/"  # stored before kinds


def test_download_survives_a_name_with_control_characters():
    response = web.download(b"PK", "考核\r\n2024.xlsx")
    assert "\n" not in response["Content-Disposition"] and "考核" not in response["Content-Disposition"].split(";")[1]
