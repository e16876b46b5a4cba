"""The public JSON API (django-ninja; OpenAPI at /api/openapi.json, documentation at /api/docs)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, re_path, reverse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled, ValidationError

from zwgk.core.bounds import MAX_ID, MAX_PAGE, MAX_QUERY, MAX_YEAR, MIN_YEAR
from zwgk.publishing.models import Document
from zwgk.search.query import search as run_search

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="浮梁县政务公开开放接口",
    version="1.0",
    description=(
        "已主动公开的政府信息：列表、详情与全文检索。只读，无需登录。\n\n"
        "出错时返回 JSON：`{\"detail\": \"中文说明\"}`，状态码 400（参数超出范围）、404（未找到）、405（请求方法不支持）、"
        "422（参数格式不正确）、429（请求过于频繁）、500（服务器内部错误）。"
    ),
    urls_namespace="api",
    openapi_extra={"tags": [{"name": "公开信息", "description": "已主动公开的政府信息"},
                            {"name": "检索", "description": "标题、正文、发文字号的全文检索"}]},
)

NOT_FOUND = "未找到该信息"
NO_SUCH_ADDRESS = "接口地址不存在，可用的接口见 /api/docs"
METHODS = {"GET": "读取（GET）", "POST": "提交（POST）", "PUT": "PUT", "PATCH": "PATCH", "DELETE": "DELETE", "HEAD": "HEAD",
           "OPTIONS": "OPTIONS"}
# pydantic's error types, said in Chinese; {…} are filled from the error's context
PROBLEMS = {
    "missing": "为必填项", "int_parsing": "应为整数", "int_type": "应为整数", "int_from_float": "应为整数",
    "greater_than_equal": "不能小于 {ge}", "greater_than": "应大于 {gt}", "less_than_equal": "不能大于 {le}", "less_than": "应小于 {lt}",
    "string_too_long": "不能超过 {max_length} 个字", "string_type": "应为文字", "bool_parsing": "应为 true 或 false",
}


def _problem(error: dict) -> str:
    name = ".".join(str(x) for x in error.get("loc", ())[1:]) or "请求"
    text = PROBLEMS.get(error.get("type", ""), "格式不正确")
    try:
        text = text.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        text = "格式不正确"
    return f"参数 {name} {text}"


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": "；".join(_problem(e) for e in exc.errors) + "。"}, status=422)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "请先登录或提供有效的身份凭据。"}, status=401)


@api.exception_handler(AuthorizationError)
def _forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return api.create_response(request, {"detail": "您没有访问该接口的权限。"}, status=403)


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return api.create_response(request, {"detail": "请求过于频繁，请稍后再试。"}, status=429)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(Exception)
def _failure(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("API %s %s failed", request.method, request.path)
    return api.create_response(request, {"detail": "服务器内部错误，请稍后再试。"}, status=500)


def _not_allowed_in_chinese(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """django-ninja answers a method an address does not take with a plain English 405: say it in Chinese."""

    @functools.wraps(view)  # keeps csrf_exempt
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = sorted(m.strip() for m in response["Allow"].split(",") if m.strip())
            method = METHODS.get(request.method or "", request.method or "")
            answer = api.create_response(
                request, {"detail": f"该接口不支持{method}请求，只接受" + "、".join(METHODS.get(m, m) for m in allowed) + "。"},
                status=405,
            )
            answer["Allow"] = ", ".join(allowed)
            return answer
        return response

    return wrapper


def _no_such_address(request: HttpRequest, rest: str = "") -> HttpResponse:
    return api.create_response(request, {"detail": NO_SUCH_ADDRESS}, status=404)


def urls() -> tuple[list, str, str]:
    """The API's addresses for zwgk.urls: ninja's, each answering 405 in Chinese, then a JSON 404 for any other."""
    patterns, app_name, namespace = api.urls

    def wrap(found: list) -> None:
        for pattern in found:
            if isinstance(pattern, URLPattern) and pattern.name == "api-root":  # ninja's raises Django's HTML 404
                pattern.callback = _no_such_address
            elif isinstance(pattern, URLPattern):
                pattern.callback = _not_allowed_in_chinese(pattern.callback)
            else:
                wrap(pattern.url_patterns)

    wrap(patterns)
    return [*patterns, re_path(r"^(?P<rest>.*)$", _no_such_address)], app_name, namespace


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    url: str
    index_no: str | None
    doc_number: str
    organization: str
    written_date: dt.date | None
    published_at: dt.datetime | None
    topic: str
    genre: str
    validity: str
    is_normative: bool


class DocumentDetail(DocumentOut):
    body_html: str
    body_text: str
    effective_from: dt.date | None
    expires_on: dt.date | None
    source: str
    interpretations: list[int]
    policies: list[int]
    attachments: list[dict]


class Page(Schema):
    total: int
    page: int
    page_size: int
    items: list[DocumentOut]


class Filters(Schema):
    organization: int | None = Field(None, ge=1, le=MAX_ID, description="发布机构编号")
    topic: str | None = Field(None, max_length=60)
    genre: str | None = Field(None, max_length=60)
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="发布年份")
    validity: str | None = Field(None, max_length=20)
    kind: str | None = Field(None, max_length=20)
    page: int = Field(1, description=f"页码，1 到 {MAX_PAGE}")
    page_size: int = Field(20, description="每页条数，1 到 100")


class SearchHit(Schema):
    id: str
    kind: str
    title: str
    url: str
    score: float
    organization: str
    published_at: str | None
    doc_number: str
    index_no: str
    snippet: str


class SearchOut(Schema):
    query: str
    total: int
    approximate: bool = Field(False, description="匹配很多时为 true：总数为估计值，分类计数与相关度排序基于最新的匹配结果")
    page: int
    page_size: int
    hits: list[SearchHit]
    facets: dict[str, list[tuple[str, str, int]]]


def _out(doc: Document) -> dict:
    return {
        "id": doc.pk, "kind": doc.kind, "title": doc.title, "url": reverse("portal:document", args=[doc.pk]),
        "index_no": doc.index_no, "doc_number": doc.doc_number, "organization": doc.organization.name,
        "written_date": doc.written_date, "published_at": doc.published_at, "topic": doc.topic, "genre": doc.genre,
        "validity": doc.validity, "is_normative": doc.is_normative,
    }


def _paging(page: int, page_size: int) -> tuple[int, int]:
    if not 1 <= page <= MAX_PAGE or not 1 <= page_size <= 100:
        raise HttpError(400, f"page 在 1 到 {MAX_PAGE} 之间，page_size 在 1 到 100 之间。")
    return (page - 1) * page_size, page_size


@api.get("/documents", response=Page, summary="已公开信息列表", tags=["公开信息"])
def documents(request, filters: Query[Filters]):  # noqa: ANN001, ANN201
    offset, size = _paging(filters.page, filters.page_size)
    qs = Document.objects.public().select_related("organization").order_by("-published_at", "-id")
    if filters.organization:
        qs = qs.filter(organization_id=filters.organization)
    for name in ("topic", "genre", "validity", "kind"):
        value = getattr(filters, name)
        if value:
            qs = qs.filter(**{name: value})
    if filters.year:
        qs = qs.filter(published_at__year=filters.year)
    return {"total": qs.count(), "page": filters.page, "page_size": size, "items": [_out(d) for d in qs[offset : offset + size]]}


@api.get("/documents/{doc_id}", response=DocumentDetail, summary="已公开信息详情", tags=["公开信息"])
def document(request, doc_id: int):  # noqa: ANN001, ANN201
    doc = get_object_or_404(Document.objects.public().select_related("organization"), pk=doc_id)
    attachments = []
    if doc.published_revision_id:
        attachments = [
            {"name": a.name, "size": a.size, "url": reverse("portal:attachment", args=[doc.pk, a.pk])}
            for a in doc.published_revision.attachments.all()
        ]
    return {
        **_out(doc), "body_html": doc.body_html, "body_text": doc.body_text, "effective_from": doc.effective_from,
        "expires_on": doc.expires_on, "source": doc.source or doc.organization.name,
        "interpretations": list(doc.interpretations.public().values_list("pk", flat=True)),
        "policies": list(doc.policies.public().values_list("pk", flat=True)),
        "attachments": attachments,
    }


@api.get("/search", response=SearchOut, summary="全文检索", tags=["检索"])
def search(request, q: str, filters: Query[Filters], sort: str = "relevance"):  # noqa: ANN001, ANN201
    offset, size = _paging(filters.page, filters.page_size)
    if not q.strip() or len(q) > MAX_QUERY:
        raise HttpError(400, f"请提供 1 到 {MAX_QUERY} 个字的检索词。")
    chosen = {
        "organization_id": filters.organization, "topic": filters.topic, "genre": filters.genre,
        "year": filters.year, "validity": filters.validity, "kind": filters.kind,
    }
    results = run_search(q, filters=chosen, sort="date" if sort == "date" else "relevance", limit=size, offset=offset)
    return {
        "query": q, "total": results.total, "approximate": results.approximate, "page": filters.page, "page_size": size,
        "hits": [h.as_dict() for h in results.hits],
        "facets": {k: [(str(v), label, n) for v, label, n in values] for k, values in results.facets.items()},
    }
