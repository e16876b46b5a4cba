"""The public JSON API (django-ninja; OpenAPI at /api/openapi.json, documentation at /api/docs)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError

from zwgk.publishing.models import Document
from zwgk.search.query import search as run_search

api = NinjaAPI(
    title="浮梁县政务公开开放接口",
    version="1.0",
    description="已主动公开的政府信息：列表、详情与全文检索。只读，无需登录。",
    urls_namespace="api",
)


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
    organization: int | None = None
    topic: str | None = None
    genre: str | None = None
    year: int | None = None
    validity: str | None = None
    kind: str | None = None
    page: int = 1
    page_size: int = 20


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
    if page < 1 or not 1 <= page_size <= 100:
        raise HttpError(400, "page 从 1 开始，page_size 在 1 到 100 之间。")
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
    if not q.strip() or len(q) > 100:
        raise HttpError(400, "请提供 1 到 100 个字的检索词。")
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
