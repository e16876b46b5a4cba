"""Every change to the work points: import, units, schedule, progress reports and their review, closing
(闭环), supervision (督办), reminders, the indicator system and scores, good cases. Each function is one
audited transaction (``zwgk.core.audit``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from zwgk.core import audit, permissions, uploads
from zwgk.core.models import Organization, User
from zwgk.notifications import selectors as recipients
from zwgk.notifications.models import Notification
from zwgk.notifications.services import notify

from . import indicators, parsing, reading, selectors, workflow
from .matching import Matcher
from .models import (
    CaseState,
    GoodCase,
    Indicator,
    Milestone,
    Period,
    Plan,
    ProgressReport,
    ReportFile,
    ReportState,
    Score,
    Supervision,
    Task,
    TaskState,
    TaskUnit,
    UnitAlias,
    UnmatchedUnit,
)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
MAX_FILES = 10


# --- import ------------------------------------------------------------------------------------

@audit.service("workplan.plan.import", "导入工作要点")
def import_plan(actor: User | None, data: bytes, filename: str, year: int, title: str = "") -> Plan:
    """Turn a work-points document into a plan: every numbered point a task with its units. Names the
    tree does not know are kept on the task for a person to resolve; nothing is dropped."""
    permissions.require(actor, "workplan.manage")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationError(f"文件超过 {MAX_DOCUMENT_BYTES // 1024 // 1024} MB。")
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": "年度应为四位年份。"})
    if Plan.objects.select_for_update().filter(year=year).exists():
        raise ValidationError({"year": f"{year} 年的工作要点已经导入；如需重新导入，请先删除原计划。"})
    try:
        text = parsing.read_text(data, filename)
        points = parsing.parse(text, year)
    except parsing.ParseError as e:
        raise ValidationError(str(e)) from None
    matcher = Matcher(aliases=reading.aliases())
    try:
        with transaction.atomic():  # two people importing the same year at once: the second is told, not a 500
            plan = Plan.objects.create(year=year, title=title or f"{year}年政务公开工作要点", source_name=filename[:200],
                                       source_text=text, imported_by=actor if actor and actor.pk else None)
    except IntegrityError:
        raise ValidationError({"year": f"{year} 年的工作要点已经导入。"}) from None
    position = 0
    unmatched_total = 0
    default_due = dt.date(year, 12, 31)

    def create(p: parsing.Point, parent: Task | None) -> None:
        nonlocal position, unmatched_total
        position += 1
        units = matcher.point_units(p)
        task = Task.objects.create(
            plan=plan, parent=parent, number=p.number, level=p.level, position=position, title=p.title[:300], text=p.text,
            lead=units.lead, due_on=p.due or (parent.due_on if parent else default_due),
        )
        TaskUnit.objects.bulk_create([TaskUnit(task=task, organization=o) for o in units.units])
        for name, lead_slot in units.unmatched:
            UnmatchedUnit.objects.create(task=task, name=name[:100], lead_slot=lead_slot)
            unmatched_total += 1
        for c in p.children:
            create(c, task)

    for p in points:
        create(p, None)
    audit.record(actor, plan, summary=f"导入 {plan.title}：任务 {position} 项，待确认单位 {unmatched_total} 个",
                 changes={"tasks": position, "unmatched": unmatched_total, "file": filename})
    return plan


@audit.service("workplan.plan.delete", "删除工作要点")
def delete_plan(actor: User, plan: Plan) -> None:
    permissions.require(actor, "workplan.manage")
    if ProgressReport.objects.filter(task__plan=plan).exists() or Supervision.objects.filter(task__plan=plan).exists():
        raise ValidationError("已有单位报送进展或已督办的工作要点不能删除。")
    audit.record(actor, plan, summary=f"删除 {plan.title}")
    Period.objects.filter(plan=plan).update(plan=None)
    plan.delete()


@audit.service("workplan.unit.resolve", "确认责任单位")
def resolve_unmatched(actor: User, item: UnmatchedUnit, organizations: list[Organization], remember: bool = True,
                      note: str = "") -> int:
    """Say which units a name stands for (none: a unit outside the tree, with a note). Every open item with
    the same name in the plan is resolved alike; with ``remember`` the name is kept for later imports."""
    permissions.require(actor, "workplan.manage")
    item = UnmatchedUnit.objects.select_for_update().select_related("task__plan").get(pk=item.pk)
    if item.resolved_at is not None:
        raise ValidationError("该单位已经确认过了。")
    if not organizations and not note.strip():
        raise ValidationError("请选择对应的单位，或说明不属于本县机构的理由。")
    same = UnmatchedUnit.objects.select_for_update().filter(task__plan=item.task.plan, name=item.name, resolved_at=None)
    n = 0
    names = "、".join(o.short_name or o.name for o in organizations) or f"不对应本县机构：{note.strip()}"
    for u in same.select_related("task"):
        task = u.task
        rest = list(organizations)
        if u.lead_slot and task.lead_id is None and len(organizations) == 1:
            task.lead = organizations[0]
            task.save(update_fields=["lead"])
            rest = []
        for o in rest:
            if o.pk != task.lead_id:
                TaskUnit.objects.get_or_create(task=task, organization=o)
        u.resolved_at, u.resolved_by, u.resolution = timezone.now(), actor, names[:300]
        u.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        n += 1
    if remember and organizations:
        alias, _ = UnitAlias.objects.get_or_create(name=item.name)
        alias.organizations.set(organizations)
    audit.record(actor, item.task.plan, summary=f"“{item.name}” → {names}（{n} 项任务）")
    return n


@audit.service("workplan.task.units", "调整任务责任单位")
def set_units(actor: User, task: Task, lead: Organization | None, units: list[Organization]) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    workflow.TASK.check("units", task, actor)
    if lead is None:
        raise ValidationError({"lead": "请选择牵头单位。"})
    before = (task.lead_id, sorted(task.unit_links.values_list("organization_id", flat=True)))
    task.lead = lead
    task.save(update_fields=["lead"])
    TaskUnit.objects.filter(task=task).delete()
    TaskUnit.objects.bulk_create([TaskUnit(task=task, organization=o) for o in dict.fromkeys(units) if o.pk != lead.pk])
    audit.record(actor, task, summary=f"牵头单位 {lead.short_name or lead.name}，责任单位 {len(units)} 个",
                 changes={"before": before})
    return task


@audit.service("workplan.task.schedule", "设定任务时限和节点")
def set_schedule(actor: User, task: Task, due_on: dt.date, milestones: list[tuple[str, dt.date]]) -> Task:
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    workflow.TASK.check("schedule", task, actor)
    if not isinstance(due_on, dt.date):
        raise ValidationError({"due_on": "请填写有效的完成时限。"})
    for title, day in milestones:
        if not title.strip():
            raise ValidationError({"milestones": "每个节点都要写明内容。"})
        if day > due_on:
            raise ValidationError({"milestones": f"节点“{title}”的时限晚于任务完成时限。"})
    old = task.due_on
    task.due_on = due_on
    task.save(update_fields=["due_on"])
    kept = {m.title: m for m in task.milestones.all()}
    Milestone.objects.filter(task=task).exclude(title__in=[t for t, _ in milestones]).delete()
    for title, day in milestones:
        m = kept.get(title.strip())
        if m is None:
            Milestone.objects.create(task=task, title=title.strip()[:200], due_on=day)
        elif m.due_on != day:
            m.due_on = day
            m.save(update_fields=["due_on"])
    audit.record(actor, task, summary=f"完成时限 {old} → {due_on}，节点 {len(milestones)} 个")
    return task


@audit.service("workplan.milestone.done", "节点完成")
def complete_milestone(actor: User, milestone: Milestone, done_on: dt.date) -> Milestone:
    task = milestone.task
    if not (permissions.has(actor, "workplan.manage") or (selectors.is_responsible(actor, task) and task.lead_id == actor.organization_id)):
        raise PermissionDenied("只有牵头单位或公开办可以确认节点完成。")
    if done_on > timezone.localdate():
        raise ValidationError("完成日期不能晚于今天。")
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    audit.record(actor, task, summary=f"节点“{milestone.title}”{done_on} 完成")
    return milestone


# --- progress, review, closing -------------------------------------------------------------------

def _check_file(up: File) -> str:
    """The kind of an evidence file, judged by its first bytes (its size was checked before anything was read)."""
    from zwgk.screening import extract

    kind = extract.sniff_file(up) or ""
    if kind not in ("pdf", "docx", "xlsx", "ofd", "png", "jpeg"):
        raise ValidationError({"files": f"“{up.name}”不是 PDF、Word、Excel、OFD 或图片文件（按文件内容判断）。"})
    return kind


def _sha256(up: File) -> str:
    digest = hashlib.sha256()
    for chunk in up.chunks():
        digest.update(chunk)
    up.seek(0)
    return digest.hexdigest()


@audit.service("workplan.report.submit", "报送任务进展")
def submit_report(actor: User, task: Task, text: str, files: list[File] | None = None,
                  evidence: list[dict[str, Any]] | None = None) -> ProgressReport:
    """A unit's progress on its task, with evidence files (uploads, or ``ContentFile(data, name=…)``): their count
    and sizes are checked from the uploads before any is read, their kind from their first bytes, and each is
    streamed to storage."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    workflow.TASK.check("report", task, actor)
    org = actor.organization
    text = (text or "").strip()
    if len(text) < 10:
        raise ValidationError({"text": "请写明工作进展（不少于 10 个字）。"})
    files = files or []
    uploads.check_files(files, MAX_FILES, MAX_EVIDENCE_BYTES)
    kinds = [_check_file(f) for f in files]
    since = timezone.now() - dt.timedelta(minutes=10)
    if ProgressReport.objects.filter(task=task, organization=org, text=text, submitted_at__gte=since).exists():
        raise ValidationError("同样的进展刚刚报送过，请勿重复提交。")
    report = ProgressReport.objects.create(task=task, organization=org, author=actor, text=text[:10000],
                                           submitted_at=timezone.now(), evidence=evidence or [])
    for up, kind in zip(files, kinds, strict=True):
        digest = _sha256(up)
        rf = ReportFile(report=report, name=(up.name or "")[:200], kind=kind, size=up.size, sha256=digest)
        rf.file.save(digest, up, save=False)
        rf.save()
    audit.record(actor, report, summary=f"{task}：{org.short_name or org.name} 报送进展，附件 {len(files)} 个，佐证 {len(evidence or [])} 项")
    return report


