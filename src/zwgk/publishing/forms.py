from __future__ import annotations

from typing import Any

from django import forms

from zwgk.core import permissions
from zwgk.core.models import Organization, User

from . import taxonomy
from .html import text_to_html  # noqa: F401  (used by views)
from .models import DocStatus, Document, InterpretationForm, Kind, Revision

DATE = forms.DateInput(attrs={"type": "date", "lang": "zh-CN"}, format="%Y-%m-%d")


def parse_qa(value: str) -> list[dict[str, str]]:
    pairs, current = [], None
    for line in (value or "").splitlines():
        line = line.strip()
        if line.startswith(("问：", "问:")):
            current = {"q": line[2:].strip(), "a": ""}
            pairs.append(current)
        elif line.startswith(("答：", "答:")) and current is not None:
            current["a"] = line[2:].strip()
        elif line and current is not None:
            current["a"] = (current["a"] + "\n" + line).strip()
    return pairs


class DocumentForm(forms.ModelForm):
    organization = forms.ModelChoiceField(label="发布机构", queryset=Organization.objects.none(), empty_label=None)
    body = forms.CharField(
        label="正文", required=False, widget=forms.Textarea(attrs={"rows": 14, "data-body-editor": ""}),
        help_text="工具栏可设置标题、列表、表格和链接；从 Word 粘贴时保留标题、列表和表格，去掉字体和样式。"
        "图片先作为附件上传，再“插入正文”。保存时会去掉不安全的代码。",
    )
    policies = forms.ModelMultipleChoiceField(
        label="所解读的政策", queryset=Document.objects.none(), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    qa_text = forms.CharField(
        label="简明问答", required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="每条问答写成两行：“问：……”和“答：……”。",
    )

    class Meta:
        model = Revision
        fields = [
            "title", "doc_number", "written_date", "topic", "genre", "disclosure_mode", "nondisclosure_ground",
            "validity", "effective_from", "expires_on", "is_normative", "is_major_policy", "standard_area", "column",
            "catalog_item", "source", "interpretation_form", "media_url",
        ]
        widgets = {"written_date": DATE, "effective_from": DATE, "expires_on": DATE}

    field_order = [
        "organization", "title", "policies", "interpretation_form", "body", "qa_text", "media_url", "doc_number",
        "written_date", "topic", "genre", "disclosure_mode", "nondisclosure_ground", "validity", "effective_from",
        "expires_on", "is_normative", "is_major_policy", "column", "standard_area", "catalog_item", "source",
    ]

    def __init__(self, *args: Any, user: User, kind: str, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["topic"] = forms.ChoiceField(label="主题分类", choices=[("", "请选择")] + taxonomy.topic_choices(), required=False)
        self.fields["genre"] = forms.ChoiceField(label="体裁", choices=[("", "请选择")] + [(g, g) for g in taxonomy.genres()], required=False)
        self.fields["standard_area"] = forms.ChoiceField(
            label="标准化领域", choices=[("", "（不属于）")] + [(a, a) for a in taxonomy.STANDARD_AREAS], required=False
        )
        self.fields["nondisclosure_ground"] = forms.ChoiceField(
            label="不予公开依据", choices=[("", "（不适用）")] + [(g, g) for g in taxonomy.NONDISCLOSURE_GROUNDS], required=False
        )
        self.fields["column"].empty_label = "（不指定）"
        self.fields["catalog_item"].empty_label = "（不属于标准目录事项）"
        for name in ("written_date", "effective_from", "expires_on"):
            self.fields[name].error_messages["invalid"] = "请输入有效的日期，如 2024-07-16。"
        if creating:
            self.fields["organization"].queryset = permissions.visible_organizations(user, "publishing.draft")
        else:
            del self.fields["organization"]
        if self.instance.pk:
            self.fields["body"].initial = self.instance.body_html
            self.fields["qa_text"].initial = "\n".join(f"问：{p['q']}\n答：{p['a']}" for p in self.instance.qa_pairs)
        if kind == Kind.INTERPRETATION:
            self.fields["policies"].queryset = Document.objects.filter(
                kind=Kind.DOCUMENT, organization__in=permissions.visible_organizations(user, "publishing.view")
            ).exclude(status=DocStatus.WITHDRAWN)
            self.fields["policies"].label_from_instance = lambda d: str(d)
            self.fields["interpretation_form"].choices = [("", "请选择")] + list(InterpretationForm.choices)
        else:
            for name in ("policies", "qa_text", "interpretation_form", "media_url"):
                del self.fields[name]
        self.order_fields(self.field_order)

    def content(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}
        data["body_html"] = text_to_html(self.cleaned_data.get("body", ""))
        if self.kind == Kind.INTERPRETATION:
            data["qa_pairs"] = parse_qa(self.cleaned_data.get("qa_text", ""))
        nullable = ("written_date", "effective_from", "expires_on", "column", "catalog_item")
        return {k: ("" if v is None and k not in nullable else v) for k, v in data.items()}


class DecisionForm(forms.Form):
    opinion = forms.CharField(
        label="审查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="同意时可不填（记为“同意发布。”）；退回修改须写明理由。",
    )
    override_reason = forms.CharField(
        label="对阻止发布问题的处理说明", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="自动检查发现个人信息或密级标志时，确认可以发布须写明理由；否则请退回。",
    )
    expected_step = forms.IntegerField(widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤稿理由", widget=forms.Textarea(attrs={"rows": 2}), min_length=4)
