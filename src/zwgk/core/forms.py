from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q
from django.utils import timezone

from . import audit
from .models import Organization


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。请注意，连续多次输错后账号将被暂时锁定。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"


class OrgProfileForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["address", "phone", "email", "office_hours", "notice_number_pattern", "fee_payment"]


class AuditFilterForm(forms.Form):
    organization = forms.ModelChoiceField(
        label="机构", queryset=Organization.objects.all(), required=False, empty_label="全部机构"
    )
    action = forms.ChoiceField(label="操作", required=False)
    actor = forms.CharField(label="操作人", required=False, max_length=50)
    q = forms.CharField(label="关键词", required=False, max_length=100)
    date_from = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date", "lang": "zh-CN"}))
    date_to = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date", "lang": "zh-CN"}))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "全部操作"), *audit.action_labels().items()]
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = "请输入有效的日期，格式为 2025-01-31。"

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return data

    def filter(self, qs):  # noqa: ANN001, ANN201
        data = self.cleaned_data
        if data.get("organization"):
            qs = qs.filter(organization=data["organization"])
        if data.get("action"):
            qs = qs.filter(action=data["action"])
        if data.get("actor"):
            qs = qs.filter(actor_name__icontains=data["actor"])
        if data.get("q"):
            qs = qs.filter(Q(summary__icontains=data["q"]) | Q(object_repr__icontains=data["q"]))
        tz = timezone.get_current_timezone()
        if data.get("date_from"):
            qs = qs.filter(created_at__gte=dt.datetime.combine(data["date_from"], dt.time.min, tzinfo=tz))
        if data.get("date_to"):
            qs = qs.filter(created_at__lt=dt.datetime.combine(data["date_to"] + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
        return qs


class HolidayNoticeForm(forms.Form):
    text = forms.CharField(
        label="通知全文", max_length=20_000, widget=forms.Textarea(attrs={"rows": 14}),
        help_text="从中国政府网复制《国务院办公厅关于20XX年部分节假日安排的通知》的全文（含标题）粘贴到这里。",
    )
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2099,
                              help_text="不填则从通知标题读取。",
                              error_messages={"invalid": "年度请填写四位数字，如 2027。"})