@audit.service("workplan.report.review", "审核任务进展")
def review_report(actor: User, report: ProgressReport, accept: bool, note: str = "") -> ProgressReport:
    permissions.require(actor, "workplan.manage")
    report = ProgressReport.objects.select_for_update().select_related("task").get(pk=report.pk)
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(f"该报送已{report.get_state_display()}，不能重复审核。")
    if not accept and not (note or "").strip():
        raise ValidationError({"note": "退回时请写明理由。"})
    report.state = ReportState.ACCEPTED if accept else ReportState.RETURNED
    report.reviewed_at, report.reviewed_by, report.review_note = timezone.now(), actor, (note or "").strip()
    report.save(update_fields=["state", "reviewed_at", "reviewed_by", "review_note"])
    audit.record(actor, report, summary=f"{report.task}：{'采纳' if accept else '退回'}进展报送" + (f"（{note.strip()}）" if note.strip() else ""))
    return report


@audit.service("workplan.task.close", "任务办结（闭环）")
def close_task(actor: User, task: Task, note: str) -> Task:
    """Only the county office closes a task, and only on an accepted report from its lead (or a unit when
    it has no lead) with every supervision answered and every sub-task closed. A point that only groups
    sub-points (no units of its own) closes when they all have."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    workflow.TASK.check("close", task, actor)
    if not (note or "").strip():
        raise ValidationError({"note": "请写明办结意见。"})
    accepted = task.reports.filter(state=ReportState.ACCEPTED)
    if task.lead_id:
        accepted = accepted.filter(organization_id=task.lead_id)
    grouping = task.lead_id is None and not task.unit_links.exists() and task.children.exists()
    if not grouping and not accepted.exists():
        raise ValidationError("牵头单位还没有被采纳的进展报送，不能办结。" if task.lead_id else "还没有被采纳的进展报送，不能办结。")
    if task.supervisions.filter(answered_at=None).exists():
        raise ValidationError("还有未反馈的督办，不能办结。")
    if task.children.open().exists():
        raise ValidationError("下级任务尚未全部办结。")
    task.state, task.closed_at, task.closed_by, task.closing_note = TaskState.CLOSED, timezone.now(), actor, note.strip()
    task.save(update_fields=["state", "closed_at", "closed_by", "closing_note"])
    audit.record(actor, task, summary=f"{task} 办结：{note.strip()[:100]}")
    return task


@audit.service("workplan.task.reopen", "任务重新打开")
def reopen_task(actor: User, task: Task, reason: str) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    workflow.TASK.check("reopen", task, actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明重新打开的理由。"})
    task.state, task.closed_at, task.closed_by = TaskState.OPEN, None, None
    task.save(update_fields=["state", "closed_at", "closed_by"])
    audit.record(actor, task, summary=f"{task} 重新打开：{reason.strip()[:100]}")
    return task


# --- supervision (督办) and reminders -----------------------------------------------------------

@audit.service("workplan.supervision.issue", "发出督办")
def issue_supervision(actor: User, task: Task, organization: Organization, notice: str, answer_by: dt.date | None = None) -> Supervision:
    from zwgk.core import workdays

    task = Task.objects.select_for_update().get(pk=task.pk)
    workflow.TASK.check("supervise", task, actor)
    if organization.pk not in selectors.responsible_ids(task):
        raise ValidationError({"organization": "只能督办该任务的牵头单位或责任单位。"})
    if not (notice or "").strip():
        raise ValidationError({"notice": "请写明督办事项。"})
    today = timezone.localdate()
    if answer_by is None:
        try:
            answer_by = workdays.add_workdays(today, indicators.SUPERVISION_ANSWER_DAYS)
        except workdays.UnknownCalendarYear as e:
            raise ValidationError(f"{e}请填写反馈时限。") from None
    if answer_by <= today:
        raise ValidationError({"answer_by": "反馈时限应晚于今天。"})
    if Supervision.objects.filter(task=task, organization=organization, answered_at=None).exists():
        raise ValidationError("该单位对本任务还有未反馈的督办。")
    sup = Supervision.objects.create(task=task, organization=organization, notice=notice.strip(), issued_at=timezone.now(),
                                     issued_by=actor, answer_by=answer_by)
    audit.record(actor, sup, summary=f"督办 {organization.short_name or organization.name}：{task}，{answer_by} 前反馈")
    notify(recipients.unit_staff("workplan.report", [organization.pk]), SUPERVISION, f"督办：{task}",
           f"{sup.notice}\n请于 {answer_by:%Y-%m-%d} 前反馈落实情况。", ref=("task", task.pk), dedup=f"supervision:{sup.pk}")
    return sup


@audit.service("workplan.supervision.answer", "反馈督办")
def answer_supervision(actor: User, supervision: Supervision, answer: str) -> Supervision:
    sup = Supervision.objects.select_for_update().select_related("task", "organization").get(pk=supervision.pk)
    if actor.organization_id != sup.organization_id:
        raise PermissionDenied("只有被督办单位可以反馈。")
    permissions.require(actor, "workplan.report", sup.organization)
    if sup.answered_at is not None:
        raise ValidationError("该督办已经反馈过了。")
    if len((answer or "").strip()) < 10:
        raise ValidationError({"answer": "请写明落实情况（不少于 10 个字）。"})
    sup.answer, sup.answered_at, sup.answered_by = answer.strip(), timezone.now(), actor
    sup.save(update_fields=["answer", "answered_at", "answered_by"])
    audit.record(actor, sup, summary=f"{sup.organization.short_name or sup.organization.name} 反馈督办：{sup.task}")
    return sup


SUPERVISION = "workplan.supervision"
TASK_REMINDER = "workplan.task"


@audit.service("workplan.remind", "发送任务提醒")
def send_reminders(today: dt.date | None = None) -> list[Notification]:
    """Once a day per task, person and kind: overdue and silent tasks to their units' staff, unanswered supervision
    past its date to the supervised unit's staff (notifications: in the app, by e-mail as each person chose)."""
    today = today or timezone.localdate()
    made: list[Notification] = []
    for task in selectors.task_queryset().open():
        st = selectors.status(task, today)
        if st.code in ("overdue", "silent"):
            made += notify(recipients.unit_staff("workplan.report", selectors.responsible_ids(task)), TASK_REMINDER,
                           f"{task}：{st.label}", "请及时推进并报送进展。", ref=("task", task.pk),
                           dedup=f"task:{task.pk}:{st.code}:{today:%Y-%m-%d}")
        for sup in task.supervisions.all():
            if sup.answered_at is None and sup.answer_by < today:
                made += notify(recipients.unit_staff("workplan.report", [sup.organization_id]), SUPERVISION,
                               f"督办超期：{task}", f"督办已超过反馈时限（{sup.answer_by:%Y-%m-%d}），请立即反馈。",
                               ref=("task", task.pk), dedup=f"supervision:{sup.pk}:late:{today:%Y-%m-%d}")
    if not made:
        audit.nothing_changed()
        return []
    audit.record(None, None, summary=f"任务提醒 {len(made)} 条")
    return made


