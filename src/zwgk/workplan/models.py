"""Annual work points (工作要点) as tasks, their progress and supervision, the assessment (考核) and good cases.

What people recorded lives here; what time decides (overdue, silent, on time) is derived in ``selectors``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse

from zwgk.core.models import GuardedModel, GuardedQuerySet, Organization


class Plan(GuardedModel):
    year = models.PositiveIntegerField("年度", unique=True)
    title = models.CharField("标题", max_length=200)
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    source_text = models.TextField("原文", blank=True)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="导入人")

    class Meta:
        verbose_name = "工作要点"
        verbose_name_plural = "工作要点"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class TaskState(models.TextChoices):
    OPEN = "open", "推进中"
    CLOSED = "closed", "已办结"


class TaskQuerySet(GuardedQuerySet):
    def open(self) -> TaskQuerySet:
        return self.filter(state=TaskState.OPEN)

    def closed(self) -> TaskQuerySet:
        return self.filter(state=TaskState.CLOSED)

    def overdue(self, today: dt.date) -> TaskQuerySet:
        """Open past their time limit."""
        return self.open().filter(due_on__lt=today)

    def settled(self, today: dt.date) -> TaskQuerySet:
        """Whose being on time is decided: closed, or open past their time limit."""
        return self.closed() | self.overdue(today)


class Task(GuardedModel):
    objects = TaskQuerySet.as_manager()

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="tasks", verbose_name="工作要点")
    parent = models.ForeignKey("self", models.CASCADE, null=True, blank=True, related_name="children", verbose_name="上级任务")
    number = models.CharField("序号", max_length=10)
    level = models.PositiveSmallIntegerField("层级", default=1)
    position = models.PositiveIntegerField("顺序")
    title = models.CharField("任务", max_length=300)
    text = models.TextField("内容", blank=True)
    lead = models.ForeignKey(Organization, models.PROTECT, null=True, blank=True, related_name="led_tasks", verbose_name="牵头单位")
    due_on = models.DateField("完成时限")
    state = models.CharField("状态", max_length=10, choices=TaskState.choices, default=TaskState.OPEN)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="办结人")
    closing_note = models.TextField("办结意见", blank=True)

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务"
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="workplan_task_position")]

    def __str__(self) -> str:
        return f"{self.number}、{self.title}" if self.level == 1 else f"{self.number}{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("workplan:task", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == TaskState.OPEN

    @property
    def path_number(self) -> str:
        return self.number if self.parent is None else self.parent.path_number + self.number


class TaskUnit(GuardedModel):
    """A co-responsible unit (责任单位); the lead is on the task."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="unit_links", verbose_name="任务")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name="责任单位")

    class Meta:
        verbose_name = "责任单位"
        verbose_name_plural = "责任单位"
        constraints = [models.UniqueConstraint(fields=["task", "organization"], name="workplan_taskunit_unique")]

    def __str__(self) -> str:
        return str(self.organization)


class UnmatchedUnit(GuardedModel):
    """A unit named in the document that the tree does not know: kept until a person resolves it."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="unmatched", verbose_name="任务")
    name = models.CharField("文件中的名称", max_length=100)
    lead_slot = models.BooleanField("处于牵头单位位置", default=False)
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="处理人")
    resolution = models.CharField("处理结果", max_length=300, blank=True)

    class Meta:
        verbose_name = "待确认单位"
        verbose_name_plural = "待确认单位"
        ordering = ["task__position", "pk"]

    def __str__(self) -> str:
        return self.name


class UnitAlias(GuardedModel):
    """A name seen in work-points documents and the organizations it stands for (kept from resolutions)."""

    name = models.CharField("名称", max_length=100, unique=True)
    organizations = models.ManyToManyField(Organization, related_name="+", verbose_name="对应单位")

    class Meta:
        verbose_name = "单位别名"
        verbose_name_plural = "单位别名"

    def __str__(self) -> str:
        return self.name


class Milestone(GuardedModel):
    task = models.ForeignKey(Task, models.CASCADE, related_name="milestones", verbose_name="任务")
    title = models.CharField("节点", max_length=200)
    due_on = models.DateField("节点时限")
    done_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "节点"
        verbose_name_plural = "节点"
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", "待审核"
    ACCEPTED = "accepted", "已采纳"
    RETURNED = "returned", "已退回"


class ProgressReport(GuardedModel):
    task = models.ForeignKey(Task, models.CASCADE, related_name="reports", verbose_name="任务")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name="报送单位")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="报送人")
    text = models.TextField("进展情况")
    submitted_at = models.DateTimeField("报送时间")
    # [{"kind": "document", "id": "12", "title": "…"}, …]: records of the platform as references (zwgk.core.references)
    evidence = models.JSONField("佐证材料", default=list, blank=True)
    state = models.CharField("状态", max_length=10, choices=ReportState.choices, default=ReportState.SUBMITTED)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="审核人")
    review_note = models.TextField("审核意见", blank=True)

    class Meta:
        verbose_name = "进展报送"
        verbose_name_plural = "进展报送"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organization}的进展报送" + (f"（{self.submitted_at:%Y-%m-%d}）" if self.submitted_at else "")

    @property
    def awaiting_review(self) -> bool:
        return self.state == ReportState.SUBMITTED


def evidence_path(instance: ReportFile, filename: str) -> str:
    return f"workplan/{instance.report.task.plan.year}/{instance.sha256[:2]}/{instance.sha256}"


class ReportFile(GuardedModel):
    report = models.ForeignKey(ProgressReport, models.CASCADE, related_name="files", verbose_name="进展报送")
    file = models.FileField("文件", upload_to=evidence_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10)
    size = models.PositiveBigIntegerField("大小")
    sha256 = models.CharField("SHA-256 摘要", max_length=64)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.name


class Supervision(GuardedModel):
    """督办: the county office's notice to a unit about a task; the unit must answer by the date."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="supervisions", verbose_name="任务")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name="督办单位")
    notice = models.TextField("督办事项")
    issued_at = models.DateTimeField("督办时间")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="督办人")
    answer_by = models.DateField("反馈时限")
    answer = models.TextField("反馈情况", blank=True)
    answered_at = models.DateTimeField("反馈时间", null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="反馈人")

    class Meta:
        verbose_name = "督办"
        verbose_name_plural = "督办"
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return f"督办：{self.notice[:40]}"



