"""To-dos of consultations on the 工作台 (``zwgk.core.todos``): unanswered opinions of closed consultations, and
closed consultations whose adoption report is not public yet."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from zwgk.core import todos
from zwgk.core.models import User

from . import selectors


def unanswered_items(user: User, limit: int) -> list[todos.Item]:
    today = timezone.localdate()
    out = []
    for c in selectors.unanswered_closed(user)[:limit]:
        days = (today - c.closes).days
        out.append(todos.Item(title=c.title, url=reverse("participation:consultation_opinions", args=[c.pk]) + "?which=unanswered",
                              where=f"{c.organization.short_name or c.organization.name} · {c.waiting} 条意见未答复",
                              when=f"{c.closes:%Y-%m-%d} 征集结束，已 {days} 天", urgent=days > 30))
    return out


def unanswered_count(user: User) -> int:
    return selectors.unanswered_closed(user).count()


def report_items(user: User, limit: int) -> list[todos.Item]:
    today = timezone.localdate()
    out = []
    for c in selectors.without_public_report(user)[:limit]:
        days = (today - c.closes).days
        out.append(todos.Item(title=c.title, url=reverse("participation:consultation", args=[c.pk]),
                              where=("采纳情况审核中" if c.report_document_id else "采纳情况未送审"),
                              when=f"{c.closes:%Y-%m-%d} 征集结束，已 {days} 天", urgent=days > 30))
    return out


def report_count(user: User) -> int:
    return selectors.without_public_report(user).count()


def register() -> None:
    todos.register(todos.TodoKind(
        "consultations-unanswered", "意见征集：待答复的意见", 60, unanswered_items, unanswered_count, "participation:consultations",
        any_of=("participation.edit",), hint="逐条答复采纳、部分采纳、未采纳或不属于本次征集，并写明理由。"))
    todos.register(todos.TodoKind(
        "consultations-report", "意见征集：采纳情况未公开", 61, report_items, report_count, "participation:consultations",
        any_of=("participation.edit",), hint="全部意见答复后送审发布采纳情况；公开后自动办结并告知意见人。"))
