"""Text analysis for Chinese search: normalization, word tokens (rjieba) and character bigrams.

Normalization (index and query alike): NFKC (full-width letters, digits and spaces to half-width),
traditional to simplified (OpenCC t2s), lower case, and one bracket form for document numbers.
Word tokens find whole words; character bigrams (as Lucene's CJK analyzer) find fragments that cut
words in half (府办公室关于印发). A run is every stretch of Chinese characters, letters and digits together, so the
bigrams run through numbers and across the digit–character boundary (印发2024年 → 印发 发2 20 02 24 4年): any
fragment of two characters or more is a phrase of consecutive bigrams, one that starts or ends inside a number
(024年政务公开) too. ARCHITECTURE.md, search notes.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import opencc
import rjieba

_t2s = opencc.OpenCC("t2s")
_lock = threading.Lock()

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUNS = re.compile(rf"[{CJK}a-z0-9]+")
# The analysis the stored index was written with; a change here makes `migrate` rebuild the index (search.apps).
VERSION = 2
BRACKETS = str.maketrans({c: "〔" for c in "[【［(（{〈<"} | {c: "〕" for c in "]】］)）}〉>"})
DOCNUM_NOISE = re.compile(r"[\s〔〕第]")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return _t2s.convert(text).lower()


def bigrams(text: str) -> list[str]:
    """Character bigrams of each run of Chinese characters, letters and digits (a lone character stands alone)."""
    out: list[str] = []
    for m in RUNS.finditer(text):
        run = m.group(0)
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def words(text: str) -> list[str]:
    """Index-side words: every word and its sub-words (rjieba's search mode)."""
    with _lock:  # the rjieba dictionary is shared; user words may be added at run time
        tokens = rjieba.cut_for_search(text)
    return [t for t in tokens if RUNS.fullmatch(t)]


def main_words(text: str) -> list[str]:
    """Query-side words: the plain segmentation (义务教育招生 → 义务教育, 招生)."""
    with _lock:
        tokens = rjieba.cut(text)
    return [t for t in tokens if RUNS.fullmatch(t)]


def docnum_key(text: str) -> str:
    """A comparison key for 发文字号 and 索引号 typed with any bracket form: 浮府办发[2024]12号 → 浮府办发202412号."""
    return DOCNUM_NOISE.sub("", normalize(text).translate(BRACKETS))


def docnum_plain(text: str) -> str:
    """A 发文字号 as one run for the index, brackets and spaces dropped, 第 kept: 浮财预〔2024〕第3号 → 浮财预2024第3号."""
    return re.sub(r"[\s〔〕]", "", normalize(text).translate(BRACKETS))


def has_brackets(text: str) -> bool:
    return any(ord(c) in BRACKETS or c in "〔〕" for c in text)


_user_words: set[str] = set()


def add_user_words(entries: list[str]) -> None:
    """Teach the segmenter government terms (the administrator's dictionary)."""
    with _lock:
        for word in entries:
            if word and word not in _user_words:
                rjieba.add_word(word, None, None)
                _user_words.add(word)
