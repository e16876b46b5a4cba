"""Models of 重大行政决策目录及其法定程序: a year's catalog, its items, one row per statutory procedure of an item,
and the catalog's dynamic adjustments. What the public sees is decided by the ``public()`` queryset methods: a
catalog (an adjustment) is public exactly when its publishing document is."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from zwgk.core.models import GuardedModel, GuardedQuerySet, Organization

from . import rules

__all__ = ["AdjustmentKind", "CatalogAdjustment", "CatalogState", "DecisionCatalog", "DecisionItem", "ItemState",
           "Procedure"]


def _public_documents() -> models.QuerySet:
    from zwgk.publishing.models import Document

    return Document.objects.public().values("pk")


class CatalogState(models.TextChoices):
    DRAFTING = "drafting", "起草"
    CONSULTING = "consulting", "征求意见"
    PARTY_APPROVED = "party_approved", "党委同意"
    PUBLISHED = "published", "已发布"
    ADJUSTED = "adjusted", "动态调整"


class CatalogQuerySet(GuardedQuerySet):
    def public(self) -> CatalogQuerySet:
        """The one decision of what the public sees: catalogs whose document is public."""
        return self.filter(document_id__in=_public_documents())


class DecisionCatalog(GuardedModel):
    objects = CatalogQuerySet.as_manager()

    year = models.PositiveIntegerField("年度", unique=True)
    title = models.CharField("目录名称", max_length=200)
    standard = models.TextField("确定标准", blank=True)
    state = models.CharField("状态", max_length=20, choices=CatalogState.choices, default=CatalogState.DRAFTING)
    party_approved_on = models.DateField("党委同意日期", null=True, blank=True)
    party_note = models.TextField("党委同意情况", blank=True)
    document_id = models.PositiveBigIntegerField("发布稿件", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name="创建人")

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title or f"{self.year}年度重大行政决策事项目录"

    def get_absolute_url(self) -> str:
        return reverse("participation:decision_catalog", args=[self.pk])


class ItemState(models.TextChoices):
    LISTED = "listed", "已列入目录"
    IN_PROGRESS = "in_progress", "推进中"
    DECIDED = "decided", "已决策"
    PUBLISHED = "published", "已公布"
    IMPLEMENTING = "implementing", "实施中"
    EVALUATED = "evaluated", "已评估"
    WITHDRAWN = "withdrawn", "已撤回"


DONE_STATES = (ItemState.DECIDED, ItemState.PUBLISHED, ItemState.IMPLEMENTING, ItemState.EVALUATED)


class ItemQuerySet(GuardedQuerySet):
    def public(self) -> ItemQuerySet:
        """Items of public catalogs; an item added by an adjustment shows once that adjustment is public."""
        docs = _public_documents()
        return self.filter(catalog__document_id__in=docs).filter(
            models.Q(added_by__isnull=True) | models.Q(added_by__document_id__in=_public_documents()))

    def done(self) -> ItemQuerySet:
        return self.filter(state__in=DONE_STATES)


class DecisionItem(GuardedModel):
    objects = ItemQuerySet.as_manager()

    catalog = models.ForeignKey(DecisionCatalog, models.CASCADE, related_name="items", verbose_name="目录")
    position = models.PositiveIntegerField("序号")
    title = models.CharField("决策事项", max_length=200)
    lead = models.ForeignKey(Organization, models.PROTECT, related_name="led_decisions", verbose_name="承办单位")
    planned_on = models.DateField("计划完成时间")
    description = models.TextField("事项说明", blank=True)
    state = models.CharField("状态", max_length=20, choices=ItemState.choices, default=ItemState.LISTED)
    decided_on = models.DateField("决策日期", null=True, blank=True)
    decision_document_id = models.PositiveBigIntegerField("决策公布稿件", null=True, blank=True)
    evaluation_note = models.TextField("决策后评估情况", blank=True)
    withdrawn_reason = models.TextField("撤回理由", blank=True)
    added_by = models.ForeignKey("CatalogAdjustment", models.SET_NULL, null=True, blank=True, related_name="added_items",
                                 verbose_name="调整增列")
    changed_at = models.DateTimeField("状态变更时间", null=True, blank=True)

    class Meta:
        verbose_name = "重大行政决策事项"
        verbose_name_plural = "重大行政决策事项"
        ordering = ["catalog", "position"]
        constraints = [models.UniqueConstraint(fields=["catalog", "position"], name="participation_decisionitem_position")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("participation:decision_item", args=[self.pk])

    @property
    def organization(self) -> Organization:
        return self.lead


class Procedure(GuardedModel):
    item = models.ForeignKey(DecisionItem, models.CASCADE, related_name="procedures", verbose_name="决策事项")
    kind = models.CharField("程序", max_length=20, choices=rules.KIND_CHOICES)
    required = models.BooleanField("是否需履行", default=True)
    done_on = models.DateField("履行日期", null=True, blank=True)
    evidence_kind = models.CharField("佐证类型", max_length=20, blank=True,
                                     choices=list(rules.EVIDENCE_LABELS.items()))
    document_id = models.PositiveBigIntegerField("已公开的政府信息", null=True, blank=True)
    consultation_id = models.PositiveBigIntegerField("意见征集", null=True, blank=True)
    file = models.FileField("报告文件", upload_to="participation/decisions/%Y/", max_length=200, blank=True)
    file_name = models.CharField("文件名", max_length=200, blank=True)
    file_kind = models.CharField("文件类型", max_length=10, blank=True)
    file_size = models.PositiveBigIntegerField("文件大小", null=True, blank=True)
    file_sha256 = models.CharField("SHA-256 摘要", max_length=64, blank=True)
    opinion = models.TextField("审查意见", blank=True)
    meeting_name = models.CharField("会议名称", max_length=200, blank=True)
    meeting_date = models.DateField("会议日期", null=True, blank=True)
    recorded_at = models.DateTimeField("记录时间", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name="记录人")

    class Meta:
        verbose_name = "法定程序"
        verbose_name_plural = "法定程序"
        ordering = ["item", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "kind"], name="participation_procedure_kind")]

    def __str__(self) -> str:
        return f"{self.item.title}：{self.get_kind_display()}"

    @property
    def rule(self) -> rules.ProcedureRule:
        return rules.BY_KIND[self.kind]

    @property
    def has_evidence(self) -> bool:
        """Recorded with a date and a piece of evidence (a document's being public is checked by the selectors)."""
        return bool(self.done_on and self.evidence_kind)


class AdjustmentKind(models.TextChoices):
    ADD = "add", "增列"
    REMOVE = "remove", "删除"
    CHANGE = "change", "调整"


class AdjustmentQuerySet(GuardedQuerySet):
    def public(self) -> AdjustmentQuerySet:
        """Adjustments whose document is public, of public catalogs."""
        docs = _public_documents()
        return self.filter(document_id__in=docs, catalog__document_id__in=_public_documents())


class CatalogAdjustment(GuardedModel):
    objects = AdjustmentQuerySet.as_manager()

    catalog = models.ForeignKey(DecisionCatalog, models.CASCADE, related_name="adjustments", verbose_name="目录")
    adjusted_on = models.DateField("调整日期")
    kind = models.CharField("调整类型", max_length=10, choices=AdjustmentKind.choices)
    item = models.ForeignKey(DecisionItem, models.CASCADE, null=True, blank=True, related_name="adjustments",
                             verbose_name="决策事项")
    item_title = models.CharField("事项名称", max_length=200)
    reason = models.TextField("调整理由")
    document_id = models.PositiveBigIntegerField("发布稿件", null=True, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name="记录人")

    class Meta:
        verbose_name = "目录动态调整"
        verbose_name_plural = "目录动态调整"
        ordering = ["catalog", "adjusted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.adjusted_on}{self.get_kind_display()}：{self.item_title}"
