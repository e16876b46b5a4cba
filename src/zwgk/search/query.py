"""Searching: one interface over SQLite FTS5 and PostgreSQL tsvector.

A query is split on whitespace into terms. A term matches a document that contains it as a
substring (a phrase of its character bigrams, which run through numbers: analysis.bigrams), whose 发文字号
contains it typed with other brackets or none, or that contains all of its words (rjieba); all terms
must match. Ranking: an exact 发文字号 or 索引号 (any bracket form) first; then documents whose title holds the terms as
typed, then those holding them as phrases, then those holding only their words (`_tiers`); within each, BM25
(SQLite) or ts_rank (PostgreSQL) with the title weighted above the body, newer first among equals.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone

from . import analysis, index
from .models import SearchEntry

FILTERS = ("kind", "organization_id", "topic", "genre", "year", "validity")
MAX_TERMS = 12


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    snippet: str
    exact: bool = False

    def as_dict(self) -> dict[str, Any]:
        e = self.entry
        return {
            "id": e.object_id, "kind": e.kind, "title": e.title, "url": e.url, "score": round(self.score, 4),
            "organization": e.organization_name, "published_at": timezone.localtime(e.published_at).isoformat() if e.published_at else None,
            "doc_number": e.doc_number, "index_no": e.index_no, "snippet": self.snippet,
        }


@dataclass
class Results:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[Any, str, int]]] = field(default_factory=dict)
    approximate: bool = False  # a broad query: total estimated, facets and relevance over the newest `window`
    window: int = 0
    sort: str = "relevance"

    @property
    def pageable(self) -> int:
        """How many hits paging reaches: relevance order ranks the window only; date order reaches all."""
        return min(self.total, self.window) if self.approximate and self.sort != "date" else self.total


@dataclass(frozen=True)
class Phrase:
    """Consecutive bigrams; with prefix_last the last is a lone character that may begin a bigram in the text."""

    bigrams: tuple[str, ...]
    prefix_last: bool = False


@dataclass(frozen=True)
class Term:
    text: str
    phrases: tuple[Phrase, ...]  # any one matches: the term as typed, or as a 发文字号 without brackets
    words: tuple[str, ...]

    @property
    def bigrams(self) -> tuple[str, ...]:
        return self.phrases[0].bigrams


def _phrase(raw: str) -> Phrase | None:
    """The bigrams of a term, with lone characters at its edges handled: in the text they are part of a bigram
    with their neighbour (…印发《浮梁… has 印发), so a lone last character becomes a prefix and a lone first
    character followed by more is dropped; a term of one character is a prefix alone."""
    runs = analysis.RUNS.findall(raw)
    grams = analysis.bigrams(raw)
    if not grams:
        return None
    if len(runs) > 1 and len(runs[0]) == 1:
        grams = grams[1:]
    return Phrase(tuple(grams), prefix_last=len(runs[-1]) == 1)


def parse(query: str) -> list[Term]:
    terms = []
    for raw in analysis.normalize(query).split()[:MAX_TERMS]:
        phrase = _phrase(raw)
        if phrase is None:
            continue
        phrases = [phrase]
        # 浮府办字[2024]35 or (2024)第3号: also as the 发文字号 is indexed, without brackets.
        plain = analysis.docnum_plain(raw) if analysis.has_brackets(raw) else ""
        if any(c.isdigit() for c in plain) and analysis.RUNS.fullmatch(plain):
            alt = _phrase(plain)
            if alt is not None and alt != phrase:
                phrases.append(alt)
        terms.append(Term(raw, tuple(phrases), tuple(analysis.main_words(raw))))
    return terms


def _fts5_expression(terms: list[Term]) -> str:
    clauses = []
    for t in terms:
        options = ['"' + " ".join(p.bigrams) + '"' + (" *" if p.prefix_last else "") for p in t.phrases]
        if len(t.words) > 1:
            options.append("(" + " AND ".join(f'"{w}"' for w in t.words) + ")")
        clauses.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    return " AND ".join(clauses)


def _tsquery(terms: list[Term], phrase: bool = True) -> str:
    """The tsquery of the terms; with phrase=False a term's bigrams need only all be present (no
    positions: the GIN index answers it without reading the documents' tsvectors)."""
    def lex(token: str) -> str:
        return "'" + token.replace("'", "") + "'"

    clauses = []
    for t in terms:
        options = []
        for p in t.phrases:
            lexemes = [lex(g) for g in p.bigrams]
            if p.prefix_last:
                lexemes[-1] += ":*"
            options.append("(" + (" <-> " if phrase else " & ").join(lexemes) + ")")
        if len(t.words) > 1:
            options.append("(" + " & ".join(lex(w) for w in t.words) + ")")
        clauses.append("(" + " | ".join(options) + ")")
    return " & ".join(clauses)


