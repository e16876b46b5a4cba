"""Public pages of 意见征集: the consultations being held (with the days left) and those ended, a consultation's
draft by article with the opinion counts and the form (no account; rate-limited, a duplicate stored once), and its
results (the adoption report once public, else 采纳情况整理中). Everything from ``consultations.selectors.public``."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from zwgk.core import bounds, throttle
from zwgk.core.middleware import client_address
from zwgk.participation.consultations import report, rules, selectors, services

from ..forms import PublicFilterForm

PAGE_SIZE = 20


class OpinionForm(forms.Form):
    target = forms.ChoiceField(label="意见所针对的条款", required=False)
    body = forms.CharField(label=f"意见内容（{rules.MAX_OPINION} 字以内）", required=False,
                           widget=forms.Textarea(attrs={"rows": 8, "maxlength": rules.MAX_OPINION}))
    name = forms.CharField(label="姓名（选填，公开时只显示姓氏）", required=False, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label="联系电话（选填，不公开）", required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    email = forms.CharField(label="电子邮箱（选填，不公开；采纳情况公开后通知您）", required=False,
                            widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def __init__(self, *args, targets: list[tuple[str, str]], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "草案整体"), *targets]


def _pk(pk: int) -> int:
    value = bounds.object_id(pk)
    if value is None:
        raise Http404("没有找到该意见征集。")
    return value


def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    current = list(selectors.collecting(today))
    page = Paginator(selectors.ended(today), PAGE_SIZE).get_page(PublicFilterForm(request.GET).page_number())
    reported = selectors.reports_public(list(page.object_list))
    return render(request, "portal/participation/consultations/index.html", {
        "current": [(c, c.days_left(today), c.public_status(today)) for c in current],
        "page": page, "reported": reported, "today": today,
    })


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.public_one(_pk(pk))
    if c is None:
        raise Http404("没有找到该意见征集。")
    today = timezone.localdate()
    version = selectors.latest_version(c)
    parts = selectors.parts(version)
    counts = selectors.target_counts(c)
    targets = [(p.anchor, p.label) for p in parts if p.commentable]
    wanted = request.GET.get("target", "")
    form = OpinionForm(request.POST or None, targets=targets,
                       initial={"target": wanted if wanted in dict(targets) else ""})
    status, collecting = 200, c.is_collecting(today)
    if request.method == "POST":
        if not collecting:
            form.add_error(None, "该意见征集不在征集期内，不能提交意见。")
            status = 400
        elif throttle.over_limit(request, "consultation-opinion", rules.SUBMITS_PER_HOUR):
            form.add_error(None, "提交过于频繁，请一小时后再试，或通过信函、电子邮件提出意见。")
            status = 429
        elif form.is_valid():
            try:
                services.submit_opinion(c.pk, form.cleaned_data, client_address(request) or "unknown")
            except ValidationError as exc:
                _errors(form, exc)
                status = 400
            else:
                return redirect(reverse("portal:consultation", args=[c.pk]) + "?sent=1#opinion-form")
        else:
            status = 400
    return render(request, "portal/participation/consultations/detail.html", {
        "c": c, "version": version, "parts": [(p, counts.get(p.anchor, 0)) for p in parts], "whole": counts.get("", 0),
        "total": sum(counts.values()), "form": form, "collecting": collecting, "status": c.public_status(today),
        "days_left": c.days_left(today), "sent": request.GET.get("sent") == "1" and request.method == "GET",
        "report_public": selectors.report_public(c), "rule": c.rule,
    }, status=status)


def _errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


def results(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.public_one(_pk(pk))
    if c is None:
        raise Http404("没有找到该意见征集。")
    published = selectors.report_public(c)
    ctx = {"c": c, "published": published, "ended": c.has_ended(timezone.localdate())}
    if published:
        total, per, opinions = report.rows(c)
        ctx.update(total=total, per=per, rows=[(op, report.commenter(op), report.summary(op), report.mask_personal(op.reason))
                                               for op in opinions], document_url=selectors.report_document_url(c))
    return render(request, "portal/participation/consultations/results.html", ctx)


urlpatterns: list = [
    path("", index, name="consultations"),
    path("<int:pk>/", detail, name="consultation"),
    path("<int:pk>/results/", results, name="consultation_results"),
]
