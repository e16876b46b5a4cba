"""Documents and their revisions, review decisions, attachments, index numbers, review chains."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from zwgk.core.models import GuardedModel, GuardedQuerySet, Organization, Role


class Kind(models.TextChoices):
    DOCUMENT = "document", "政府信息"
    INTERPRETATION = "interpretation", "政策解读"


class DisclosureMode(models.TextChoices):
    ACTIVE = "active", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NONE = "none", "不予公开"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    AMENDED = "amended", "已修改"


class InterpretationForm(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "视频解读"
    QA = "qa", "简明问答"
    LIVE = "live", "直播解读"
    PRESS = "press", "新闻发布会"
    INTERVIEW = "interview", "在线访谈"


class Content(GuardedModel):
    """The disclosure metadata and body shared by a document and each of its revisions."""

    title = models.CharField("标题", max_length=300, blank=True)
    body_html = models.TextField("正文", blank=True)
    body_text = models.TextField("正文纯文本", blank=True, editable=False)
    doc_number = models.CharField("发文字号", max_length=60, blank=True)
    written_date = models.DateField("成文日期", null=True, blank=True)
    topic = models.CharField("主题分类", max_length=60, blank=True)
    genre = models.CharField("体裁", max_length=20, blank=True)
    disclosure_mode = models.CharField(
        "公开方式", max_length=12, choices=DisclosureMode.choices, default=DisclosureMode.ACTIVE
    )
    nondisclosure_ground = models.CharField("不予公开依据", max_length=60, blank=True)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID)
    effective_from = models.DateField("施行日期", null=True, blank=True)
    expires_on = models.DateField("失效日期", null=True, blank=True, help_text="自该日起失效；到期由系统自动改为“失效”并记录。")
    is_normative = models.BooleanField("行政规范性文件", default=False)
    is_major_policy = models.BooleanField("重大政策", default=False)
    standard_area = models.CharField("标准化领域", max_length=30, blank=True)
    source = models.CharField("来源", max_length=100, blank=True)
    interpretation_form = models.CharField("解读形式", max_length=12, choices=InterpretationForm.choices, blank=True)
    media_url = models.URLField("图解、视频或访谈链接", blank=True)
    column = models.ForeignKey(
        "publishing.CatalogColumn", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="公开专栏栏目"
    )
    catalog_item = models.ForeignKey(
        "publishing.CatalogItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="标准目录事项"
    )
    qa_pairs = models.JSONField("简明问答", default=list, blank=True, help_text="[{\"q\": 问, \"a\": 答}, …]")

    class Meta:
        abstract = True


CONTENT_FIELDS = tuple(f.name for f in Content._meta.local_fields)


class DocStatus(models.TextChoices):
    UNPUBLISHED = "unpublished", "未发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤稿"


class DocumentQuerySet(GuardedQuerySet):
    """Questions every module asks of documents; the public surfaces ask only ``public()``.

    What the public may see is an item that is published **and** disclosed proactively (主动公开). An item whose
    公开方式 is 依申请公开 or 不予公开 (with its legal ground, 《政府信息公开条例》第十四条至第十六条) still goes
    through drafting, screening and review and is "published" in the register: it gets its 索引号, its review record
    and its audit trail, and staff see it with a label saying why it is not shown. It is never shown to the public:
    not on its page, in any list, column, feed, sitemap, search result or API answer; its existence appears on no
    public surface. (依申请公开 information is given to an applicant through a disclosure request, not the portal.)
    """

    def public(self) -> DocumentQuerySet:
        """What the portal, the API, feeds, sitemaps and the search index may show."""
        return self.filter(status=DocStatus.PUBLISHED, disclosure_mode=DisclosureMode.ACTIVE)

    def in_review(self) -> DocumentQuerySet:
        """Documents whose latest work waits for a reviewer's decision."""
        return self.filter(models.Exists(Revision.objects.filter(document=models.OuterRef("pk"), state=RevisionState.IN_REVIEW)))


