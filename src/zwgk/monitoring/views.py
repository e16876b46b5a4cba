"""Back-office pages for monitoring: the county overview, sites and their columns, runs and their
reports (with exports and the trend), rectification tasks, new-media accounts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from zwgk.core import bounds, permissions, web
from zwgk.core.models import Organization
from zwgk.core.selectors import task_interrupted

from . import indicators, report, services, workflow
from .forms import INTERACTION_MESSAGE, InteractionForm, RunForm
from .models import Account, AccountStatus, Finding, Run, RunState, Site


def _manage(request: HttpRequest) -> None:
    if not permissions.has(request.user, "monitoring.manage"):
        raise PermissionDenied("您没有管理网站监测的权限。")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not (permissions.has(request.user, "monitoring.manage") or permissions.has(request.user, "monitoring.rectify")):
        raise PermissionDenied("您没有查看网站监测的权限。")
    from . import scoring

    data = report.overview()
    table = scoring.rules()
    return render(request, "monitoring/index.html", {**data, "can_manage": permissions.has(request.user, "monitoring.manage"),
                                                      "orgs": Organization.objects.filter(is_active=True),
                                                      "rules": [table[r.check] for r in indicators.DEFAULT_RULES]})


@login_required
@require_POST
def site_new(request: HttpRequest) -> HttpResponse:
    _manage(request)
    org = Organization.objects.filter(pk=bounds.object_id(request.POST.get("organization"))).first()
    try:
        if org is None:
            raise ValidationError("请选择主办单位。")
        site = services.save_site(request.user, name=request.POST.get("name", ""), url=request.POST.get("url", ""), organization=org,
                                  site_code=request.POST.get("site_code", ""))
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
        return redirect("monitoring:index")
    messages.success(request, "已登记。")
    return redirect("monitoring:site", site.pk)


@login_required
def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(Site.objects.select_related("organization"), pk=pk)
    if not (permissions.has(request.user, "monitoring.manage") or permissions.has(request.user, "monitoring.rectify", site.organization)):
        raise Http404("没有找到该网站。")
    since = dt.date.today() - dt.timedelta(days=indicators.PROBE_WINDOW_DAYS)
    probes = site.probes.filter(at__date__gt=since)
    total, failed = probes.count(), probes.filter(ok=False).count()
    return render(request, "monitoring/site.html", {
        "site": site, "runs": site.runs.all()[:30], "columns": site.columns.all(), "trend": report.trend_chart(site),
        "probes": {"total": total, "failed": failed, "ratio": failed / total if total else None},
        "kinds": indicators.COLUMN_KINDS, "can_manage": permissions.has(request.user, "monitoring.manage"),
        "pages": {"default": services.DEFAULT_PAGES, "max": services.MAX_PAGES},
    })


@login_required
@require_POST
def run_now(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request)
    site = get_object_or_404(Site, pk=pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for m in errors:
                messages.error(request, m)
        return redirect("monitoring:site", site.pk)
    run = services.start_run(request.user, site=site, max_pages=form.cleaned_data["max_pages"], background=True)
    messages.success(request, f"已发起检查（编号 {run.pk}），由后台任务执行，完成后在此查看报告。")
    return redirect("monitoring:site", site.pk)


@login_required
@require_POST
def interaction_save(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request)
    site = get_object_or_404(Site, pk=pk)
    form = InteractionForm(request.POST)
    if not form.is_valid():
        messages.error(request, INTERACTION_MESSAGE)
        return redirect("monitoring:site", site.pk)
    unanswered, checked = form.cleaned_data["unanswered"], form.cleaned_data["checked_on"]
    try:
        services.save_interaction(request.user, site, has_channel=request.POST.get("has_channel") == "1", unanswered=unanswered,
                                  checked_on=checked)
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    else:
        messages.success(request, "已登记，下次检查按此评判互动回应情况。")
    return redirect("monitoring:site", site.pk)


@login_required
@require_POST
def scoring_save(request: HttpRequest) -> HttpResponse:
    _manage(request)
    try:
        for rule in indicators.DEFAULT_RULES:
            if rule.kind != "deduct" or f"points-{rule.check}" not in request.POST:
                continue
            services.save_score_rule(request.user, rule.check, float(request.POST[f"points-{rule.check}"]),
                                     float(request.POST.get(f"cap-{rule.check}") or 0))
    except (ValueError, ValidationError) as e:
        messages.error(request, "；".join(getattr(e, "messages", ["分值应为数字。"])))
    else:
        messages.success(request, "评分规则已保存，下次检查起生效。")
    return redirect("monitoring:index")


@login_required
@require_POST
def columns_save(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request)
    site = get_object_or_404(Site, pk=pk)
    names, urls, kinds, levels, days = (request.POST.getlist(k) for k in ("name", "url", "kind", "level", "update_days"))
    cols = [{"name": n, "url": u, "kind": k, "level": lv, "update_days": d} for n, u, k, lv, d in zip(names, urls, kinds, levels, days, strict=False)
            if n.strip() and u.strip()]
    try:
        services.save_columns(request.user, site, cols)
    except (ValidationError, ValueError) as e:
        messages.error(request, "；".join(getattr(e, "messages", [str(e)])))
    else:
        messages.success(request, f"已保存 {len(cols)} 个栏目。")
    return redirect("monitoring:site", site.pk)


@login_required
@require_POST
def columns_discover(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the columns the latest run found in the home page's navigation (staff then correct them)."""
    from .checks import discover_columns
    from .models import Link

    _manage(request)
    site = get_object_or_404(Site, pk=pk)
    run = site.runs.exclude(pages=None).order_by("-pk").first()
    if run is None:
        messages.error(request, "请先检查一次，再从首页导航发现栏目。")
        return redirect("monitoring:site", site.pk)
    cols = discover_columns(run.start_url, list(Link.objects.filter(run=run, in_nav=True)))
    services.save_columns(request.user, site, [{"name": c.name, "url": c.url, "kind": c.kind, "level": c.level,
                                                "update_days": c.update_days, "confirmed": False} for c in cols])
    messages.success(request, f"从首页导航发现 {len(cols)} 个栏目，请核对类型和更新周期。")
    return redirect("monitoring:site", site.pk)


