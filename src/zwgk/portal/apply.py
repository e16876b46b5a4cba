"""The public side of disclosure requests: the online application form, its confirmation and the
status lookup by tracking code and phone number. Both forms are rate-limited per client address
(``zwgk.core.throttle``, shared by every worker)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zwgk.applications import attachments, rules, selectors, services
from zwgk.applications.clock import State
from zwgk.applications.forms import ApplicantForm, StatusForm
from zwgk.core import throttle
from zwgk.core.uploads import accepts_uploads

SUBMITS_PER_HOUR = 10
LOOKUPS_PER_HOUR = 30
PUBLIC_STATES = {
    State.RUNNING: "办理中", State.PAUSED: "办理中（正在征求第三方或其他机关意见，依法不计入答复期限）", State.AWAITING_CORRECTION: "等待您补正申请",
    State.AWAITING_FEE: "等待缴纳信息处理费", State.REPLIED: "已答复", State.ABANDONED_CORRECTION: "逾期未补正，视为放弃申请",
    State.ABANDONED_FEE: "逾期未缴费，视为放弃申请", State.UNKNOWN_CALENDAR: "办理中",
}


@accepts_uploads(attachments.max_upload_bytes)
@require_http_methods(["GET", "POST"])
def apply_form(request: HttpRequest) -> HttpResponse:
    form = ApplicantForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if throttle.over_limit(request, "apply", SUBMITS_PER_HOUR):
            form.add_error(None, "提交过于频繁，请一小时后再试，或通过电话、信函提出申请。")
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                app = services.submit_online(data, data["organization"], data["files"])
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        for e in errors:
                            form.add_error(field if field in form.fields else None, e)
                else:
                    for e in exc.messages:
                        form.add_error(None, e)
            else:
                request.session["zwgk-applied"] = app.pk
                return redirect("portal:apply_done")
    return render(request, "portal/apply_form.html", {"form": form, "rules": rules}, status=status)


def apply_done(request: HttpRequest) -> HttpResponse:
    pk = request.session.get("zwgk-applied")
    app = selectors.submitted(pk) if pk else None
    if app is None:
        return redirect("portal:apply_form")
    clock = selectors.clock(app)
    return render(request, "portal/apply_done.html", {"app": app, "clock": clock, "rules": rules})


@require_http_methods(["GET", "POST"])
def apply_status(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    found = clock = None
    status = 200
    if request.method == "POST" and form.is_valid():
        if throttle.over_limit(request, "status", LOOKUPS_PER_HOUR):
            form.add_error(None, "查询过于频繁，请一小时后再试。")
            status = 429
        else:
            found = selectors.find_by_tracking(form.cleaned_data["code"], form.cleaned_data["phone"])
            if found is None:
                form.add_error(None, "没有找到该申请：请核对查询码和申请时填写的联系电话。")
            else:
                clock = selectors.clock(found)
    return render(request, "portal/apply_status.html", {
        "form": form, "found": found, "clock": clock, "state": PUBLIC_STATES.get(clock.state, "") if clock else "",
        "split_parts": selectors.split_parts(found) if found else [],
    }, status=status)