class Document(Content):
    """An item of disclosure. Its content fields hold the published version; ``is_public`` says whether the public
    may see it (see ``DocumentQuerySet``)."""

    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.DOCUMENT)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="documents", verbose_name="发布机构")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="起草人")
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    status = models.CharField("状态", max_length=12, choices=DocStatus.choices, default=DocStatus.UNPUBLISHED)
    index_no = models.CharField("索引号", max_length=60, unique=True, null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", null=True, blank=True)
    published_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="发布的修订版"
    )
    withdrawn_at = models.DateTimeField("撤稿时间", null=True, blank=True)
    withdrawn_reason = models.TextField("撤稿理由", blank=True)
    origin_url = models.URLField("原网址", max_length=500, blank=True, help_text="迁移导入的信息在原网站的地址")
    policies = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="interpretations", verbose_name="所解读的政策"
    )

    class Meta:
        verbose_name = "公开信息"
        verbose_name_plural = "公开信息"
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["organization", "status"], name="pub_doc_org_status")]

    objects = DocumentQuerySet.as_manager()

    def __str__(self) -> str:
        return self.title or (self.latest_revision.title if self.latest_revision else f"稿件 {self.pk}")

    @property
    def is_public(self) -> bool:
        """The same question as ``Document.objects.public()``, for one loaded document."""
        return self.status == DocStatus.PUBLISHED and self.disclosure_mode == DisclosureMode.ACTIVE

    def get_absolute_url(self) -> str:
        """The public page (it answers only while the document is public); staff pages use ``staff_url``."""
        return reverse("portal:document", args=[self.pk])

    def staff_url(self) -> str:
        return reverse("publishing:detail", args=[self.pk])

    @property
    def not_public_reason(self) -> str:
        """For staff: why a published item is not shown to the public ("" when it is public or not published)."""
        if self.status != DocStatus.PUBLISHED or self.is_public:
            return ""
        ground = f"（{self.nondisclosure_ground}）" if self.nondisclosure_ground else ""
        return f"公开方式为“{self.get_disclosure_mode_display()}”{ground}"

    @property
    def latest_revision(self) -> Revision | None:
        """The newest revision: the one given to :meth:`remember_latest`, else read once from the database."""
        if "_latest_revision" not in self.__dict__:
            self._latest_revision = self.revisions.order_by("-number").first() if self.pk else None
        return self._latest_revision

    def remember_latest(self, revision: Revision | None) -> None:
        """Answer :attr:`latest_revision` with ``revision`` (a caller holding it, locked or just made, so that the
        workflow judges that very row) instead of asking the database again."""
        self._latest_revision = revision


class RevisionState(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    REJECTED = "rejected", "退回修改"
    APPROVED = "approved", "审核通过，待与政策同步发布"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已被新版本替代"


class Revision(Content):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions", verbose_name="稿件")
    number = models.PositiveIntegerField("版本号")
    state = models.CharField("状态", max_length=12, choices=RevisionState.choices, default=RevisionState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="修改人")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    submitted_at = models.DateTimeField("送审时间", null=True, blank=True)
    chain = models.JSONField("审核环节", default=list, blank=True)
    findings = models.JSONField("自动检查结果", default=list, blank=True)
    has_blocking = models.BooleanField("有阻止发布的问题", default=False)

    class Meta:
        verbose_name = "修订版"
        verbose_name_plural = "修订版"
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="pub_revision_unique_number")]

    def __str__(self) -> str:
        return f"{self.title}（第 {self.number} 版）"


class Decision(models.TextChoices):
    APPROVE = "approve", "同意"
    REJECT = "reject", "退回"


class ReviewDecision(GuardedModel):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="decisions", verbose_name="修订版")
    step = models.PositiveSmallIntegerField("环节序号")
    role = models.CharField("环节", max_length=20)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="审核人")
    decision = models.CharField("结论", max_length=10, choices=Decision.choices)
    opinion = models.TextField("审查意见")
    override_reason = models.TextField("对阻止问题的处理说明", blank=True)
    decided_at = models.DateTimeField("审核时间", auto_now_add=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["revision", "step"]
        constraints = [models.UniqueConstraint(fields=["revision", "step"], name="pub_decision_one_per_step")]

    def __str__(self) -> str:
        return f"{self.role_label}：{self.get_decision_display()}"

    @property
    def role_label(self) -> str:
        """The step's role in words (the chain and this record keep the role's code)."""
        return Role(self.role).label if self.role in Role.values else self.role


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(GuardedModel):
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="attachments", verbose_name="修订版")
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10)
    size = models.PositiveBigIntegerField("大小")
    sha256 = models.CharField("SHA-256 摘要", max_length=64)
    text = models.TextField("提取的文字", blank=True)
    text_extracted = models.BooleanField("已提取文字", default=False)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class IndexCounter(GuardedModel):
    """The last sequence number used for a year: an organization's index numbers (scope ``index``) or
    the county's normative-document registrations (scope ``normative``). Never goes back."""

    scope = models.CharField("编号类别", max_length=12, default="index")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    year = models.PositiveIntegerField("年份")
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "编号计数器"
        verbose_name_plural = "编号计数器"
        constraints = [models.UniqueConstraint(fields=["scope", "organization", "year"], name="pub_indexcounter_unique")]

    def __str__(self) -> str:
        return f"{self.organization} {self.year} 年编号（已用到 {self.last}）"


