"""The annual report's parts the office enters and its publication, review cases (复议、诉讼) and the ledger's
exports: what the annual report and its ledger are made of.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from zwgk.core import audit, permissions
from zwgk.core.models import Organization, User

from ..models import AnnualReport, Application, ReviewCase


@audit.service("applications.case", "登记行政复议或行政诉讼")
def record_case(
    actor: User, organization: Organization, kind: str, filed_on: dt.date, result: str, concluded_on: dt.date | None = None,
    note: str = "", application: Application | None = None,
) -> ReviewCase:
    from ..models import CaseKind, CaseResult

    permissions.require(actor, "applications.report", organization)
    errors = {}
    if kind not in CaseKind.values:
        errors["kind"] = "请选择案件类型。"
    if result not in CaseResult.values:
        errors["result"] = "请选择结果。"
    if not isinstance(filed_on, dt.date) or filed_on > timezone.localdate():
        errors["filed_on"] = "请填写不晚于今天的收案日期。"
    if result != CaseResult.PENDING and not isinstance(concluded_on, dt.date):
        errors["concluded_on"] = "已审结的案件请填写审结日期。"
    if isinstance(concluded_on, dt.date) and isinstance(filed_on, dt.date) and concluded_on < filed_on:
        errors["concluded_on"] = "审结日期不能早于收案日期。"
    if errors:
        raise ValidationError(errors)
    case = ReviewCase.objects.create(
        organization=organization, kind=kind, filed_on=filed_on, result=result,
        concluded_on=concluded_on if result != CaseResult.PENDING else None, note=(note or "").strip(), application=application,
    )
    audit.record(actor, case, summary=f"{case.get_kind_display()}，{filed_on:%Y-%m-%d} 收案，{case.get_result_display()}")
    return case


TABLE_A_KEYS = ("rules_issued", "rules_repealed", "rules_valid", "licensing", "penalty", "coercion", "fees_wan")


@audit.service("applications.report_edit", "编辑年度报告")
def save_report(actor: User, organization: Organization, year: int, *, part_one: str, part_five: str, part_six: str,
                table_a: dict[str, Any]) -> AnnualReport:
    """The written parts (一, 五, 六) and the figures of table A that the office enters."""
    permissions.require(actor, "applications.report", organization)
    if not 2008 <= int(year) <= timezone.localdate().year:
        raise ValidationError({"year": "年度不正确。"})
    figures: dict[str, Any] = {}
    errors = {}
    for key in TABLE_A_KEYS:
        raw = table_a.get(key, "")
        raw = "" if raw is None else str(raw).strip()
        if raw == "":
            figures[key] = 0
            continue
        try:
            value = float(raw) if key == "fees_wan" else int(raw)
        except ValueError:
            errors[key] = "请填写数字。"
            continue
        if value < 0:
            errors[key] = "不能为负数。"
        figures[key] = value
    if errors:
        raise ValidationError(errors)
    report, _ = AnnualReport.objects.select_for_update().get_or_create(organization=organization, year=year)
    before = {"part_one": report.part_one, "part_five": report.part_five, "part_six": report.part_six, "table_a": report.table_a}
    report.part_one, report.part_five, report.part_six = part_one.strip(), part_five.strip(), part_six.strip()
    report.table_a = figures
    report.save()
    changed = [k for k, v in before.items() if v != getattr(report, k)]
    audit.record(actor, report, summary=f"{organization.name} {year} 年度报告：修改 {'、'.join(changed) or '无'}")
    return report


@audit.service("applications.report_publish", "年度报告送审发布")
def publish_report(actor: User, organization: Organization, year: int) -> Any:
    """Put the report through review to the portal's 年报 column (先审后发): a draft in publishing,
    submitted. Refused while the consistency rules are broken."""
    from zwgk.publishing import services as publishing

    from .. import report as annual

    permissions.require(actor, "applications.report", organization)
    report = annual.build(organization, year)
    if report.problems:
        raise ValidationError(["勾稽关系检查未通过，不能发布："] + report.problems)
    saved, _ = AnnualReport.objects.select_for_update().get_or_create(organization=organization, year=year)
    if saved.published_document_id:
        raise ValidationError("该年度报告已经送审或发布；如需更正，请在稿件中修改后重新送审。")
    doc = publishing.create_draft(
        actor, organization, title=f"{organization.name}{year}年政府信息公开工作年度报告", body_html=annual.to_html(report),
        written_date=timezone.localdate(), topic="综合政务\\政务公开", genre="年报",
    )
    publishing.submit(actor, doc)
    saved.published_document_id = doc.pk
    saved.save(update_fields=["published_document_id", "updated_at"])
    audit.record(actor, saved, summary=f"{organization.name} {year} 年度报告送审，稿件 {doc.pk}")
    return doc


@audit.service("applications.ledger_export", "导出依申请公开台账")
def export_ledger(actor: User, rows: int, filters: dict[str, Any]) -> None:
    """Each export of the ledger is logged (the file carries masked personal data only)."""
    permissions.require(actor, "applications.handle")
    audit.record(actor, None, summary=f"导出台账 {rows} 条", changes={"filters": filters})
