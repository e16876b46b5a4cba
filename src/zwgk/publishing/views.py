"""Back-office pages for documents: list, draft and edit with live screening, preview, submit,
review queue and decisions, withdrawal, history."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from zwgk.core import bounds, permissions, web
from zwgk.core.models import AuditEntry, Role
from zwgk.core.uploads import accepts_uploads
from zwgk.screening import engine, extract

from . import autocheck, selectors, services, workflow
from .forms import DecisionForm, DocumentForm, WithdrawForm
from .html import IMAGE_KINDS, image_url, sanitize, text_to_html
from .html import clean_paste as html_clean_paste
from .models import Attachment, DocStatus, Document, Kind, Revision, RevisionState, Validity
from .perms import REVIEW_PERMISSIONS

# the draft form edits the body as "body"; the services name the field "body_html"
BODY_ALIAS = {"body_html": "body"}


def _doc_or_404(request: HttpRequest, pk: int) -> Document:
    return web.object_for(request, Document.objects.select_related("organization"), pk, "publishing.view",
                          missing="没有找到该稿件，或您无权查看。")


def highlight(text: str, findings: list[dict]) -> str:
    """The body text with each finding in the body marked (escaped; positions from screening)."""
    spans = sorted(
        (f for f in findings if f.get("source", "正文") == "正文" and f["start"] >= 0 and f["end"] <= len(text)),
        key=lambda f: (f["start"], -f["end"]),
    )
    out, pos = [], 0
    for f in spans:
        if f["start"] < pos:
            continue
        out.append(escape(text[pos : f["start"]]))
        css = "finding-block" if f["severity"] == "block" else "finding-warn"
        out.append(f'<mark class="{css}" title="{escape(f["message"])}">{escape(text[f["start"]:f["end"]])}</mark>')
        pos = f["end"]
    out.append(escape(text[pos:]))
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 (built from escaped pieces)


def body_views(doc: Document, rev: Revision) -> dict:
    """The body for staff who read it: formatted as the public page shows it (sanitized), and as the plain text the
    screening read, with its findings marked (their positions are in that text)."""
    in_body = [f for f in rev.findings if f.get("source", "正文") == "正文" and f["start"] >= 0]
    return {
        "body": mark_safe(sanitize(rev.body_html, doc.pk)),  # noqa: S308 (nh3)
        "plain_body": highlight(rev.body_text, rev.findings),
        "body_findings": len(in_body),
    }


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    if not permissions.has(request.user, "publishing.view"):
        raise PermissionDenied("您没有查看稿件的权限。")
    orgs = permissions.visible_organizations(request.user, "publishing.view")
    qs = Document.objects.filter(organization__in=orgs).select_related("organization").order_by("-id")
    status = request.GET.get("status", "")
    if status in DocStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    for doc in page:
        doc.latest = doc.latest_revision
    year = timezone.localdate().year
    rates = []
    if request.user.organization_id and not permissions.is_county_wide(request.user):
        done, total = selectors.interpretation_rate(request.user.organization, year)
        rates.append((request.user.organization.short_name, done, total))
    return render(
        request, "publishing/list.html",
        {"page": page, "status": status, "statuses": DocStatus.choices, "year": year, "rates": rates,
         "can_draft": permissions.has(request.user, "publishing.draft")},
    )


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    if not permissions.has(request.user, "publishing.draft"):
        raise PermissionDenied("只有信息员可以起草稿件。")
    kind = request.GET.get("kind", Kind.DOCUMENT)
    if kind not in Kind.values:
        kind = Kind.DOCUMENT
    form = DocumentForm(request.POST or None, user=request.user, kind=kind, creating=True, initial={"policies": request.GET.getlist("policy")})
    if request.method == "POST" and form.is_valid():
        try:
            doc = services.create_draft(
                request.user, form.cleaned_data["organization"], kind=kind,
                policies=list(form.cleaned_data.get("policies") or []), **form.content(),
            )
        except (ValidationError, PermissionDenied) as exc:
            web.errors_to_form(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)), aliases=BODY_ALIAS)
        else:
            messages.success(request, "草稿已保存。检查无误后请点击“送审”。")
            return redirect("publishing:detail", pk=doc.pk)
    return render(request, "publishing/edit.html", {"form": form, "kind": kind, "doc": None, "kind_label": Kind(kind).label})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _doc_or_404(request, pk)
    if not permissions.has(request.user, "publishing.draft", doc.organization):
        raise PermissionDenied("您没有修改本稿件的权限。")
    latest = doc.latest_revision
    if latest.state in (RevisionState.IN_REVIEW, RevisionState.APPROVED) or doc.status == DocStatus.WITHDRAWN:
        messages.error(request, f"稿件当前“{latest.get_state_display() if doc.status != DocStatus.WITHDRAWN else '已撤稿'}”，不能修改。")
        return redirect("publishing:detail", pk=doc.pk)
    form = DocumentForm(
        request.POST or None, instance=latest, user=request.user, kind=doc.kind, creating=False,
        initial={"policies": list(doc.policies.all())},
    )
    if request.method == "POST" and form.is_valid():
        policies = list(form.cleaned_data["policies"]) if doc.kind == Kind.INTERPRETATION else None
        try:
            services.update_draft(request.user, doc, policies=policies, **form.content())
        except ValidationError as exc:
            web.errors_to_form(form, exc, aliases=BODY_ALIAS)
        else:
            messages.success(request, "已保存。")
            return redirect("publishing:detail", pk=doc.pk)
    return render(request, "publishing/edit.html", {"form": form, "kind": doc.kind, "doc": doc, "kind_label": doc.get_kind_display()})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _doc_or_404(request, pk)
    latest = doc.latest_revision
    revisions = doc.revisions.prefetch_related("decisions__reviewer", "attachments").order_by("-number")
    history = AuditEntry.objects.filter(object_type="publishing.document", object_id=str(doc.pk)).order_by("created_at")
    return render(
        request, "publishing/detail.html",
        {
            "doc": doc, "rev": latest, "revisions": revisions, "history": history,
            **body_views(doc, latest),
            "actions": workflow.available_actions(doc, request.user),
            "withdraw_form": WithdrawForm(),
            "interpretations": doc.interpretations.all(),
            "policies": doc.policies.all(),
        },
    )


@login_required
@require_POST
def document_submit(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _doc_or_404(request, pk)
    try:
        rev = services.submit(request.user, doc)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        blocking = sum(1 for f in rev.findings if f["severity"] == "block")
        note = f"自动检查发现 {len(rev.findings)} 个问题（{blocking} 个阻止发布），将提示审核人。" if rev.findings else "自动检查未发现问题。"
        messages.success(request, f"已送审。{note}")
    return redirect("publishing:detail", pk=doc.pk)


@login_required
@require_POST
def document_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _doc_or_404(request, pk)
    try:
        services.withdraw(request.user, doc, request.POST.get("reason", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "已撤稿，索引号不再使用。")
    return redirect("publishing:detail", pk=doc.pk)


@login_required
def document_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest revision through the public page's own template (portal/document.html), as the public will see it."""
    doc = _doc_or_404(request, pk)
    rev = doc.latest_revision
    return render(
        request, "portal/document.html",
        {
            "doc": doc, "item": rev, "preview": True,
            "body": mark_safe(sanitize(rev.body_html, doc.pk)),  # noqa: S308 (nh3)
            "attachments": list(rev.attachments.all()),
            "interpretations": doc.interpretations.public().only("id", "title", "interpretation_form"),
            "policies": doc.policies.public().only("id", "title"),
            "column_name": rev.column.name if rev.column_id else ("政策解读" if doc.kind == Kind.INTERPRETATION else "政府信息公开"),
            "not_valid": rev.validity in (Validity.EXPIRED, Validity.REPEALED),
        },
    )


