"""Steps that the applications services compose: the applicant's part of an application checked, the accepting
office checked, the request locked with the actor's permission, dates checked against it, its version counted.
Each runs inside the calling service's transaction; none is a service."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from zwgk.core import codes, permissions
from zwgk.core.models import Organization, OrgKind, User
from zwgk.core.text import clean as clean_text

from .models import ApplicantType, Application, IdType

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
POSTCODE = re.compile(r"^\d{6}$")
ACCEPTING_KINDS = {OrgKind.GOVERNMENT, OrgKind.OFFICE, OrgKind.DEPARTMENT, OrgKind.TOWNSHIP}
INTAKE_FIELDS = (
    "applicant_type", "name", "id_type", "id_number", "legal_representative", "contact_person", "phone", "email",
    "address", "postcode", "description", "doc_number", "medium", "delivery",
)


def clean_intake(data: dict[str, Any]) -> dict[str, Any]:
    """The applicant's part of an application, checked; every problem at once, in Chinese."""
    from .models import Delivery, Medium

    out = {k: clean_text(data.get(k) or "").strip() if isinstance(data.get(k, ""), str) else data.get(k) for k in INTAKE_FIELDS}
    errors: dict[str, str] = {}
    if out["applicant_type"] not in ApplicantType.values:
        errors["applicant_type"] = "请选择申请人类型。"
    if not out["name"]:
        errors["name"] = "请填写申请人姓名或单位名称。"
    elif len(out["name"]) > 100:
        errors["name"] = "姓名或名称不能超过 100 个字。"
    if out["id_type"] not in IdType.values:
        errors["id_type"] = "请选择证件类型。"
    number = (out["id_number"] or "").upper().replace(" ", "")
    out["id_number"] = number
    if not number:
        errors["id_number"] = "请填写证件号码。"
    elif out["id_type"] == IdType.RESIDENT:
        try:
            codes.validate_resident_id(number)
        except ValidationError as e:
            errors["id_number"] = e.messages[0]
    elif out["id_type"] == IdType.USCC:
        try:
            codes.validate_uscc(number)
        except ValidationError as e:
            errors["id_number"] = e.messages[0]
    elif not re.fullmatch(r"[0-9A-Z-]{5,30}", number):
        errors["id_number"] = "证件号码只能包含字母、数字和连字符，5 到 30 位。"
    natural = out["applicant_type"] == ApplicantType.NATURAL
    if not natural and out["id_type"] not in (IdType.USCC, IdType.OTHER, ""):
        errors.setdefault("id_type", "法人或其他组织请填写统一社会信用代码（或其他登记证件）。")
    if natural and out["id_type"] == IdType.USCC:
        errors.setdefault("id_type", "自然人请填写本人身份证件，不能填写统一社会信用代码。")
    if not natural and not out["legal_representative"]:
        errors["legal_representative"] = "法人或其他组织请填写法定代表人或负责人。"
    phone = (out["phone"] or "").replace(" ", "")
    out["phone"] = phone
    if not (MOBILE.match(phone) or LANDLINE.match(phone)):
        errors["phone"] = "请填写正确的联系电话：11 位手机号码，或区号加座机号码（如 0798-2621234）。"
    if out["postcode"] and not POSTCODE.match(out["postcode"]):
        errors["postcode"] = "邮政编码应为 6 位数字。"
    description = out["description"] or ""
    if len(description) < 5:
        errors["description"] = "请写明所需政府信息的名称、文号或其他便于查找的特征（至少 5 个字）。"
    elif len(description) > 2000:
        errors["description"] = "内容描述不能超过 2000 字；信息较多时请分别申请或附件说明。"
    if out["medium"] not in Medium.values:
        errors["medium"] = "请选择信息的载体形式。"
    if out["delivery"] not in Delivery.values:
        errors["delivery"] = "请选择获取信息的方式。"
    if out["delivery"] == Delivery.EMAIL and not out["email"]:
        errors["email"] = "选择电子邮件获取时请填写电子邮箱。"
    if out["delivery"] == Delivery.POST and not out["address"]:
        errors["address"] = "选择邮寄时请填写通信地址。"
    if out["email"]:
        from django.core.validators import validate_email

        try:
            validate_email(out["email"])
        except ValidationError:
            errors["email"] = "电子邮箱格式不正确。"
    if errors:
        raise ValidationError(errors)
    return out


def accepting(org: Organization | None) -> Organization:
    if org is None or not org.is_active or org.kind not in ACCEPTING_KINDS:
        raise ValidationError({"organization": "请选择受理申请的行政机关（县人民政府、政府办公室、县政府部门或乡镇人民政府）。"})
    return org


def locked(app: Application, actor: User, permission: str = "applications.handle") -> Application:
    app = Application.objects.select_for_update().select_related("organization").get(pk=app.pk)
    permissions.require(actor, permission, app.organization)
    return app


def checked_date(value: Any, label: str, app: Application, field: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise ValidationError({field: f"请填写{label}。"})
    if value > timezone.localdate():
        raise ValidationError({field: f"{label}不能晚于今天。"})
    if value < app.received_on:
        raise ValidationError({field: f"{label}不能早于收到申请之日（{app.received_on:%Y-%m-%d}）。"})
    return value


def save_version(app: Application, fields: list[str]) -> None:
    app.version += 1
    app.save(update_fields=[*fields, "version"])
