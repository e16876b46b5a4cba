"""Disclosure requests (依申请公开): what people recorded. Due dates and states are derived by ``clock``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from zwgk.core.models import GuardedModel, GuardedQuerySet

from . import rules


class ApplicantType(models.TextChoices):
    NATURAL = "natural", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    CHARITY = "charity", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER = "other", "其他"


class IdType(models.TextChoices):
    RESIDENT = "resident", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PR = "foreign_pr", "外国人永久居留身份证"
    USCC = "uscc", "统一社会信用代码"
    OTHER = "other", "其他有效证件"


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    REGISTERED_POST = "registered_post", "挂号信、EMS 等需签收的邮件"
    ORDINARY_POST = "ordinary_post", "平信"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    ORAL = "oral", "口头申请（代为填写）"


class Medium(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子数据"
    OTHER = "other", "其他"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上获取"
    FAX = "fax", "传真"


class FeeMethod(models.TextChoices):
    ITEMS = "items", "按件计收"
    PAGES = "pages", "按量计收"


class ConsultKind(models.TextChoices):
    THIRD_PARTY = "third_party", "征求第三方意见"
    AGENCY = "agency", "征求其他机关意见"


REPLY_CHOICES = [(r.code, r.label) for r in rules.REPLY_TYPES]


OPEN = Q(reply_type="")  # an application is open until its reply (or the system's closure) is recorded


class ApplicationQuerySet(GuardedQuerySet):
    def open(self) -> ApplicationQuerySet:
        """Not yet replied to (nor closed by the system as abandoned)."""
        return self.filter(OPEN)

    def closed(self) -> ApplicationQuerySet:
        return self.exclude(OPEN)

    def closed_between(self, start: dt.date, end: dt.date) -> ApplicationQuerySet:
        """Closed (replied to, or closed as abandoned) on a day from ``start`` to ``end``, both included."""
        return self.closed().filter(reply_on__gte=start, reply_on__lte=end)

    def replied(self) -> ApplicationQuerySet:
        """Closed by a reply: not those the system closed because the applicant abandoned them (rules.ABANDONED)."""
        return self.closed().exclude(reply_type__in=rules.ABANDONED)

    def overdue(self, cal=None, today: dt.date | None = None) -> list[Application]:  # noqa: ANN001
        """The open ones past their statutory due date. Time is derived, not stored (clock.py), so this answer is a
        list computed on the working-day calendar ``cal`` (one snapshot for all), not a further queryset."""
        from zwgk.core import workdays

        from .selectors import clock

        cal = cal or workdays.load()
        apps = self.open().prefetch_related("consultations")
        return [a for a in apps if clock(a, cal=cal, today=today).overdue]


class Application(GuardedModel):
    objects = ApplicationQuerySet.as_manager()

    tracking_code = models.CharField("查询码", max_length=20, unique=True)
    organization = models.ForeignKey("core.Organization", models.PROTECT, related_name="applications", verbose_name="受理机关")
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    name = models.CharField("申请人姓名/名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices)
    id_number = models.CharField("证件号码", max_length=40)
    legal_representative = models.CharField("法定代表人/负责人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    description = models.TextField("所需信息的名称或内容描述")
    doc_number = models.CharField("文件名称、文号或其他特征", max_length=200, blank=True)
    medium = models.CharField("信息的载体形式", max_length=20, choices=Medium.choices, default=Medium.ELECTRONIC)
    delivery = models.CharField("获取方式", max_length=20, choices=Delivery.choices, default=Delivery.EMAIL)
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    received_on = models.DateField("收到申请之日")
    submitted_at = models.DateTimeField("登记时间", auto_now_add=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                      verbose_name="登记人")
    # 补正 (Art. 30)
    correction_sent_on = models.DateField("补正告知日期", null=True, blank=True)
    correction_deadline = models.DateField("补正期限", null=True, blank=True)
    correction_text = models.TextField("需补正的事项", blank=True)
    corrected_on = models.DateField("收到补正之日", null=True, blank=True)
    corrected_text = models.TextField("补正内容", blank=True)
    # 延期 (Art. 33)
    extension_days = models.PositiveSmallIntegerField("延长工作日数", default=0)
    extension_on = models.DateField("延期日期", null=True, blank=True)
    extension_approver = models.CharField("延期批准人", max_length=50, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    # 信息处理费 (Art. 42)
    fee_method = models.CharField("计收方式", max_length=10, choices=FeeMethod.choices, blank=True)
    fee_quantity = models.PositiveIntegerField("件数/页数", null=True, blank=True)
    fee_amount = models.PositiveIntegerField("收费金额（元）", null=True, blank=True)
    fee_notice_on = models.DateField("收费通知日期", null=True, blank=True)
    fee_notice_received_on = models.DateField("申请人收到收费通知之日", null=True, blank=True,
                                              help_text="缴费期限自申请人收到收费通知的次日起计算；未登记时按通知日期计算。")
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)
    # 答复 (Art. 36-39)
    reply_type = models.CharField("答复类型", max_length=30, choices=REPLY_CHOICES, blank=True)
    reply_on = models.DateField("答复日期", null=True, blank=True)
    reply_reason = models.TextField("理由和依据", blank=True)
    withheld = models.TextField("不予公开的部分及理由", blank=True)
    responsible_agency = models.CharField("负责公开的机关及联系方式", max_length=200, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    delivered_by = models.CharField("送达方式", max_length=20, choices=Delivery.choices, blank=True)
    delivered_on = models.DateField("送达日期（邮寄为交邮之日）", null=True, blank=True)
    notice = models.FileField("告知书", upload_to="applications/notices/%Y/", blank=True)
    split_from = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="split_into",
                                   verbose_name="拆分自", help_text="一事一申请：由同一份申请中的另一事项拆分而来。")
    split_on = models.DateField("拆分日期", null=True, blank=True)
    split_reason = models.CharField("拆分理由", max_length=300, blank=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["organization", "received_on"]), models.Index(fields=["organization", "reply_on"])]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.name}"

    def get_absolute_url(self) -> str:
        """The staff handling page (an application has no public page: the applicant looks it up by code)."""
        return reverse("applications:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return not self.reply_type

    @property
    def reply(self) -> rules.ReplyType | None:
        return rules.REPLY_BY_CODE.get(self.reply_type)

    @property
    def closed_on(self) -> dt.date | None:
        return self.reply_on


class Consultation(GuardedModel):
    """A third party or another agency asked for its opinion: the clock stops (Art. 32, 34)."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="consultations", verbose_name="申请")
    kind = models.CharField("类型", max_length=20, choices=ConsultKind.choices)
    party = models.CharField("征求对象", max_length=200)
    sent_on = models.DateField("发出日期")
    received_on = models.DateField("对方收到日期", null=True, blank=True,
                                   help_text="对方的 15 个工作日自收到征求意见书之日起计算；未登记时按发出日期计算。")
    answered_on = models.DateField("答复日期", null=True, blank=True)
    opinion = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.party}"


