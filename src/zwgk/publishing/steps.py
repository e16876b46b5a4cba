"""Steps that the publishing services compose: a revision's content set and copied, never-reused numbering (索引号,
the normative library's registration numbers), keeping the search index in step, registering a normative document,
publishing an approved revision with what 三同步 sends out with it (when the last review step approves). Each runs
inside the calling service's transaction (the write guard refuses them anywhere else); none is a service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zwgk.core import audit
from zwgk.core.models import Organization, User
from zwgk.screening import engine

from . import selectors
from .html import sanitize
from .models import CONTENT_FIELDS, DocStatus, Document, IndexCounter, Kind, NormativeRecord, PublisherSettings, Revision, RevisionState

REGISTER = audit.register_action("publishing.normative.register", "规范性文件登记入库")
PUBLISH = audit.register_action("publishing.document.publish", "发布")
EDITABLE = tuple(f for f in CONTENT_FIELDS if f != "body_text")


def apply_content(target: Any, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown content fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(target, name, value)
    # an image is kept only when it shows an attachment of this document (html.image_url)
    target.body_html = sanitize(target.body_html, getattr(target, "document_id", None))
    target.body_text, _ = engine.html_to_text(target.body_html)


def moment(at: dt.datetime | None, not_before: dt.datetime | None = None, what: str = "办理") -> dt.datetime:
    """When a step happened: now, or ``at`` for a step taken earlier and recorded afterwards (补录: a paper review
    entered later, the demo's history). Never in the future, never before the step it follows."""
    now = timezone.now()
    if at is None:
        return now
    if timezone.is_naive(at):
        raise ValidationError(f"{what}时间须带时区。")
    if at > now:
        raise ValidationError(f"{what}时间 {timezone.localtime(at):%Y-%m-%d %H:%M} 晚于现在，不能补录将来的办理。")
    if not_before is not None and at < not_before:
        raise ValidationError(f"{what}时间 {timezone.localtime(at):%Y-%m-%d %H:%M} 早于上一步"
                              f"（{timezone.localtime(not_before):%Y-%m-%d %H:%M}），请核对。")
    return at


def recorded(at: dt.datetime | None) -> str:
    """The audit summary's note for a step recorded afterwards."""
    return f"（补录，办理时间 {timezone.localtime(at):%Y-%m-%d %H:%M}）" if at is not None else ""


def review_dedup(rev: Revision, step: int) -> str:
    """The event key of a review step's 待审核 notifications (told when the step opens, settled when it is decided)."""
    return f"revision:{rev.pk}:step:{step}"


def tell_reviewers(rev: Revision) -> None:
    """待我审核: the people who may decide the revision's current step are told (once per revision and step)."""
    from zwgk.core.models import Role
    from zwgk.notifications.services import notify

    step = selectors.current_step(rev)
    doc = rev.document
    org = doc.organization.short_name or doc.organization.name
    notify(selectors.reviewers_of(rev), "publishing.review", f"待审核：{rev.title or doc}",
           f"{org} 第 {rev.number} 版，{Role(rev.chain[step]).label}环节（第 {step + 1}/{len(rev.chain)} 步）。",
           ref=("review", rev.pk), dedup=review_dedup(rev, step))


def returned_dedup(revision_id: int) -> str:
    """The event key of a revision's 稿件退回 (told when it is returned, settled when it is sent again)."""
    return f"revision:{revision_id}:returned"


def tell_returned(rev: Revision, reviewer: User, opinion: str) -> None:
    """稿件退回: the author of the returned revision is told, with the reviewer's opinion."""
    from zwgk.notifications.services import notify

    notify([rev.created_by], "publishing.returned", f"稿件退回：{rev.title or rev.document}",
           f"第 {rev.number} 版被{reviewer.get_full_name() or reviewer.username}退回修改。审查意见：{opinion}",
           ref=("draft", rev.document_id), dedup=returned_dedup(rev.pk))


def tell_published(doc: Document, rev: Revision) -> None:
    """已发布: the author of the published revision is told."""
    from zwgk.notifications.services import notify

    notify([rev.created_by], "publishing.published", f"已发布：{doc.title or doc}",
           f"第 {rev.number} 版已发布，索引号 {doc.index_no}。", ref=("draft", doc.pk), dedup=f"revision:{rev.pk}:published")


def copy_content(source: Any, target: Any) -> None:
    for name in CONTENT_FIELDS:
        setattr(target, name, getattr(source, name))


def next_number(scope: str, org: Organization, year: int) -> int:
    """The next number of a never-reused sequence; the counter row is locked until the transaction ends."""
    lookup = {"scope": scope, "organization": org, "year": year}
    counter = IndexCounter.objects.select_for_update().filter(**lookup).first()
    if counter is None:
        try:
            with transaction.atomic():
                IndexCounter.objects.create(**lookup, last=0)
        except IntegrityError:
            pass  # created by a concurrent transaction a moment ago
        counter = IndexCounter.objects.select_for_update().get(**lookup)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def allocate_index(org: Organization, year: int) -> str:
    seq = next_number("index", org, year)
    template = PublisherSettings.objects.filter(organization=org).values_list("index_template", flat=True).first()
    return (template or "{code}/{year}-{seq:05d}").format(code=org.code, year=year, seq=seq)


def sync_index(doc: Document) -> None:
    """Keep the search index in step, inside the calling service's transaction: only a public item has an entry
    (an item published as 依申请公开 or 不予公开, or one that stops being public, has none)."""
    from zwgk.search import index

    from .search_items import item_for

    if doc.is_public:
        index.update(item_for(doc))
    else:
        index.remove(doc.kind, str(doc.pk))


def county_of(org: Organization) -> Organization:
    while org.parent_id is not None:
        org = org.parent
    return org


def register_normative(actor: User | None, doc: Document) -> NormativeRecord:
    """Called inside the publishing service when a normative document is first published."""
    existing = NormativeRecord.objects.filter(document=doc).first()
    if existing is not None:
        return existing
    year = timezone.localtime(doc.published_at).year
    seq = next_number("normative", county_of(doc.organization), year)
    template = getattr(settings, "ZWGK_NORMATIVE_REGISTRATION_TEMPLATE", "{year}-{seq:04d}")
    record = NormativeRecord.objects.create(
        document=doc, registration_no=template.format(year=year, seq=seq), max_years=selectors.validity_limit_years(doc.title)
    )
    audit.record(actor, doc, action=REGISTER, summary=f"登记入规范性文件库，登记编号 {record.registration_no}")
    return record


def _approved(doc: Document) -> Revision | None:
    return doc.revisions.filter(state=RevisionState.APPROVED).order_by("-number").first()


def publish_when_ready(actor: User, doc: Document, at: dt.datetime | None = None) -> list[Document]:
    """Publish ``doc`` and what must go out with it, when 三同步 allows; returns what was published. ``at``: the time
    of the approval that publishes (now, or the time of a step recorded afterwards): the publication time, and the
    year of the index number."""
    if doc.kind == Kind.INTERPRETATION:
        if doc.policies.public().exists():
            return _publish_all(actor, [doc], at)
        for policy in doc.policies.all():
            if _approved(policy) is not None:
                group = _policy_group(policy)
                if group:
                    return _publish_all(actor, group, at)
        return []  # waits for its policy
    group = _policy_group(doc)
    return _publish_all(actor, group, at) if group else []


def _policy_group(policy: Document) -> list[Document]:
    """The policy and its approved interpretations, or [] while 三同步 requires waiting."""
    rev = _approved(policy)
    if rev is None:
        return []
    interps = list(policy.interpretations.exclude(status=DocStatus.WITHDRAWN))
    ready = [i for i in interps if _approved(i) is not None]
    if selectors.needs_sync(policy, rev):
        pending = [i for i in interps if i.status != DocStatus.PUBLISHED and _approved(i) is None]
        if pending or not interps:
            return []
    return [policy, *ready]


def _publish_all(actor: User, docs: list[Document], at: dt.datetime | None = None) -> list[Document]:
    now = at or timezone.now()
    published = []
    for doc in docs:
        doc = Document.objects.select_for_update().get(pk=doc.pk)
        rev = _approved(doc)
        if rev is None:
            continue
        previous = doc.published_revision_id
        copy_content(rev, doc)
        if doc.index_no is None:
            doc.index_no = allocate_index(doc.organization, timezone.localtime(now).year)
        if doc.published_at is None:
            doc.published_at = now
        doc.updated_at = now
        doc.status = DocStatus.PUBLISHED
        doc.published_revision = rev
        doc.save()
        if previous:
            Revision.objects.filter(pk=previous).update(state=RevisionState.SUPERSEDED)
        rev.state = RevisionState.PUBLISHED
        rev.save(update_fields=["state"])
        audit.record(actor, doc, action=PUBLISH, summary=f"发布第 {rev.number} 版，索引号 {doc.index_no}")
        if doc.is_normative:
            register_normative(actor, doc)
        sync_index(doc)
        if at is None:  # a publication recorded afterwards (补录) is history: nobody has anything to do about it
            tell_published(doc, rev)
        published.append(doc)
    return published
