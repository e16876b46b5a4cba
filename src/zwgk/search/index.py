"""Writing the index. Other modules register a provider for their content and call ``update`` /
``remove`` inside their own service functions, so the index changes in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from . import analysis
from .models import IndexState, SearchEntry


@dataclass
class Item:
    """What a module hands to the index for one object."""

    kind: str
    object_id: str
    title: str
    url: str
    text: str
    organization_id: int | None = None
    organization_name: str = ""
    topic: str = ""
    genre: str = ""
    validity: str = ""
    published_at: dt.datetime | None = None
    doc_number: str = ""
    index_no: str = ""
    extra_text: str = ""  # attachments' text, Q&A pairs…: searchable, not shown in snippets


# kind -> (label, function yielding every Item of that kind, for `zwgk reindex`)
PROVIDERS: dict[str, tuple[str, Callable[[], Iterable[Item]]]] = {}


def register(kind: str, label: str, all_items: Callable[[], Iterable[Item]]) -> None:
    PROVIDERS[kind] = (label, all_items)


# Facet values become tokens in the full-text index, so filters are intersections inside it.
FACET_LETTERS = {"organization_id": "o", "year": "y", "kind": "k", "validity": "v", "genre": "g", "topic": "t"}
SEQ_LOW_BITS = 24


def facet_token(name: str, value: object) -> str:
    """o12, y2024, or a letter and a short hash for text values (ASCII, so both engines keep it whole)."""
    import hashlib

    letter = FACET_LETTERS[name]
    if name in ("organization_id", "year"):
        return f"{letter}{int(value)}"
    return letter + hashlib.md5(str(value).encode(), usedforsecurity=False).hexdigest()[:12]


def entry_facet_tokens(entry: SearchEntry) -> list[str]:
    return [facet_token(n, getattr(entry, n)) for n in FACET_LETTERS if getattr(entry, n) not in (None, "")]


def recency_key(published_at: dt.datetime | None, entry_id: int) -> int:
    """The entry's place in the index: publication second in the high bits, so the index's own order
    (FTS5 rowid, PostgreSQL btree) is newest-first and a search can stop after the newest matches."""
    seconds = max(0, int(published_at.timestamp())) if published_at else 0
    return (seconds << SEQ_LOW_BITS) | (entry_id & ((1 << SEQ_LOW_BITS) - 1))


def _free_seq(published_at: dt.datetime | None, entry: SearchEntry) -> int:
    seq = recency_key(published_at, entry.pk)
    while SearchEntry.objects.filter(seq=seq).exclude(pk=entry.pk).exists():  # same second, ids 2**24 apart
        seq += 1
    return seq


def write_fulltext(entry: SearchEntry, title_tokens: str, body_tokens: str, old_seq: int | None = None) -> None:
    """(Re)write one entry's row in the engine's full-text table, keyed by its recency key."""
    facets = entry_facet_tokens(entry)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "INSERT INTO search_vector (entry_id, seq, tsv) VALUES (%s, %s, setweight(to_tsvector('simple', %s), 'A')"
                " || setweight(to_tsvector('simple', %s), 'B') || array_to_tsvector(%s::text[]))"
                " ON CONFLICT (entry_id) DO UPDATE SET tsv = EXCLUDED.tsv, seq = EXCLUDED.seq",
                [entry.pk, entry.seq, title_tokens, body_tokens, ["~" + f for f in facets]],
            )
        else:
            if old_seq is not None:
                cur.execute("DELETE FROM search_fts WHERE rowid = %s", [old_seq])
            cur.execute(
                "INSERT INTO search_fts (rowid, title, body, facets) VALUES (%s, %s, %s, %s)",
                [entry.seq, title_tokens, body_tokens, " ".join(facets)],
            )


def tokens(text: str) -> str:
    normalized = analysis.normalize(text)
    return " ".join(analysis.bigrams(normalized) + analysis.words(normalized))


def update(item: Item) -> SearchEntry:
    """Add or replace one object's entry. Call it inside the service that changed the object."""
    fields = dict(
        title=item.title[:300], url=item.url, text=item.text, organization_id=item.organization_id,
        organization_name=item.organization_name, topic=item.topic, genre=item.genre, validity=item.validity,
        published_at=item.published_at,
        year=timezone.localtime(item.published_at).year if item.published_at else None,
        doc_number=item.doc_number, index_no=item.index_no,
        docnum_key=analysis.docnum_key(item.doc_number) if item.doc_number else "",
        index_key=analysis.docnum_key(item.index_no) if item.index_no else "",
    )
    old_seq = SearchEntry.objects.filter(kind=item.kind, object_id=item.object_id).values_list("seq", flat=True).first()
    entry, _ = SearchEntry.objects.update_or_create(kind=item.kind, object_id=item.object_id, defaults=fields)
    seq = _free_seq(item.published_at, entry)
    if seq != entry.seq:
        SearchEntry.objects.filter(pk=entry.pk).update(seq=seq)
        entry.seq = seq
    title_tokens = tokens(item.title)
    if entry.docnum_key:  # the 发文字号 without brackets (and without 第): a piece typed with any brackets or none finds it
        for form in dict.fromkeys((analysis.docnum_plain(item.doc_number), entry.docnum_key)):
            title_tokens += " " + " ".join(analysis.bigrams(form))
    # Topic and genre words are searchable too (年报, 教育…), though not shown in snippets.
    body_tokens = tokens(f"{item.text}\n{item.extra_text}\n{item.topic.replace(chr(92), ' ')}\n{item.genre}")
    write_fulltext(entry, title_tokens, body_tokens, old_seq)
    _changed()
    return entry