INTEGER_FILTERS = {"organization_id", "year"}


def clean_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """Known filters with usable values; a non-numeric year or organization is ignored, not an error."""
    out = {}
    for name in FILTERS:
        value = filters.get(name)
        if value in (None, ""):
            continue
        if name in INTEGER_FILTERS:
            try:
                value = int(value)
            except (TypeError, ValueError):
                continue
        out[name] = value
    return out


def window_size() -> int:
    from django.conf import settings

    return int(getattr(settings, "ZWGK_SEARCH_WINDOW", 1000))


def _filter_tokens(filters: dict[str, Any]) -> list[str]:
    return [index.facet_token(name, value) for name, value in filters.items() if value not in (None, "")]


def _fts_match(terms: list[Term], filters: dict[str, Any]) -> str:
    expr = "{title body} : (" + _fts5_expression(terms) + ")"
    tokens = _filter_tokens(filters)
    if tokens:
        expr += " AND facets : (" + " AND ".join(f'"{t}"' for t in tokens) + ")"
    return expr


def _pg_match(terms: list[Term], filters: dict[str, Any], phrase: bool = True) -> str:
    return " & ".join([f"({_tsquery(terms, phrase)})"] + [f"'~{t}'" for t in _filter_tokens(filters)])


BROAD_SHARE = 0.2  # PostgreSQL: above this estimated share of the index, walk the recency index instead of the GIN bitmap


def _window(terms: list[Term], filters: dict[str, Any], size: int) -> tuple[list[int], dict[int, float], dict[int, int]]:
    """The newest `size` matches, newest first, with their relevance scores: BM25 (SQLite) or ts_rank
    (PostgreSQL), the title far above the body; and their tiers (`_tiers`). The index is kept in recency order,
    so this stops early however many documents match."""
    if connection.vendor == "postgresql":
        seqs, scores, phrased = _pg_window(terms, filters, size)
    else:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT rowid, bm25(search_fts, 10.0, 1.0, 0.0) FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s",
                [_fts_match(terms, filters), size],
            )
            rows = cur.fetchall()
            seqs, scores = [r[0] for r in rows], {r[0]: -float(r[1]) for r in rows}
            phrased = set(seqs)
            if seqs and _has_words(terms):  # which of them hold every term as a phrase, not only its words
                cur.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid >= %s",
                            [_fts_match(_phrases_only(terms), filters), seqs[-1]])
                phrased = {r[0] for r in cur.fetchall()}
    return seqs, scores, _tiers(terms, seqs, phrased)


def _has_words(terms: list[Term]) -> bool:
    return any(len(t.words) > 1 for t in terms)


def _phrases_only(terms: list[Term]) -> list[Term]:
    return [Term(t.text, t.phrases, ()) for t in terms]


def _tiers(terms: list[Term], seqs: list[int], phrased: set[int]) -> dict[int, int]:
    """Ranking's first key, what icontains would say first: 2 a title that holds every term as typed (or a 发文字号
    that holds them without brackets), 1 every term
    a phrase of bigrams (the piece itself, but for punctuation and a lone character at its edges), 0 only the
    words. Titles are read only when a term has punctuation inside or a lone character at an edge: otherwise a
    phrase is the piece itself and BM25's title weight already puts a title that holds it first."""
    tiers = {seq: int(seq in phrased) for seq in seqs}
    if not phrased or all(analysis.RUNS.fullmatch(t.text) and len(t.text) > 1 for t in terms):
        return tiers
    needles = [t.text for t in terms]
    key = analysis.docnum_key("".join(needles))  # 浮教体发 [2019] 3: a piece of a 发文字号 typed with spaces
    key = key if len(key) >= 3 and any(c.isdigit() for c in key) else None
    candidates = [seq for seq in seqs if seq in phrased]
    for start in range(0, len(candidates), 900):  # SQLite's limit on bound parameters
        rows = SearchEntry.objects.filter(seq__in=candidates[start : start + 900]).values_list("seq", "title", "docnum_key")
        for seq, title, number in rows:
            normalized = analysis.normalize(title)
            if all(n in normalized for n in needles) or (key and key in number):
                tiers[seq] = 2
    return tiers


