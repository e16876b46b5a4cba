"""Back-office pages of the work points: dashboards (county office and unit), import, plan and task pages
with progress, review, closing and supervision, the assessment with its evidence and exports, good cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zwgk.core import bounds, permissions, web
from zwgk.core.models import Organization
from zwgk.core.uploads import accepts_uploads
from zwgk.notifications import selectors as notification_selectors

from . import charts, exports, indicators, reading, selectors, services, workflow
from .models import (
    GoodCase,
    Indicator,
    Milestone,
    Period,
    Plan,
    ProgressReport,
    ReportFile,
    Score,
    Supervision,
    Task,
    UnmatchedUnit,
)


def _can_manage(request: HttpRequest) -> bool:
    return permissions.has(request.user, "workplan.manage")


def _manage(request: HttpRequest) -> None:
    if not _can_manage(request):
        raise PermissionDenied("您没有管理工作要点的权限（公开办）。")


def _errors(request: HttpRequest, e: ValidationError) -> None:
    for m in e.messages:
        messages.error(request, m)


def acting(redirect_to: Callable[..., Any]):  # noqa: ANN201
    """POST views: run the service; a ValidationError becomes messages and changes nothing."""

    def decorate(view):  # noqa: ANN001, ANN202
        @login_required
        @require_POST
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                done = view(request, *args, **kwargs)
            except ValidationError as e:
                _errors(request, e)
                return redirect(*redirect_to(*args, **kwargs))
            if isinstance(done, HttpResponse):
                return done
            if done:
                messages.success(request, done)
            return redirect(*redirect_to(*args, **kwargs))

        return wrapper

    return decorate


def _date(value: str, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        raise ValidationError({label: f"{label}“{value}”不是有效日期，请写成 2024-12-31 这样的格式。"}) from None


def _plan(request: HttpRequest) -> Plan | None:
    year = bounds.year(request.GET.get("year"))
    plans = Plan.objects.all()
    if year is not None:
        return plans.filter(year=year).first()
    return plans.first()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not permissions.has(request.user, "workplan.view"):
        raise PermissionDenied("您没有查看工作任务的权限。")
    plan = _plan(request)
    plans = Plan.objects.all()
    today = timezone.localdate()
    ctx: dict[str, Any] = {"plan": plan, "plans": plans, "today": today, "can_manage": _can_manage(request)}
    period = Period.objects.filter(plan=plan).order_by("-end").first() if plan else None
    ctx["period"] = period
    ranking = selectors.ranking(period) if period else []  # once: the office's chart and the unit's own line
    full = sum(i.weight for i in Indicator.objects.filter(is_active=True))
    if ctx["can_manage"]:
        if plan:
            progress = selectors.plan_progress(plan, today)
            ctx["progress"] = progress
            ctx["progress_chart"] = charts.progress(progress["rows"])
        ctx["pending"] = selectors.pending_reports()[:50]
        ctx["open_sups"] = Supervision.objects.filter(answered_at=None).select_related("task", "organization")[:50]
        if period:
            ctx["ranking"] = ranking
            ctx["score_chart"] = charts.ranking(selectors.ranked(ranking)[:20], full, title=f"{period.name}前 20 名单位折算得分")
        if trend := selectors.trend():
            ctx["trend_chart"] = charts.trend(trend, full=full)
    org = request.user.organization
    if org is not None and plan:
        mine = [t for t in selectors.tasks_for(request.user, plan) if org.pk in selectors.responsible_ids(t)]
        ctx["my_tasks"] = [(t, selectors.status(t, today), t.lead_id == org.pk) for t in mine]
        ctx["my_sups"] = selectors.open_supervisions(org)
        ctx["reminders"] = notification_selectors.for_user(request.user, kind_keys=(services.SUPERVISION, services.TASK_REMINDER)).filter(
            created_at__gte=timezone.now() - dt.timedelta(days=7))[:20]
        if period:
            mine_rank = [r for r in ranking if r["organization"].pk == org.pk]
            ctx["my_score"] = mine_rank[0] if mine_rank else None
            if mine_trend := selectors.trend(org):
                ctx["my_trend"] = charts.trend(mine_trend, title="本单位历次考核总分", key="chart-my-trend", full=full)
    return render(request, "workplan/index.html", ctx)


@accepts_uploads(lambda: services.MAX_DOCUMENT_BYTES)
@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    _manage(request)
    ctx: dict[str, Any] = {"year": timezone.localdate().year}
    if request.method == "POST":
        up = request.FILES.get("file")
        year = request.POST.get("year", "")
        ctx["year"] = year
        try:
            if up is None:
                raise ValidationError("请选择工作要点文件（.txt 或 .docx）。")
            if up.size > services.MAX_DOCUMENT_BYTES:
                raise ValidationError("文件超过 10 MB。")
            if bounds.year(year) is None:
                raise ValidationError("请填写四位年度。")
            plan = services.import_plan(request.user, up.read(), up.name, bounds.year(year), request.POST.get("title", "").strip())
        except ValidationError as e:
            _errors(request, e)
            return render(request, "workplan/import.html", ctx, status=400)
        n_unmatched = UnmatchedUnit.objects.filter(task__plan=plan).count()
        messages.success(request, f"已导入 {plan.tasks.count()} 项任务" + (f"，有 {n_unmatched} 处单位需要确认" if n_unmatched else "") + "。")
        return redirect("workplan:plan", plan.pk)
    return render(request, "workplan/import.html", ctx)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request)
    plan = get_object_or_404(Plan, pk=pk)
    progress = selectors.plan_progress(plan)
    unmatched = UnmatchedUnit.objects.filter(task__plan=plan, resolved_at=None).select_related("task")
    return render(request, "workplan/plan.html", {
        "plan": plan, "progress": progress, "unmatched": unmatched,
        "resolved": UnmatchedUnit.objects.filter(task__plan=plan).exclude(resolved_at=None).select_related("task"),
        "orgs": Organization.objects.filter(is_active=True), "periods": plan.periods.all()})


@acting(lambda pk: ("workplan:plan", pk))
def resolve(request: HttpRequest, pk: int) -> str:
    _manage(request)
    item = get_object_or_404(UnmatchedUnit, pk=bounds.object_id(request.POST.get("item")), task__plan_id=pk)
    orgs = list(Organization.objects.filter(pk__in=bounds.object_ids(request.POST.getlist("organizations"))))
    n = services.resolve_unmatched(request.user, item, orgs, remember=bool(request.POST.get("remember")),
                                   note=request.POST.get("note", ""))
    return f"已确认“{item.name}”（{n} 项任务）。"


@acting(lambda pk: ("workplan:index",))
def plan_delete(request: HttpRequest, pk: int) -> str:
    _manage(request)
    plan = get_object_or_404(Plan, pk=pk)
    services.delete_plan(request.user, plan)
    return "已删除。"


def _task(request: HttpRequest, pk: int) -> Task:
    """A task the user may see (the county office, or a unit it is for); 404 alike for a missing one and another's."""
    return web.object_for(request, selectors.task_queryset(), pk, selectors.can_view, missing="没有找到这项任务，或您无权查看。")


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    user = request.user
    reports = task.reports.select_related("organization", "author", "reviewed_by").prefetch_related("files")
    return render(request, "workplan/task.html", {
        "task": task, "status": selectors.status(task), "units": selectors.units(task), "reports": reports,
        "supervisions": task.supervisions.select_related("organization", "issued_by", "answered_by"),
        "milestones": task.milestones.all(), "children": task.children.all(),
        "supervision_answer_days": indicators.SUPERVISION_ANSWER_DAYS,
        "unmatched": task.unmatched.all(), "can_manage": _can_manage(request),
        "actions": workflow.available_actions(task, user),
        "is_lead": task.lead_id is not None and task.lead_id == user.organization_id,
        "orgs": Organization.objects.filter(is_active=True), "unit_ids": {o.pk for o in selectors.units(task)},
        "milestone_rows": list(task.milestones.all()) + [None, None], "today": timezone.localdate().isoformat(),
    })


