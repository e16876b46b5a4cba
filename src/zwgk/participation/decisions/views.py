"""Staff pages of the major-decision catalog (mounted under /staff/participation/decisions/): catalogs by year, a
catalog page (items, states, adjustments, the county office's actions) and an item page (one row per statutory
procedure, with the lead unit's forms). Every POST runs one service; a refusal becomes a Chinese message and
changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from zwgk.core import bounds, permissions, web
from zwgk.core.models import Organization
from zwgk.core.uploads import accepts_uploads
from zwgk.participation import publish

from . import rules, selectors, services, workflow
from .models import AdjustmentKind, CatalogState, DecisionCatalog, DecisionItem, Procedure


def _view(user: Any, obj: Any = None) -> bool:
    return permissions.has(user, "participation.view")


def _can_manage(request: HttpRequest) -> bool:
    return permissions.has(request.user, "participation.manage")


def _org(value: object) -> Organization | None:
    pk = bounds.object_id(value)
    return Organization.objects.filter(pk=pk, is_active=True).first() if pk else None


def acting(back: Callable[..., tuple]):  # noqa: ANN201
    """POST views: run the service; a ValidationError or a refusal becomes a message and changes nothing."""

    def decorate(view):  # noqa: ANN001, ANN202
        @login_required
        @require_POST
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
            try:
                done = view(request, pk)
            except ValidationError as e:
                for m in e.messages:
                    messages.error(request, m)
            except PermissionDenied as e:
                messages.error(request, str(e) or "您没有进行该操作的权限。")
            else:
                if done:
                    messages.success(request, done)
            return redirect(*back(pk))

        return wrapper

    return decorate


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not _view(request.user):
        raise PermissionDenied("您没有查看公众参与工作的权限。")
    catalogs = DecisionCatalog.objects.all()
    public = selectors.public_catalogs().values_list("pk", flat=True)
    rows = [(c, c.pk in set(public), selectors.year_counts(c.year)) for c in catalogs]
    org = request.user.organization
    return render(request, "participation/decisions/index.html", {
        "rows": rows, "can_manage": _can_manage(request), "this_year": timezone.localdate().year,
        "overdue": selectors.overdue_items(org, timezone.localdate())[:50] if org else [],
        "mine": DecisionItem.objects.filter(lead=org).select_related("catalog")[:100] if org else [],
    })


@login_required
@require_POST
def catalog_new(request: HttpRequest) -> HttpResponse:
    try:
        catalog = services.create_catalog(request.user, request.POST.get("year", ""), request.POST.get("title", ""),
                                          request.POST.get("standard", ""))
    except (ValidationError, PermissionDenied) as e:
        for m in (e.messages if isinstance(e, ValidationError) else [str(e)]):
            messages.error(request, m)
        return redirect("participation:decisions")
    messages.success(request, f"已新建{catalog}。")
    return redirect(catalog)


def _catalog(request: HttpRequest, pk: int) -> DecisionCatalog:
    return web.object_for(request, DecisionCatalog, pk, _view, missing="没有找到该目录，或您无权查看。")


@login_required
def catalog_detail(request: HttpRequest, pk: int) -> HttpResponse:
    catalog = _catalog(request, pk)
    items = list(catalog.items.select_related("lead").prefetch_related("procedures"))
    for i in items:
        i.missing = selectors.missing_procedures(i)
    adjustments = list(catalog.adjustments.all())
    public_docs = publish.public_ids([catalog.document_id, *(a.document_id for a in adjustments)])
    return render(request, "participation/decisions/catalog.html", {
        "catalog": catalog, "items": items, "adjustments": adjustments, "public_docs": public_docs,
        "can_manage": _can_manage(request), "orgs": Organization.objects.filter(is_active=True),
        "rules": rules.PROCEDURES, "adjustment_kinds": AdjustmentKind.choices, "states": CatalogState,
        "today": timezone.localdate().isoformat(),
    })


def _to_catalog(pk: int) -> tuple:
    return ("participation:decision_catalog", pk)


def _required(request: HttpRequest) -> dict[str, bool]:
    wanted = set(request.POST.getlist("required"))
    return {r.kind: r.kind in wanted for r in rules.PROCEDURES}


@acting(_to_catalog)
def catalog_action(request: HttpRequest, pk: int) -> str:
    catalog = _catalog(request, pk)
    action, post, user = request.POST.get("action"), request.POST, request.user
    if action == "add":
        item = services.add_item(user, catalog, title=post.get("title", ""), lead=_org(post.get("lead")),
                                 planned_on=post.get("planned_on"), description=post.get("description", ""),
                                 required=_required(request))
        return f"已列入事项“{item.title}”。"
    if action == "consult":
        services.start_consulting(user, catalog)
        return "目录已进入征求意见。"
    if action == "party":
        services.record_party_approval(user, catalog, post.get("approved_on"), post.get("note", ""))
        return "已登记党委同意。"
    if action == "publish":
        catalog = services.publish_catalog(user, catalog)
        publish.submit(user, catalog.document_id)  # after the service committed: screened before its own transaction
        return "目录发布稿件已送审，审核通过后向社会公布。"
    if action == "adjust":
        item = None
        if post.get("kind") != AdjustmentKind.ADD:
            item = catalog.items.filter(pk=bounds.object_id(post.get("item"))).first()
        adj = services.adjust_catalog(user, catalog, kind=post.get("kind", ""), adjusted_on=post.get("adjusted_on"),
                                      reason=post.get("reason", ""), item=item, title=post.get("title", ""),
                                      lead=_org(post.get("lead")), planned_on=post.get("planned_on") or None,
                                      required=_required(request) if post.get("kind") == AdjustmentKind.ADD else None)
        publish.submit(user, adj.document_id)
        return "调整已记录，调整公告已送审。"
    raise ValidationError("未知的操作。")


def _item(request: HttpRequest, pk: int) -> DecisionItem:
    return web.object_for(request, DecisionItem.objects.select_related("catalog", "lead"), pk, _view,
                          missing="没有找到该事项，或您无权查看。")


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return render(request, "participation/decisions/item.html", {
        "item": item, "rows": selectors.procedure_rows(item), "missing": selectors.missing_procedures(item),
        "actions": workflow.available_actions(item, request.user), "evidence_labels": rules.EVIDENCE_LABELS,
        "today": timezone.localdate().isoformat(), "max_mb": rules.REPORT_MAX_BYTES // (1024 * 1024),
        "adjustments": item.adjustments.all(),
    })


def _to_item(pk: int) -> tuple:
    return ("participation:decision_item", pk)


@accepts_uploads(lambda: rules.REPORT_MAX_BYTES)
@acting(_to_item)
def procedure_record(request: HttpRequest, pk: int) -> str:
    item = _item(request, pk)
    procedure = item.procedures.filter(pk=bounds.object_id(request.POST.get("procedure"))).first()
    if procedure is None:
        raise ValidationError("没有找到该程序。")
    post = request.POST
    services.record_procedure(request.user, procedure, done_on=post.get("done_on"), evidence_kind=post.get("evidence_kind", ""),
                              document_id=post.get("document_id"), consultation_id=post.get("consultation_id"),
                              file=request.FILES.get("file"), opinion=post.get("opinion", ""),
                              meeting_name=post.get("meeting_name", ""), meeting_date=post.get("meeting_date"))
    return f"已记录{procedure.get_kind_display()}的履行情况。"


@acting(_to_item)
def item_action(request: HttpRequest, pk: int) -> str:
    item = _item(request, pk)
    action, post, user = request.POST.get("action"), request.POST, request.user
    if action == "start":
        services.start_item(user, item)
        return "事项开始推进。"
    if action == "decide":
        services.decide_item(user, item, post.get("decided_on"))
        return "已标记为已决策。"
    if action == "publish":
        services.record_publication(user, item, post.get("document_id"))
        return "已登记决策公布。"
    if action == "implement":
        services.start_implementation(user, item)
        return "已开始实施。"
    if action == "evaluate":
        services.record_evaluation(user, item, post.get("note", ""))
        return "已登记决策后评估。"
    if action == "withdraw":
        services.withdraw_item(user, item, post.get("reason", ""))
        return "事项已撤回。"
    if action == "require":
        wanted = set(post.getlist("required"))
        for p in item.procedures.all():
            if p.required != (p.kind in wanted):
                services.set_required(user, p, p.kind in wanted)
        return "已保存需履行的程序。"
    raise ValidationError("未知的操作。")


@login_required
def procedure_file(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = Procedure.objects.select_related("item").filter(pk=bounds.object_id(pk)).first()
    if procedure is None or not procedure.file or not _view(request.user):
        raise Http404("没有找到该文件，或您无权查看。")
    return FileResponse(procedure.file.open("rb"), as_attachment=True, filename=procedure.file_name or "报告")


urlpatterns: list = [
    path("", index, name="decisions"),
    path("new/", catalog_new, name="decision_catalog_new"),
    path("catalogs/<int:pk>/", catalog_detail, name="decision_catalog"),
    path("catalogs/<int:pk>/act/", catalog_action, name="decision_catalog_act"),
    path("items/<int:pk>/", item_detail, name="decision_item"),
    path("items/<int:pk>/act/", item_action, name="decision_item_act"),
    path("items/<int:pk>/record/", procedure_record, name="decision_procedure_record"),
    path("files/<int:pk>/", procedure_file, name="decision_procedure_file"),
]
