"""What the public reads goes through the publishing review (先审后发). A part that publishes something (a decision
catalog, an adoption report, an open day's notice or 公示 list, an evaluation report) makes a publishing draft inside
its own service with :func:`draft`, stores the document's id, and the caller sends it to review with :func:`submit`
after that service committed (``publishing.services.submit`` screens before its own transaction opens). The record
counts as published exactly when its document is public (:func:`public_ids`, ``Document.objects.public()``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from zwgk.core.models import Organization, User
from zwgk.publishing import services as publishing
from zwgk.publishing.models import Document

TOPIC = "综合政务\\政务公开"


def draft(actor: User, organization: Organization, *, title: str, body_html: str, genre: str = "其他",
          topic: str = TOPIC, written_date: dt.date | None = None, at: dt.datetime | None = None,
          attachments: Iterable[tuple[str, bytes]] = ()) -> Document:
    """A draft of ``organization`` (call inside the part's own service). ``attachments``: (file name, bytes)."""
    from django.utils import timezone

    when = written_date or (timezone.localdate(at) if at else timezone.localdate())
    doc = publishing.create_draft(actor, organization, title=title, body_html=body_html, written_date=when, topic=topic,
                                  genre=genre, source=organization.name, at=at)
    for name, data in attachments:
        publishing.add_attachment(actor, doc, name, data)
    return doc


def submit(actor: User, document_id: int, at: dt.datetime | None = None) -> None:
    """Send the draft to review (outside the part's transaction: the screening runs before this one opens)."""
    doc = Document.objects.get(pk=document_id)
    if at is None:
        publishing.submit(actor, doc)
    else:
        publishing.submit(actor, doc, at=at)


def public_ids(ids: Iterable[int | None]) -> set[int]:
    """Which of these documents the public can read now (one query)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return set()
    return set(Document.objects.public().filter(pk__in=wanted).values_list("pk", flat=True))


def is_public(document_id: int | None) -> bool:
    return bool(document_id) and document_id in public_ids([document_id])
