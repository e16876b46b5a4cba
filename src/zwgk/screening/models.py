from django.db import models

from zwgk.core.models import GuardedModel


class TermKind(models.TextChoices):
    WRONG = "wrong", "错误表述"
    SENSITIVE = "sensitive", "敏感词"


class Severity(models.TextChoices):
    BLOCK = "block", "阻止发布"
    WARN = "warn", "提示"


class Term(GuardedModel):
    """One entry of the managed list: a wrong phrasing (wrong → right) or a sensitive word."""

    wrong = models.CharField("词语", max_length=100, unique=True)
    right = models.CharField("正确表述", max_length=100, blank=True)
    kind = models.CharField("类型", max_length=10, choices=TermKind.choices, default=TermKind.WRONG)
    severity = models.CharField("级别", max_length=10, choices=Severity.choices, default=Severity.WARN)
    note = models.CharField("说明", max_length=300, blank=True)
    is_active = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "敏感词与规范表述"
        verbose_name_plural = "敏感词与规范表述"
        ordering = ["wrong"]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.right}" if self.right else self.wrong