def _back(pk: int) -> tuple[str, int]:
    return ("workplan:task", pk)


@accepts_uploads(lambda: services.MAX_FILES * services.MAX_EVIDENCE_BYTES)
@acting(_back)
def report_submit(request: HttpRequest, pk: int) -> str:
    task = _task(request, pk)
    files = request.FILES.getlist("files")  # checked by count and size before the service reads any
    evidence = []
    for kind, ref in zip(request.POST.getlist("evidence_kind"), request.POST.getlist("evidence_ref"), strict=False):
        if ref.strip():
            evidence.append(reading.evidence_ref(kind, ref))
    services.submit_report(request.user, task, request.POST.get("text", ""), files, evidence)
    return "进展已报送，等待公开办审核。"


@acting(_back)
def report_review(request: HttpRequest, pk: int) -> str:
    _manage(request)
    report = get_object_or_404(ProgressReport, pk=bounds.object_id(request.POST.get("report")), task_id=pk)
    accept = request.POST.get("decision") == "accept"
    services.review_report(request.user, report, accept, request.POST.get("note", ""))
    return "已采纳。" if accept else "已退回。"


@acting(_back)
def task_close(request: HttpRequest, pk: int) -> str:
    _manage(request)
    task = _task(request, pk)
    if request.POST.get("reopen"):
        services.reopen_task(request.user, task, request.POST.get("note", ""))
        return "已重新打开。"
    services.close_task(request.user, task, request.POST.get("note", ""))
    return "任务已办结（闭环）。"