def _wants_json(request: HttpRequest) -> bool:
    """The edit page's script uploads and removes attachments without leaving the page (the body typed stays)."""
    return "application/json" in request.headers.get("Accept", "")


@accepts_uploads(lambda: settings.ZWGK_ATTACHMENT_MAX_MB * 1024 * 1024)
@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _doc_or_404(request, pk)
    upload = request.FILES.get("file")
    errors: list[str] = []
    att = None
    if upload is None:
        errors.append("请选择要上传的文件。")
    else:
        limit = settings.ZWGK_ATTACHMENT_MAX_MB * 1024 * 1024
        try:
            if upload.size > limit:
                raise ValidationError(f"附件“{upload.name}”超过 {settings.ZWGK_ATTACHMENT_MAX_MB} MB 的上限。")
            att = services.add_attachment(request.user, doc, upload.name, upload.read())
        except ValidationError as exc:
            errors += exc.messages
    if _wants_json(request):
        if att is None:
            return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
        item = render_to_string("publishing/_attachment.html", {"att": att, "doc": doc}, request=request)
        return JsonResponse(
            {"message": f"已上传“{att.name}”。", "item": item,
             "image": image_url(doc.pk, att.sha256) if att.kind in IMAGE_KINDS else None},
            json_dumps_params={"ensure_ascii": False},
        )
    for message in errors:
        messages.error(request, message)
    if att is not None:
        messages.success(request, f"已上传“{att.name}”。")
    return redirect("publishing:edit", pk=doc.pk)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    att = get_object_or_404(Attachment.objects.select_related("revision__document"), pk=pk)
    doc = _doc_or_404(request, att.revision.document_id)
    try:
        services.remove_attachment(request.user, att)
    except ValidationError as exc:
        if _wants_json(request):
            return JsonResponse({"errors": exc.messages}, status=400, json_dumps_params={"ensure_ascii": False})
        for message in exc.messages:
            messages.error(request, message)
    if _wants_json(request):
        return JsonResponse({"message": f"已删除“{att.name}”。"}, json_dumps_params={"ensure_ascii": False})
    return redirect("publishing:edit", pk=doc.pk)


