"""Search finds what people paste: any piece of a title, as `icontains` would, and 文号 typed with any brackets.

Thousands of real-looking titles (tests/search_titles.py) are indexed; random pieces of 4–12 characters, half of
them starting or ending inside a number (024年政务公开, 4年度浮梁县人民, 23年一季度浮梁), and 文号 retyped with
other brackets, whole or in part, are searched. What icontains over title, text and 文号 finds (the 文号 also with
its brackets dropped or retyped) is the truth; recall@10 is the share of the truth (at most ten) in the first ten
results.
"""

import datetime as dt
import random

import pytest
from django.utils import timezone

from zwgk.core import audit
from zwgk.search import analysis, index
from zwgk.search.query import search

from .search_titles import fragment, generate, retyped

DOCS = 2000


def _recall(query: str, truth: set[str]) -> float:
    keys = [h.entry.object_id for h in search(query, limit=10, facets=False).hits]
    return len(truth.intersection(keys)) / min(10, len(truth))


@pytest.mark.django_db
def test_pasted_fragments_and_numbers_are_found():
    pages = generate(DOCS)
    start = timezone.make_aware(dt.datetime(2015, 1, 1, 9, 0))
    rng = random.Random(8)
    with audit.allow_direct_writes():
        for p in pages:
            index.update(index.Item(kind="document", object_id=p.key, title=p.title, url=f"/d/{p.key}/", text=p.body,
                                    doc_number=p.doc_number, published_at=start + dt.timedelta(hours=rng.randint(0, 100_000))))
    seen = [(analysis.normalize(f"{p.title}\n{p.body}\n{p.doc_number}"), analysis.docnum_plain(p.doc_number),
             analysis.docnum_key(p.doc_number), p.key) for p in pages]

    def contains(q: str) -> set[str]:
        """icontains over title, text and 文号, the 文号 also in any bracket form (发202 is in 浮民发〔2020〕19号)."""
        needle, plain, key = analysis.normalize(q), analysis.docnum_plain(q), analysis.docnum_key(q)
        return {k for text, number, number_key, k in seen
                if needle in text or (number and plain in number) or (number and key and key in number_key)}

    fragments, misses = [], []
    for i in range(400):
        page = rng.choice(pages)
        q = fragment(page.title, rng, inside_number=i % 2 == 0)
        if not analysis.RUNS.search(analysis.normalize(q)):
            continue  # punctuation only: nothing to search for
        r = _recall(q, contains(q))
        fragments.append(r)
        if r < 1:
            misses.append((q, r))
    numbered = [p for p in pages if p.doc_number]
    numbers = []
    for i in range(150):
        page = rng.choice(numbered)
        q = retyped(page.doc_number, rng)
        if i % 2:  # a piece of it: 府办字[2024]35, 2024)第3号 …
            q = fragment(q.strip(), rng, inside_number=True)
        r = _recall(q, contains(q))
        numbers.append(r)
        if r < 1:
            misses.append((q, r))
    at_fragments, at_numbers = sum(fragments) / len(fragments), sum(numbers) / len(numbers)
    print(f"recall@10 fragments {at_fragments:.3f} ({len(fragments)}), 文号 {at_numbers:.3f} ({len(numbers)})", misses[:20])
    assert len(fragments) >= 350
    assert at_fragments >= 0.95, misses[:20]
    assert at_numbers >= 0.95, misses[:20]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["024年政务公开", "4年度浮梁县人民", "23年一季度浮梁", "2024年政务公开", "府办字[2024]3",
                                   "〔2024〕35号", "浮府办字2024 35号", "24)35号"])
def test_a_piece_that_cuts_a_number_finds_the_document(query):
    t = timezone.now()
    titles = {"a": ("浮梁县人民政府办公室关于印发2024年浮梁县政务公开工作要点的通知", "浮府办字〔2024〕35号"),
              "b": ("2024年度浮梁县人民政府信息公开工作年度报告", ""), "c": ("2023年一季度浮梁县安全生产工作情况通报", ""),
              "d": ("浮梁县2014年政务公开工作总结", "浮府办字〔2014〕5号"), "e": ("2024年政务公开工作年度报告", "")}
    with audit.allow_direct_writes():
        for key, (title, number) in titles.items():
            index.update(index.Item(kind="document", object_id=key, title=title, url="/", text="", doc_number=number,
                                    published_at=t))
    keys = [h.entry.object_id for h in search(query).hits]
    expected = [k for k, (title, number) in titles.items()
                if analysis.normalize(query) in analysis.normalize(title) or analysis.docnum_key(query) in analysis.docnum_key(number)]
    # The documents holding the piece come first; after them only documents holding all its words (2024, 年,
    # 政务公开 for 2024年政务公开 in the first title); never the 2014 one for a piece of 2024.
    assert expected and sorted(keys[: len(expected)]) == sorted(expected), (query, keys)
    assert "d" not in keys


@pytest.mark.django_db
def test_migrate_rebuilds_an_index_written_with_the_older_analysis(staff, county):
    from django.core.management import call_command

    from zwgk.publishing import services
    from zwgk.search.models import IndexState, SearchEntry

    from .test_publishing import CONTENT, approve

    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
    services.submit(staff["jiaoti_editor"], doc)
    approve(staff["jiaoti_reviewer"], doc)
    approve(staff["jiaoti_secrecy"], doc)
    assert [h.entry.object_id for h in search("024年义务教育").hits] == [str(doc.pk)]
    with audit.allow_direct_writes():  # as an index of version 1 was: numbers whole, so 024年 finds nothing
        entry = SearchEntry.objects.get()
        index.write_fulltext(entry, "浮梁县 教育 2024 年 义务教育", "", entry.seq)
        IndexState.objects.update(version=1)
    assert search("024年义务教育").total == 0 and index.outdated()
    call_command("migrate", verbosity=0)
    assert not index.outdated()
    assert [h.entry.object_id for h in search("024年义务教育").hits] == [str(doc.pk)]
    call_command("migrate", verbosity=0)  # a current index is left alone
    assert IndexState.objects.get().version == analysis.VERSION