def _may_see_run(user: Any, run: Run) -> bool:
    """The county office sees every run; a unit the runs of its own site (a one-off inspection has none)."""
    return permissions.has(user, "monitoring.manage") or (
        run.site is not None and permissions.has(user, "monitoring.rectify", run.site.organization))


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = web.object_for(request, Run.objects.select_related("site__organization"), pk, _may_see_run,
                         missing="没有找到该检查，或您无权查看。")
    fmt = request.GET.get("format")
    if fmt in ("docx", "xlsx"):
        data = report.to_docx(run) if fmt == "docx" else report.to_xlsx(run)
        return web.download(data, f"网站检查报告-{run.pk}.{fmt}")
    interrupted = run.state != RunState.DONE and task_interrupted(run.task_id)  # its worker was lost; the task is requeued
    return render(request, "monitoring/run.html", {"run": run, "rows": report.rows(run), "heading": report.heading(run),
                                                    "columns": report.COLUMNS, "interrupted": interrupted})


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    scope = permissions.scope_ids(request.user, "monitoring.rectify")
    qs = Finding.objects.assigned().unresolved().select_related("site", "run")
    if scope is not None:
        qs = qs.filter(site__organization_id__in=scope)
    # everyone listed may rectify (the list is their scope): the state decides which rows offer the form
    return render(request, "monitoring/tasks.html", {"findings": qs.order_by("due_on", "pk")[:500],
                                                     "fixable": workflow.FINDING.transitions["fix"].sources})


@login_required
@require_POST
def mark_fixed(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(Finding, pk=pk)
    try:
        services.mark_fixed(request.user, finding, request.POST.get("note", ""))
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    except PermissionDenied as e:
        messages.error(request, str(e))
    else:
        messages.success(request, "已标记整改，下次检查时复核。")
    return redirect("monitoring:tasks")


@login_required
@require_http_methods(["GET", "POST"])
def accounts(request: HttpRequest) -> HttpResponse:
    _manage(request)
    if request.method == "POST":
        org = Organization.objects.filter(pk=bounds.object_id(request.POST.get("organization"))).first()
        try:
            latest = dt.date.fromisoformat(request.POST["latest_post_on"]) if request.POST.get("latest_post_on") else None
            if org is None:
                raise ValidationError("请选择运营单位。")
            services.save_account(request.user, platform=request.POST.get("platform", ""), name=request.POST.get("name", ""),
                                  account_id=request.POST.get("account_id", ""), organization=org,
                                  person_in_charge=request.POST.get("person_in_charge", ""), purpose=request.POST.get("purpose", ""),
                                  status=request.POST.get("status", ""), closing_notice=request.POST.get("closing_notice", ""),
                                  latest_post_on=latest, feed_url=request.POST.get("feed_url", "").strip(),
                                  has_interaction=request.POST.get("has_interaction", "1") == "1")
        except ValueError:
            messages.error(request, "最近发布日期格式不正确，应为 2025-01-31 这样的格式。")
        except ValidationError as e:
            for m in e.messages:
                messages.error(request, m)
        else:
            messages.success(request, "已保存备案。")
            return redirect("monitoring:accounts")
    return render(request, "monitoring/accounts.html", {"accounts": Account.objects.select_related("organization"),
                                                         "orgs": Organization.objects.filter(is_active=True), "statuses": AccountStatus.choices,
                                                         "post": request.POST})
