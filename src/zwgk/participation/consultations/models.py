"""Models of 意见征集及其采纳情况: the consultation, its draft's immutable versions split into parts (章/条/款 or
paragraphs), the opinions received and their answers. The adoption report is a publishing document (its id stored
here); the consultation counts as reported exactly when that document is public (``participation.publish``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from zwgk.core.models import GuardedModel, GuardedQuerySet, Organization

from . import rules

__all__ = ["Channel", "Consultation", "ConsultationState", "Decision", "DraftPart", "DraftVersion", "Opinion", "Screen", "SubjectKind"]


class ConsultationState(models.TextChoices):
    DRAFT = "draft", "草稿"
    OPEN = "open", "征集中"
    CLOSED = "closed", "征集结束"
    FINISHED = "finished", "已完成"


class SubjectKind(models.TextChoices):
    TEXT = "text", "草案文本"
    DECISION_ITEM = "decision_item", "重大行政决策事项"
    DOCUMENT = "document", "发布系统中的草案稿件"


class ConsultationQuerySet(GuardedQuerySet):
    def public(self) -> ConsultationQuerySet:
        """What the public may see: every consultation that was opened (drafts never). The one rule for every
        public page, the home page block and the API."""
        return self.exclude(state=ConsultationState.DRAFT)

    def collecting(self, today: dt.date) -> ConsultationQuerySet:
        """Open and not past its closing day (it may not have started yet)."""
        return self.filter(state=ConsultationState.OPEN, closes__gte=today)

    def ended(self, today: dt.date) -> ConsultationQuerySet:
        return self.filter(Q(state__in=[ConsultationState.CLOSED, ConsultationState.FINISHED])
                           | Q(state=ConsultationState.OPEN, closes__lt=today))

    def with_counts(self) -> ConsultationQuerySet:
        return self.annotate(opinion_count=Count("opinions", filter=Q(opinions__screen=Screen.SHOWN), distinct=True))


class Consultation(GuardedModel):
    objects = ConsultationQuerySet.as_manager()

    organization = models.ForeignKey(Organization, models.PROTECT, related_name="consultations", verbose_name="征集单位")
    title = models.CharField("标题", max_length=200)
    kind = models.CharField("草案类别", max_length=30, choices=rules.KIND_CHOICES, default="other")
    description = models.TextField("征集说明", blank=True)
    subject_kind = models.CharField("征集对象类型", max_length=20, choices=SubjectKind.choices, default=SubjectKind.TEXT)
    subject_id = models.BigIntegerField("征集对象编号", null=True, blank=True)
    subject_text = models.CharField("征集对象说明", max_length=rules.MAX_SUBJECT_TEXT, blank=True)
    opens = models.DateField("开始日期")
    closes = models.DateField("截止日期")
    urgency_reason = models.TextField("缩短期限的理由", blank=True)
    state = models.CharField("状态", max_length=10, choices=ConsultationState.choices, default=ConsultationState.DRAFT)
    report_document_id = models.BigIntegerField("采纳情况稿件编号", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="创建人")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    opened_at = models.DateTimeField("发布征集时间", null=True, blank=True)
    closed_at = models.DateTimeField("结束征集时间", null=True, blank=True)
    finished_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"
        ordering = ["-opens", "-id"]
        indexes = [models.Index(fields=["state", "closes"]), models.Index(fields=["subject_kind", "subject_id"])]

    def __str__(self) -> str:
        return f"意见征集“{self.title}”"

    def get_absolute_url(self) -> str:
        return reverse("portal:consultation", args=[self.pk])

    def staff_url(self) -> str:
        return reverse("participation:consultation", args=[self.pk])

    @property
    def rule(self) -> rules.PeriodRule:
        return rules.period_rule(self.kind)

    @property
    def is_draft(self) -> bool:
        return self.state == ConsultationState.DRAFT

    @property
    def is_finished(self) -> bool:
        return self.state == ConsultationState.FINISHED

    def is_collecting(self, today: dt.date) -> bool:
        """Takes opinions today."""
        return self.state == ConsultationState.OPEN and self.opens <= today <= self.closes

    def has_ended(self, today: dt.date) -> bool:
        return self.state in (ConsultationState.CLOSED, ConsultationState.FINISHED) or (
            self.state == ConsultationState.OPEN and self.closes < today)

    def days_left(self, today: dt.date) -> int:
        """Whole days after today up to the closing day: 0 on the closing day itself."""
        return max(0, (self.closes - today).days)

    def public_status(self, today: dt.date) -> str:
        if self.state == ConsultationState.OPEN and today < self.opens:
            return "即将开始"
        if self.is_collecting(today):
            return "正在征集"
        return "已结束"


class DraftVersion(GuardedModel):
    """One immutable version of the draft; a changed text is a new version with new anchors."""

    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="versions", verbose_name="意见征集")
    number = models.PositiveIntegerField("版本号")
    text = models.TextField("草案全文")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="录入人")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "草案版本"
        verbose_name_plural = "草案版本"
        ordering = ["consultation", "-number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="consultation_version_unique")]

    def __str__(self) -> str:
        return f"“{self.consultation.title}”第 {self.number} 版草案"


class DraftPart(GuardedModel):
    """A chapter heading, an article's 款 or a numbered paragraph of one version."""

    version = models.ForeignKey(DraftVersion, models.CASCADE, related_name="parts", verbose_name="草案版本")
    position = models.PositiveIntegerField("顺序")
    kind = models.CharField("类型", max_length=10)
    article = models.PositiveIntegerField("条（段）号")
    paragraph = models.PositiveIntegerField("款号")
    anchor = models.CharField("锚点", max_length=40)
    target = models.CharField("意见所对应的条", max_length=40, blank=True)
    label = models.CharField("条款", max_length=40, blank=True)
    text = models.TextField("内容")

    class Meta:
        verbose_name = "草案条款"
        verbose_name_plural = "草案条款"
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "anchor"], name="draft_part_anchor_unique")]

    def __str__(self) -> str:
        return f"草案条款 {self.label or self.anchor}"

    @property
    def commentable(self) -> bool:
        return self.kind in ("article", "paragraph")


