"""Every change to the decision catalogs: catalogs and their states up to publication, items, the record of each
statutory procedure with its evidence, the item's steps (``workflow.ITEM``), dynamic adjustments. Each function is
one audited transaction (``zwgk.core.audit``). A catalog and each adjustment reach the public through the publishing
review: the service makes the draft (``participation.publish.draft``) and stores its id; the caller sends it to
review with ``publish.submit`` after the service committed."""

from __future__ import annotations

import datetime as dt
import hashlib
import html

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError
from django.utils import timezone

from zwgk.core import audit, permissions, uploads
from zwgk.core.bounds import MAX_YEAR, MIN_YEAR
from zwgk.core.models import Organization, User
from zwgk.core.text import clean
from zwgk.participation import publish

from . import rules, workflow
from .models import (
    DONE_STATES,
    AdjustmentKind,
    CatalogAdjustment,
    CatalogState,
    DecisionCatalog,
    DecisionItem,
    ItemState,
    Procedure,
)

C = CatalogState
BEFORE_PUBLICATION = (C.DRAFTING, C.CONSULTING, C.PARTY_APPROVED)
AFTER_PUBLICATION = (C.PUBLISHED, C.ADJUSTED)


# --- input at the boundary ------------------------------------------------------------------------

def _text(value: str | None, field: str, label: str, *, limit: int, required: bool = True, minimum: int = 1) -> str:
    text = clean(value or "").strip()
    if required and len(text) < minimum:
        raise ValidationError({field: f"请填写{label}。" if minimum <= 1 else f"请写明{label}（不少于 {minimum} 个字）。"})
    if len(text) > limit:
        raise ValidationError({field: f"{label}不能超过 {limit} 个字（现有 {len(text)} 个字）。"})
    if "<" in text and ">" in text and field in ("title",):
        raise ValidationError({field: f"{label}不能包含 HTML 标记。"})
    return text


def _date(value: dt.date | str | None, field: str, label: str, *, required: bool = True) -> dt.date | None:
    if value in (None, ""):
        if required:
            raise ValidationError({field: f"请填写{label}。"})
        return None
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError({field: f"{label}“{str(value)[:20]}”不是有效日期，请写成 2025-06-30 这样的格式。"}) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValidationError({field: f"{label}的年份应在 {MIN_YEAR} 至 {MAX_YEAR} 之间。"})
    return day


def _not_future(day: dt.date | None, field: str, label: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: f"{label}不能晚于今天。"})


def _manage(actor: User) -> None:
    permissions.require(actor, "participation.manage")


def _office(actor: User) -> Organization:
    if actor.organization is None:
        raise ValidationError("您的账号没有所属单位，无法起草发布稿件。")
    return actor.organization


# --- catalogs ---------------------------------------------------------------------------------------

@audit.service("participation.decisions.catalog.create", "新建重大行政决策事项目录")
def create_catalog(actor: User, year: int | str, title: str = "", standard: str = "") -> DecisionCatalog:
    _manage(actor)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": "年度应为四位数字，如 2025。"}) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": f"年度应在 {MIN_YEAR} 至 {MAX_YEAR} 之间。"})
    if DecisionCatalog.objects.filter(year=year).exists():
        raise ValidationError({"year": f"{year}年度的目录已经存在。"})
    title = _text(title, "title", "目录名称", limit=rules.TITLE_MAX, required=False) or f"{year}年度重大行政决策事项目录"
    standard = _text(standard, "standard", "确定标准", limit=rules.TEXT_MAX, required=False)
    try:
        catalog = DecisionCatalog.objects.create(year=year, title=title, standard=standard, created_by=actor)
    except IntegrityError:
        raise ValidationError({"year": f"{year}年度的目录已经存在。"}) from None
    audit.record(actor, catalog, summary=f"新建{catalog}")
    return catalog


def _lock(catalog: DecisionCatalog) -> DecisionCatalog:
    return DecisionCatalog.objects.select_for_update().get(pk=catalog.pk)


