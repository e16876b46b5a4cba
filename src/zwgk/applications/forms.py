"""Forms for applications: the public form, staff registration and each handling step."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from . import attachments, rules
from .models import ApplicantType, Channel, ConsultKind, Delivery, FeeMethod, IdType, Medium
from .selectors import organizations_accepting

DATE = forms.DateInput(attrs={"type": "date", "lang": "zh-CN"}, format="%Y-%m-%d")  # the browser date input takes ISO dates only


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("widget", MultipleFileInput(attrs={"lang": "zh-CN"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):  # noqa: ANN001, ANN201
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ApplicantForm(forms.Form):
    organization = forms.ModelChoiceField(organizations_accepting(), label="向哪个机关申请", empty_label="请选择",
                                          error_messages={"required": "请选择受理申请的机关。", "invalid_choice": "请选择受理申请的机关。"})
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    name = forms.CharField(label="姓名或单位名称", max_length=100)
    id_type = forms.ChoiceField(label="证件类型", choices=IdType.choices)
    id_number = forms.CharField(label="证件号码", max_length=40, help_text="居民身份证号码会校验第 18 位校验码；单位请填统一社会信用代码。")
    legal_representative = forms.CharField(label="法定代表人或负责人（单位申请填写）", max_length=50, required=False)
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, help_text="查询办理进度时需要输入此号码。")
    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    description = forms.CharField(label="所需信息的名称或内容描述", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    doc_number = forms.CharField(label="文件名称、文号或其他特征（选填）", max_length=200, required=False)
    medium = forms.ChoiceField(label="信息的载体形式", choices=Medium.choices, initial=Medium.ELECTRONIC)
    delivery = forms.ChoiceField(label="获取信息的方式", choices=Delivery.choices, initial=Delivery.EMAIL)
    files = MultipleFileField(label=f"附件（选填：身份证明、委托书等；PDF、图片或 Word，最多 {attachments.MAX_FILES} 个，"
                                    f"每个不超过 {attachments.MAX_FILE_MB} MB）", required=False)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for name in ("name", "id_number", "phone", "description", "organization"):
            self.fields[name].error_messages["required"] = f"请填写{self.fields[name].label}。"

    def clean_files(self) -> list:
        """The count and each file's size, before any file is read (its type is judged by the service)."""
        files = self.cleaned_data["files"]
        attachments.check_limits(files)
        return files


class RegisterForm(ApplicantForm):
    channel = forms.ChoiceField(label="申请方式", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = forms.DateField(label="收到申请之日", widget=DATE,
                                  help_text="；".join(f"{c.label}：{c.receipt_rule}" for c in rules.CHANNELS if c.code != "online"))
    field_order = ["organization", "channel", "received_on"]

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # A request registered by staff was mostly handed in at the counter today; the applicant collects the answer
        # there unless they choose otherwise (e-mail would require an address they may not have).
        self.fields["channel"].initial = Channel.IN_PERSON
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["delivery"].initial = Delivery.PICKUP


class ApplicantCorrectionForm(forms.Form):
    """Staff correct the applicant's details; the ID and phone numbers are not shown here (they are masked on the
    page) and stay as they are when left blank."""

    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    name = forms.CharField(label="姓名或单位名称", max_length=100)
    id_type = forms.ChoiceField(label="证件类型", choices=IdType.choices)
    id_number = forms.CharField(label="证件号码（不修改请留空）", max_length=40, required=False)
    legal_representative = forms.CharField(label="法定代表人或负责人", max_length=50, required=False)
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话（不修改请留空）", max_length=20, required=False)
    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    reason = forms.CharField(label="更正原因", max_length=200)

    KEEP_WHEN_BLANK = ("id_number", "phone")

    @classmethod
    def initial_for(cls, app) -> dict:  # noqa: ANN001
        return {name: getattr(app, name) for name in cls.base_fields if name not in (*cls.KEEP_WHEN_BLANK, "reason")}

    @classmethod
    def changes(cls, data: dict) -> dict:
        """The fields of cleaned data to pass to ``services.correct_applicant`` (blank ID and phone numbers left out)."""
        return {k: v for k, v in data.items() if k != "reason" and not (k in cls.KEEP_WHEN_BLANK and not v)}


class StatusForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=20)
    phone = forms.CharField(label="申请时填写的联系电话", max_length=20)


class CorrectionForm(forms.Form):
    text = forms.CharField(label="需补正的事项（一次性全部列明）", widget=forms.Textarea(attrs={"rows": 3}))
    sent_on = forms.DateField(label="告知日期", widget=DATE)
    deadline = forms.DateField(label="补正期限", widget=DATE)


class CorrectedForm(forms.Form):
    on = forms.DateField(label="收到补正之日", widget=DATE)
    text = forms.CharField(label="补正内容", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ConsultForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=ConsultKind.choices)
    party = forms.CharField(label="征求对象", max_length=200)
    sent_on = forms.DateField(label="发出日期", widget=DATE)
    received_on = forms.DateField(label="对方收到日期（不填则按发出日期计算对方的 15 个工作日）", widget=DATE, required=False)


class ConsultReceiptForm(forms.Form):
    received_on = forms.DateField(label="对方收到征求意见书的日期", widget=DATE)


