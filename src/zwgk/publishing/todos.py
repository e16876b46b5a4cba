"""The publishing module's to-dos on the 工作台 (``zwgk.core.todos``): drafts returned to their author, and
the review steps waiting for a person's decision."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from zwgk.core import todos
from zwgk.core.models import Role, User

from . import selectors
from .perms import REVIEW_PERMISSIONS


def returned_items(user: User, limit: int) -> list[todos.Item]:
    now = timezone.now()
    out = []
    for rev in selectors.returned_drafts(user)[:limit]:
        opinion = (rev.return_opinion or "").strip()
        who = rev.returned_by or "审核人"
        out.append(todos.Item(
            title=rev.title or f"稿件 {rev.document_id}",
            url=reverse("publishing:edit", args=[rev.document_id]),
            where=f"{rev.document.organization.short_name} · {who}退回：{opinion[:40]}{'…' if len(opinion) > 40 else ''}",
            when=todos.ago(rev.returned_at, now, "退回"),
        ))
    return out


def returned_count(user: User) -> int:
    return selectors.returned_drafts(user).count()


def review_items(user: User, limit: int) -> list[todos.Item]:
    now = timezone.now()
    out = []
    for rev in selectors.review_waiting(user)[:limit]:
        role = rev.chain[rev.step]
        out.append(todos.Item(
            title=rev.title or f"稿件 {rev.document_id}",
            url=reverse("publishing:review", args=[rev.pk]),
            where=f"{rev.document.organization.short_name} · {Role(role).label}环节 · 起草：{rev.created_by.get_full_name()}",
            when=todos.waited(rev.waiting_since, now),
            urgent=(now - rev.waiting_since).days >= REVIEW_URGENT_DAYS,
        ))
    return out


# Practice: a step waiting this many days is shown first (the 20 working days of Art. 26 run from the text's making).
REVIEW_URGENT_DAYS = 3


def review_count(user: User) -> int:
    return selectors.review_waiting(user).count()


def register() -> None:
    todos.register(todos.TodoKind(
        "publishing-returned", "退回给我修改的稿件", 10, returned_items, returned_count, "publishing:list",
        any_of=("publishing.draft",), hint="按审核意见修改后重新送审。"))
    todos.register(todos.TodoKind(
        "publishing-review", "待我审核的稿件", 20, review_items, review_count, "publishing:queue",
        any_of=REVIEW_PERMISSIONS, hint=f"按等待时间排列，最早的在前；等待 {REVIEW_URGENT_DAYS} 天以上的标为紧急。"))