@audit.service("participation.decisions.catalog.consult", "目录征求意见")
def start_consulting(actor: User, catalog: DecisionCatalog) -> DecisionCatalog:
    _manage(actor)
    catalog = _lock(catalog)
    if catalog.state != C.DRAFTING:
        raise ValidationError(f"目录当前为“{catalog.get_state_display()}”，不能再进入征求意见。")
    if not catalog.items.exists():
        raise ValidationError("目录还没有事项，不能征求意见。")
    catalog.state = C.CONSULTING
    catalog.save(update_fields=["state"])
    audit.record(actor, catalog, summary=f"{catalog}进入征求意见")
    return catalog


@audit.service("participation.decisions.catalog.party", "登记党委同意")
def record_party_approval(actor: User, catalog: DecisionCatalog, approved_on: dt.date | str | None, note: str) -> DecisionCatalog:
    """条例第三条: the catalog is published after the 同级党委 agrees; the date and a note (which meeting, which
    document) are required."""
    _manage(actor)
    catalog = _lock(catalog)
    if catalog.state not in (C.DRAFTING, C.CONSULTING):
        raise ValidationError(f"目录当前为“{catalog.get_state_display()}”，不能再登记党委同意。")
    day = _date(approved_on, "approved_on", "党委同意日期")
    _not_future(day, "approved_on", "党委同意日期")
    note = _text(note, "note", "党委同意情况（会议或文件）", limit=rules.NOTE_MAX, minimum=4)
    if not catalog.items.exists():
        raise ValidationError("目录还没有事项。")
    catalog.state, catalog.party_approved_on, catalog.party_note = C.PARTY_APPROVED, day, note
    catalog.save(update_fields=["state", "party_approved_on", "party_note"])
    audit.record(actor, catalog, summary=f"{catalog}：{day} 党委同意（{note[:60]}）")
    return catalog


def _procedure_cells(item: DecisionItem) -> str:
    required = {p.kind: p.required for p in item.procedures.all()}
    return "".join(f"<td>{'是' if required.get(r.kind) else '否'}</td>" for r in rules.PROCEDURES if r.kind != "collective")


def catalog_html(catalog: DecisionCatalog) -> str:
    """The catalog as county catalogs print it: an HTML table."""
    heads = "".join(f"<th>{html.escape(r.printed)}</th>" for r in rules.PROCEDURES if r.kind != "collective")
    rows = "".join(
        f"<tr><td>{i.position}</td><td>{html.escape(i.title)}</td><td>{html.escape(i.lead.name)}</td>"
        f"<td>{i.planned_on:%Y年%-m月}</td>{_procedure_cells(i)}</tr>"
        for i in catalog.items.exclude(state=ItemState.WITHDRAWN).select_related("lead").prefetch_related("procedures"))
    standard = "".join(f"<p>{html.escape(line)}</p>" for line in catalog.standard.splitlines() if line.strip())
    return (f"<p>经{html.escape(catalog.party_note)}（{catalog.party_approved_on:%Y年%-m月%-d日}）同意，现将{catalog.year}年度"
            f"重大行政决策事项目录予以公布。</p>{standard}"
            f"<table><thead><tr><th>序号</th><th>决策事项</th><th>承办单位</th><th>计划完成时间</th>{heads}</tr></thead>"
            f"<tbody>{rows}</tbody></table>")


@audit.service("participation.decisions.catalog.publish", "发布重大行政决策事项目录")
def publish_catalog(actor: User, catalog: DecisionCatalog, *, drafter: User | None = None,
                    at: dt.datetime | None = None) -> DecisionCatalog:
    """A publishing draft of the catalog; the caller sends it to review (``publish.submit``). Refused before the party
    committee agreed (条例第三条). ``drafter``: the office's editor under whose name the draft is written (default the
    actor; the county office's own review step cannot be taken by the one who drafted); ``at``: when (补录)."""
    _manage(actor)
    catalog = _lock(catalog)
    if catalog.state in BEFORE_PUBLICATION[:2] or catalog.party_approved_on is None:
        raise ValidationError(f"目录尚未经党委同意，不能发布（{rules.PARTY_APPROVAL_SOURCE}）。")
    if catalog.state != C.PARTY_APPROVED:
        raise ValidationError("目录已经发布，如需变更请进行动态调整。")
    doc = publish.draft(drafter or actor, _office(actor), title=f"{catalog.title}", body_html=catalog_html(catalog), genre="其他",
                        at=at)
    catalog.state, catalog.document_id, catalog.published_on = C.PUBLISHED, doc.pk, timezone.localdate(at)
    catalog.save(update_fields=["state", "document_id", "published_on"])
    audit.record(actor, catalog, summary=f"{catalog}：起草发布稿件并送审")
    return catalog