# --- assessment (考核) ----------------------------------------------------------------------------

@audit.service("workplan.indicators.ensure", "建立考核指标体系")
def ensure_indicators() -> list[Indicator]:
    """The default indicator system on first use (the office adjusts it afterwards)."""
    if Indicator.objects.exists():
        audit.nothing_changed()
        return list(Indicator.objects.all())
    rows = [Indicator(code=c, group=g, name=n, weight=w, source=s, rule=r, basis=b, position=i)
            for i, (c, g, n, w, s, r, b) in enumerate(indicators.DEFAULT_INDICATORS, start=1)]
    Indicator.objects.bulk_create(rows)
    audit.record(None, None, summary=f"建立默认考核指标 {len(rows)} 项，共 {sum(r.weight for r in rows):g} 分")
    return list(Indicator.objects.all())


@audit.service("workplan.indicator.save", "修改考核指标")
def save_indicator(actor: User, indicator: Indicator | None, *, code: str, group: str, name: str, weight: float, source: str,
                   rule: str, basis: str = "", is_active: bool = True) -> Indicator:
    permissions.require(actor, "workplan.manage")
    if source != "manual" and source not in indicators.SOURCES:
        raise ValidationError({"source": "未知的评分方式。"})
    if not 0 < weight <= 100:
        raise ValidationError({"weight": "分值应大于 0、不超过 100。"})
    if not name.strip() or not code.strip():
        raise ValidationError({"name": "请填写指标名称和代码。"})
    if Indicator.objects.exclude(pk=getattr(indicator, "pk", None)).filter(code=code.strip()).exists():
        raise ValidationError({"code": "指标代码已存在。"})
    values = dict(code=code.strip(), group=group.strip(), name=name.strip(), weight=weight, source=source, rule=rule.strip(),
                  basis=basis.strip(), is_active=is_active)
    if indicator is None:
        indicator = Indicator.objects.create(position=Indicator.objects.count() + 1, **values)
        changes = {}
    else:
        changes = audit.diff(indicator, values)
        for k, v in values.items():
            setattr(indicator, k, v)
        indicator.save()
    audit.record(actor, indicator, summary=audit.summarize(Indicator, changes) if changes else f"新增指标 {indicator.name}", changes=changes)
    return indicator


