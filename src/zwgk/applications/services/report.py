"""The annual report's parts the office enters and its publication, review cases (复议、诉讼) and the ledger's
exports: what the annual report and its ledger are made of.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zwgk.core import audit, permissions
from zwgk.core.models import Organization, User

from ..models import AnnualReport, Application, CountyReportText, ReviewCase


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


@audit.service("applications.county_report_edit", "编辑全县年度报告")
def save_county_report(actor: User, county: Organization, year: int, *, part_one: str, part_five: str,
                       part_six: str) -> CountyReportText:
    """The written parts (一, 五, 六) of the county-wide report, by the county office (county-wide permission)."""
    if permissions.scope_ids(actor, "applications.report") is not None or county.parent_id is not None:
        raise PermissionDenied("只有县政府办公室（全县权限）可以编写全县汇总的年度报告。")
    if not 2008 <= int(year) <= timezone.localdate().year:
        raise ValidationError({"year": "年度不正确。"})
    text, _ = CountyReportText.objects.select_for_update().get_or_create(county=county, year=year)
    before = {"part_one": text.part_one, "part_five": text.part_five, "part_six": text.part_six}
    text.part_one, text.part_five, text.part_six = part_one.strip(), part_five.strip(), part_six.strip()
    text.save()
    changed = [k for k, v in before.items() if v != getattr(text, k)]
    if not changed:
        audit.nothing_changed()
        return text
    audit.record(actor, text, summary=f"{county.name} {year} 全县年度报告：修改 {'、'.join(changed)}")
    return text


@audit.service("applications.report_publish", "年度报告送审发布")
def publish_report(actor: User, organization: Organization, year: int, *, corrected: bool = False,
                   at: dt.datetime | None = None) -> Any:
    """Put the report through review to the portal's 年报 column (先审后发): a draft in publishing, submitted, and
    the report frozen as sent (its snapshot). With ``corrected``, a published report's figures counted anew go
    through the same review as a new revision of the same document; the snapshot the pages show stays the first
    until that revision is published. Refused while the consistency rules are broken. ``at``: when the report was
    sent, for one sent earlier and recorded afterwards (补录; the demo's history); never in the future."""
    from zwgk.publishing import selectors as publishing_selectors
    from zwgk.publishing import services as publishing

    from .. import report as annual
    from ..report import frozen

    permissions.require(actor, "applications.report", organization)
    report = annual.build(organization, year)
    if report.problems:
        raise ValidationError(["勾稽关系检查未通过，不能发布："] + report.problems)
    saved, _ = AnnualReport.objects.select_for_update().get_or_create(organization=organization, year=year)
    title = f"{organization.name}{year}年政府信息公开工作年度报告"
    if not corrected:
        if saved.published_document_id:
            raise ValidationError("该年度报告已经送审或发布；如统计数字有变化，请使用“发布更正报告”重新送审。")
        doc = publishing.create_draft(
            actor, organization, title=title, body_html=annual.to_html(report), at=at,
            written_date=timezone.localdate(at), topic="综合政务\\政务公开", genre="年报",
        )
        rev = publishing.submit(actor, doc, at=at)
        saved.published_document_id = doc.pk
        saved.snapshot = frozen.to_snapshot(report, rev.number)
        saved.published_at = rev.submitted_at
        saved.save(update_fields=["published_document_id", "snapshot", "published_at", "updated_at"])
        audit.record(actor, saved, summary=f"{organization.name} {year} 年度报告送审，稿件 {doc.pk}；报告数字自此以送审时为准")
        return doc
    if not saved.published_document_id or saved.snapshot is None:
        raise ValidationError("该年度报告尚未发布，请直接送审发布。")
    latest = publishing_selectors.revision_state(saved.published_document_id,
                                                 publishing_selectors.latest_revision_number(saved.published_document_id) or 0)
    if saved.correction is None and latest in ("in_review", "approved"):
        raise ValidationError("已送审的报告仍在审核中，请待审核结束后再发布更正报告。")
    state = frozen.correction_state(saved)
    if state is not None and not frozen.correction_published(saved) and state != "退回修改":
        raise ValidationError(f"更正报告正在审核中（{state}），请待审核结束后再操作。")
    current = frozen.published_data(saved)
    if not (diff := frozen.differences(frozen.from_snapshot(organization, year, current), report))["rows"] and not diff["texts"]:
        raise ValidationError("当前统计与已发布的报告一致，无需更正。")
    from zwgk.publishing.models import Document

    doc = Document.objects.get(pk=saved.published_document_id)
    publishing.update_draft(actor, doc, title=title, body_html=annual.to_html(report), written_date=timezone.localdate())
    rev = publishing.submit(actor, doc)
    before = current
    if frozen.correction_published(saved):
        saved.snapshot = saved.correction  # the corrected report now public becomes the basis
    saved.correction = frozen.to_snapshot(report, rev.number)
    saved.save(update_fields=["snapshot", "correction", "updated_at"])
    changed = [f"{r['row']}：" + "，".join(f"{c['column']} {c['published']}→{c['now']}" for c in r["columns"]) for r in diff["rows"]]
    audit.record(actor, saved, summary=f"{organization.name} {year} 年度报告更正送审，稿件 {doc.pk} 第 {rev.number} 版",
                 changes={"rows": changed, "texts": diff["texts"], "published_revision": before.get("revision")})
    return doc


CARRIED_COLUMNS = ("natural", "business", "research", "charity", "legal", "other")


@audit.service("applications.report_carried_in", "录入上年结转数")
def save_carried_in(actor: User, organization: Organization, year: int, figures: dict[str, Any], reason: str) -> AnnualReport:
    """The first year in use: last year's 四、结转下年度继续办理 as last year's (paper) report printed it, per
    applicant column, with the reason; rule 5 (二 = last year's 四) is checked against it. Refused once last
    year's report is published here (that report is the basis then)."""
    from ..report import frozen

    permissions.require(actor, "applications.report", organization)
    if not 2008 <= int(year) <= timezone.localdate().year:
        raise ValidationError({"year": "年度不正确。"})
    previous = AnnualReport.objects.filter(organization=organization, year=year - 1).first()
    if frozen.published_data(previous) is not None:
        raise ValidationError(f"{year - 1}年度报告已在本系统发布，上年结转数以该报告为准，不能另行录入。")
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["carried_in_reason"] = "请填写理由（例如：本系统自本年度起使用，上年报告为纸质报告）。"
    values: dict[str, int] = {}
    for column in CARRIED_COLUMNS:
        raw = "" if figures.get(column) is None else str(figures.get(column)).strip()
        try:
            value = int(raw or 0)
        except ValueError:
            errors[f"carried_{column}"] = "请填写整数。"
            continue
        if value < 0:
            errors[f"carried_{column}"] = "不能为负数。"
        values[column] = value
    if errors:
        raise ValidationError(errors)
    saved, _ = AnnualReport.objects.select_for_update().get_or_create(organization=organization, year=year)
    before = dict(saved.carried_in)
    saved.carried_in, saved.carried_in_reason = values, reason[:300]
    saved.save(update_fields=["carried_in", "carried_in_reason", "updated_at"])
    audit.record(actor, saved, summary=f"{organization.name} {year} 年度报告：录入上年结转数 共 {sum(values.values())} 件，理由：{reason}",
                 changes={"carried_in": [before, values]})
    return saved


@audit.service("applications.ledger_export", "导出依申请公开台账")
def export_ledger(actor: User, rows: int, filters: dict[str, Any]) -> None:
    """Each export of the ledger is logged (the file carries masked personal data only)."""
    permissions.require(actor, "applications.handle")
    audit.record(actor, None, summary=f"导出台账 {rows} 条", changes={"filters": filters})