# --- items -----------------------------------------------------------------------------------------

def _new_item(catalog: DecisionCatalog, title: str, lead: Organization | None, planned_on: dt.date | str | None,
              description: str, required: dict[str, bool] | None) -> DecisionItem:
    title = _text(title, "title", "决策事项名称", limit=rules.TITLE_MAX, minimum=4)
    if lead is None:
        raise ValidationError({"lead": "请选择承办单位。"})
    day = _date(planned_on, "planned_on", "计划完成时间")
    description = _text(description, "description", "事项说明", limit=rules.TEXT_MAX, required=False)
    if catalog.items.filter(title=title).exclude(state=ItemState.WITHDRAWN).exists():
        raise ValidationError({"title": "目录中已有同名事项。"})
    unknown = set(required or {}) - set(rules.BY_KIND)
    if unknown:
        raise ValidationError({"required": "未知的法定程序：" + "、".join(sorted(unknown))})
    position = (catalog.items.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    item = DecisionItem.objects.create(catalog=catalog, position=position, title=title, lead=lead, planned_on=day,
                                       description=description)
    Procedure.objects.bulk_create([
        Procedure(item=item, kind=r.kind, required=(required or {}).get(r.kind, r.default_required)) for r in rules.PROCEDURES])
    return item


@audit.service("participation.decisions.item.add", "列入重大行政决策事项")
def add_item(actor: User, catalog: DecisionCatalog, *, title: str, lead: Organization | None, planned_on: dt.date | str | None,
             description: str = "", required: dict[str, bool] | None = None) -> DecisionItem:
    """An item of a catalog not yet published (after publication, items are added by an adjustment)."""
    _manage(actor)
    catalog = _lock(catalog)
    if catalog.state not in BEFORE_PUBLICATION:
        raise ValidationError("目录已经发布，增列事项请通过动态调整。")
    if catalog.state == C.PARTY_APPROVED:
        raise ValidationError("目录已经党委同意，增列事项请在发布后通过动态调整。")
    item = _new_item(catalog, title, lead, planned_on, description, required)
    audit.record(actor, item, summary=f"{catalog}列入事项“{item.title}”（{item.lead.short_name or item.lead.name}承办）")
    return item


def _lock_item(item: DecisionItem) -> DecisionItem:
    return DecisionItem.objects.select_for_update().select_related("lead", "catalog").get(pk=item.pk)


@audit.service("participation.decisions.procedure.require", "调整需履行的法定程序")
def set_required(actor: User, procedure: Procedure, required: bool) -> Procedure:
    item = _lock_item(procedure.item)
    workflow.ITEM.check("require", item, actor)
    procedure = Procedure.objects.get(pk=procedure.pk)
    procedure.required = bool(required)
    procedure.save(update_fields=["required"])
    audit.record(actor, item, summary=f"{item.title}：{procedure.get_kind_display()}{'需' if required else '无需'}履行")
    return procedure


def _consultation_evidence_ok(item: DecisionItem, consultation_id: object) -> int:
    """A consultation given as evidence. For now only a positive id is checked: the Consultation model is built in
    parallel (participation.consultations); at the merge this checks that the consultation exists, is about this item
    (or its draft) and has its adoption report published."""
    try:
        value = int(str(consultation_id).strip())
    except (TypeError, ValueError):
        value = 0
    if value <= 0 or value > 2**63 - 1:
        raise ValidationError({"consultation_id": "请填写有效的意见征集编号（正整数）。"})
    return value


def _document_evidence(document_id: object) -> int:
    try:
        value = int(str(document_id).strip())
    except (TypeError, ValueError):
        value = 0
    if value <= 0 or value > 2**63 - 1:
        raise ValidationError({"document_id": "请填写有效的政府信息编号（正整数）。"})
    if not publish.is_public(value):
        raise ValidationError({"document_id": f"编号为 {value} 的政府信息尚未公开，不能作为佐证。"})
    return value


def _report_file(up: File | None, *, required: bool) -> tuple[File, str, str] | None:
    from zwgk.screening import extract

    if up is None:
        if required:
            raise ValidationError({"file": "请上传报告文件（PDF、Word 或 OFD）。"})
        return None
    uploads.check_files([up], 1, rules.REPORT_MAX_BYTES, field="file")
    kind = extract.sniff_file(up) or ""
    if kind not in rules.REPORT_KINDS:
        raise ValidationError({"file": f"“{up.name}”不是 PDF、Word（.docx）或 OFD 文件（按文件内容判断）。"})
    digest = hashlib.sha256()
    for chunk in up.chunks():
        digest.update(chunk)
    up.seek(0)
    return up, kind, digest.hexdigest()


@audit.service("participation.decisions.procedure.record", "记录重大行政决策法定程序")
def record_procedure(actor: User, procedure: Procedure, *, done_on: dt.date | str | None, evidence_kind: str,
                     document_id: object = None, consultation_id: object = None, file: File | None = None,
                     opinion: str = "", meeting_name: str = "", meeting_date: dt.date | str | None = None) -> Procedure:
    """The lead unit's staff record that a procedure was carried out, with one piece of evidence of a kind its rule
    accepts. A listed item starts (推进中) with its first record."""
    item = _lock_item(procedure.item)
    workflow.ITEM.check("record", item, actor)
    procedure = Procedure.objects.get(pk=procedure.pk, item=item)
    rule = procedure.rule
    if evidence_kind not in rule.evidence:
        allowed = "、".join(rules.EVIDENCE_LABELS[k] for k in rule.evidence)
        raise ValidationError({"evidence_kind": f"{rule.label}的佐证应为：{allowed}。"})
    day = _date(done_on, "done_on", "履行日期")
    _not_future(day, "done_on", "履行日期")
    values: dict[str, object] = {"document_id": None, "consultation_id": None, "opinion": "", "meeting_name": "",
                                 "meeting_date": None}
    upload = None
    if evidence_kind == rules.DOCUMENT:
        values["document_id"] = _document_evidence(document_id)
    elif evidence_kind == rules.CONSULTATION:
        values["consultation_id"] = _consultation_evidence_ok(item, consultation_id)
    elif evidence_kind == rules.REPORT:
        upload = _report_file(file, required=True)
    elif evidence_kind == rules.OPINION:
        values["opinion"] = _text(opinion, "opinion", "审查意见", limit=rules.TEXT_MAX, minimum=10)
        upload = _report_file(file, required=False)
    elif evidence_kind == rules.MEETING:
        values["meeting_name"] = _text(meeting_name, "meeting_name", "会议名称", limit=rules.TITLE_MAX, minimum=4)
        values["meeting_date"] = _date(meeting_date, "meeting_date", "会议日期")
        _not_future(values["meeting_date"], "meeting_date", "会议日期")  # type: ignore[arg-type]
    for name, value in values.items():
        setattr(procedure, name, value)
    procedure.done_on, procedure.evidence_kind = day, evidence_kind
    procedure.recorded_at, procedure.recorded_by = timezone.now(), actor
    fields = [*values, "done_on", "evidence_kind", "recorded_at", "recorded_by"]
    if upload is not None:
        up, kind, digest = upload
        procedure.file.save(f"{digest}.{kind}", up, save=False)
        procedure.file_name, procedure.file_kind, procedure.file_size, procedure.file_sha256 = (up.name or "")[:200], kind, up.size, digest
    elif evidence_kind != rules.OPINION:
        procedure.file, procedure.file_name, procedure.file_kind, procedure.file_size, procedure.file_sha256 = "", "", "", None, ""
    fields += ["file", "file_name", "file_kind", "file_size", "file_sha256"]
    procedure.save(update_fields=fields)
    if item.state == ItemState.LISTED:
        item.state, item.changed_at = ItemState.IN_PROGRESS, timezone.now()
        item.save(update_fields=["state", "changed_at"])
    audit.record(actor, item, summary=f"{item.title}：{rule.label}已履行（{day}，{rules.EVIDENCE_LABELS[evidence_kind]}）")
    return procedure


def _step(actor: User, item: DecisionItem, name: str, state: str, **changes: object) -> DecisionItem:
    workflow.ITEM.check(name, item, actor)
    item.state, item.changed_at = state, timezone.now()
    for key, value in changes.items():
        setattr(item, key, value)
    item.save(update_fields=["state", "changed_at", *changes])
    return item


@audit.service("participation.decisions.item.start", "决策事项开始推进")
def start_item(actor: User, item: DecisionItem) -> DecisionItem:
    item = _step(actor, _lock_item(item), "start", ItemState.IN_PROGRESS)
    audit.record(actor, item, summary=f"{item.title}：开始推进")
    return item


@audit.service("participation.decisions.item.decide", "决策事项标记为已决策")
def decide_item(actor: User, item: DecisionItem, decided_on: dt.date | str | None) -> DecisionItem:
    """Refused while a required procedure has no evidence (the refusal names them)."""
    item = _lock_item(item)
    workflow.ITEM.check("decide", item, actor)
    day = _date(decided_on, "decided_on", "决策日期")
    _not_future(day, "decided_on", "决策日期")
    item = _step(actor, item, "decide", ItemState.DECIDED, decided_on=day)
    audit.record(actor, item, summary=f"{item.title}：{day} 作出决策")
    return item


@audit.service("participation.decisions.item.publish", "登记决策公布")
def record_publication(actor: User, item: DecisionItem, document_id: object) -> DecisionItem:
    """决策公布: the decision's document must be public."""
    item = _lock_item(item)
    workflow.ITEM.check("publish", item, actor)
    doc = _document_evidence(document_id)
    item = _step(actor, item, "publish", ItemState.PUBLISHED, decision_document_id=doc)
    audit.record(actor, item, summary=f"{item.title}：决策已公布（政府信息 {doc}）")
    return item


@audit.service("participation.decisions.item.implement", "决策开始实施")
def start_implementation(actor: User, item: DecisionItem) -> DecisionItem:
    item = _step(actor, _lock_item(item), "implement", ItemState.IMPLEMENTING)
    audit.record(actor, item, summary=f"{item.title}：开始实施")
    return item


@audit.service("participation.decisions.item.evaluate", "登记决策后评估")
def record_evaluation(actor: User, item: DecisionItem, note: str) -> DecisionItem:
    item = _lock_item(item)
    workflow.ITEM.check("evaluate", item, actor)
    note = _text(note, "note", "决策后评估情况", limit=rules.TEXT_MAX, minimum=10)
    item = _step(actor, item, "evaluate", ItemState.EVALUATED, evaluation_note=note)
    audit.record(actor, item, summary=f"{item.title}：完成决策后评估")
    return item


@audit.service("participation.decisions.item.withdraw", "撤回决策事项")
def withdraw_item(actor: User, item: DecisionItem, reason: str) -> DecisionItem:
    """Before the catalog's publication only; a published catalog's item is removed by an adjustment."""
    item = _lock_item(item)
    workflow.ITEM.check("withdraw", item, actor)
    if item.catalog.state in AFTER_PUBLICATION:
        raise ValidationError("目录已经发布，删除事项请通过动态调整。")
    reason = _text(reason, "reason", "撤回理由", limit=rules.NOTE_MAX, minimum=4)
    item = _step(actor, item, "withdraw", ItemState.WITHDRAWN, withdrawn_reason=reason)
    audit.record(actor, item, summary=f"{item.title}：撤回（{reason[:60]}）")
    return item


# --- dynamic adjustment (动态调整) ------------------------------------------------------------------

def _adjustment_html(adj: CatalogAdjustment, item: DecisionItem) -> str:
    return (f"<p>根据工作需要，对{html.escape(adj.catalog.title)}作如下调整（{adj.adjusted_on:%Y年%-m月%-d日}）：</p>"
            f"<table><thead><tr><th>调整类型</th><th>决策事项</th><th>承办单位</th><th>计划完成时间</th><th>调整理由</th></tr></thead>"
            f"<tbody><tr><td>{adj.get_kind_display()}</td><td>{html.escape(item.title)}</td><td>{html.escape(item.lead.name)}</td>"
            f"<td>{item.planned_on:%Y年%-m月}</td><td>{html.escape(adj.reason)}</td></tr></tbody></table>")


@audit.service("participation.decisions.catalog.adjust", "重大行政决策事项目录动态调整")
def adjust_catalog(actor: User, catalog: DecisionCatalog, *, kind: str, adjusted_on: dt.date | str | None, reason: str,
                   item: DecisionItem | None = None, title: str = "", lead: Organization | None = None,
                   planned_on: dt.date | str | None = None, description: str = "",
                   required: dict[str, bool] | None = None, drafter: User | None = None,
                   at: dt.datetime | None = None) -> CatalogAdjustment:
    """增列 (a new item: title, lead, planned date), 删除 (the item is withdrawn with the reason) or 调整 (its title,
    lead or planned date). Each adjustment is dated and gets its own publishing draft; the caller sends it to
    review. Only a published catalog is adjusted. ``drafter`` and ``at`` as for :func:`publish_catalog`."""
    _manage(actor)
    catalog = _lock(catalog)
    if catalog.state not in AFTER_PUBLICATION:
        raise ValidationError("目录尚未发布，可直接修改事项，无需动态调整。")
    if kind not in AdjustmentKind.values:
        raise ValidationError({"kind": "调整类型应为增列、删除或调整。"})
    day = _date(adjusted_on, "adjusted_on", "调整日期")
    _not_future(day, "adjusted_on", "调整日期")
    if catalog.party_approved_on and day < catalog.party_approved_on:
        raise ValidationError({"adjusted_on": "调整日期不能早于目录经党委同意的日期。"})
    reason = _text(reason, "reason", "调整理由", limit=rules.NOTE_MAX, minimum=4)
    if kind == AdjustmentKind.ADD:
        target = _new_item(catalog, title, lead, planned_on, description, required)
    else:
        if item is None or item.catalog_id != catalog.pk:
            raise ValidationError({"item": "请选择本目录中的事项。"})
        target = _lock_item(item)
        if kind == AdjustmentKind.REMOVE:
            if target.state in (*DONE_STATES, ItemState.WITHDRAWN):
                raise ValidationError({"item": f"事项{target.get_state_display()}，不能删除。"})
            target.state, target.withdrawn_reason, target.changed_at = ItemState.WITHDRAWN, f"目录动态调整：{reason}", timezone.now()
            target.save(update_fields=["state", "withdrawn_reason", "changed_at"])
        else:
            if target.state == ItemState.WITHDRAWN:
                raise ValidationError({"item": "事项已撤回，不能调整。"})
            changed = []
            if title:
                target.title = _text(title, "title", "决策事项名称", limit=rules.TITLE_MAX, minimum=4)
                changed.append("title")
            if lead is not None and lead.pk != target.lead_id:
                target.lead = lead
                changed.append("lead")
            if planned_on:
                target.planned_on = _date(planned_on, "planned_on", "计划完成时间")
                changed.append("planned_on")
            if not changed:
                raise ValidationError("请至少调整事项名称、承办单位或计划完成时间中的一项。")
            target.save(update_fields=changed)
    adj = CatalogAdjustment.objects.create(catalog=catalog, adjusted_on=day, kind=kind, item=target,
                                           item_title=target.title, reason=reason, created_by=actor)
    if kind == AdjustmentKind.ADD:
        target.added_by = adj
        target.save(update_fields=["added_by"])
    doc = publish.draft(drafter or actor, _office(actor), at=at, title=f"关于调整{catalog.title}的通知（{day:%Y年%-m月%-d日}）",
                        body_html=_adjustment_html(adj, target), genre="通知", written_date=day)
    adj.document_id = doc.pk
    adj.save(update_fields=["document_id"])
    catalog.state = C.ADJUSTED
    catalog.save(update_fields=["state"])
    audit.record(actor, catalog, summary=f"{catalog}动态调整：{adj.get_kind_display()}“{adj.item_title}”")
    return adj


def can_record(user: User, item: DecisionItem) -> bool:
    return workflow.ITEM.refusal("record", item, user) is None