@login_required
@require_POST
def clean_paste(request: HttpRequest) -> JsonResponse:
    """What the editor inserts for pasted HTML (Word's included): structure kept, styles dropped (``html.clean_paste``),
    images only when they are the document's own attachments."""
    if not permissions.has(request.user, "publishing.draft"):
        raise PermissionDenied
    doc_id = bounds.object_id(request.POST.get("doc"))
    if doc_id is not None:
        _doc_or_404(request, doc_id)
    cleaned = html_clean_paste(request.POST.get("html", "")[: extract.MAX_TEXT_CHARS], doc_id)
    return JsonResponse({"html": cleaned}, json_dumps_params={"ensure_ascii": False})


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    att = get_object_or_404(Attachment.objects.select_related("revision__document"), pk=pk)
    _doc_or_404(request, att.revision.document_id)
    response = FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def screen_preview(request: HttpRequest) -> JsonResponse:
    """Live screening for the edit page: the findings of the draft as typed, with the attachments of the
    document being edited (``doc``), composed as 送审 composes them (``autocheck``). Nothing is saved."""
    if not permissions.has(request.user, "publishing.draft"):
        raise PermissionDenied
    body = request.POST.get("body", "")[: extract.MAX_TEXT_CHARS]
    text, _ = engine.html_to_text(sanitize(text_to_html(body)))
    attachments: list[Attachment] = []
    organization = request.POST.get("organization", "")
    doc_id = bounds.object_id(request.POST.get("doc"))
    if doc_id is not None:
        doc = _doc_or_404(request, doc_id)
        if not permissions.has(request.user, "publishing.draft", doc.organization):
            raise PermissionDenied
        organization = doc.organization_id
        latest = doc.latest_revision
        attachments = list(latest.attachments.order_by("pk")) if latest else []
    metadata = autocheck.form_metadata(request.POST, organization)
    findings = autocheck.draft_findings(text, metadata, [], attachments, reuse=True)
    return JsonResponse({"findings": findings, "text": text}, json_dumps_params={"ensure_ascii": False})


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not any(permissions.has(request.user, p) for p in REVIEW_PERMISSIONS):
        raise PermissionDenied("只有审核人、保密审查员和公开办可以进入审核队列。")
    queue = selectors.review_queue(request.user)
    now = timezone.now()
    for rev in queue:
        rev.waited = now - rev.submitted_at
        rev.step_label = Role(rev.chain[selectors.current_step(rev)]).label
    return render(request, "publishing/queue.html", {"queue": queue})


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    rev = get_object_or_404(Revision.objects.select_related("document__organization", "created_by"), pk=pk)
    doc = _doc_or_404(request, rev.document_id)
    step = selectors.current_step(rev)
    form = DecisionForm(request.POST or None, initial={"expected_step": step})
    if request.method == "POST" and form.is_valid():
        decision = "reject" if "reject" in request.POST else "approve"
        try:
            services.decide(
                request.user, rev, decision, form.cleaned_data["opinion"],
                expected_step=form.cleaned_data["expected_step"], override_reason=form.cleaned_data["override_reason"],
            )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, ValidationError):
                web.errors_to_form(form, exc, aliases=BODY_ALIAS)
            else:
                form.add_error(None, str(exc))
        else:
            doc.refresh_from_db()
            if decision == "reject":
                messages.success(request, "已退回，起草人会看到您的意见。")
            elif doc.status == DocStatus.PUBLISHED and doc.published_revision_id == rev.pk:
                messages.success(request, f"已同意，信息已发布，索引号 {doc.index_no}。")
            else:
                messages.success(request, "已同意，转下一环节（或等待与政策同步发布）。")
            return redirect("publishing:queue")
    return render(
        request, "publishing/review.html",
        {
            "doc": doc, "rev": rev, "form": form, **body_views(doc, rev),
            "can_review": selectors.can_review(request.user, rev),
            "step_label": Role(rev.chain[step]).label if step < len(rev.chain) else "",
            "chain_labels": [Role(r).label for r in rev.chain],
            "decisions": rev.decisions.select_related("reviewer"),
            "attachment_findings": [f for f in rev.findings if f.get("source", "正文") != "正文" or f["start"] < 0],
        },
    )