def _pg_window(terms: list[Term], filters: dict[str, Any], size: int) -> tuple[list[int], dict[int, float], set[int]]:
    """Two steps that never read more long tsvectors than the window holds: the GIN index (or, for a
    very broad query, the recency index) finds the newest documents holding every bigram; then one
    pass over those rows checks the exact phrases, computes ts_rank and tells which hold every term as a phrase."""
    from django.db import transaction

    loose = _pg_match(terms, filters, phrase=False)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("EXPLAIN (FORMAT JSON) SELECT 1 FROM search_vector WHERE tsv @@ to_tsquery('simple', %s)", [loose])
        estimate = cur.fetchone()[0][0]["Plan"]["Plan Rows"]
        cur.execute("SELECT reltuples FROM pg_class WHERE relname = 'search_vector'")
        everything = max(cur.fetchone()[0], 1)
        # The planner does not price reading a long tsvector out of TOAST: choose the plan here.
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_bitmapscan = off" if estimate >= BROAD_SHARE * everything else "SET LOCAL enable_indexscan = off")
        cur.execute(
            "SELECT seq FROM search_vector WHERE tsv @@ to_tsquery('simple', %s) ORDER BY seq DESC LIMIT %s", [loose, size]
        )
        candidates = [r[0] for r in cur.fetchall()]
        # Inside a caller's transaction SET LOCAL would outlive this block: put the planner back.
        cur.execute("RESET enable_seqscan; RESET enable_bitmapscan; RESET enable_indexscan")
    if not candidates:
        return [], {}, set()
    exact = _tsquery(terms)
    phrases = _tsquery(_phrases_only(terms)) if _has_words(terms) else exact
    with connection.cursor() as cur:
        # Normalization 2 divides by document length, so long texts do not win.
        # The phrase test in the select list, not the WHERE clause: the planner must fetch these rows by
        # their keys, never scan the GIN index for a phrase.
        cur.execute(
            "SELECT seq, ts_rank('{0.05, 0.1, 0.1, 1.0}', tsv, q, 2), tsv @@ q, tsv @@ p FROM search_vector,"
            " to_tsquery('simple', %s) AS q, to_tsquery('simple', %s) AS p WHERE seq = ANY(%s)",
            [exact, phrases, candidates],
        )
        rows = [r for r in cur.fetchall() if r[2]]
    scores = {r[0]: float(r[1]) for r in rows}
    return [c for c in candidates if c in scores], scores, {r[0] for r in rows if r[3]}


def _newest(terms: list[Term], filters: dict[str, Any], limit: int, offset: int) -> list[int]:
    """Matches by date beyond the window (later pages of a broad search sorted by date)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT seq FROM search_vector WHERE tsv @@ to_tsquery('simple', %s) ORDER BY seq DESC LIMIT %s OFFSET %s",
                        [_pg_match(terms, filters), limit, offset])
        else:
            cur.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s OFFSET %s",
                        [_fts_match(terms, filters), limit, offset])
        return [r[0] for r in cur.fetchall()]


def _estimate(filters: dict[str, Any], window: list[int]) -> int:
    """Matches of a broad search, from their density among the newest entries: the window holds
    `len(window)` of the entries published since its oldest one; the same share of all entries."""
    from django.core.cache import cache

    entries = SearchEntry.objects.filter(**filters)
    recent = entries.filter(seq__gte=window[-1]).count()
    token = index.token()
    key = "zwgk-search-count:" + hashlib.sha256(repr((token, sorted(filters.items()))).encode()).hexdigest()
    everything = cache.get(key)
    if everything is None:
        everything = entries.count()
        cache.set(key, everything, 3600)
    return round(len(window) * everything / max(recent, 1))


FACETS = ("organization_id", "topic", "genre", "year", "validity", "kind")


def _facet_rows(window: list[int]) -> list[tuple]:
    """(facet values…, organization name, count) over the window, from the covering index."""
    columns = ", ".join(FACETS)
    select = f"SELECT {columns}, max(organization_name), count(*) FROM search_searchentry WHERE seq "  # noqa: S608
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"{select} = ANY(%s) GROUP BY {columns}", [window])
            return cur.fetchall()
        rows: list[tuple] = []
        for start in range(0, len(window), 900):  # SQLite's limit on bound parameters
            chunk = window[start : start + 900]
            cur.execute(f"{select} IN ({', '.join(['%s'] * len(chunk))}) GROUP BY {columns}", chunk)
            rows.extend(cur.fetchall())
        return rows


def search(
    query: str, *, filters: dict[str, Any] | None = None, sort: str = "relevance", limit: int = 20, offset: int = 0,
    facets: bool = True,
) -> Results:
    """Cached by the index's change token (ZWGK_SEARCH_CACHE_SECONDS, 0 turns the cache off)."""
    from django.conf import settings
    from django.core.cache import cache

    from .index import changed_in_this_transaction

    seconds = getattr(settings, "ZWGK_SEARCH_CACHE_SECONDS", 300)
    filters = clean_filters(filters or {})
    if not seconds or changed_in_this_transaction():
        return _search(query, filters, sort, limit, offset, facets)
    import hashlib

    from .index import token as change_token

    token = change_token()
    raw = repr((token, query, sorted(filters.items()), sort, limit, offset, facets)).encode()
    key = "zwgk-search:" + hashlib.sha256(raw).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _search(query, filters, sort, limit, offset, facets)
        cache.set(key, found, seconds)
    return found