@audit.service("workplan.period.create", "设立考核期")
def create_period(actor: User | None, name: str, start: dt.date, end: dt.date, plan: Plan | None = None) -> Period:
    permissions.require(actor, "workplan.manage")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end < start:
        raise ValidationError({"end": "考核期的结束日期不能早于开始日期。"})
    if not (name or "").strip():
        raise ValidationError({"name": "请填写考核期名称。"})
    if Period.objects.filter(name=name.strip()).exists():
        raise ValidationError({"name": "已有同名的考核期。"})
    period = Period.objects.create(name=name.strip(), start=start, end=end, plan=plan)
    audit.record(actor, period, summary=f"考核期 {period.name}：{start} 至 {end}")
    return period


@audit.service("workplan.scores.compute", "计算考核得分")
def compute_scores(actor: User | None, period: Period, organizations: list[Organization] | None = None) -> int:
    """Score every computed indicator for every assessed unit from the platform's records; manual indicators
    get an empty row to be scored by hand (kept when already scored)."""
    permissions.require(actor, "workplan.manage")
    ensure_indicators()
    orgs = organizations if organizations is not None else selectors.scored_organizations(period)
    active = list(Indicator.objects.filter(is_active=True))
    now = timezone.now()
    n = 0
    for org in orgs:
        for ind in active:
            if ind.source == "manual":
                Score.objects.get_or_create(period=period, organization=org, indicator=ind, defaults={"manual": True})
                continue
            _, func = indicators.SOURCES[ind.source]
            m = func(org, period.start, period.end)
            Score.objects.update_or_create(period=period, organization=org, indicator=ind, defaults={
                "points": m.points(ind.weight), "numerator": m.numerator, "denominator": m.denominator,
                "evidence": m.evidence, "explanation": m.explanation(), "manual": False, "reason": "",
                "scored_at": now, "scored_by": None})
            n += 1
    audit.record(actor, period, summary=f"{period.name}：计算 {len(orgs)} 个单位的自动指标得分 {n} 项")
    return n