# --- assessment (考核) -------------------------------------------------------------------------------

class Indicator(GuardedModel):
    """One line of the indicator system: weight, group and how it is scored (``indicators.SOURCES``)."""

    code = models.CharField("代码", max_length=40, unique=True)
    group = models.CharField("类别", max_length=60)
    name = models.CharField("指标", max_length=200)
    weight = models.FloatField("分值")
    source = models.CharField("评分方式", max_length=40, help_text="“manual” 为人工评分，其余为平台自动计算的来源")
    rule = models.CharField("评分规则", max_length=300)
    basis = models.CharField("依据", max_length=200, blank=True)
    position = models.PositiveIntegerField("顺序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Period(GuardedModel):
    name = models.CharField("考核期", max_length=60, unique=True)
    start = models.DateField("起")
    end = models.DateField("止")
    plan = models.ForeignKey(Plan, models.SET_NULL, null=True, blank=True, related_name="periods", verbose_name="工作要点")

    class Meta:
        verbose_name = "考核期"
        verbose_name_plural = "考核期"
        ordering = ["-end"]

    def __str__(self) -> str:
        return self.name


class Score(GuardedModel):
    period = models.ForeignKey(Period, models.CASCADE, related_name="scores", verbose_name="考核期")
    organization = models.ForeignKey(Organization, models.CASCADE, related_name="+", verbose_name="被考核单位")
    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="scores", verbose_name="指标")
    points = models.FloatField("得分", null=True, blank=True)  # null: not scored yet
    numerator = models.IntegerField("分子", null=True, blank=True)
    denominator = models.IntegerField("分母", null=True, blank=True)
    # [{"label": "…", "kind": "…", "id": …, "ok": true}, …]: the records behind the number, as references
    evidence = models.JSONField("依据明细", default=list, blank=True)
    explanation = models.CharField("说明", max_length=300, blank=True)
    manual = models.BooleanField("人工评分", default=False)
    reason = models.TextField("评分理由", blank=True)
    scored_at = models.DateTimeField("评分时间", null=True, blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="评分人")

    class Meta:
        verbose_name = "得分"
        verbose_name_plural = "得分"
        constraints = [models.UniqueConstraint(fields=["period", "organization", "indicator"], name="workplan_score_unique")]

    @property
    def not_applicable(self) -> bool:
        """A computed indicator with nothing to assess for this unit in the period (无此项): it neither scores nor counts."""
        return not self.manual and self.denominator == 0

    @property
    def assessed(self) -> bool:
        """Counts in the ranking: scored (computed or by hand) and applicable."""
        return self.points is not None and not self.not_applicable

    @property
    def pending(self) -> bool:
        """To be scored by hand (待评)."""
        return self.points is None and not self.not_applicable

    def __str__(self) -> str:
        return f"{self.indicator}：" + ("未评分" if self.points is None else f"{self.points:g} 分")


class CaseState(models.TextChoices):
    SUBMITTED = "submitted", "已报送"
    SELECTED = "selected", "已入选（发布审核中）"
    PUBLISHED = "published", "已发布"
    DECLINED = "declined", "未入选"


class GoodCase(GuardedModel):
    """优秀案例: a unit's case; the office selects it and it is published through the publishing review."""

    organization = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name="报送单位")
    plan = models.ForeignKey(Plan, models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name="工作要点")
    title = models.CharField("案例标题", max_length=200)
    summary = models.TextField("案例内容")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="报送人")
    submitted_at = models.DateTimeField("报送时间")
    state = models.CharField("状态", max_length=10, choices=CaseState.choices, default=CaseState.SUBMITTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="审定人")
    decision_note = models.TextField("遴选意见", blank=True)
    document_id = models.IntegerField("发布稿件", null=True, blank=True)  # publishing.Document, read through its services

    class Meta:
        verbose_name = "优秀案例"
        verbose_name_plural = "优秀案例"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def awaiting_decision(self) -> bool:
        return self.state == CaseState.SUBMITTED