class Channel(models.TextChoices):
    ONLINE = "online", "网上征集"
    LETTER = "letter", "信函"
    EMAIL = "email", "电子邮件"
    OTHER = "other", "座谈会、电话等其他方式"


class Screen(models.TextChoices):
    SHOWN = "shown", "正常"
    HELD = "held", "待人工审核"
    REJECTED = "rejected", "不予受理"


class Decision(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"
    OUT_OF_SCOPE = "out_of_scope", "不属于本次征集"


class OpinionQuerySet(GuardedQuerySet):
    def counted(self) -> OpinionQuerySet:
        """Opinions that count (received and not refused after screening)."""
        return self.exclude(screen=Screen.REJECTED)

    def unanswered(self) -> OpinionQuerySet:
        return self.counted().filter(Q(decision="") | Q(screen=Screen.HELD))


class Opinion(GuardedModel):
    objects = OpinionQuerySet.as_manager()

    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="opinions", verbose_name="意见征集")
    version = models.ForeignKey(DraftVersion, models.PROTECT, null=True, blank=True, related_name="opinions", verbose_name="草案版本")
    target = models.CharField("所提条款锚点", max_length=40, blank=True, help_text="空表示对草案整体的意见")
    target_label = models.CharField("所提条款", max_length=40, blank=True)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    name = models.CharField("姓名", max_length=rules.MAX_NAME, blank=True)
    phone = models.CharField("联系电话", max_length=rules.MAX_PHONE, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    body = models.TextField("意见内容")
    fingerprint = models.CharField("重复提交识别码", max_length=64, blank=True, db_index=True)
    screen = models.CharField("审核状态", max_length=10, choices=Screen.choices, default=Screen.SHOWN)
    screen_note = models.CharField("审核说明", max_length=300, blank=True)
    received_at = models.DateTimeField("收到时间")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="录入人")
    summary = models.CharField("意见摘要", max_length=300, blank=True)
    decision = models.CharField("处理意见", max_length=20, choices=Decision.choices, blank=True)
    reason = models.TextField("理由", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name="答复人")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["consultation", "received_at", "id"]
        indexes = [models.Index(fields=["consultation", "target"]), models.Index(fields=["consultation", "decision"])]

    def __str__(self) -> str:
        return f"对“{self.consultation.title}”的意见（{self.target_label or '草案整体'}）"

    @property
    def is_answered(self) -> bool:
        return bool(self.decision) and self.screen != Screen.HELD
