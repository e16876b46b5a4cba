"""Registry of sites, columns and new-media accounts; probes; inspection runs with their pages, links
and findings; the scoring table; rectification of findings."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from zwgk.core.models import GuardedModel, GuardedQuerySet

from . import indicators

COLUMN_KIND_CHOICES = [(c, label) for c, label, _ in indicators.COLUMN_KINDS]


class Site(GuardedModel):
    name = models.CharField("网站名称", max_length=100)
    url = models.URLField("首页地址", max_length=500, unique=True)
    site_code = models.CharField("网站标识码", max_length=20, blank=True)
    organization = models.ForeignKey("core.Organization", models.PROTECT, related_name="sites", verbose_name="主办单位")
    is_self = models.BooleanField("本平台门户", default=False)
    allowed_domains = models.TextField("预期的外部域名（每行一个）", blank=True, default="gov.cn")
    # 互动回应差: entered by the office until the platform's own consultation module supplies it.
    has_message_channel = models.BooleanField("有可用的咨询建言渠道", default=True)
    unanswered_messages = models.PositiveIntegerField("近一年超过 3 个月未答复的有效留言（条）", default=0)
    interaction_checked_on = models.DateField("互动情况核查日期", null=True, blank=True)
    is_active = models.BooleanField("监测中", default=True)

    class Meta:
        verbose_name = "网站"
        verbose_name_plural = "网站"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Column(GuardedModel):
    site = models.ForeignKey(Site, models.CASCADE, related_name="columns")
    name = models.CharField("栏目名称", max_length=100)
    url = models.URLField("栏目地址", max_length=500)
    kind = models.CharField("类型", max_length=20, choices=COLUMN_KIND_CHOICES, default="other")
    level = models.PositiveSmallIntegerField("级别", default=1)
    update_days = models.PositiveIntegerField("应更新周期（天；仅互动、办事类为 0）", default=365)
    confirmed = models.BooleanField("已人工确认", default=False)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        constraints = [models.UniqueConstraint(fields=["site", "url"], name="column_once")]

    def __str__(self) -> str:
        return f"{self.site.name} · {self.name}"


class AccountStatus(models.TextChoices):
    OPEN = "open", "开设"
    CHANGED = "changed", "变更"
    CLOSED = "closed", "注销"


class Account(GuardedModel):
    """A government new-media account and its filing (备案)."""

    platform = models.CharField("平台", max_length=50)
    name = models.CharField("账号名称", max_length=100)
    account_id = models.CharField("账号 ID", max_length=100)
    organization = models.ForeignKey("core.Organization", models.PROTECT, related_name="accounts", verbose_name="运营单位")
    person_in_charge = models.CharField("负责人", max_length=50)
    purpose = models.CharField("用途", max_length=200, blank=True)
    status = models.CharField("状态", max_length=10, choices=AccountStatus.choices, default=AccountStatus.OPEN)
    closing_notice = models.CharField("注销公告", max_length=500, blank=True)
    latest_post_on = models.DateField("最近发布日期", null=True, blank=True)
    feed_url = models.URLField("订阅地址（RSS）", max_length=500, blank=True)
    has_interaction = models.BooleanField("有互动功能", default=True)

    class Meta:
        verbose_name = "政务新媒体"
        verbose_name_plural = "政务新媒体"
        constraints = [models.UniqueConstraint(fields=["platform", "account_id"], name="account_once")]

    def __str__(self) -> str:
        return f"{self.platform} · {self.name}"


class Probe(GuardedModel):
    zwgk_observation = True  # written by the crawler and the prober, not by people (no audit entry)

    site = models.ForeignKey(Site, models.CASCADE, related_name="probes")
    at = models.DateTimeField("时间", db_index=True)
    ok = models.BooleanField("可访问")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    elapsed_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "可用性探测"
        verbose_name_plural = "可用性探测"
        indexes = [models.Index(fields=["site", "at"])]


class RunState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Run(GuardedModel):
    """One inspection of one site: the crawl and the checks on what it found."""

    site = models.ForeignKey(Site, models.CASCADE, related_name="runs", null=True, blank=True)
    start_url = models.URLField(max_length=500)
    state = models.CharField(max_length=10, choices=RunState.choices, default=RunState.QUEUED)
    max_pages = models.PositiveIntegerField(default=2000)
    max_depth = models.PositiveSmallIntegerField(default=4)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The background task crawling it (started from the staff pages): its heartbeat tells whether the crawl is alive.
    task_id = models.UUIDField("后台任务", null=True, blank=True, editable=False)
    checked_on = models.DateField("检查日期", null=True, blank=True)
    verdict = models.CharField("结论", max_length=10, blank=True)
    score = models.FloatField("得分", null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "检查"
        verbose_name_plural = "检查"
        ordering = ["-pk"]

    def get_absolute_url(self) -> str:
        return reverse("monitoring:run", args=[self.pk])


class PageState(models.TextChoices):
    QUEUED = "queued", "待抓取"
    DONE = "done", "已抓取"
    FAILED = "failed", "失败"
    SKIPPED = "skipped", "跳过"


class Page(GuardedModel):
    """A URL the crawl reached: the frontier while queued, the record once fetched. Unique per run,
    so a resumed crawl never fetches a finished page again."""

    zwgk_observation = True  # written by the crawler and the prober, not by people (no audit entry)

    run = models.ForeignKey(Run, models.CASCADE, related_name="pages")
    url = models.URLField(max_length=1000)
    depth = models.PositiveSmallIntegerField(default=0)
    parent_url = models.URLField(max_length=1000, blank=True)
    state = models.CharField(max_length=10, choices=PageState.choices, default=PageState.QUEUED)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    latest_item_on = models.DateField(null=True, blank=True)  # the newest dated item listed on the page
    items = models.PositiveIntegerField(default=0)  # list items (links to articles) on the page
    undated_items = models.PositiveIntegerField(default=0)
    has_search = models.BooleanField(default=False)
    footer = models.JSONField(default=dict, blank=True)  # which site-identity marks the page carries
    hits = models.JSONField(default=list, blank=True)  # screening findings in its text (or the attachment's)
    service = models.JSONField(default=dict, blank=True)  # the 办事指南 elements the page carries (parse.guide)
    empty_list = models.BooleanField(default=False)  # says its list is empty (暂无信息): an empty column page
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "页面"
        verbose_name_plural = "页面"
        constraints = [models.UniqueConstraint(fields=["run", "url"], name="page_once")]
        indexes = [models.Index(fields=["run", "state"])]


class Link(GuardedModel):
    zwgk_observation = True  # written by the crawler and the prober, not by people (no audit entry)

    run = models.ForeignKey(Run, models.CASCADE, related_name="links")
    page_url = models.URLField(max_length=1000)
    url = models.URLField(max_length=1000)
    text = models.CharField(max_length=200, blank=True)
    outbound = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)
    in_nav = models.BooleanField(default=False)
    in_list = models.BooleanField(default=False)  # a dated item of a list page: its target is an article
    nofollow = models.BooleanField(default=False)  # rel="nofollow" (a view toggle such as 关怀模式): recorded, not fetched

    class Meta:
        indexes = [models.Index(fields=["run", "url"])]


class Severity(models.TextChoices):
    VETO = "veto", "单项否决"
    DEDUCT = "deduct", "扣分"
    WARN = "warn", "预警"


class TaskState(models.TextChoices):
    OPEN = "open", "待整改"
    FIXED = "fixed", "已整改待复核"
    CLOSED = "closed", "已销号"
    REOPENED = "reopened", "复核未通过"


class FindingQuerySet(GuardedQuerySet):
    def unresolved(self) -> FindingQuerySet:
        """Findings not yet closed: to rectify, reopened, or fixed and waiting for the next inspection."""
        return self.filter(state__in=[TaskState.OPEN, TaskState.REOPENED, TaskState.FIXED])

    def to_rectify(self) -> FindingQuerySet:
        """Findings waiting for their unit: to rectify, or reopened by the last inspection."""
        return self.filter(state__in=[TaskState.OPEN, TaskState.REOPENED])

    def assigned(self) -> FindingQuerySet:
        """Findings of registered sites (a one-off inspection's findings go to nobody)."""
        return self.exclude(site=None)


class Finding(GuardedModel):
    objects = FindingQuerySet.as_manager()

    run = models.ForeignKey(Run, models.CASCADE, related_name="findings")
    site = models.ForeignKey(Site, models.CASCADE, related_name="findings", null=True, blank=True)
    kind = models.CharField("问题类型", max_length=30)
    severity = models.CharField("严重程度", max_length=10, choices=Severity.choices)
    url = models.URLField("页面地址", max_length=1000, blank=True)
    parent = models.URLField("父页面", max_length=1000, blank=True)
    page_title = models.CharField("页面标题", max_length=300, blank=True)
    published_on = models.DateField("发布时间", null=True, blank=True)
    text = models.CharField("问题内容", max_length=500, blank=True)
    message = models.CharField("说明", max_length=500)
    suggestion = models.CharField("修改建议", max_length=300, blank=True)
    context = models.CharField("上下文", max_length=500, blank=True)
    fingerprint = models.CharField(max_length=64, db_index=True)
    # rectification (整改)
    state = models.CharField("整改状态", max_length=10, choices=TaskState.choices, default=TaskState.OPEN)
    due_on = models.DateField("整改期限", null=True, blank=True)
    fixed_note = models.CharField("整改说明", max_length=500, blank=True)
    verified_run = models.ForeignKey(Run, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "问题"
        verbose_name_plural = "问题"
        ordering = ["severity", "kind", "pk"]


class ScoreRule(GuardedModel):
    """The office's scoring table: points per finding and the cap, adjustable to the province's weights."""

    item = models.CharField("检查项", max_length=30, unique=True)
    label = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=10, choices=[("veto", "单项否决"), ("deduct", "扣分"), ("bonus", "加分")])
    points = models.FloatField("每项分值", default=0)
    cap = models.FloatField("最多扣（加）分", default=0)

    class Meta:
        verbose_name = "评分规则"
        verbose_name_plural = "评分规则"
        ordering = ["kind", "item"]

    def __str__(self) -> str:
        return self.label
