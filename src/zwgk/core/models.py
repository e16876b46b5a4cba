"""Core tables: organizations, staff accounts and roles, the audit log, the working-day calendar.

Rows change only through the service functions in ``zwgk.core.services``; see ``zwgk.core.audit``.
"""

from __future__ import annotations

from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as AuthUserManager
from django.db import models
from django.utils import timezone

from . import audit
from .codes import validate_org_identifier


class GuardedQuerySet(models.QuerySet):
    """The queryset of every zwgk model. Bulk writes send no pre_save signal, so the write guard
    (``zwgk.core.audit.check_write``) is checked here: outside a service they raise DirectWriteError in
    strict mode. A model's own queryset subclasses it (``class DocumentQuerySet(GuardedQuerySet)``)."""

    def update(self, **kwargs):  # noqa: ANN003, ANN201
        audit.check_write(self.model)
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
        audit.check_write(self.model)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
        audit.check_write(self.model)
        return super().bulk_update(objs, fields, *args, **kwargs)

    def delete(self):  # noqa: ANN201
        audit.check_write(self.model)
        return super().delete()


class GuardedModel(models.Model):
    """The base of every zwgk model: its default manager (and so every related manager, which derives from
    it) returns a GuardedQuerySet. A model with its own queryset declares ``objects = ItsQuerySet.as_manager()``
    with ``ItsQuerySet(GuardedQuerySet)``."""

    objects = GuardedQuerySet.as_manager()

    class Meta:
        abstract = True


class UserManager(AuthUserManager.from_queryset(GuardedQuerySet)):
    """Django's user manager (create_user, natural keys) on the guarded queryset."""


class OrgKind(models.TextChoices):
    GOVERNMENT = "government", "县人民政府"
    OFFICE = "office", "政府办公室"
    DEPARTMENT = "department", "政府部门"
    TOWNSHIP = "township", "乡（镇）人民政府"
    ENTERPRISE = "enterprise", "公共企业"
    INSTITUTION = "institution", "事业单位"


def validate_notice_number_pattern(value: str) -> None:
    from django.core.exceptions import ValidationError

    if value and ("{年}" not in value or "{号}" not in value):
        raise ValidationError("编号格式必须包含 {年} 和 {号}，如“浮教体依申{类}〔{年}〕{号}号”。")
    rest = value.replace("{年}", "").replace("{号}", "").replace("{类}", "")
    if "{" in rest or "}" in rest:
        raise ValidationError("编号格式只能使用 {年}、{号}、{类} 三个占位符。")


