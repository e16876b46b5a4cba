"""Read side of the work points: what time decides (overdue, silent, on time), dashboards, rankings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from zwgk.core import permissions
from zwgk.core.models import Organization, User

from . import indicators
from .models import (
    Indicator,
    Period,
    Plan,
    ProgressReport,
    ReportState,
    Score,
    Supervision,
    Task,
    TaskUnit,
)

DUE_SOON_DAYS = 15


@dataclass
class TaskStatus:
    code: str  # closed, closed_late, overdue, due_soon, silent, on_track
    label: str
    days_left: int | None  # calendar days to the time limit (negative: overdue)
    last_report: dt.datetime | None
    open_supervisions: int

    @property
    def behind(self) -> bool:
        return self.code in ("overdue", "silent", "closed_late") or self.open_supervisions > 0


def status(task: Task, today: dt.date | None = None) -> TaskStatus:
    """Derived, never stored: overdue when open past its time limit; silent when open and no unit has reported
    for ``indicators.SILENT_AFTER_DAYS`` days (counted from the plan's import when nobody ever reported)."""
    today = today or timezone.localdate()
    reports = [r.submitted_at for r in task.reports.all()]
    last = max(reports) if reports else None
    open_sup = sum(1 for s in task.supervisions.all() if s.answered_at is None)
    days_left = (task.due_on - today).days
    if not task.is_open:
        closed_day = timezone.localdate(task.closed_at)
        late = closed_day > task.due_on
        return TaskStatus("closed_late" if late else "closed", "逾期办结" if late else "按期办结", None, last, open_sup)
    if days_left < 0:
        return TaskStatus("overdue", f"已逾期 {-days_left} 天", days_left, last, open_sup)
    since = timezone.localdate(last) if last else timezone.localdate(task.plan.imported_at)
    if (today - since).days >= indicators.SILENT_AFTER_DAYS:
        return TaskStatus("silent", f"{(today - since).days} 天未报送进展", days_left, last, open_sup)
    if days_left <= DUE_SOON_DAYS:
        return TaskStatus("due_soon", f"{days_left} 天后到期", days_left, last, open_sup)
    return TaskStatus("on_track", "正常推进", days_left, last, open_sup)


def task_queryset() -> QuerySet[Task]:
    return Task.objects.select_related("plan", "lead", "parent").prefetch_related(
        "reports", "supervisions", Prefetch("unit_links", queryset=TaskUnit.objects.select_related("organization")), "unmatched",
    )


def responsible_ids(task: Task) -> set[int]:
    ids = {link.organization_id for link in task.unit_links.all()}
    if task.lead_id:
        ids.add(task.lead_id)
    return ids


def is_responsible(user: User, task: Task) -> bool:
    return user.organization_id is not None and user.organization_id in responsible_ids(task)


def can_view(user: User, task: Task) -> bool:
    return permissions.has(user, "workplan.manage") or is_responsible(user, task)


def tasks_for(user: User, plan: Plan) -> list[Task]:
    qs = task_queryset().filter(plan=plan)
    if not permissions.has(user, "workplan.manage"):
        org = user.organization_id
        qs = qs.filter(Q(lead_id=org) | Q(unit_links__organization_id=org)).distinct()
    return list(qs)


def tasks_on_time(org: Organization, start: dt.date, end: dt.date) -> list[tuple[Task, bool, str]]:
    """Tasks ``org`` leads or shares whose time limit falls in the period: (task, closed by its limit, note).
    An open task whose limit has not come yet is not counted (it can still be done on time)."""
    today = timezone.localdate()
    tasks = (task_queryset().filter(due_on__gte=start, due_on__lte=end).settled(today)
             .filter(Q(lead=org) | Q(unit_links__organization=org)).distinct().order_by("plan__year", "position"))
    out = []
    for t in tasks:
        if not t.is_open:
            day = timezone.localdate(t.closed_at)
            ok = day <= t.due_on
            out.append((t, ok, f"时限 {t.due_on:%Y-%m-%d}，{day:%Y-%m-%d} 办结" + ("" if ok else "，逾期")))
        else:
            out.append((t, False, f"时限 {t.due_on:%Y-%m-%d}，未办结"))
    return out


def plan_progress(plan: Plan, today: dt.date | None = None) -> dict:
    """For the office's dashboard: every point with its status, the units behind, counts per status."""
    today = today or timezone.localdate()
    tasks = list(task_queryset().filter(plan=plan))
    rows, counts, behind = [], {}, {}
    for t in tasks:
        st = status(t, today)
        counts[st.code] = counts.get(st.code, 0) + 1
        accepted = sum(1 for r in t.reports.all() if r.state == ReportState.ACCEPTED)
        reported = {r.organization_id for r in t.reports.all()}
        silent_units = [o for o in units(t) if o.pk not in reported]
        if st.behind:
            flagged = {o.pk: o for o in ([t.lead] if t.lead else []) + silent_units}
            for o in flagged.values():
                behind.setdefault(o.pk, [o, []])[1].append(t)
        rows.append({"task": t, "status": st, "accepted": accepted, "units": units(t), "silent_units": silent_units,
                     "unmatched": [u for u in t.unmatched.all() if u.resolved_at is None]})
    closed = counts.get("closed", 0) + counts.get("closed_late", 0)
    return {
        "rows": rows, "counts": counts, "total": len(tasks), "closed": closed,
        "percent": round(100 * closed / len(tasks)) if tasks else 0,
        "behind": sorted(behind.values(), key=lambda v: (-len(v[1]), v[0].sort_order)),
    }


def units(task: Task) -> list[Organization]:
    out = [task.lead] if task.lead else []
    out += [link.organization for link in task.unit_links.all()]
    return out


def open_supervisions(org: Organization) -> QuerySet[Supervision]:
    return Supervision.objects.filter(organization=org, answered_at=None).select_related("task")


def supervisions_to_answer(user: User) -> QuerySet[Supervision]:
    """督办 notices to ``user``'s unit not answered yet, earliest answer date first."""
    if user.organization_id is None:
        return Supervision.objects.none()
    return (Supervision.objects.filter(organization_id=user.organization_id, answered_at=None)
            .select_related("task").order_by("answer_by", "pk"))


def tasks_due(user: User, today: dt.date | None = None) -> QuerySet[Task]:
    """Open tasks ``user``'s unit leads or shares whose time limit has passed or comes within ``DUE_SOON_DAYS``
    days, earliest limit first."""
    from django.db.models import Exists, OuterRef

    if user.organization_id is None:
        return Task.objects.none()
    today = today or timezone.localdate()
    org = user.organization_id
    shares = TaskUnit.objects.filter(task=OuterRef("pk"), organization_id=org)
    return (Task.objects.open().filter(due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
            .filter(Q(lead_id=org) | Exists(shares)).select_related("lead", "parent").order_by("due_on", "position"))


def overdue_tasks_by_organization(today: dt.date | None = None) -> dict[int, int]:
    """{organization id: open tasks past their time limit that it leads or shares}, county-wide."""
    from django.db.models import Count, F

    today = today or timezone.localdate()
    overdue = Task.objects.overdue(today)
    out = dict(overdue.exclude(lead=None).values("lead_id").annotate(n=Count("pk")).values_list("lead_id", "n"))
    shared = (TaskUnit.objects.filter(task__in=overdue).exclude(organization_id=F("task__lead_id"))
              .values("organization_id").annotate(n=Count("pk")).values_list("organization_id", "n"))
    for org, n in shared:
        out[org] = out.get(org, 0) + n
    return out


def pending_reports() -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(state=ReportState.SUBMITTED).select_related("task", "organization", "author")


def scored_organizations(period: Period) -> list[Organization]:
    """The units assessed in a period: every unit with a task in its plan, or every active unit without a plan."""
    if period.plan_id:
        ids = set(Task.objects.filter(plan=period.plan).exclude(lead=None).values_list("lead_id", flat=True))
        ids |= set(TaskUnit.objects.filter(task__plan=period.plan).values_list("organization_id", flat=True))
        return list(Organization.objects.filter(pk__in=ids, is_active=True))
    return list(Organization.objects.filter(is_active=True, parent__isnull=False))


RANKING_RULE = ("按折算得分排名：折算得分 = 实得分 ÷ 应得分 × 满分。应得分是本单位有应考核事项的指标分值之和"
                "（自动指标考核期内没有应考核事项的记为“无此项”，不计分，也不计入应得分；人工指标评分后计入）；"
                "得分相同的并列。考核期内没有任何应考核事项的单位列为“无应考核事项”，不参加排名。")


def ranking(period: Period) -> list[dict]:
    """Units by their score converted to the full scale (实得分 ÷ 应得分 × 满分, highest first; ties share a rank),
    each with its points per indicator. An indicator with nothing to assess for a unit (``Score.not_applicable``)
    and one still to be scored by hand count neither way. Units with nothing assessed come last, unranked
    (``rank`` and ``total`` None): 无应考核事项. ``RANKING_RULE`` says it in words for the pages."""
    active = list(Indicator.objects.filter(is_active=True))
    full = sum(i.weight for i in active)
    scores = Score.objects.filter(period=period, indicator__in=active).select_related("organization", "indicator")
    by_org: dict[int, dict] = {}
    for s in scores:
        row = by_org.setdefault(s.organization_id, {"organization": s.organization, "scores": {}, "earned": 0.0, "possible": 0.0,
                                                    "missing": 0, "not_applicable": 0})
        row["scores"][s.indicator_id] = s
        if s.not_applicable:
            row["not_applicable"] += 1
        elif s.points is None:
            row["missing"] += 1
        else:
            row["earned"] += s.points
            row["possible"] += s.indicator.weight
    for row in by_org.values():
        row["earned"], row["possible"] = round(row["earned"], 2), round(row["possible"], 2)
        row["total"] = round(row["earned"] / row["possible"] * full, 2) if row["possible"] else None
        row["cells"] = [row["scores"].get(ind.pk) for ind in active]
    ranked = sorted((r for r in by_org.values() if r["total"] is not None),
                    key=lambda r: (-r["total"], r["organization"].sort_order, r["organization"].pk))
    rank, previous = 0, None
    for i, row in enumerate(ranked, start=1):
        if row["total"] != previous:
            rank, previous = i, row["total"]
        row["rank"] = rank
    unranked = sorted((r for r in by_org.values() if r["total"] is None),
                      key=lambda r: (r["organization"].sort_order, r["organization"].pk))
    for row in unranked:
        row["rank"] = None
    return ranked + unranked


def ranked(rows: list[dict]) -> list[dict]:
    """The rows of :func:`ranking` that take part in it (the units with something assessed)."""
    return [r for r in rows if r["rank"] is not None]


def trend(org: Organization | None = None) -> list[tuple[str, float]]:
    """(period, total) in time order: the unit's total, or the county's average when org is None."""
    out = []
    for period in Period.objects.order_by("end"):
        rows = ranked(ranking(period))
        if org is not None:
            rows = [r for r in rows if r["organization"].pk == org.pk]
        if rows:
            out.append((period.name, round(sum(r["total"] for r in rows) / len(rows), 1)))
    return out
