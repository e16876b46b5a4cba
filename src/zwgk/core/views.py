"""Staff back office (工作台): login, dashboard, own organization, audit log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import exports, holiday_notice, permissions, selectors, todos, web
from .forms import AuditFilterForm, HolidayNoticeForm, LoginForm, OrgProfileForm
from .models import AuditEntry, CalendarDay, CalendarYear, Organization
from .services import accounts, auditlog, calendar, orgs

EXPORT_LIMIT = 100_000


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The person's to-do list from their roles (``core.todos``: each app registers its kinds), what to do first,
    and for the county office the county's overdue work by unit."""
    user = request.user
    with permissions.one_tree():
        groups = todos.groups_for(user)
        busy = [g for g in groups if g.items]
        return render(
            request,
            "core/dashboard.html",
            {
                "groups": busy,
                "empty_groups": [g for g in groups if not g.items],
                "next": todos.next_step(busy),
                "total": sum(g.total for g in busy),
                "county": todos.county_table(user, timezone.localdate()),
                "can_audit": permissions.has(user, "audit.view"),
                "is_admin": permissions.has(user, "account.manage"),
                "organizations": permissions.visible_organizations(user).select_related("parent")[:200],
            },
        )


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = accounts.set_password(request.user, request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, "密码已修改。")
        return redirect("core:dashboard")
    return render(request, "core/password_change.html", {"form": form})


def _visible_org_or_404(request: HttpRequest, pk: int) -> Organization:
    return web.object_for(request, Organization, pk, "org.view", organization=lambda org: org, missing="没有找到该机构，或您无权查看。")


@login_required
def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = _visible_org_or_404(request, pk)
    return render(
        request,
        "core/org_detail.html",
        {"org": org, "can_edit": permissions.has(request.user, "org.edit_profile", org)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def org_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = _visible_org_or_404(request, pk)
    if not permissions.has(request.user, "org.edit_profile", org):
        raise PermissionDenied(f"您没有维护“{org.short_name}”机构信息的权限。")
    form = OrgProfileForm(request.POST or None, instance=Organization.objects.get(pk=org.pk))
    if request.method == "POST" and form.is_valid():
        try:
            orgs.update_organization(request.user, org, **{f: form.cleaned_data[f] for f in form.fields})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "机构信息已保存。")
            return redirect("core:org_detail", pk=org.pk)
    return render(request, "core/org_edit.html", {"org": org, "form": form})


def _audit_queryset(request: HttpRequest) -> tuple[AuditFilterForm, object]:
    if not permissions.has(request.user, "audit.view"):
        raise PermissionDenied("只有公开办和系统管理员可以查看审计日志。")
    form = AuditFilterForm(request.GET or None)
    qs = AuditEntry.objects.all()
    if form.is_bound and form.is_valid():
        qs = form.filter(qs)
    elif form.is_bound:
        qs = qs.none()
    return form, qs


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form, qs = _audit_queryset(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def audit_export(request: HttpRequest, fmt: str) -> HttpResponse:
    form, qs = _audit_queryset(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, "筛选条件有误，未导出。请先修正筛选条件。")
        return redirect(f"{reverse('core:audit_log')}?{request.GET.urlencode()}")
    count = qs.count()
    if count > EXPORT_LIMIT:
        messages.error(request, f"符合条件的记录有 {count} 条，超过单次导出上限 {EXPORT_LIMIT} 条，请缩小日期范围。")
        return redirect(f"{reverse('core:audit_log')}?{request.GET.urlencode()}")
    entries = qs.iterator(chunk_size=2000)
    filters = {k: v for k, v in request.GET.items() if v}
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    body = exports.to_xlsx(entries) if fmt == "xlsx" else exports.to_csv(entries)
    auditlog.record_export(request.user, fmt, count, filters)
    return web.download(body, f"审计日志-{stamp}.{fmt}", fmt)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_years(request: HttpRequest) -> HttpResponse:
    """The working-day calendar: the years entered, and entering one by pasting the State Council's notice
    (preview on a calendar, then confirm)."""
    if not permissions.has(request.user, "calendar.manage"):
        raise PermissionDenied("只有系统管理员可以维护工作日历。")
    form = HolidayNoticeForm(request.POST or None)
    schedule = None
    if request.method == "POST" and form.is_valid():
        text, year = form.cleaned_data["text"], form.cleaned_data.get("year")
        schedule = holiday_notice.parse(text, year)
        if "confirm" in request.POST and schedule.ok:
            try:
                calendar.import_notice(request.user, text, year)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"已导入{schedule.source}：共 {len(schedule.rows)} 个日期。所有办理中的期限已按新日历重新计算。")
                return redirect("core:calendar")
    from django.db.models import Count, Q

    years = list(CalendarYear.objects.order_by("-year"))  # every year entered (a few dozen at most)
    counts = {row["date__year"]: row for row in CalendarDay.objects.filter(date__year__in=[y.year for y in years])
              .values("date__year").annotate(off=Count("pk", filter=Q(kind="holiday")), on=Count("pk", filter=Q(kind="workday")))}
    return render(request, "core/calendar.html", {
        "form": form, "schedule": schedule, "weekdays": holiday_notice.WEEKDAYS,
        "years": [(y, counts.get(y.year, {})) for y in years],
        "missing": selectors.calendar_missing(timezone.localdate()),
    })


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: Django's own page is an English-language template (lang="en"); say it in Chinese."""
    message = "页面已过期或无法确认请求来自本网站，提交未被受理。请返回上一页，刷新后重新提交。"
    return render(request, "403.html", {"exception": message}, status=403)