@audit.service("workplan.score.manual", "人工评分")
def score_manually(actor: User, score: Score, points: float, reason: str) -> Score:
    permissions.require(actor, "workplan.manage")
    score = Score.objects.select_for_update().select_related("indicator", "organization").get(pk=score.pk)
    # A computed score may be overridden too (a record the platform cannot see); the reason is kept and shown,
    # and the next computation replaces it again.
    try:
        points = float(points)
    except (TypeError, ValueError):
        raise ValidationError({"points": "得分应为数字。"}) from None
    if not 0 <= points <= score.indicator.weight:
        raise ValidationError({"points": f"得分应在 0 到 {score.indicator.weight:g} 之间。"})
    if len((reason or "").strip()) < 4:
        raise ValidationError({"reason": "人工评分须写明理由。"})
    old = score.points
    score.points, score.reason, score.manual = round(points, 2), reason.strip(), True
    score.scored_at, score.scored_by = timezone.now(), actor
    score.explanation = "人工评分"
    score.save()
    audit.record(actor, score, summary=f"{score.organization.short_name or score.organization.name} · {score.indicator.name}："
                                       f"{old if old is not None else '未评'} → {score.points:g} 分（{reason.strip()[:80]}）")
    return score


# --- good cases (优秀案例) ----------------------------------------------------------------------------

