"""How public documents and interpretations (``Document.objects.public()``) appear in the search index."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import NoReverseMatch, reverse

from zwgk.search.index import Item

from .models import Document


def item_for(doc: Document) -> Item:
    extra = []
    if doc.published_revision_id:
        extra += [a.text for a in doc.published_revision.attachments.all() if a.text]
    extra += [f"{p.get('q', '')} {p.get('a', '')}" for p in doc.qa_pairs or []]
    return Item(
        kind=doc.kind, object_id=str(doc.pk), title=doc.title, url=public_url(doc), text=doc.body_text,
        organization_id=doc.organization_id, organization_name=doc.organization.short_name, topic=doc.topic,
        genre=doc.genre, validity=doc.validity, published_at=doc.published_at, doc_number=doc.doc_number,
        index_no=doc.index_no or "", extra_text="\n".join(extra),
    )


def public_url(doc: Document) -> str:
    try:
        return reverse("portal:document", args=[doc.pk])
    except NoReverseMatch:  # the portal's document page comes with the portal module
        return f"/documents/{doc.pk}/"


def all_items() -> Iterator[Item]:
    docs = Document.objects.public().select_related("organization", "published_revision")
    for doc in docs.iterator(chunk_size=500):
        yield item_for(doc)