class NoticeNumber(GuardedModel):
    """The number of a notice the office sent (浮教体依申复〔2026〕3号): one per application and kind, allocated when the
    act is recorded, never reused (``applications.numbering``)."""

    organization = models.ForeignKey("core.Organization", models.PROTECT, related_name="+", verbose_name="机构")
    application = models.ForeignKey(Application, models.PROTECT, related_name="notice_numbers", verbose_name="申请")
    kind = models.CharField("文书", max_length=20)  # reply, correction, extension, fee, split
    year = models.PositiveSmallIntegerField("年度")
    seq = models.PositiveIntegerField("序号")
    text = models.CharField("编号", max_length=80)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="编号时间")

    class Meta:
        verbose_name = "告知书编号"
        verbose_name_plural = "告知书编号"
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "year", "seq"], name="notice_number_unique_seq"),
            models.UniqueConstraint(fields=["application", "kind"], name="notice_number_one_per_kind"),
        ]

    def __str__(self) -> str:
        return self.text


class CaseKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER = "litigation_after", "行政诉讼（复议后起诉）"


class CaseResult(models.TextChoices):
    MAINTAINED = "maintained", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class ReviewCase(GuardedModel):
    """An administrative reconsideration or lawsuit about disclosure (annual report table C)."""

    organization = models.ForeignKey("core.Organization", models.PROTECT, related_name="disclosure_cases", verbose_name="被申请人/被告")
    application = models.ForeignKey(Application, models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name="相关申请")
    kind = models.CharField("类型", max_length=20, choices=CaseKind.choices)
    filed_on = models.DateField("收案日期")
    result = models.CharField("结果", max_length=20, choices=CaseResult.choices, default=CaseResult.PENDING)
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    note = models.CharField("案号/说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议、行政诉讼案件"
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.filed_on} 收案）"


class AnnualReport(GuardedModel):
    """One organization's annual report for one year: the parts written by people and table A's figures."""

    organization = models.ForeignKey("core.Organization", models.PROTECT, related_name="annual_reports", verbose_name="机构")
    year = models.PositiveSmallIntegerField("年度")
    part_one = models.TextField("一、总体情况", blank=True)
    part_five = models.TextField("五、存在的主要问题及改进情况", blank=True)
    part_six = models.TextField("六、其他需要报告的事项", blank=True)
    table_a = models.JSONField("主动公开情况（录入数字）", default=dict, blank=True)
    published_document_id = models.IntegerField("发布稿件", null=True, blank=True)
    # Published means frozen (docs/domain/annual-report.md): the whole report as sent to publication, and a
    # corrected one while its revision is in review ({"revision": n, "submitted_at": iso, "report": {...}}).
    snapshot = models.JSONField("已发布报告（快照）", null=True, blank=True)
    published_at = models.DateTimeField("送审发布时间", null=True, blank=True)
    correction = models.JSONField("更正报告（审核中）", null=True, blank=True)
    # The first year in use: last year's 四、结转下年度 as last year's report printed it, per applicant column.
    carried_in = models.JSONField("录入的上年结转数", default=dict, blank=True)
    carried_in_reason = models.CharField("录入上年结转数的理由", max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name="更新时间")

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="annual_report_once")]

    def __str__(self) -> str:
        return f"{self.organization} {self.year} 年度报告"


class CountyReportText(GuardedModel):
    """The written parts of the county-wide report (全县汇总) for one year, by the county office; the tables are the
    sum of the units' (report.county)."""

    county = models.ForeignKey("core.Organization", models.PROTECT, related_name="county_report_texts", verbose_name="县（市、区）")
    year = models.PositiveSmallIntegerField("年度")
    part_one = models.TextField("一、总体情况", blank=True)
    part_five = models.TextField("五、存在的主要问题及改进情况", blank=True)
    part_six = models.TextField("六、其他需要报告的事项", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "全县年度报告文字部分"
        verbose_name_plural = "全县年度报告文字部分"
        constraints = [models.UniqueConstraint(fields=["county", "year"], name="county_report_text_once")]

    def __str__(self) -> str:
        return f"{self.county} {self.year} 全县年度报告"


class ApplicationFile(GuardedModel):
    """A file the applicant attached (ID copy, authorization letter, the document's details)."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="files", verbose_name="申请")
    file = models.FileField("文件", upload_to="applications/files/%Y/")
    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"

    def __str__(self) -> str:
        return self.name
