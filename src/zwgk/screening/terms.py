"""The managed term list as one Aho-Corasick automaton (multi-pattern matching in one pass).

The automaton is rebuilt when the list changes (its row count or latest update time differ).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import ahocorasick
from django.db.models import Count, Max

from .rules import Finding


@dataclass(frozen=True)
class Entry:
    wrong: str
    right: str
    kind: str
    severity: str
    note: str


class TermMatcher:
    def __init__(self, entries: list[Entry]) -> None:
        self.size = len(entries)
        self.automaton = ahocorasick.Automaton()
        for entry in entries:
            self.automaton.add_word(entry.wrong, entry)
        if entries:
            self.automaton.make_automaton()

    def scan(self, text: str) -> Iterator[Finding]:
        if not self.size:
            return
        for end_index, entry in self.automaton.iter(text):
            end = end_index + 1
            start = end - len(entry.wrong)
            if entry.right and self._inside_right(text, start, entry):
                continue
            if entry.right:
                message = f"“{entry.wrong}”应为“{entry.right}”"
            else:
                message = f"敏感词“{entry.wrong}”"
            if entry.note:
                message += f"（{entry.note}）"
            yield Finding("term", entry.severity, start, end, entry.wrong, message)

    @staticmethod
    def _inside_right(text: str, start: int, entry: Entry) -> bool:
        """The wrong form inside the right one (e.g. 学习教育 in 党史学习教育) is not a finding."""
        offset = entry.right.find(entry.wrong)
        while offset >= 0:
            s = start - offset
            if s >= 0 and text[s : s + len(entry.right)] == entry.right:
                return True
            offset = entry.right.find(entry.wrong, offset + 1)
        return False


_lock = threading.Lock()
_cache: tuple[tuple, TermMatcher] | None = None


def matcher() -> TermMatcher:
    global _cache
    from .models import Term

    active = Term.objects.filter(is_active=True)
    stamp = tuple(active.aggregate(n=Count("id"), t=Max("updated_at")).values())
    cached = _cache
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with _lock:
        entries = [Entry(*row) for row in active.values_list("wrong", "right", "kind", "severity", "note")]
        built = TermMatcher(entries)
        _cache = (stamp, built)
    return built