@audit.service("workplan.case.submit", "报送优秀案例")
def submit_case(actor: User, title: str, summary: str, plan: Plan | None = None) -> GoodCase:
    org = actor.organization
    if org is None:
        raise PermissionDenied("没有所属单位的账号不能报送案例。")
    permissions.require(actor, "workplan.report", org)
    title, summary = (title or "").strip(), (summary or "").strip()
    if not title:
        raise ValidationError({"title": "请填写案例标题。"})
    if len(summary) < 50:
        raise ValidationError({"summary": "案例内容不少于 50 个字：做法、成效和可推广之处。"})
    if GoodCase.objects.filter(organization=org, title=title).exclude(state=CaseState.DECLINED).exists():
        raise ValidationError({"title": "本单位已报送过同名案例。"})
    case = GoodCase.objects.create(organization=org, plan=plan, title=title[:200], summary=summary, submitted_by=actor,
                                   submitted_at=timezone.now())
    audit.record(actor, case, summary=f"{org.short_name or org.name} 报送案例“{case.title}”")
    return case


@audit.service("workplan.case.decide", "遴选优秀案例")
def decide_case(actor: User, case: GoodCase, select: bool, note: str = "") -> GoodCase:
    """Selected cases go to the portal through the publishing review (先审后发): a draft of the county office, made
    here with the decision; the caller then sends it to review with ``publishing.services.submit``, a transaction of
    its own whose slow part (extraction and screening) runs before it opens, not inside this one. The case shows
    as published once the document is."""
    import html

    from zwgk.publishing import services as publishing

    permissions.require(actor, "workplan.manage")
    case = GoodCase.objects.select_for_update().select_related("organization").get(pk=case.pk)
    if case.state != CaseState.SUBMITTED:
        raise ValidationError(f"该案例{case.get_state_display()}，不能重复遴选。")
    if not select and not (note or "").strip():
        raise ValidationError({"note": "不入选时请写明意见。"})
    case.decided_by, case.decision_note = actor, (note or "").strip()
    if select:
        office = actor.organization
        if office is None:
            raise ValidationError("您的账号没有所属单位，无法起草发布稿件。")
        body = "".join(f"<p>{html.escape(p)}</p>" for p in case.summary.splitlines() if p.strip())
        doc = publishing.create_draft(
            actor, office, title=f"政务公开优秀案例：{case.title}", body_html=f"<p>报送单位：{html.escape(case.organization.name)}</p>{body}",
            written_date=timezone.localdate(), topic="综合政务\\政务公开", genre="其他", source=case.organization.name,
        )
        case.document_id, case.state = doc.pk, CaseState.SELECTED
    else:
        case.state = CaseState.DECLINED
    case.save(update_fields=["state", "decided_by", "decision_note", "document_id"])
    audit.record(actor, case, summary=f"案例“{case.title}”：{'入选，起草发布稿件' if select else '未入选'}")
    return case
