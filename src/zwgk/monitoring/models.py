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
    site = models.ForeignKey(Site, models.CASCADE, related_name="columns", verbose_name="网站")
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

    site = models.ForeignKey(Site, models.CASCADE, related_name="probes", verbose_name="网站")
    at = models.DateTimeField("时间", db_index=True)
    ok = models.BooleanField("可访问")
    status_code = models.PositiveSmallIntegerField("状态码", null=True, blank=True)
    elapsed_ms = models.PositiveIntegerField("响应时间（毫秒）", null=True, blank=True)
    error = models.CharField("错误", max_length=200, blank=True)

    class Meta:
        verbose_name = "可用性探测"
        verbose_name_plural = "可用性探测"
        indexes = [models.Index(fields=["site", "at"])]

    def __str__(self) -> str:
        return ("可访问" if self.ok else "不可访问") + (f"（{self.at:%Y-%m-%d %H:%M}）" if self.at else "")


class RunState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Run(GuardedModel):
    """One inspection of one site: the crawl and the checks on what it found."""

    site = models.ForeignKey(Site, models.CASCADE, related_name="runs", null=True, blank=True, verbose_name="网站")
    start_url = models.URLField("起始地址", max_length=500)
    state = models.CharField("状态", max_length=10, choices=RunState.choices, default=RunState.QUEUED)
    max_pages = models.PositiveIntegerField("最多页数", default=2000)
    max_depth = models.PositiveSmallIntegerField("最大层级", default=4)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    # The background task crawling it (started from the staff pages): its heartbeat tells whether the crawl is alive.
    task_id = models.UUIDField("后台任务", null=True, blank=True, editable=False)
    checked_on = models.DateField("检查日期", null=True, blank=True)
    verdict = models.CharField("结论", max_length=10, blank=True)
    score = models.FloatField("得分", null=True, blank=True)
    summary = models.JSONField("概况", default=dict, blank=True)

    class Meta:
        verbose_name = "检查"
        verbose_name_plural = "检查"
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"检查 {self.start_url}（{self.get_state_display()}）"

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

    run = models.ForeignKey(Run, models.CASCADE, related_name="pages", verbose_name="检查")
    url = models.URLField("地址", max_length=1000)
    depth = models.PositiveSmallIntegerField("层级", default=0)
    parent_url = models.URLField("来源页面", max_length=1000, blank=True)
    state = models.CharField("状态", max_length=10, choices=PageState.choices, default=PageState.QUEUED)
    status_code = models.PositiveSmallIntegerField("状态码", null=True, blank=True)
    content_type = models.CharField("内容类型", max_length=100, blank=True)
    title = models.CharField("标题", max_length=300, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    latest_item_on = models.DateField("最新条目日期", null=True, blank=True)  # the newest dated item listed on the page
    items = models.PositiveIntegerField("条目数", default=0)  # list items (links to articles) on the page
    undated_items = models.PositiveIntegerField("无日期条目数", default=0)
    has_search = models.BooleanField("有站内搜索", default=False)
    footer = models.JSONField("页脚标识", default=dict, blank=True)  # which site-identity marks the page carries
    hits = models.JSONField("筛查发现", default=list, blank=True)  # screening findings in its text (or the attachment's)
    service = models.JSONField("办事指南要素", default=dict, blank=True)  # the 办事指南 elements the page carries (parse.guide)
    empty_list = models.BooleanField("空列表", default=False)  # says its list is empty (暂无信息): an empty column page
    error = models.CharField("错误", max_length=200, blank=True)

    class Meta:
        verbose_name = "页面"
        verbose_name_plural = "页面"
        constraints = [models.UniqueConstraint(fields=["run", "url"], name="page_once")]
        indexes = [models.Index(fields=["run", "state"])]

    def __str__(self) -> str:
        return self.title or self.url


class Link(GuardedModel):
    zwgk_observation = True  # written by the crawler and the prober, not by people (no audit entry)

    run = models.ForeignKey(Run, models.CASCADE, related_name="links", verbose_name="检查")
    page_url = models.URLField("所在页面", max_length=1000)
    url = models.URLField("地址", max_length=1000)
    text = models.CharField("链接文字", max_length=200, blank=True)
    outbound = models.BooleanField("外部链接", default=False)
    hidden = models.BooleanField("隐藏链接", default=False)
    in_nav = models.BooleanField("导航链接", default=False)
    in_list = models.BooleanField("列表条目", default=False)  # a dated item of a list page: its target is an article
    nofollow = models.BooleanField("不跟踪（nofollow）", default=False)  # rel="nofollow" (a view toggle such as 关怀模式): recorded, not fetched

    class Meta:
        verbose_name = "链接"
        verbose_name_plural = "链接"
        indexes = [models.Index(fields=["run", "url"])]

    def __str__(self) -> str:
        return f"{self.text or self.url}（{self.page_url}）"


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

    run = models.ForeignKey(Run, models.CASCADE, related_name="findings", verbose_name="检查")
    site = models.ForeignKey(Site, models.CASCADE, related_name="findings", null=True, blank=True, verbose_name="网站")
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
    fingerprint = models.CharField("问题指纹", max_length=64, db_index=True)
    # rectification (整改)
    state = models.CharField("整改状态", max_length=10, choices=TaskState.choices, default=TaskState.OPEN)
    due_on = models.DateField("整改期限", null=True, blank=True)
    fixed_note = models.CharField("整改说明", max_length=500, blank=True)
    verified_run = models.ForeignKey(Run, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="复核检查")

    class Meta:
        verbose_name = "问题"
        verbose_name_plural = "问题"
        ordering = ["severity", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.message}（{self.page_title or self.url}）" if (self.page_title or self.url) else self.message


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
