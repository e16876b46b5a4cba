"""Notifications to staff, their e-mails and each person's choices per kind.

Rows change only through ``zwgk.notifications.services`` (see ``zwgk.core.audit``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from zwgk.core import references
from zwgk.core.models import GuardedModel, GuardedQuerySet

from . import kinds


class Delivery(models.TextChoices):
    IN_APP = "in_app", "仅站内"
    EMAIL = "email", "即时邮件"
    DIGEST = "digest", "每日汇总邮件"


class MailState(models.TextChoices):
    QUEUED = "queued", "待发送"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"


class Mail(GuardedModel):
    """One e-mail to one person: a notification's own, the day's digest of several, or a message to a member of the
    public who left an address (no account: ``recipient`` empty, ``key`` says which event, once). Sent by the task
    queue; a failed send is tried again up to ``ZWGK_MAIL_ATTEMPTS`` times, then stays FAILED with its last error."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="notification_mails",
                                  verbose_name="收件人")
    key = models.CharField("事件标识", max_length=200, blank=True)
    to = models.EmailField("收件地址")
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("正文")
    state = models.CharField("状态", max_length=10, choices=MailState.choices, default=MailState.QUEUED)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近一次错误", max_length=300, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    digest_day = models.DateField("汇总日期", null=True, blank=True)

    class Meta:
        verbose_name = "通知邮件"
        verbose_name_plural = "通知邮件"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "digest_day"], name="notification_digest_once_a_day"),
                       models.UniqueConstraint(fields=["to", "key"], condition=~models.Q(key=""), name="public_mail_once_per_event")]

    def __str__(self) -> str:
        return f"{self.to}：{self.subject}"


class NotificationQuerySet(GuardedQuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at=None)

    def read(self) -> NotificationQuerySet:
        return self.exclude(read_at=None)

    def awaiting_digest(self) -> NotificationQuerySet:
        return self.filter(delivery=Delivery.DIGEST, mail=None, read_at=None)


class Notification(GuardedModel):
    """Something a person should know or do, in the app; by e-mail as their preference for its kind says. The link
    is a reference (``core.references``, resolved when shown) or, for a page that is no record, an address."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name="接收人")
    kind = models.CharField("类别", max_length=40)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    ref_kind = models.CharField("关联记录类别", max_length=40, blank=True)
    ref_id = models.CharField("关联记录编号", max_length=64, blank=True)
    url = models.CharField("链接", max_length=500, blank=True)
    dedup = models.CharField("去重键", max_length=200, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    delivery = models.CharField("送达方式", max_length=10, choices=Delivery.choices, default=Delivery.IN_APP)
    mail = models.ForeignKey(Mail, models.SET_NULL, null=True, blank=True, related_name="notifications", verbose_name="邮件")

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "dedup"], condition=~models.Q(dedup=""), name="notification_once"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return kinds.label(self.kind)

    @property
    def target_url(self) -> str:
        """Where the thing is done: the referenced record's page, else the stored address."""
        if self.ref_kind:
            return references.url_for(self.ref_kind, self.ref_id) or self.url
        return self.url

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(GuardedModel):
    """A person's choice for one kind; without a row the kind's defaults hold. In-app is always on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preferences", verbose_name="用户")
    kind = models.CharField("类别", max_length=40)
    email = models.BooleanField("邮件", default=True)
    digest = models.BooleanField("每日汇总", default=False)

    class Meta:
        verbose_name = "通知设置"
        verbose_name_plural = "通知设置"
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user}：{kinds.label(self.kind)}"
