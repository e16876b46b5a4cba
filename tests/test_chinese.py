"""Chinese everywhere: every model and field named in Chinese, no "X object (n)", the API's errors, the pages' language."""

import datetime as dt
import json
import re
import uuid

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

CJK = re.compile(r"[\u4e00-\u9fff]")
ZWGK_MODELS = [m for m in apps.get_models() if m.__module__.startswith("zwgk.")]


def test_every_model_and_field_is_named_in_chinese():
    assert len(ZWGK_MODELS) > 40
    for model in ZWGK_MODELS:
        meta = model._meta
        assert CJK.search(str(meta.verbose_name)) and CJK.search(str(meta.verbose_name_plural)), meta.label
        assert model.__str__ is not models.Model.__str__, f"{meta.label} has no __str__"
        for field in meta.get_fields():
            if field.auto_created or not hasattr(field, "verbose_name"):
                continue
            assert CJK.search(str(field.verbose_name)), f"{meta.label}.{field.name}: {field.verbose_name}"


def _value(field: models.Field, depth: int) -> object:
    if field.choices:
        return field.choices[0][0]
    kinds = [
        (models.ForeignKey, lambda: _build(field.related_model, depth + 1) if depth < 3 else None),
        (models.BooleanField, lambda: True), (models.DateTimeField, lambda: timezone.make_aware(dt.datetime(2024, 5, 6, 9, 30))),
        (models.DateField, lambda: dt.date(2024, 5, 6)), (models.UUIDField, uuid.uuid4), (models.JSONField, dict),
        (models.URLField, lambda: "https://www.fuliang.gov.cn/a.html"), (models.EmailField, lambda: "a@fuliang.gov.cn"),
        (models.GenericIPAddressField, lambda: "127.0.0.1"), (models.FileField, lambda: "a.pdf"),
        (models.FloatField, lambda: 1.5), (models.DecimalField, lambda: 1), (models.IntegerField, lambda: 3),
        (models.CharField, lambda: "浮梁县测试"[: field.max_length or 5]), (models.TextField, lambda: "浮梁县测试内容"),
    ]
    for kind, make in kinds:
        if isinstance(field, kind):
            return make()
    return None


def _build(model: type[models.Model], depth: int = 0) -> models.Model:
    """An unsaved instance with every field filled (related rows built the same way, never saved)."""
    obj = model()
    for field in model._meta.concrete_fields:
        if field.primary_key and not field.is_relation:
            setattr(obj, field.attname, _value(field, depth) if not isinstance(field, models.AutoField) else 7)
            continue
        value = _value(field, depth)
        if value is not None:
            setattr(obj, field.name, value)
    return obj


@pytest.mark.parametrize("model", ZWGK_MODELS, ids=lambda m: m._meta.label)
def test_every_model_says_what_it_is(model):
    text = str(_build(model))
    assert text.strip() and not re.search(r"object \(\d+\)", text), f"{model._meta.label}: {text!r}"


@pytest.mark.django_db
def test_api_errors_are_chinese_json(client):
    cases = [
        ("get", "/api/documents/999999", 404), ("get", "/api/no-such-thing", 404), ("get", "/api/", 404),
        ("get", "/api/documents?year=abc", 422), ("get", "/api/documents/abc", 422), ("get", "/api/search", 422),
        ("post", "/api/documents", 405), ("delete", "/api/search?q=x", 405), ("get", "/api/documents?page_size=1000", 400),
    ]
    for method, url, status in cases:
        response = getattr(client, method)(url)
        assert response.status_code == status, url
        assert response["Content-Type"].startswith("application/json"), url
        detail = response.json()["detail"]
        assert isinstance(detail, str) and CJK.search(detail), (url, detail)
    response = client.post("/api/documents")
    assert response["Allow"] == "GET" and "只接受读取（GET）" in response.json()["detail"]


def test_api_auth_and_throttle_errors_are_chinese():
    from django.test import RequestFactory
    from ninja.errors import AuthenticationError, AuthorizationError, Throttled

    from zwgk.api.views import api

    request = RequestFactory().get("/api/documents")
    for exc, status in ((AuthenticationError(), 401), (AuthorizationError(), 403), (Throttled(60), 429), (RuntimeError("x"), 500)):
        response = api.on_exception(request, exc)
        assert response.status_code == status and CJK.search(json.loads(response.content)["detail"])


@pytest.mark.django_db
def test_api_docs_are_chinese(client):
    page = client.get("/api/docs").content.decode()
    assert '<html lang="zh-CN">' in page and "浮梁县政务公开开放接口" in page
    schema = client.get("/api/openapi.json").json()
    assert CJK.search(schema["info"]["description"]) and all(CJK.search(t["description"]) for t in schema["tags"])


@pytest.mark.django_db
def test_pages_declare_chinese_and_file_and_date_inputs_say_so(client, staff, county):
    from django.template.loader import render_to_string

    for url in ["/", "/search/?q=通知", "/staff/login/", "/no-such-page/"]:
        assert '<html lang="zh-CN">' in client.get(url).content.decode(), url
    assert '<html lang="zh-CN">' in render_to_string("500.html")
    client.force_login(staff["jiaoti_editor"])
    page = client.get("/staff/").content.decode()
    assert '<html lang="zh-CN">' in page and "core/files.js" in page
    from zwgk.applications.forms import DATE as APPLICATION_DATE
    from zwgk.applications.forms import MultipleFileField
    from zwgk.publishing.forms import DATE

    for widget in (DATE, APPLICATION_DATE, MultipleFileField().widget):
        assert 'lang="zh-CN"' in widget.render("x", None)


@pytest.mark.django_db
def test_a_failed_csrf_check_is_a_chinese_page(staff):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff["jiaoti_editor"])
    response = client.post("/staff/password/", {"old_password": "x"})
    page = response.content.decode()
    assert response.status_code == 403 and '<html lang="zh-CN">' in page and "页面已过期" in page


def test_lockout_messages_and_third_party_admin_names_are_chinese():
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import translation
    from django_tasks_db.models import DBTaskResult

    assert CJK.search(settings.AXES_COOLOFF_MESSAGE) and CJK.search(settings.AXES_PERMALOCK_MESSAGE)
    with translation.override("zh-hans"):
        assert str(AccessAttempt._meta.verbose_name) == "登录尝试"
        assert str(DBTaskResult._meta.verbose_name) == "后台任务"