class Organization(GuardedModel):
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="上级机构"
    )
    name = models.CharField("全称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=50)
    kind = models.CharField("类别", max_length=20, choices=OrgKind.choices)
    doc_prefix = models.CharField("机关代字", max_length=20, blank=True, help_text="用于发文字号，如“浮府办发”中的“浮府办”。")
    code = models.CharField(
        "机构代码",
        max_length=18,
        unique=True,
        validators=[validate_org_identifier],
        help_text="9 位组织机构代码或 18 位统一社会信用代码，用于索引号。",
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    notice_number_pattern = models.CharField(
        "告知书编号格式", max_length=50, blank=True, validators=[validate_notice_number_pattern],
        help_text="依申请公开告知书的编号，如“浮教体依申{类}〔{年}〕{号}号”：{年} 为年度，{号} 为当年序号（不重复使用），"
                  "{类} 为文书类别（复、补、延、费、拆）。不填则用“机关代字依申{类}〔{年}〕{号}号”。",
    )
    fee_payment = models.TextField(
        "信息处理费缴纳方式", max_length=500, blank=True,
        help_text="收费通知写明的缴纳方式，如非税收入缴款账户（户名、开户行、账号）或现场缴纳的地点和时间。"
                  "不填则收费通知请申请人按联系电话询问缴纳方式。",
    )
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The tree must stay a tree: an organization cannot sit below itself.
        from django.core.exceptions import ValidationError

        seen, node = {self.pk}, self.parent
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": "上级机构不能是本机构或其下级机构。"})
            seen.add(node.pk)
            node = node.parent


class Role(models.TextChoices):
    EDITOR = "editor", "信息员"
    REVIEWER = "reviewer", "审核人"
    SECRECY_REVIEWER = "secrecy_reviewer", "保密审查员"
    COUNTY_OFFICE = "county_office", "公开办"
    ADMIN = "admin", "系统管理员"


class User(AbstractUser):
    """A staff account. The public needs no account."""

    objects = UserManager()

    full_name = models.CharField("姓名", max_length=50, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="staff", verbose_name="所属机构"
    )
    phone = models.CharField("手机号码", max_length=20, blank=True)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"
        ordering = ["organization__sort_order", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username

    @property
    def role_set(self) -> frozenset[str]:
        cached = getattr(self, "_role_cache", None)
        if cached is None:
            cached = frozenset(self.roles.values_list("role", flat=True)) if self.pk else frozenset()
            self._role_cache = cached
        return cached

    def role_labels(self) -> list[str]:
        return [Role(r).label for r in Role.values if r in self.role_set]

    def check_password(self, raw_password: str) -> bool:
        # Django re-hashes an outdated hash on login by saving the user; here that goes through a
        # service so that it is logged like every other change.
        def upgrade(raw: str) -> None:
            from .services import accounts

            accounts.upgrade_password_hash(self, raw)

        return check_password(raw_password, self.password, upgrade)


class UserRole(GuardedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles", verbose_name="工作人员")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="core_userrole_unique")]

    def __str__(self) -> str:
        return f"{self.user}：{self.get_role_display()}"


class AppendOnlyError(RuntimeError):
    """The audit log cannot be changed or deleted."""


class AuditQuerySet(GuardedQuerySet):
    def update(self, **kwargs):  # noqa: ANN003, ANN201
        raise AppendOnlyError("审计日志只能追加，不能修改。")

    def delete(self):  # noqa: ANN201
        raise AppendOnlyError("审计日志只能追加，不能删除。")


class AuditEntry(GuardedModel):
    """One append-only line of the audit log.

    Never updated or deleted: the model and its queryset refuse, and database triggers refuse
    UPDATE (both engines) and DELETE (PostgreSQL; see migration 0002).
    """

    objects = AuditQuerySet.as_manager()

    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", verbose_name="操作人"
    )
    actor_name = models.CharField("操作人", max_length=150)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name="操作人所属机构",
    )
    organization_name = models.CharField("所属机构", max_length=100, blank=True)
    action = models.CharField("操作", max_length=100, db_index=True)
    action_label = models.CharField("操作名称", max_length=100)
    object_type = models.CharField("对象类型", max_length=100, blank=True, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    summary = models.TextField("变更摘要", blank=True)
    changes = models.JSONField("变更明细", default=dict, blank=True)
    client_ip = models.GenericIPAddressField("客户端地址", null=True, blank=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_audit_object")]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M} {self.actor_name} {self.action_label} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if not self._state.adding:
            raise AppendOnlyError("审计日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise AppendOnlyError("审计日志只能追加，不能删除。")


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（休息）"
    WORKDAY = "workday", "调休上班（补班）"


class CalendarYear(GuardedModel):
    """A year whose holiday schedule is known. Working-day arithmetic refuses years not listed here."""

    year = models.PositiveIntegerField("年度", primary_key=True)
    source = models.CharField("依据", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知")
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(GuardedModel):
    """A day that differs from the Monday-Friday rule: a holiday, or a weekend day worked (补班)."""

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日", max_length=50, blank=True)

    class Meta:
        verbose_name = "节假日与补班"
        verbose_name_plural = "节假日与补班"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()


class ScheduledJob(GuardedModel):
    """When each periodic job (``zwgk.core.scheduler``) was last enqueued."""

    name = models.CharField("任务", max_length=100, primary_key=True)
    last_enqueued_at = models.DateTimeField("上次入队", null=True, blank=True)

    class Meta:
        verbose_name = "定时任务"
        verbose_name_plural = "定时任务"

    def __str__(self) -> str:
        return f"定时任务“{self.name}”"


class TaskHeartbeat(GuardedModel):
    """The last sign of life of a running background task, written by its worker every few seconds
    (``zwgk.core.heartbeat``); a RUNNING task whose heartbeat is too old lost its worker and is requeued."""

    zwgk_observation = True  # machine bookkeeping, written by the worker's heartbeat thread (no audit entry)

    task = models.OneToOneField("django_tasks_database.DBTaskResult", models.CASCADE, primary_key=True, related_name="zwgk_heartbeat",
                                verbose_name="后台任务")
    worker_id = models.CharField("执行进程", max_length=64)
    # host:pid:start of the worker's process (zwgk.core.heartbeat.process_identity): on the same host, recovery
    # asks whether that process still runs before requeuing its task.
    process = models.CharField("进程标识", max_length=300, blank=True)
    beat_at = models.DateTimeField("最近心跳")

    class Meta:
        verbose_name = "后台任务心跳"
        verbose_name_plural = "后台任务心跳"

    def __str__(self) -> str:
        return f"后台任务心跳（{self.worker_id}）"