@acting(_back)
def task_supervise(request: HttpRequest, pk: int) -> str:
    _manage(request)
    task = _task(request, pk)
    org = Organization.objects.filter(pk=bounds.object_id(request.POST.get("organization"))).first()
    if org is None:
        raise ValidationError("请选择督办单位。")
    answer_by = _date(request.POST["answer_by"], "反馈时限") if request.POST.get("answer_by") else None
    services.issue_supervision(request.user, task, org, request.POST.get("notice", ""), answer_by)
    return f"已督办 {org.short_name}。"


@acting(_back)
def supervision_answer(request: HttpRequest, pk: int) -> str:
    task = _task(request, pk)
    sup = get_object_or_404(Supervision, pk=bounds.object_id(request.POST.get("supervision")), task=task)
    services.answer_supervision(request.user, sup, request.POST.get("answer", ""))
    return "已反馈。"


@acting(_back)
def task_schedule(request: HttpRequest, pk: int) -> str:
    _manage(request)
    task = _task(request, pk)
    due = _date(request.POST.get("due_on", ""), "完成时限")
    ms = []
    for title, day in zip(request.POST.getlist("m_title"), request.POST.getlist("m_due"), strict=False):
        if title.strip() or day.strip():
            ms.append((title.strip(), _date(day, "节点时限")))
    services.set_schedule(request.user, task, due, ms)
    return "时限和节点已保存。"


@acting(_back)
def task_units(request: HttpRequest, pk: int) -> str:
    _manage(request)
    task = _task(request, pk)
    lead = Organization.objects.filter(pk=bounds.object_id(request.POST.get("lead"))).first()
    units = list(Organization.objects.filter(pk__in=bounds.object_ids(request.POST.getlist("units"))))
    services.set_units(request.user, task, lead, units)
    return "责任单位已保存。"


@acting(_back)
def milestone_done(request: HttpRequest, pk: int) -> str:
    task = _task(request, pk)
    m = get_object_or_404(Milestone, pk=bounds.object_id(request.POST.get("milestone")), task=task)
    services.complete_milestone(request.user, m, _date(request.POST.get("done_on", ""), "完成日期"))
    return "节点已完成。"


@login_required
def report_file(request: HttpRequest, pk: int) -> HttpResponse:
    rf = get_object_or_404(ReportFile.objects.select_related("report__task"), pk=pk)
    task = _task(request, rf.report.task_id)
    del task
    return FileResponse(rf.file.open("rb"), as_attachment=True, filename=rf.name)


# --- assessment ----------------------------------------------------------------------------------

@login_required
def assessment(request: HttpRequest) -> HttpResponse:
    _manage(request)
    services.ensure_indicators()
    total = sum(i.weight for i in Indicator.objects.filter(is_active=True))
    latest = Period.objects.order_by("-end").first()
    ranking = selectors.ranking(latest) if latest else []
    return render(request, "workplan/assessment.html", {
        "periods": Period.objects.select_related("plan"), "plans": Plan.objects.all(),
        "indicators": Indicator.objects.all(), "sources": [("manual", "人工评分")] + [(k, v[0]) for k, v in indicators.SOURCES.items()],
        "total": total, "year": timezone.localdate().year, "latest": latest, "rule": selectors.RANKING_RULE,
        "ranking_chart": charts.ranking(selectors.ranked(ranking), total, title=f"{latest.name}各单位折算得分") if ranking else None,
        "trend_chart": charts.trend(selectors.trend(), full=total)})