class FeeReceiptForm(forms.Form):
    received_on = forms.DateField(label="申请人收到收费通知的日期（签收、邮件送达等）", widget=DATE)


class SplitForm(forms.Form):
    items = forms.CharField(label="各事项（每行一项；第一项留在本申请，其余各立一件）", widget=forms.Textarea(attrs={"rows": 4}),
                            max_length=20_000)
    reason = forms.CharField(label="拆分理由", max_length=200, initial="申请内容包含多个互不相关的事项，按一事一申请分别办理")

    def clean_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class ConsultAnswerForm(forms.Form):
    answered_on = forms.DateField(label="答复日期", widget=DATE)
    opinion = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=rules.EXTENSION_MAX_DAYS, initial=rules.EXTENSION_MAX_DAYS)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))
    on = forms.DateField(label="延期日期", widget=DATE)


class FeeForm(forms.Form):
    method = forms.ChoiceField(label="计收方式（只能选一种）", choices=FeeMethod.choices)
    quantity = forms.IntegerField(label="页数（按量计收时填写）", min_value=1, required=False)
    on = forms.DateField(label="通知日期", widget=DATE)
    received_on = forms.DateField(label="申请人收到通知的日期（可稍后登记；缴费期限自收到次日起计算）", widget=DATE, required=False)


class PaymentForm(forms.Form):
    on = forms.DateField(label="缴费日期", widget=DATE)


# rules.DELIVERY_POINT, in the words of the form.
DELIVERY_LABEL = "送达日期（当面领取为签收之日；邮寄为交邮之日，以邮戳为准；电子邮件、网上获取、传真为发送之日）"


class ReplyForm(forms.Form):
    reply_type = forms.ChoiceField(label="答复类型", choices=[("", "请选择")] + [
        (r.code, r.label) for r in rules.REPLY_TYPES if r.code not in rules.ABANDONED])
    on = forms.DateField(label="答复日期", widget=DATE)
    text = forms.CharField(label="提供的信息，或获取的方式、途径和时间", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label="理由和法律依据（不予公开、无法提供等必填）", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    withheld = forms.CharField(label="不予公开的内容及理由（部分公开必填）", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    agency = forms.CharField(label="负责公开该信息的机关及联系方式（本机关不掌握时填写）", max_length=200, required=False)
    delivered_by = forms.ChoiceField(label="送达方式", choices=[("", "稍后登记")] + list(Delivery.choices), required=False)
    delivered_on = forms.DateField(label=DELIVERY_LABEL, widget=DATE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class DeliveryForm(forms.Form):
    delivered_by = forms.ChoiceField(label="送达方式", choices=Delivery.choices)
    delivered_on = forms.DateField(label=DELIVERY_LABEL, widget=DATE)


class ReassignForm(forms.Form):
    organization = forms.ModelChoiceField(organizations_accepting(), label="转至", empty_label="请选择")
    reason = forms.CharField(label="理由", max_length=200)


class ReportForm(forms.Form):
    part_one = forms.CharField(label="一、总体情况", widget=forms.Textarea(attrs={"rows": 8}), required=False)
    rules_issued = forms.IntegerField(label="规章：本年制发件数", min_value=0, required=False)
    rules_repealed = forms.IntegerField(label="规章：本年废止件数", min_value=0, required=False)
    rules_valid = forms.IntegerField(label="规章：现行有效件数", min_value=0, required=False)
    licensing = forms.IntegerField(label="行政许可：本年处理决定数量", min_value=0, required=False)
    penalty = forms.IntegerField(label="行政处罚：本年处理决定数量", min_value=0, required=False)
    coercion = forms.IntegerField(label="行政强制：本年处理决定数量", min_value=0, required=False)
    fees_wan = forms.DecimalField(label="行政事业性收费：本年收费金额（万元）", min_value=0, decimal_places=4, required=False)
    part_five = forms.CharField(label="五、存在的主要问题及改进情况", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    part_six = forms.CharField(label="六、其他需要报告的事项（信息处理费收取情况由系统自动填入）", widget=forms.Textarea(attrs={"rows": 4}),
                               required=False)


class CountyReportForm(forms.Form):
    part_one = forms.CharField(label="一、总体情况（系统另行写明汇总口径）", widget=forms.Textarea(attrs={"rows": 8}), required=False)
    part_five = forms.CharField(label="五、存在的主要问题及改进情况", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    part_six = forms.CharField(label="六、其他需要报告的事项（信息处理费收取情况由系统自动填入）", widget=forms.Textarea(attrs={"rows": 4}),
                               required=False)


class CarriedInForm(forms.Form):
    """The first year in use: last year's 四、结转下年度继续办理 as last year's report printed it."""

    carried_natural = forms.IntegerField(label="自然人", min_value=0, required=False)
    carried_business = forms.IntegerField(label="商业企业", min_value=0, required=False)
    carried_research = forms.IntegerField(label="科研机构", min_value=0, required=False)
    carried_charity = forms.IntegerField(label="社会公益组织", min_value=0, required=False)
    carried_legal = forms.IntegerField(label="法律服务机构", min_value=0, required=False)
    carried_other = forms.IntegerField(label="其他", min_value=0, required=False)
    carried_in_reason = forms.CharField(label="理由", max_length=300)
