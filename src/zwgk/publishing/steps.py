"""Steps that the publishing services compose: never-reused numbering (索引号, the normative library's
registration numbers), keeping the search index in step, registering a normative document. Each runs
inside the calling service's transaction (the write guard refuses them anywhere else); none is a service."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from zwgk.core import audit
from zwgk.core.models import Organization, User

from . import selectors
from .models import Document, IndexCounter, NormativeRecord, PublisherSettings

REGISTER = audit.register_action("publishing.normative.register", "规范性文件登记入库")


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
