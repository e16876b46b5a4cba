"""The public website: home, the 政府信息公开 专栏, browsing, standard areas, document pages, search,
care mode, feeds. Read-only: the public changes nothing here."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from zwgk.applications import rules
from zwgk.core.models import Organization, OrgKind
from zwgk.publishing import selectors, taxonomy
from zwgk.publishing.html import IMAGE_KINDS, sanitize
from zwgk.publishing.models import (
    Attachment,
    CatalogColumn,
    CatalogItem,
    Document,
    Kind,
    Validity,
)
from zwgk.search.query import FILTERS
from zwgk.search.query import search as run_search

from .forms import BrowseFilterForm, PublicFilterForm, SearchForm

CARE_COOKIE = "zwgk_care"
PAGE_SIZE = 20


def published() -> object:
    """What the public may see (``Document.objects.public()``: published and 主动公开)."""
    return Document.objects.public().select_related("organization")


def column_documents(column: CatalogColumn):  # noqa: ANN201
    """What a 专栏 column lists (``publishing.selectors.column_documents``: public only)."""
    return selectors.column_documents(column)


# The home page's blocks: (heading, column slug), each with a 更多 link to its column.
HOME_BLOCKS = (
    ("要闻动态", "news"), ("通知公告", "notices"), ("政策文件", "policies"), ("政策解读", "interpretations"),
    ("公开年报", "annual-reports"),
)
# The 专栏 columns a county site puts at hand on its home page (机构职能, 财政预决算, 人事信息, 重点领域 …).
HOME_SHORTCUTS = ("functions", "finance", "personnel", "key-areas", "normative", "plans", "statistics", "licensing")


def home(request: HttpRequest) -> HttpResponse:
    columns = {c.slug: c for c in CatalogColumn.objects.all()}
    blocks = [(title, columns[slug], column_documents(columns[slug])[:6]) for title, slug in HOME_BLOCKS if slug in columns]
    from django.utils import timezone

    from zwgk.participation.consultations import selectors as consultation_selectors

    today = timezone.localdate()
    consultations = [(c, c.days_left(today), c.public_status(today)) for c in consultation_selectors.collecting(today)[:5]]
    return render(
        request, "portal/home.html",
        {"latest": published().order_by("-published_at", "-id")[:8], "blocks": blocks,
         "shortcuts": [columns[s] for s in HOME_SHORTCUTS if s in columns], "rules": rules, "consultations": consultations},
    )


def open_government(request: HttpRequest) -> HttpResponse:
    roots = CatalogColumn.objects.filter(parent__isnull=True).prefetch_related("children")
    units = Organization.objects.filter(is_active=True).exclude(kind__in=[OrgKind.ENTERPRISE, OrgKind.INSTITUTION])
    return render(request, "portal/open_government.html", {"roots": roots, "units": units, "rules": rules})


def column(request: HttpRequest, slug: str) -> HttpResponse:
    col = get_object_or_404(CatalogColumn.objects.select_related("parent"), slug=slug)
    page = Paginator(column_documents(col), PAGE_SIZE).get_page(PublicFilterForm(request.GET).page_number())
    return render(request, "portal/column.html", {"column": col, "page": page, "children": col.children.all(), "rules": rules})


def browse(request: HttpRequest) -> HttpResponse:
    """Browse by organization, topic, genre, year and validity (no query needed); a bad value is ignored."""
    form = BrowseFilterForm(request.GET)
    chosen = {k: v for k, v in form.values().items() if k != "page"}
    docs = published()
    for name, lookup in (("organization", "organization_id"), ("topic", "topic"), ("genre", "genre"), ("validity", "validity"),
                         ("year", "published_at__year")):
        if name in chosen:
            docs = docs.filter(**{lookup: chosen[name]})
    page = Paginator(docs.order_by("-published_at", "-id"), PAGE_SIZE).get_page(form.page_number())
    years = sorted({d.year for d in Document.objects.public().dates("published_at", "year")}, reverse=True)
    return render(
        request, "portal/browse.html",
        {"page": page, "chosen": {k: str(v) for k, v in chosen.items()}, "query": urlencode(chosen),
         "organizations": Organization.objects.filter(pk__in=Document.objects.public().values("organization_id")),
         "topics": taxonomy.topic_choices(), "genres": taxonomy.genres(), "years": years, "validities": Validity.choices},
    )


def site_map(request: HttpRequest) -> HttpResponse:
    """网站地图: every public section and column in one page, for people (``/sitemap.xml`` is for crawlers)."""
    roots = CatalogColumn.objects.filter(parent__isnull=True).prefetch_related("children__children")
    return render(request, "portal/site_map.html", {"roots": roots, "areas": taxonomy.STANDARD_AREAS})


STAFF_PATHS = ("/staff/", "/admin/", "/api/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: the public site's own page (with its header, search and footer); staff paths keep the staff page."""
    from django.views import defaults

    if request.path.startswith(STAFF_PATHS):
        return defaults.page_not_found(request, exception)
    return render(request, "portal/404.html", {"path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 in the public site's look, rendered from settings alone: no database, no context processors."""
    from django.http import HttpResponseServerError
    from django.template.loader import render_to_string

    name = "500.html" if request.path.startswith(STAFF_PATHS) else "portal/500.html"
    return HttpResponseServerError(render_to_string(name, {"zwgk_site": settings.ZWGK_SITE}))


def areas(request: HttpRequest) -> HttpResponse:
    counts = {a: 0 for a in taxonomy.STANDARD_AREAS}
    for area in CatalogItem.objects.values_list("area", flat=True):
        counts[area] = counts.get(area, 0) + 1
    return render(request, "portal/areas.html", {"areas": list(counts.items())})


def area(request: HttpRequest, name: str) -> HttpResponse:
    if name not in taxonomy.STANDARD_AREAS:
        raise Http404("没有这个领域。")
    items = list(CatalogItem.objects.filter(area=name))
    docs = published().filter(Q(standard_area=name) | Q(catalog_item__in=items)).order_by("-published_at")
    by_item: dict[int, list[Document]] = {}
    loose = []
    for doc in docs:
        (by_item.setdefault(doc.catalog_item_id, []) if doc.catalog_item_id else loose).append(doc)
    for item in items:
        item.docs = by_item.get(item.pk, [])
    return render(request, "portal/area.html", {"area": name, "items": items, "loose": loose})


def _page_cache_key(request: HttpRequest, name: str, *parts: object) -> str | None:
    """A cache key for a public page seen by an anonymous visitor with no session (the page is then the same
    for everyone but for care mode), keyed by the content change token; None when the page must be rendered."""
    seconds = getattr(settings, "ZWGK_PAGE_CACHE_SECONDS", 0)
    if not seconds or request.method != "GET" or request.user.is_authenticated:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    from zwgk.search.index import changed_in_this_transaction, token

    if changed_in_this_transaction():  # the token is written once per transaction
        return None
    care = request.COOKIES.get(CARE_COOKIE) == "1"
    return f"zwgk-page:{name}:{':'.join(map(str, parts))}:{int(care)}:{token()}"


def document(request: HttpRequest, pk: int) -> HttpResponse:
    from django.core.cache import cache

    key = _page_cache_key(request, "document", pk)
    if key is not None:
        html = cache.get(key)
        if html is not None:
            return HttpResponse(html)
    response = _document(request, pk)
    if key is not None and response.status_code == 200:
        cache.set(key, response.content, settings.ZWGK_PAGE_CACHE_SECONDS)
    return response


def _document(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(published(), pk=pk)
    attachments = list(doc.published_revision.attachments.all()) if doc.published_revision_id else []
    home_column = selectors.home_column(doc)
    newer, older = selectors.neighbours(doc, home_column)
    return render(
        request, "portal/document.html",
        {
            "doc": doc, "item": doc, "body": mark_safe(sanitize(doc.body_html, doc.pk)), "attachments": attachments,  # noqa: S308 (sanitized by nh3)
            # the lists show titles only: no long texts fetched for them
            "interpretations": doc.interpretations.public().only("id", "title", "interpretation_form"),
            "policies": doc.policies.public().only("id", "title"),
            "column": home_column, "column_name": home_column.name if home_column else "政府信息公开",
            "previous": newer, "next": older, "related": selectors.related(doc),
            "page_url": public_url(doc.get_absolute_url()),
            "not_valid": doc.validity in (Validity.EXPIRED, Validity.REPEALED),
        },
    )


def public_url(path: str) -> str:
    """A page's address as the public knows the site (``ZWGK_PUBLIC_URL``), whatever host or scheme this request came
    by: the cached page shows the same link and QR code to everyone."""
    from urllib.parse import urljoin

    return urljoin(settings.ZWGK_PUBLIC_URL, path)


def qr_svg(text: str) -> bytes:
    """A QR code (error correction M) of ``text`` as a standalone SVG document."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=4, border=2, dark="#000", light="#fff", title="本页二维码", xmldecl=False)
    return out.getvalue()


@require_GET
def document_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The QR code of a public document's page address, drawn here as SVG (no outside service)."""
    doc = get_object_or_404(Document.objects.public().only("id"), pk=pk)
    response = HttpResponse(qr_svg(public_url(doc.get_absolute_url())), content_type="image/svg+xml")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"  # the address never changes
    return response


def attachment(request: HttpRequest, pk: int, att: int) -> FileResponse:
    doc = get_object_or_404(Document.objects.public(), pk=pk)
    a = get_object_or_404(Attachment, pk=att, revision_id=doc.published_revision_id)
    inline = request.GET.get("view") == "1" and a.kind in ("pdf", "png", "jpeg", "gif")
    response = FileResponse(a.file.open("rb"), as_attachment=not inline, filename=a.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif"}


@require_GET
def image(request: HttpRequest, pk: int, sha: str) -> FileResponse:
    """An image in a document's body (``publishing.html.image_url``): an image attachment of the published revision
    for everyone; a draft's, not yet public, only for staff who may view the document (the editor, the preview)."""
    a = None
    doc = Document.objects.public().filter(pk=pk).first()
    if doc is not None and doc.published_revision_id:
        a = Attachment.objects.filter(revision_id=doc.published_revision_id, sha256=sha, kind__in=IMAGE_KINDS).first()
    public = a is not None
    if a is None:
        a = selectors.draft_image(request.user, pk, sha)
    if a is None:
        raise Http404("没有这张图片。")
    response = FileResponse(a.file.open("rb"), content_type=IMAGE_TYPES[a.kind])
    response["X-Content-Type-Options"] = "nosniff"
    # short: a withdrawn document's images must leave shared caches soon
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    values, q = form.values(), form.query()
    filters = {name: values[name] for name in FILTERS if name in values}
    sort = values.get("sort", "relevance")
    page = form.page_number()

    def run(page: int):  # noqa: ANN202
        return run_search(q, filters=filters, sort=sort, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)

    results = run(page) if q else None
    pages = (results.pageable + PAGE_SIZE - 1) // PAGE_SIZE if results else 0
    if results and pages and page > pages:  # past the end: the last page
        page = pages
        results = run(page)
    base = {"q": q, **({"sort": "date"} if sort == "date" else {})}
    return render(
        request, "portal/search.html",
        {"q": q, "results": results, "filters": filters, "sort": sort, "page": page, "pages": pages,
         "query": urlencode({**base, **filters}), "base": urlencode(base),
         "facet_names": {"kind": "类型", "organization_id": "发布机构", "topic": "主题分类", "genre": "体裁", "year": "年份", "validity": "有效性"},
         "kind_labels": dict(Kind.choices), "validity_labels": dict(Validity.choices)},
    )


def apply_guide(request: HttpRequest) -> HttpResponse:
    offices = Organization.objects.filter(is_active=True, kind__in=[OrgKind.OFFICE, OrgKind.DEPARTMENT, OrgKind.TOWNSHIP])
    return render(request, "portal/apply.html", {"offices": offices, "rules": rules})


def care_mode(request: HttpRequest) -> HttpResponseRedirect:
    """The 关怀模式 switch: a cookie for a year, then back to the page the visitor was on."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("on") == "1":
        response.set_cookie(CARE_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", secure=settings.HTTPS, httponly=True)
    else:
        response.delete_cookie(CARE_COOKIE, samesite="Lax")
    return response


def care_context(request: HttpRequest) -> dict:
    return {"care_mode": request.COOKIES.get(CARE_COOKIE) == "1", "care_url": reverse("portal:care")}


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers: the public site and its sitemap; staff pages and the admin stay out of search engines."""
    sitemap = request.build_absolute_uri(reverse("portal:sitemap_index"))
    lines = ["User-agent: *", "Disallow: /staff/", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


PARTICIPATION_PARTS = [
    ("portal:decisions", "重大行政决策",
     "年度重大行政决策事项目录，每个事项履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等程序的情况，目录的动态调整和年度完成情况"),
    ("portal:consultations", "意见征集", "正在征求意见的草案，按条发表意见；已结束征集的意见采纳情况"),
    ("portal:opendays", "政府开放日", "即将举办的开放日活动和网上报名，往期活动的公示名单和活动情况"),
    ("portal:evaluations", "政策评价", "对已出台政策落实情况的问卷调查和评价报告"),
]


def participation(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/participation/index.html", {"parts": PARTICIPATION_PARTS})