@acting(lambda: ("workplan:assessment",))
def period_new(request: HttpRequest) -> str:
    _manage(request)
    plan = Plan.objects.filter(pk=bounds.object_id(request.POST.get("plan"))).first()
    services.create_period(request.user, request.POST.get("name", ""), _date(request.POST.get("start", ""), "开始日期"),
                           _date(request.POST.get("end", ""), "结束日期"), plan)
    return "考核期已设立。"


@acting(lambda: ("workplan:assessment",))
def indicator_save(request: HttpRequest) -> str:
    _manage(request)
    ind = Indicator.objects.filter(pk=bounds.object_id(request.POST.get("indicator"))).first()
    try:
        weight = float(request.POST.get("weight", ""))
    except ValueError:
        raise ValidationError("分值应为数字。") from None
    services.save_indicator(
        request.user, ind, code=request.POST.get("code", ind.code if ind else ""), group=request.POST.get("group", ""),
        name=request.POST.get("name", ""), weight=weight, source=request.POST.get("source", "manual"),
        rule=request.POST.get("rule", ""), basis=request.POST.get("basis", ""), is_active=bool(request.POST.get("is_active")))
    return "指标已保存。"


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request)
    period = get_object_or_404(Period, pk=pk)
    active = list(Indicator.objects.filter(is_active=True))
    ranking = selectors.ranking(period)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return web.download(exports.scores_xlsx(period), f"{period.name}-考核.xlsx")
    if fmt == "docx":
        return web.download(exports.scores_docx(period), f"{period.name}-考核.docx")
    full = sum(i.weight for i in active)
    return render(request, "workplan/period.html", {
        "period": period, "indicators": active, "ranking": ranking, "full": full, "rule": selectors.RANKING_RULE,
        "chart": charts.ranking(selectors.ranked(ranking), full, title=f"{period.name}各单位折算得分")})


@acting(lambda pk: ("workplan:period", pk))
def period_compute(request: HttpRequest, pk: int) -> str:
    _manage(request)
    period = get_object_or_404(Period, pk=pk)
    n = services.compute_scores(request.user, period)
    return f"已计算 {n} 项自动指标得分。"


@login_required
def score_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request)
    score = get_object_or_404(Score.objects.select_related("indicator", "organization", "period", "scored_by"), pk=pk)
    if request.method == "POST":
        try:
            services.score_manually(request.user, score, request.POST.get("points", ""), request.POST.get("reason", ""))
        except ValidationError as e:
            _errors(request, e)
        else:
            messages.success(request, "评分已保存。")
        return redirect("workplan:score", score.pk)
    return render(request, "workplan/score.html", {"score": score})


# --- cases and the leaders' report -----------------------------------------------------------------

@login_required
def cases(request: HttpRequest) -> HttpResponse:
    if not permissions.has(request.user, "workplan.view"):
        raise PermissionDenied("您没有查看优秀案例的权限。")
    if request.method == "POST":
        try:
            plan = Plan.objects.filter(pk=bounds.object_id(request.POST.get("plan"))).first()
            services.submit_case(request.user, request.POST.get("title", ""), request.POST.get("summary", ""), plan)
        except ValidationError as e:
            _errors(request, e)
        else:
            messages.success(request, "案例已报送。")
        return redirect("workplan:cases")
    qs = GoodCase.objects.select_related("organization", "plan")
    if not _can_manage(request):
        qs = qs.filter(organization=request.user.organization)
    from zwgk.publishing import selectors as pub

    rows = [(c, pub.document_status(c.document_id) if c.document_id else None) for c in qs]
    return render(request, "workplan/cases.html", {"rows": rows, "can_manage": _can_manage(request), "plans": Plan.objects.all(),
                                                   "can_submit": permissions.has(request.user, "workplan.report")})


@acting(lambda: ("workplan:cases",))
def case_decide(request: HttpRequest) -> str:
    _manage(request)
    case = get_object_or_404(GoodCase, pk=bounds.object_id(request.POST.get("case")))
    select = request.POST.get("decision") == "select"
    case = services.decide_case(request.user, case, select, request.POST.get("note", ""))
    if not select:
        return "已标记为未入选。"
    from zwgk.publishing import selectors as pub
    from zwgk.publishing import services as publishing

    publishing.submit(request.user, pub.document(case.document_id))  # screened before its own transaction opens
    return "已入选并送审发布。"


@login_required
def leaders_report(request: HttpRequest, pk: int) -> HttpResponse:
    _manage(request)
    plan = get_object_or_404(Plan, pk=pk)
    return web.download(exports.leaders_report(plan), f"{plan.year}年政务公开工作汇报.docx")