@login_required
def normative_library(request: HttpRequest) -> HttpResponse:
    if not permissions.has(request.user, "publishing.view"):
        raise PermissionDenied("您没有查看稿件的权限。")
    from .models import NormativeRecord

    year = bounds.year(request.GET.get("year") or timezone.localdate().year)
    if year is None:
        year = timezone.localdate().year
        messages.error(request, f"年份应为 {bounds.MIN_YEAR} 到 {bounds.MAX_YEAR} 之间的四位数字，已显示今年。")
    orgs = permissions.visible_organizations(request.user, "publishing.view")
    records = (
        NormativeRecord.objects.filter(document__organization__in=orgs)
        .select_related("document__organization")
        .prefetch_related("cleanups")
    )
    return render(
        request, "publishing/normative.html",
        {"records": records, "year": year, "counts": selectors.normative_counts(year),
         "can_cleanup": permissions.has(request.user, "publishing.normative")},
    )


@login_required
@require_POST
def normative_cleanup(request: HttpRequest, pk: int) -> HttpResponse:
    import datetime as dt

    doc = _doc_or_404(request, pk)
    try:
        decided_on = dt.date.fromisoformat(request.POST.get("decided_on", ""))
    except ValueError:
        messages.error(request, "请填写有效的决定日期，如 2025-03-31。")
        return redirect("publishing:normative")
    try:
        services.record_cleanup(
            request.user, doc, request.POST.get("action", ""), request.POST.get("decision", ""), decided_on,
            request.POST.get("note", ""),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "清理结果已登记。")
    return redirect("publishing:normative")


@login_required
def catalog(request: HttpRequest) -> HttpResponse:
    if not permissions.has(request.user, "publishing.view"):
        raise PermissionDenied("您没有查看稿件的权限。")
    from . import taxonomy
    from .models import CatalogColumn

    area = request.GET.get("area", "")
    items = selectors.catalog_coverage(area or None)
    return render(
        request, "publishing/catalog.html",
        {"items": items, "area": area, "areas": taxonomy.STANDARD_AREAS,
         "columns": CatalogColumn.objects.filter(parent__isnull=True).prefetch_related("children"),
         "empty": sum(1 for i in items if not i.published)},
    )
