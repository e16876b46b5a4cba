"""Back-office pages for disclosure requests: the deadline dashboard, the ledger and its export, one
application with every handling step, registration, review cases and the annual report."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST

from zwgk.core import bounds, permissions, web
from zwgk.core.models import Organization
from zwgk.core.uploads import accepts_uploads
from zwgk.notifications import selectors as notification_selectors

from . import attachments, charts, forms, rules, selectors, services, workflow
from . import report as annual
from .clock import STATE_LABELS
from .models import Application, ApplicationFile, CaseKind, CaseResult, Consultation, CountyReportText, ReviewCase
from .services import reminders as reminders_service


def _app_or_404(request: HttpRequest, pk: int) -> Application:
    return web.object_for(request, Application.objects.select_related("organization"), pk, "applications.handle",
                          missing="没有找到该申请，或您无权查看。")


def _require_any(request: HttpRequest) -> None:
    if not permissions.has(request.user, "applications.handle"):
        raise PermissionDenied("您没有办理依申请公开的权限。")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require_any(request)
    data = selectors.dashboard(request.user)
    reminders = notification_selectors.for_user(request.user, unread=True,
                                                kind_keys=(reminders_service.NEAR, reminders_service.OVERDUE))[:50]
    today = timezone.localdate()
    year = bounds.year(request.GET.get("year")) or today.year
    if not 2008 <= year <= today.year:  # the regulations' first year to this one; another year shows this one's
        year = today.year
    figures = selectors.year_figures(request.user, year)
    return render(request, "applications/dashboard.html", {
        **data, "reminders": reminders, "today": today, "rules": rules, "figures": figures,
        "years": list(range(today.year, max(2008, today.year - 10) - 1, -1)), "charts": charts.dashboard(figures)})



LEDGER_STATES = [("open", "办理中"), ("overdue", "已超期"), ("closed", "已办结")]


def _ledger_rows(request: HttpRequest) -> tuple[list, dict]:
    qs = selectors.visible(request.user)
    f = {k: request.GET.get(k, "").strip() for k in ("org", "state", "reply", "q", "year", "row", "col", "from", "to")}
    if bounds.object_id(f["org"]) is not None:
        qs = qs.filter(organization_id=bounds.object_id(f["org"]))
    if f["reply"] in rules.REPLY_BY_CODE:
        qs = qs.filter(reply_type=f["reply"])
    if f["q"]:
        qs = qs.filter(Q(tracking_code__icontains=f["q"]) | Q(name__icontains=f["q"]) | Q(description__icontains=f["q"]))
    for key, lookup in (("from", "received_on__gte"), ("to", "received_on__lte")):
        if f[key]:
            try:
                qs = qs.filter(**{lookup: dt.date.fromisoformat(f[key])})
            except ValueError:
                messages.error(request, f"日期“{f[key]}”格式不正确，应为 2025-01-31 这样的格式；已忽略。")
    if bounds.year(f["year"]) is not None and f["row"] in {k for k, *_ in annual.B_ROWS}:
        qs = qs.filter(annual.row_filter(f["row"], bounds.year(f["year"])))
        if f["col"] in dict(annual.B_COLUMNS):
            qs = qs.filter(annual.column_filter(f["col"]))
    if f["state"] == "closed":
        qs = qs.closed()
    elif f["state"] in ("open", "overdue"):
        qs = qs.open()
    rows = selectors.with_clocks(qs.order_by("-received_on", "-pk")[:5000])
    if f["state"] == "overdue":
        rows = [r for r in rows if r.clock.overdue]
    return rows, f


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    _require_any(request)
    rows, f = _ledger_rows(request)
    if request.GET.get("format") == "xlsx":
        return _ledger_xlsx(request, rows)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    label = ""
    if f["row"] and f["year"]:
        label = f"{f['year']} 年度报告：" + dict((k, lab) for k, lab, *_ in annual.B_ROWS).get(f["row"], "") + \
            (f" / {dict(annual.B_COLUMNS)[f['col']]}" if f["col"] in dict(annual.B_COLUMNS) else "")
    return render(request, "applications/ledger.html", {
        "page": page, "f": f, "query": query.urlencode(), "states": LEDGER_STATES, "replies": rules.REPLY_TYPES,
        "orgs": permissions.visible_organizations(request.user, "applications.handle").filter(kind__in=services.ACCEPTING_KINDS),
        "total": len(rows), "cell_label": label,
    })


def _ledger_xlsx(request: HttpRequest, rows: list) -> HttpResponse:
    from zwgk.core.exports import Book

    book = Book()
    ws = book.sheet("依申请公开台账")
    ws.append(["查询码", "受理机关", "申请人", "申请人类型", "证件号码", "联系电话", "申请方式", "收到日期", "申请内容", "状态",
               "答复期限", "剩余工作日", "答复类型", "答复日期", "计时说明"])
    for r in rows:
        a, c = r.app, r.clock
        ws.append([a.tracking_code, a.organization.name, a.name, a.get_applicant_type_display(), selectors.mask_id(a.id_number),
                   selectors.mask_phone(a.phone), a.get_channel_display(), a.received_on, a.description, STATE_LABELS.get(c.state, c.state),
                   c.due, c.days_left if not a.reply_type else None, a.get_reply_type_display() if a.reply_type else "", a.reply_on, c.text])
    data = book.bytes()
    services.export_ledger(request.user, len(rows), request.GET.dict())
    return web.download(data, f"依申请公开台账-{timezone.localdate():%Y%m%d}.xlsx")


def _warn_published(request: HttpRequest, app_pk: int, also: Organization | None = None) -> None:
    """Tell the office when what it just recorded changes a year whose annual report is published: the published
    report stays as it is; the report page shows the difference and sends a corrected report for review. ``also``:
    another office whose figures changed too (the one a request was transferred from)."""
    from urllib.parse import urlencode

    app = Application.objects.select_related("organization").filter(pk=app_pk).first()
    if app is None or app.received_on is None:
        return
    last = max(d for d in (app.received_on, app.reply_on, timezone.localdate()) if d is not None).year
    offices = [app.organization] + ([also] if also is not None and also.pk != app.organization_id else [])
    changed = [(office, year, diff) for office in offices
               for year, diff in annual.changed_published_years(office, app.received_on.year, last)]
    for office, year, diff in changed:
        rows = "；".join(f"{r['row']}（{'、'.join(f'{c['column']} {c['published']}→{c['now']}' for c in r['columns'][:3])}）"
                        for r in diff["rows"][:3])
        more = f"等 {len(diff['rows'])} 处" if len(diff["rows"]) > 3 else ""
        url = f"{reverse('applications:report')}?{urlencode({'org': office.pk, 'year': year})}"
        whose = "" if office.pk == app.organization_id else f"{office.short_name or office.name}"
        messages.warning(request, format_html(
            "注意：这次登记改变了{}已发布的{}年度报告的数字：{}{}。已发布的报告保持不变；如需更正，请在<a href=\"{}\">{}年度报告页</a>"
            "核对差异并将更正报告送审。", whose, year, rows, more, url, year))


@accepts_uploads(attachments.max_upload_bytes)
@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    _require_any(request)
    form = forms.RegisterForm(request.POST or None, request.FILES or None)
    form.fields["organization"].queryset = permissions.visible_organizations(request.user, "applications.handle").filter(
        kind__in=services.ACCEPTING_KINDS)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            app = services.register(request.user, data, data["organization"], data["channel"], data["received_on"], data["files"])
        except ValidationError as exc:
            web.errors_to_form(form, exc)
        else:
            messages.success(request, f"已登记，查询码 {app.tracking_code}。")
            _warn_published(request, app.pk)
            return redirect("applications:detail", app.pk)
    return render(request, "applications/register.html", {"form": form})


ACTIONS = {
    "correction": (forms.CorrectionForm, lambda u, a, d: services.request_correction(u, a, d["text"], d["sent_on"], d["deadline"]), "已告知补正。"),
    "corrected": (forms.CorrectedForm, lambda u, a, d: services.receive_correction(u, a, d["on"], d["text"]), "已登记补正，答复期限重新计算。"),
    "consult": (forms.ConsultForm, lambda u, a, d: services.start_consultation(u, a, d["kind"], d["party"], d["sent_on"], d["received_on"]),
                "已登记征求意见，计时暂停。"),
    "consult_receipt": (forms.ConsultReceiptForm, lambda u, a, d: services.record_consultation_receipt(
        u, _open_consultation(a), d["received_on"]), "已登记对方收到日期。"),
    "fee_receipt": (forms.FeeReceiptForm, lambda u, a, d: services.record_fee_notice_receipt(u, a, d["received_on"]),
                    "已登记申请人收到收费通知的日期，缴费期限已重新计算。"),
    "split": (forms.SplitForm, lambda u, a, d: services.split_application(u, a, d["items"], d["reason"]), "已拆分，新的申请已分别立件。"),
    "extend": (forms.ExtendForm, lambda u, a, d: services.extend(u, a, d["days"], d["reason"], d["on"]), "已延期，请告知申请人。"),
    "fee": (forms.FeeForm, lambda u, a, d: services.send_fee_notice(u, a, d["method"], d["quantity"], d["on"], d["received_on"]),
            "已登记收费通知。"),
    "paid": (forms.PaymentForm, lambda u, a, d: services.record_payment(u, a, d["on"]), "已登记缴费。"),
    "reply": (forms.ReplyForm, lambda u, a, d: services.reply(
        u, a, d["reply_type"], on=d["on"], reason=d["reason"], withheld=d["withheld"], agency=d["agency"], text=d["text"],
        delivered_by=d["delivered_by"], delivered_on=d["delivered_on"], version=d["version"]), "已答复，告知书已生成。"),
    "delivered": (forms.DeliveryForm, lambda u, a, d: services.record_delivery(u, a, d["delivered_by"], d["delivered_on"]), "已登记送达。"),
    "reassign": (forms.ReassignForm, lambda u, a, d: services.reassign(u, a, d["organization"], d["reason"]), "已转办。"),
    "applicant": (forms.ApplicantCorrectionForm, lambda u, a, d: services.correct_applicant(
        u, a, reason=d["reason"], **forms.ApplicantCorrectionForm.changes(d)), "已更正申请人信息。"),
}


def _open_consultation(app: Application) -> Consultation:
    found = app.consultations.filter(answered_on__isnull=True).first()
    if found is None:
        raise ValidationError("该次征求意见已登记答复，没有尚未答复的征求意见。")
    return found


def _action_forms(app: Application, bound: tuple[str, object] | None = None) -> dict:
    today = timezone.localdate()
    initial = {"sent_on": today, "on": today, "answered_on": today, "delivered_on": today, "version": app.version}
    out = {name: cls(initial=initial, prefix=name) for name, (cls, _, _) in ACTIONS.items()}
    out["applicant"] = forms.ApplicantCorrectionForm(initial=forms.ApplicantCorrectionForm.initial_for(app), prefix="applicant")
    if bound:
        out[bound[0]] = bound[1]
    return out


@login_required
def detail(request: HttpRequest, pk: int, bound: tuple[str, object] | None = None) -> HttpResponse:
    app = _app_or_404(request, pk)
    clock = selectors.clock(app)
    open_consultations = [c for c in app.consultations.all() if not c.answered_on]
    return render(request, "applications/detail.html", {
        "app": app, "clock": clock, "state_label": STATE_LABELS.get(clock.state, clock.state), "forms": _action_forms(app, bound),
        "actions": workflow.available_actions(app, request.user),
        "masked_id": selectors.mask_id(app.id_number), "masked_phone": selectors.mask_phone(app.phone),
        "full": bool(request.session.pop(f"app-full-{app.pk}", False)),  # once, right after the logged request
        "open_consultations": open_consultations, "consult_answer": forms.ConsultAnswerForm(prefix="answer"),
        "reply_kind": app.reply, "report_row": annual.ROW_LABEL[app.reply.report_row] if app.reply else "",
        "files": app.files.all(), "rules": rules,
    })


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    app = _app_or_404(request, pk)
    if action not in ACTIONS:
        raise Http404("未知的操作。")
    cls, call, done = ACTIONS[action]
    form = cls(request.POST, prefix=action)
    if form.is_valid():
        try:
            call(request.user, app, form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                form.add_error(None, str(exc))
            else:
                web.errors_to_form(form, exc)
        else:
            messages.success(request, done)
            _warn_published(request, app.pk, also=app.organization if action == "reassign" else None)
            if action == "reassign" and not permissions.has(request.user, "applications.handle", form.cleaned_data["organization"]):
                return redirect("applications:dashboard")
            return redirect("applications:detail", app.pk)
    messages.error(request, "未能保存，请查看表单中的提示。")
    return detail(request, pk, bound=(action, form))


@login_required
@require_POST
def consult_answer(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation.objects.select_related("application__organization"), pk=pk)
    app = _app_or_404(request, consultation.application_id)
    form = forms.ConsultAnswerForm(request.POST, prefix="answer")
    if form.is_valid():
        try:
            services.end_consultation(request.user, consultation, form.cleaned_data["answered_on"], form.cleaned_data["opinion"])
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, "已登记答复，计时恢复。")
            _warn_published(request, app.pk)
    else:
        messages.error(request, "请填写答复日期。")
    return redirect("applications:detail", app.pk)


@login_required
@require_POST
def show_personal(request: HttpRequest, pk: int) -> HttpResponse:
    app = _app_or_404(request, pk)
    services.view_personal(request.user, app)
    request.session[f"app-full-{app.pk}"] = True
    return redirect("applications:detail", app.pk)


@login_required
def notice(request: HttpRequest, pk: int) -> FileResponse:
    app = _app_or_404(request, pk)
    if not app.notice:
        raise Http404("尚未生成告知书。")
    return FileResponse(app.notice.open("rb"), as_attachment=True, filename=f"{app.tracking_code}-告知书.docx")


@login_required
def step_notice(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    from .notices import step_notice as build

    app = _app_or_404(request, pk)
    made = build(app, kind)
    if made is None:
        raise Http404("该申请没有这一步骤的告知书。")
    name, data = made
    return web.download(data, name, "docx")


@login_required
def file(request: HttpRequest, pk: int) -> FileResponse:
    f = get_object_or_404(ApplicationFile.objects.select_related("application__organization"), pk=pk)
    _app_or_404(request, f.application_id)
    return FileResponse(f.file.open("rb"), as_attachment=True, filename=f.name)


def _report_org(request: HttpRequest) -> tuple[Organization, int]:
    orgs = permissions.visible_organizations(request.user, "applications.handle").filter(kind__in=services.ACCEPTING_KINDS)
    org_id = request.GET.get("org") or request.POST.get("org") or request.user.organization_id
    org = orgs.filter(pk=bounds.object_id(org_id)).first()
    if org is None:
        org = orgs.first()
    if org is None:
        raise Http404("没有可编制年度报告的机构。")
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    if not 2008 <= year <= timezone.localdate().year:
        year = timezone.localdate().year - 1
    return org, year


def _report_post(request: HttpRequest, org: Organization, year: int, form, carried) -> HttpResponse | None:  # noqa: ANN001
    """The report page's actions: publish, publish a corrected report, the first year's carried-over figure, save."""
    back = redirect(f"{request.path}?org={org.pk}&year={year}")
    try:
        if request.POST.get("publish") or request.POST.get("correct"):
            services.publish_report(request.user, org, year, corrected=bool(request.POST.get("correct")))
            messages.success(request, "更正报告已送审；审核通过后替换已发布的报告。" if request.POST.get("correct")
                             else "年度报告已送审；审核通过后发布到“政府信息公开年报”栏目。")
            return back
        if request.POST.get("carried"):
            if not carried.is_valid():
                return None
            d = carried.cleaned_data
            services.save_carried_in(request.user, org, year, {c: d.get(f"carried_{c}") for c in services.CARRIED_COLUMNS},
                                     d["carried_in_reason"])
            messages.success(request, "已录入上年结转数。")
            return back
        if form.is_valid():
            d = form.cleaned_data
            services.save_report(request.user, org, year, part_one=d["part_one"], part_five=d["part_five"], part_six=d["part_six"],
                                 table_a={k: d.get(k) for k in services.TABLE_A_KEYS})
            messages.success(request, "已保存。")
            return back
    except (ValidationError, PermissionDenied) as exc:
        for m in (exc.messages if isinstance(exc, ValidationError) else [str(exc)]):
            if request.POST.get("publish") or request.POST.get("correct"):
                messages.error(request, m)
            else:
                (carried if request.POST.get("carried") else form).add_error(None, m)
        if request.POST.get("publish") or request.POST.get("correct"):
            return back
    return None


@login_required
@require_http_methods(["GET", "POST"])
def report_view(request: HttpRequest) -> HttpResponse:
    _require_any(request)
    org, year = _report_org(request)
    saved = org.annual_reports.filter(year=year).first()
    initial = {"part_one": saved.part_one, "part_five": saved.part_five, "part_six": saved.part_six, **saved.table_a} if saved else {}
    saving = request.method == "POST" and not any(request.POST.get(k) for k in ("publish", "correct", "carried"))
    form = forms.ReportForm(request.POST if saving else None, initial=initial)
    carried_initial = {f"carried_{c}": n for c, n in (saved.carried_in if saved else {}).items()}
    carried = forms.CarriedInForm(request.POST if request.POST.get("carried") else None,
                                  initial={**carried_initial, "carried_in_reason": saved.carried_in_reason if saved else ""})
    can_edit = permissions.has(request.user, "applications.report", org)
    if request.method == "POST" and (response := _report_post(request, org, year, form, carried)) is not None:
        return response
    live = annual.build(org, year)
    frozen = annual.published(org, year)
    report = frozen or live
    fmt = request.GET.get("format")
    if fmt in ("docx", "xlsx"):
        data = annual.to_docx(report) if fmt == "docx" else annual.to_xlsx(report)
        return web.download(data, f"{report.title}.{fmt}", fmt)
    orgs = permissions.visible_organizations(request.user, "applications.handle").filter(kind__in=services.ACCEPTING_KINDS)
    previous = annual.published_data(org.annual_reports.filter(year=year - 1).first())
    return render(request, "applications/report.html", {
        **annual.context(report, links=True), "form": form, "carried": carried, "org": org, "year": year, "orgs": orgs,
        "can_edit": can_edit, "years": list(range(timezone.localdate().year, 2018, -1)), "saved": saved, "live": live,
        "frozen": frozen, "diff": annual.differences(frozen, live) if frozen else None,
        "correction_state": annual.correction_state(saved), "may_enter_carried": previous is None,
        "county_wide": permissions.scope_ids(request.user, "applications.report") is None,
        "table_b_chart": charts.table_b(report.table_b, year),
    })


@login_required
@require_http_methods(["GET", "POST"])
def county_report_view(request: HttpRequest) -> HttpResponse:
    """全县汇总: the county office's county-wide report, each figure the sum of the units', with drill-down."""
    from urllib.parse import urlencode

    if permissions.scope_ids(request.user, "applications.report") is not None:
        raise PermissionDenied("只有县政府办公室（全县权限）可以查看全县汇总的年度报告。")
    year = bounds.year(request.GET.get("year") or request.POST.get("year")) or timezone.localdate().year - 1
    if not 2008 <= year <= timezone.localdate().year:
        year = timezone.localdate().year - 1
    start = request.user.organization or Organization.objects.filter(parent=None).order_by("pk").first()
    if start is None:
        raise Http404("没有机构。")
    county = annual.county_of(start)
    saved = CountyReportText.objects.filter(county=county, year=year).first()
    form = forms.CountyReportForm(request.POST if request.method == "POST" else None, initial={
        "part_one": saved.part_one, "part_five": saved.part_five, "part_six": saved.part_six} if saved else {})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.save_county_report(request.user, county, year, part_one=d["part_one"], part_five=d["part_five"],
                                        part_six=d["part_six"])
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, "已保存全县报告的文字部分。")
            return redirect(f"{request.path}?year={year}")
    result = annual.aggregate(county, year)
    fmt = request.GET.get("format")
    if fmt in ("docx", "xlsx"):
        data = annual.to_docx(result.report) if fmt == "docx" else annual.to_xlsx(result.report)
        return web.download(data, f"{result.report.title}.{fmt}", fmt)
    key = (request.GET.get("cell") or "")[:40]
    rows = annual.breakdown(result, key) if key else []

    def link(cell_key: str) -> str:
        return f"?{urlencode({'year': year, 'cell': cell_key})}#drill"

    unit_url = reverse("applications:report")
    return render(request, "applications/county_report.html", {
        **annual.context(result.report, link=link), "result": result, "year": year, "cell": key,
        "cell_label": annual.label(result.report, key) if rows else "", "cell_total": annual.figure(result.report, key) if rows else None,
        "drill": [{"unit": u, "n": n, "url": f"{unit_url}?{urlencode({'org': u.organization.pk, 'year': year})}"} for u, n in rows],
        "years": list(range(timezone.localdate().year, 2018, -1)), "unknown_cell": bool(key) and not rows, "form": form,
    })


@login_required
@require_http_methods(["GET", "POST"])
def cases(request: HttpRequest) -> HttpResponse:
    _require_any(request)
    orgs = permissions.visible_organizations(request.user, "applications.report").filter(kind__in=services.ACCEPTING_KINDS)
    error = ""
    if request.method == "POST":
        org = orgs.filter(pk=bounds.object_id(request.POST.get("organization"))).first()
        try:
            filed = dt.date.fromisoformat(request.POST.get("filed_on", ""))
            concluded = dt.date.fromisoformat(request.POST["concluded_on"]) if request.POST.get("concluded_on") else None
        except ValueError:
            error = "日期格式不正确，应为 2025-01-31 这样的格式。"
        else:
            if org is None:
                error = "请选择机关。"
            else:
                try:
                    services.record_case(request.user, org, request.POST.get("kind", ""), filed, request.POST.get("result", ""),
                                         concluded, request.POST.get("note", ""))
                except (ValidationError, PermissionDenied) as exc:
                    error = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                else:
                    messages.success(request, "已登记。")
                    return redirect("applications:cases")
    scope = permissions.scope_ids(request.user, "applications.handle")
    listed = ReviewCase.objects.select_related("organization")
    if scope is not None:
        listed = listed.filter(organization_id__in=scope)
    return render(request, "applications/cases.html", {
        "cases": listed[:500], "orgs": orgs, "kinds": CaseKind.choices, "results": CaseResult.choices, "error": error, "post": request.POST,
    })
