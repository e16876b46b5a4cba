"""Staff pages of 意见征集 (mounted under /staff/participation/consultations/): the list, create and edit (the
draft's text becomes a new version), the consultation with its actions (发布征集, 结束征集, 送审发布采纳情况, 办结),
the opinions paginated with an answer form each, letters and e-mails entered by staff, the report's preview."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from zwgk.core import bounds, permissions, web

from .. import publish
from . import report, rules, selectors, services, workflow
from .models import Channel, Consultation, Decision, Opinion, SubjectKind

VIEW = ("participation.view",)


class ConsultationForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    kind = forms.ChoiceField(label="草案类别（决定最短征求意见期限）", choices=rules.KIND_CHOICES)
    subject_kind = forms.ChoiceField(label="征集对象", choices=SubjectKind.choices, initial=SubjectKind.TEXT)
    subject_id = forms.CharField(label="重大行政决策事项或发布稿件的编号（征集对象不是草案文本时填写）", required=False)
    subject_text = forms.CharField(label="征集对象说明（选填）", required=False, max_length=rules.MAX_SUBJECT_TEXT)
    opens = forms.CharField(label="开始日期", widget=forms.DateInput(attrs={"type": "date", "lang": "zh-CN"}))
    closes = forms.CharField(label="截止日期", widget=forms.DateInput(attrs={"type": "date", "lang": "zh-CN"}))
    urgency_reason = forms.CharField(label="缩短期限的理由（期限短于规定时必填，将向社会公开）", required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(label="征集说明（选填）", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    text = forms.CharField(label="草案全文（“第一章”“第一条”各占一行；条下各段为款；没有条的草案按段编号）",
                           widget=forms.Textarea(attrs={"rows": 16}))


class OpinionEntryForm(forms.Form):
    channel = forms.ChoiceField(label="渠道", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = forms.CharField(label="收到日期", widget=forms.DateInput(attrs={"type": "date", "lang": "zh-CN"}))
    target = forms.ChoiceField(label="条款", required=False)
    body = forms.CharField(label="意见内容", widget=forms.Textarea(attrs={"rows": 4}))
    name = forms.CharField(label="姓名", required=False)
    phone = forms.CharField(label="联系电话", required=False)
    email = forms.CharField(label="电子邮箱", required=False)

    def __init__(self, *args, targets: list[tuple[str, str]], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "草案整体"), *targets]


def _consultation(request: HttpRequest, pk: Any) -> Consultation:
    return web.object_for(request, Consultation.objects.select_related("organization"), pk, VIEW)


def _targets(c: Consultation) -> list[tuple[str, str]]:
    return [(p.anchor, p.label) for p in selectors.parts(selectors.latest_version(c)) if p.commentable]


def acting(view: Callable[..., str | HttpResponse]) -> Callable[..., HttpResponse]:
    """POST actions on a consultation: a ValidationError becomes a message and changes nothing."""

    @login_required
    @require_POST
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any) -> HttpResponse:
        c = _consultation(request, pk)
        try:
            done = view(request, c, *args)
        except ValidationError as e:
            for m in e.messages:
                messages.error(request, m)
            done = ""
        if isinstance(done, HttpResponse):
            return done
        if done:
            messages.success(request, done)
        back = request.POST.get("next", "")
        if back.startswith("/staff/") and "//" not in back:
            return redirect(back)
        return redirect("participation:consultation", c.pk)

    return wrapper


@login_required
def index(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "participation.view")
    qs = selectors.for_staff(request.user).order_by("-created_at", "-pk")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    org = request.user.organization
    return render(request, "participation/consultations/index.html", {
        "page": page, "today": timezone.localdate(),
        "can_create": org is not None and permissions.has(request.user, "participation.edit", org),
    })


def _form_page(request: HttpRequest, c: Consultation | None) -> HttpResponse:
    org = c.organization if c else request.user.organization
    if org is None or not permissions.has(request.user, "participation.edit", org):
        raise PermissionDenied("您没有在本单位开展意见征集的权限。")
    initial: dict[str, Any] = {}
    if c is not None:
        version = selectors.latest_version(c)
        initial = {"title": c.title, "kind": c.kind, "subject_kind": c.subject_kind, "subject_id": c.subject_id or "",
                   "subject_text": c.subject_text, "opens": c.opens.isoformat(), "closes": c.closes.isoformat(),
                   "urgency_reason": c.urgency_reason, "description": c.description, "text": version.text if version else ""}
    form = ConsultationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if c is None:
                c = services.create_consultation(request.user, org, form.cleaned_data)
                messages.success(request, "已保存意见征集草稿，核对草案条款后可发布征集。")
            else:
                services.update_consultation(request.user, c, form.cleaned_data)
                messages.success(request, "已保存修改。")
            return redirect("participation:consultation", c.pk)
        except ValidationError as exc:
            web.errors_to_form(form, exc)
    return render(request, "participation/consultations/form.html", {"form": form, "c": c, "org": org, "periods": rules.PERIODS.values()},
                  status=400 if form.errors else 200)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    c = _consultation(request, pk)
    if not c.is_draft:
        messages.error(request, "意见征集已发布，草案和期限不能再修改。")
        return redirect("participation:consultation", c.pk)
    return _form_page(request, c)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = _consultation(request, pk)
    version = selectors.latest_version(c)
    counts = selectors.target_counts(c)
    actions = workflow.available_actions(c, request.user)
    report_public = selectors.report_public(c)
    return render(request, "participation/consultations/detail.html", {
        "c": c, "version": version, "versions": c.versions.all(), "stats": selectors.opinion_stats(c),
        "parts": [(p, counts.get(p.anchor, 0)) for p in selectors.parts(version)], "whole": counts.get("", 0),
        "actions": actions, "report_public": report_public, "today": timezone.localdate(),
        "entry": OpinionEntryForm(targets=_targets(c), initial={"received_on": timezone.localdate().isoformat()}),
        "report_url": web_document_url(c),
    })


def web_document_url(c: Consultation) -> str:
    from django.urls import reverse

    return reverse("publishing:detail", args=[c.report_document_id]) if c.report_document_id else ""


@login_required
def opinions(request: HttpRequest, pk: int) -> HttpResponse:
    c = _consultation(request, pk)
    which = request.GET.get("which", "")
    if which not in ("", "unanswered", "held", *Decision.values):
        which = ""
    page = Paginator(selectors.opinions(c, which).select_related("entered_by", "answered_by"), rules.OPINIONS_PAGE).get_page(
        request.GET.get("page"))
    can_answer = "answer" in workflow.available_actions(c, request.user) and not c.report_document_id
    return render(request, "participation/consultations/opinions.html", {
        "c": c, "page": page, "which": which, "stats": selectors.opinion_stats(c), "decisions": Decision.choices,
        "can_answer": can_answer, "filters": [("", "全部"), ("unanswered", "未答复"), ("held", "待审核"), *Decision.choices],
    })


@login_required
def report_preview(request: HttpRequest, pk: int) -> HttpResponse:
    c = _consultation(request, pk)
    return render(request, "participation/consultations/report.html", {
        "c": c, "title": report.title(c), "body": mark_safe(report.body_html(c)),  # noqa: S308  (every value escaped there)
        "waiting": selectors.opinion_stats(c)["unanswered"],
    })


@acting
def open_view(request: HttpRequest, c: Consultation) -> str:
    services.open_consultation(request.user, c)
    return "已发布征集，门户网站“意见征集”栏目可见。"


@acting
def close_view(request: HttpRequest, c: Consultation) -> str:
    services.close_consultation(request.user, c)
    return "已结束征集。请逐条答复意见。"


@acting
def report_view(request: HttpRequest, c: Consultation) -> str:
    c = services.draft_report(request.user, c)
    publish.submit(request.user, c.report_document_id)  # screened before its own transaction opens
    return "采纳情况已送审；审核发布后本征集自动办结，并告知留有邮箱的意见人。"


@acting
def finish_view(request: HttpRequest, c: Consultation) -> str:
    services.finish_consultation(request.user, c)
    return "已办结。"


@acting
def enter_view(request: HttpRequest, c: Consultation) -> str:
    form = OpinionEntryForm(request.POST, targets=_targets(c))
    if not form.is_valid():
        raise ValidationError([f"{form.fields[f].label if f in form.fields else ''}：{e}" for f, es in form.errors.items() for e in es])
    services.enter_opinion(request.user, c, form.cleaned_data)
    return "已录入意见。"


def _opinion(request: HttpRequest, c: Consultation) -> Opinion:
    op = c.opinions.filter(pk=bounds.object_id(request.POST.get("opinion"))).first()
    if op is None:
        raise ValidationError("没有找到该意见。")
    return op


@acting
def answer_view(request: HttpRequest, c: Consultation) -> str:
    op = _opinion(request, c)
    services.answer_opinion(request.user, op, request.POST.get("decision", ""), request.POST.get("reason", ""),
                            request.POST.get("summary", ""))
    return "已保存答复。"


@acting
def screen_view(request: HttpRequest, c: Consultation) -> str:
    op = _opinion(request, c)
    accept = request.POST.get("accept") == "1"
    services.screen_opinion(request.user, op, accept, request.POST.get("note", ""))
    return "已受理该意见。" if accept else "已不予受理。"


urlpatterns: list = [
    path("", index, name="consultations"),
    path("new/", create, name="consultation_new"),
    path("<int:pk>/", detail, name="consultation"),
    path("<int:pk>/edit/", edit, name="consultation_edit"),
    path("<int:pk>/opinions/", opinions, name="consultation_opinions"),
    path("<int:pk>/report/", report_preview, name="consultation_report"),
    path("<int:pk>/open/", open_view, name="consultation_open"),
    path("<int:pk>/close/", close_view, name="consultation_close"),
    path("<int:pk>/send-report/", report_view, name="consultation_send_report"),
    path("<int:pk>/finish/", finish_view, name="consultation_finish"),
    path("<int:pk>/enter/", enter_view, name="consultation_enter"),
    path("<int:pk>/answer/", answer_view, name="consultation_answer"),
    path("<int:pk>/screen/", screen_view, name="consultation_screen"),
]