class PublisherSettings(GuardedModel):
    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="publisher_settings", verbose_name="机构")
    index_template = models.CharField(
        "索引号格式",
        max_length=60,
        default="{code}/{year}-{seq:05d}",
        help_text="可用 {code}（机构代码）、{year}（年份）、{seq}（当年序号），如 {code}/{year}-{seq:05d}。",
    )

    class Meta:
        verbose_name = "发布设置"
        verbose_name_plural = "发布设置"

    def __str__(self) -> str:
        return f"{self.organization} 发布设置"


class ReviewChain(GuardedModel):
    """Review steps for an organization (blank: every organization) and a kind (blank: every kind)."""

    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE, verbose_name="机构")
    kind = models.CharField("稿件类型", max_length=16, choices=Kind.choices, blank=True)
    steps = models.JSONField("审核环节", help_text="角色代码列表，如 [\"reviewer\", \"secrecy_reviewer\", \"county_office\"]")

    class Meta:
        verbose_name = "审核流程"
        verbose_name_plural = "审核流程"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind"], condition=models.Q(organization__isnull=False), name="pub_chain_unique_org"
            ),
            models.UniqueConstraint(fields=["kind"], condition=models.Q(organization__isnull=True), name="pub_chain_unique_default"),
        ]

    def __str__(self) -> str:
        return f"{self.organization or '全部机构'} · {self.get_kind_display() or '全部类型'}"


class NormativeRecord(GuardedModel):
    """A normative document's entry in the county library (行政规范性文件库)."""

    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="normative_record", verbose_name="文件")
    registration_no = models.CharField("登记编号", max_length=40, unique=True)
    registered_at = models.DateTimeField("登记时间", auto_now_add=True)
    max_years = models.PositiveSmallIntegerField("有效期上限（年）")

    class Meta:
        verbose_name = "行政规范性文件登记"
        verbose_name_plural = "行政规范性文件库"
        ordering = ["-registration_no"]

    def __str__(self) -> str:
        return f"{self.registration_no} {self.document}"


class CleanupAction(models.TextChoices):
    KEPT = "kept", "继续有效"
    AMENDED = "amended", "修改"
    REPEALED = "repealed", "废止"


class NormativeCleanup(GuardedModel):
    """One clean-up decision (清理) on a normative document: kept, amended or repealed, and by what."""

    record = models.ForeignKey(NormativeRecord, on_delete=models.PROTECT, related_name="cleanups", verbose_name="登记")
    action = models.CharField("清理结果", max_length=10, choices=CleanupAction.choices)
    decision = models.CharField("依据（清理决定或文件）", max_length=200)
    decided_on = models.DateField("决定日期")
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "清理记录"
        verbose_name_plural = "清理记录"
        ordering = ["record", "decided_on", "id"]

    def __str__(self) -> str:
        return f"清理记录：{self.get_action_display()}（{self.decided_on}）"


class CatalogColumn(GuardedModel):
    """A column of the 政府信息公开 专栏 (指南, 制度, 法定主动公开内容 and its sub-columns, 年报)."""

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="上级栏目")
    name = models.CharField("栏目", max_length=50)
    slug = models.SlugField("标识", max_length=50, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "公开专栏栏目"
        verbose_name_plural = "公开专栏栏目"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name


class CatalogItem(GuardedModel):
    """One item of a standard area's disclosure catalog (基层政务公开标准目录)."""

    area = models.CharField("领域", max_length=30)
    level1 = models.CharField("公开事项（一级）", max_length=100)
    level2 = models.CharField("公开事项（二级）", max_length=100)
    elements = models.TextField("公开内容（要素）")
    basis = models.TextField("公开依据", blank=True)
    time_limit = models.CharField("公开时限", max_length=200, blank=True)
    subject = models.CharField("公开主体", max_length=200, blank=True)
    channels = models.CharField("公开渠道和载体", max_length=300, blank=True)
    audience = models.CharField("公开对象", max_length=10, choices=[("all", "全社会"), ("specific", "特定群众")], default="all")
    mode = models.CharField("公开方式", max_length=12, choices=[("active", "主动"), ("on_request", "依申请")], default="active")
    level = models.CharField("公开层级", max_length=10, choices=[("county", "县级"), ("township", "乡级"), ("both", "县级、乡级")], default="county")
    column = models.ForeignKey(CatalogColumn, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="对应栏目")
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "标准目录事项"
        verbose_name_plural = "标准目录事项"
        ordering = ["area", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["area", "level1", "level2"], name="pub_catalogitem_unique")]

    def __str__(self) -> str:
        return f"{self.area} › {self.level1} › {self.level2}"
