"""Searching: one interface over SQLite FTS5 and PostgreSQL tsvector.

A query is split on whitespace into terms. A term matches a document that contains it as a
substring (a phrase of its character bigrams) or that contains all of its words (rjieba); all terms
must match. Ranking: BM25 (SQLite) or ts_rank (PostgreSQL) with the title weighted above the body,
newer first among equals; an exact 发文字号 or 索引号 (any bracket form) comes first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from . import analysis
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
            "organization": e.organization_name, "published_at": e.published_at.isoformat() if e.published_at else None,
            "doc_number": e.doc_number, "index_no": e.index_no, "snippet": self.snippet,
        }


@dataclass
class Results:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[Any, str, int]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Term:
    text: str
    bigrams: tuple[str, ...]
    words: tuple[str, ...]
    prefix_last: bool = False  # the last token is a lone character that may begin a bigram in the text


def _phrase_tokens(raw: str) -> tuple[tuple[str, ...], bool]:
    """Bigrams of a term, with lone characters at its edges handled: in the text they are part of a
    bigram with their neighbour (…印发2024年浮梁… has 年浮), so a lone last character becomes a prefix and
    a lone first character followed by more is dropped."""
    runs = analysis.RUNS.findall(raw)
    grams = analysis.bigrams(raw)
    prefix_last = False
    if len(runs) > 1 and len(runs[-1]) == 1 and not runs[-1].isascii():
        prefix_last = True
    if len(runs) > 1 and len(runs[0]) == 1 and not runs[0].isascii():
        grams = grams[1:]
    return tuple(grams), prefix_last


def parse(query: str) -> list[Term]:
    terms = []
    for raw in analysis.normalize(query).split()[:MAX_TERMS]:
        grams, prefix_last = _phrase_tokens(raw)
        if not grams:
            continue
        terms.append(Term(raw, grams, tuple(analysis.main_words(raw)), prefix_last))
    return terms


def _fts5_expression(terms: list[Term]) -> str:
    clauses = []
    for t in terms:
        phrase = '"' + " ".join(t.bigrams) + '"' + (" *" if t.prefix_last else "")
        if len(t.words) > 1:
            clauses.append(f"({phrase} OR (" + " AND ".join(f'"{w}"' for w in t.words) + "))")
        else:
            clauses.append(phrase)
    return " AND ".join(clauses)


def _tsquery(terms: list[Term]) -> str:
    def lex(token: str) -> str:
        return "'" + token.replace("'", "") + "'"

    clauses = []
    for t in terms:
        lexemes = [lex(g) for g in t.bigrams]
        if t.prefix_last:
            lexemes[-1] += ":*"
        phrase = " <-> ".join(lexemes)
        if len(t.words) > 1:
            clauses.append(f"(({phrase}) | (" + " & ".join(lex(w) for w in t.words) + "))")
        else:
            clauses.append(f"({phrase})")
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


def _where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    sql, params = [], []
    for name in FILTERS:
        value = filters.get(name)
        if value not in (None, ""):
            sql.append(f"e.{name} = %s")
            params.append(value)
    return (" AND " + " AND ".join(sql)) if sql else "", params


def _match_sql(terms: list[Term]) -> tuple[str, str, list[Any], str]:
    """(FROM/JOIN clause, score expression, params, order of score)."""
    if connection.vendor == "postgresql":
        return (
            "search_searchentry e JOIN search_vector v ON v.entry_id = e.id AND v.tsv @@ to_tsquery('simple', %s)",
            # Title (A) far above body (B); normalization 2 divides by document length, so long texts do not win.
            "ts_rank('{0.05, 0.1, 0.1, 1.0}', v.tsv, to_tsquery('simple', %s), 2)",
            [_tsquery(terms)],
            "DESC",
        )
    return (
        "search_fts f JOIN search_searchentry e ON e.id = f.rowid AND search_fts MATCH %s",
        "bm25(search_fts, 10.0, 1.0)",
        [_fts5_expression(terms)],
        "ASC",
    )


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

    from .models import IndexState

    token = IndexState.objects.filter(pk=1).values_list("token", flat=True).first() or ""
    raw = repr((token, query, sorted(filters.items()), sort, limit, offset, facets)).encode()
    key = "zwgk-search:" + hashlib.sha256(raw).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _search(query, filters, sort, limit, offset, facets)
        cache.set(key, found, seconds)
    return found


def _search(query: str, filters: dict[str, Any], sort: str, limit: int, offset: int, facets: bool) -> Results:
    terms = parse(query)
    key = analysis.docnum_key(query)
    exact_ids: list[int] = []
    if key and len(key) >= 6:
        exact = SearchEntry.objects.filter(**{k: v for k, v in filters.items() if k in FILTERS and v not in (None, "")})
        exact_ids = list(exact.filter(docnum_key=key).values_list("id", flat=True)) + list(
            exact.filter(index_key=key).values_list("id", flat=True)
        )
    if not terms and not exact_ids:
        return Results(query, 0, [])
    where, where_params = _where(filters)
    rows: list[tuple[int, float]] = []
    total = 0
    facet_rows: list[tuple] = []
    if terms:
        source, score, match_params, direction = _match_sql(terms)
        order = f"score {direction}, e.published_at DESC, e.id DESC" if sort != "date" else "e.published_at DESC, e.id DESC"
        score_params = match_params if connection.vendor == "postgresql" else []
        with connection.cursor() as cur:
            if facets:
                # One pass over the matches gives the total and every facet's counts.
                cur.execute(
                    f"SELECT {', '.join('e.' + n for n in FACETS)}, max(e.organization_name), count(*) "  # noqa: S608
                    f"FROM {source} WHERE 1=1{where} GROUP BY {', '.join('e.' + n for n in FACETS)}",
                    match_params + where_params,
                )
                facet_rows = cur.fetchall()
                total = sum(r[-1] for r in facet_rows)
            else:
                cur.execute(f"SELECT count(*) FROM {source} WHERE 1=1{where}", match_params + where_params)  # noqa: S608
                total = cur.fetchone()[0]
            if total:
                cur.execute(
                    f"SELECT e.id, {score} AS score FROM {source} WHERE 1=1{where} ORDER BY {order} LIMIT %s OFFSET %s",  # noqa: S608
                    score_params + match_params + where_params + [limit + len(exact_ids), offset],
                )
                rows = [(r[0], float(r[1])) for r in cur.fetchall()]
    ranked = [i for i in dict.fromkeys(exact_ids) if offset == 0] + [i for i, _ in rows if i not in exact_ids]
    ranked = ranked[:limit]
    scores = dict(rows)
    extra = len([i for i in exact_ids if i not in scores])
    entries = SearchEntry.objects.in_bulk(ranked)
    hits = [
        Hit(entries[i], _score(scores.get(i)), snippet(entries[i].text, terms), exact=i in exact_ids)
        for i in ranked if i in entries
    ]
    result = Results(query, total + extra, hits)
    if facet_rows:
        result.facets = _facets(facet_rows)
    return result


def _score(raw: float | None) -> float:
    if raw is None:
        return 1000.0  # exact number lookup
    return -raw if connection.vendor != "postgresql" else raw


FACETS = ("organization_id", "topic", "genre", "year", "validity", "kind")


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