def _transaction_key() -> object | None:
    # The outermost atomic block itself, not its id(): the marker holds a reference, so a later transaction's
    # block can never compare equal (an id is reused once the old block is freed, and then a publication in a
    # new transaction would skip writing the token, leaving cached pages and results stale).
    return connection.atomic_blocks[0] if connection.in_atomic_block and connection.atomic_blocks else None


def changed_in_this_transaction() -> bool:
    key = _transaction_key()
    return key is not None and getattr(connection, "_zwgk_index_changed_in", None) is key


def _changed() -> None:
    """New token: every cached result becomes stale (a rolled-back write's token never comes back).

    Once per transaction: a bulk reindex rewrites the row once, not once per document. Searches later in
    the same transaction bypass the cache (see query.search).
    """
    import uuid

    if changed_in_this_transaction():
        return
    if not IndexState.objects.filter(pk=1).update(token=uuid.uuid4().hex):
        IndexState.objects.create(pk=1, token=uuid.uuid4().hex, version=analysis.VERSION)  # a new index: written now
    key = _transaction_key()
    connection._zwgk_index_changed_in = key
    if key is not None:
        from django.db import transaction

        transaction.on_commit(_forget_change)


def _forget_change() -> None:
    connection._zwgk_index_changed_in = None


def token() -> str:
    """The current change token: it changes with every publication, change or withdrawal of public content,
    so caches of public pages and search results keyed by it never serve what was changed since."""
    return IndexState.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def remove(kind: str, object_id: str) -> None:
    entry = SearchEntry.objects.filter(kind=kind, object_id=str(object_id)).first()
    if entry is None:
        return
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("DELETE FROM search_vector WHERE entry_id = %s", [entry.pk])
        else:
            cur.execute("DELETE FROM search_fts WHERE rowid = %s", [entry.seq])
    entry.delete()
    _changed()


def mark_current() -> None:
    """The whole index has just been written with this analysis (after a rebuild)."""
    IndexState.objects.filter(pk=1).update(version=analysis.VERSION)


def outdated() -> bool:
    """An index written with an older analysis (before numbers were split into bigrams…): rebuild it."""
    return IndexState.objects.filter(pk=1, version__lt=analysis.VERSION).exists()


def clear() -> None:
    SearchEntry.objects.all().delete()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM search_vector" if connection.vendor == "postgresql" else "DELETE FROM search_fts")
    _changed()
