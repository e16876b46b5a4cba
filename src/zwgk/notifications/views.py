"""The notification centre and the preferences page (every signed-in staff member)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from zwgk.core.web import errors_to_form, object_for

from . import selectors, services
from .forms import ListFilter, PreferencesForm
from .models import Notification

PER_PAGE = 30


def _own(user, notification: Notification) -> bool:  # noqa: ANN001
    return notification.recipient_id == user.pk


@login_required
def centre(request: HttpRequest) -> HttpResponse:
    form = ListFilter(request.GET)
    show, page = "unread", 1
    if form.is_valid():
        show = form.cleaned_data["show"] or "unread"
        page = form.cleaned_data["page"] or 1
    unread = {"unread": True, "read": False, "all": None}[show]
    qs = selectors.for_user(request.user, unread=unread)
    pages = Paginator(qs, PER_PAGE)
    return render(request, "notifications/centre.html", {
        "page": pages.get_page(page), "show": show, "unread_total": selectors.unread_count(request.user),
        "tabs": [("unread", "未读"), ("read", "已读"), ("all", "全部")],
    })


@login_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    n = object_for(request, Notification, pk, _own, missing="没有找到该通知。")
    services.mark_read(request.user, n)
    target = n.target_url
    if request.POST.get("go") and target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(_back(request))


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    n = services.mark_read(request.user)
    messages.success(request, f"已将 {n} 条通知标为已读。" if n else "没有未读通知。")
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    show = request.POST.get("show", "unread")
    return reverse("notifications:centre") + (f"?show={show}" if show in ("unread", "read", "all") else "")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, choices=selectors.preferences(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_preferences(request.user, form.choices())
        except ValidationError as e:
            errors_to_form(form, e)
        else:
            messages.success(request, "通知设置已保存。")
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "has_email": bool(request.user.email)})