def _search(query: str, filters: dict[str, Any], sort: str, limit: int, offset: int, facets: bool) -> Results:
    """Every search looks at the newest `window_size()` matches first (one short walk down the index).
    When that is all of them, counts, facets and relevance are exact. When more match (a broad query
    such as 通知), the total is estimated, facets are counted over that window, and relevance ranks
    the window; sorting by date still reaches every match."""
    terms = parse(query)
    key = analysis.docnum_key(query)
    exact_seqs: list[int] = []
    if key and len(key) >= 6:
        exact = SearchEntry.objects.filter(**filters)
        exact_seqs = list(exact.filter(docnum_key=key).values_list("seq", flat=True)) + list(
            exact.filter(index_key=key).values_list("seq", flat=True)
        )
        exact_seqs = list(dict.fromkeys(exact_seqs))
    if not terms and not exact_seqs:
        return Results(query, 0, [])
    size = window_size()
    window: list[int] = []
    scored: dict[int, float] = {}
    tiers: dict[int, int] = {}
    approximate = False
    rows: list[tuple[int, float]] = []
    if terms:
        window, scored, tiers = _window(terms, filters, size + 1)
        approximate = len(window) > size
        window = window[:size]
    total = _estimate(filters, window) if approximate else len(window)
    take = limit + len(exact_seqs)
    if window:
        if sort == "date":
            seqs = window[offset : offset + take] if offset + take <= len(window) or not approximate else _newest(
                terms, filters, take, offset)
            rows = [(s, 0.0) for s in seqs]
        elif offset < len(window):
            best = sorted(window, key=lambda seq: (-tiers[seq], -scored[seq], -seq))  # newer first among equals
            rows = [(seq, scored[seq]) for seq in best[offset : offset + take]]
    in_window = set(window)
    ranked = ([s for s in exact_seqs] if offset == 0 else []) + [s for s, _ in rows if s not in exact_seqs]
    ranked = ranked[:limit]
    scores = dict(rows)
    extra = len([s for s in exact_seqs if s not in in_window])
    entries = SearchEntry.objects.in_bulk(ranked, field_name="seq")
    hits = [
        Hit(entries[s], _score(scores.get(s) if s not in exact_seqs else None), snippet(entries[s].text, terms),
            exact=s in exact_seqs)
        for s in ranked if s in entries
    ]
    result = Results(query, total + extra, hits, approximate=approximate, window=len(window) if approximate else 0, sort=sort)
    if facets and window:
        result.facets = _facets(_facet_rows(window + [s for s in exact_seqs if s not in in_window]))
    elif facets and exact_seqs:
        result.facets = _facets(_facet_rows(exact_seqs))
    return result


def _score(raw: float | None) -> float:
    return 1000.0 if raw is None else raw  # None: an exact number lookup


def _facets(rows: list[tuple]) -> dict[str, list[tuple[Any, str, int]]]:
    """Per-facet counts from the grouped rows (facet values…, organization name, count)."""
    out: dict[str, list[tuple[Any, str, int]]] = {}
    for position, name in enumerate(FACETS):
        counts: dict[Any, list] = {}
        for row in rows:
            value = row[position]
            if value in (None, ""):
                continue
            label = row[-2] if name == "organization_id" else value
            slot = counts.setdefault(value, [str(label), 0])
            slot[1] += row[-1]
        out[name] = sorted(((v, lab, n) for v, (lab, n) in counts.items()), key=lambda t: (-t[2], str(t[0])))
    return out


def snippet(text: str, terms: list[Term], width: int = 120) -> str:
    """A piece of the original text around the first match, terms marked, HTML-escaped."""
    if not text:
        return ""
    normalized = analysis.normalize(text)
    same_length = len(normalized) == len(text)
    needles = sorted({t.text for t in terms} | {w for t in terms for w in t.words if len(w) > 1}, key=len, reverse=True)
    first = min((p for p in (normalized.find(n) for n in needles) if p >= 0), default=-1)
    start = max(0, first - width // 3) if first >= 0 and same_length else 0
    piece = text[start : start + width]
    out = html.escape(piece)
    if same_length and needles:
        pattern = re.compile("|".join(re.escape(n) for n in needles))
        norm_piece = normalized[start : start + width]
        parts, pos = [], 0
        for m in pattern.finditer(norm_piece):
            parts.append(html.escape(piece[pos : m.start()]))
            parts.append(f"<mark>{html.escape(piece[m.start():m.end()])}</mark>")
            pos = m.end()
        parts.append(html.escape(piece[pos:]))
        out = "".join(parts)
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + out + suffix
