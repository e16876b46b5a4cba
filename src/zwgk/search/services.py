"""Rebuilding the index and keeping the user dictionary."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from zwgk.core import audit, permissions
from zwgk.core.models import User

from . import analysis, index
from .models import UserWord


@audit.service("search.reindex", "重建检索索引")
def reindex(actor: User | None = None) -> dict[str, int]:
    permissions.require(actor, "search.manage")
    index.clear()
    counts = {}
    for kind, (_label, all_items) in index.PROVIDERS.items():
        n = 0
        for item in all_items():
            index.update(item)
            n += 1
        counts[kind] = n
    index.mark_current()
    audit.record(actor, None, summary="重建检索索引：" + "，".join(f"{index.PROVIDERS[k][0]} {n} 条" for k, n in counts.items()))
    return counts


@audit.service("search.word.add", "增加检索词典词语")
def add_word(actor: User | None, word: str, note: str = "") -> UserWord:
    permissions.require(actor, "search.manage")
    word = analysis.normalize(word).strip()
    if not word or len(word) > 50 or not analysis.RUNS.fullmatch(word):
        raise ValidationError({"word": "词语只能由汉字、字母或数字组成，最长 50 字。"})
    obj, created = UserWord.objects.get_or_create(word=word, defaults={"note": note})
    if not created:
        audit.nothing_changed()
        return obj
    analysis.add_user_words([word])
    audit.record(actor, obj, summary=f"检索词典增加“{word}”（已有文档需重建索引后才按新词切分）")
    return obj
