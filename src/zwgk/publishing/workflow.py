"""The publishing workflows as state machines (``zwgk.core.workflow``).

A document's content moves through its latest revision's states::

    草稿 --送审--> 审核中 --每一环节同意--> (最后一环节) 审核通过 --三同步具备--> 已发布 --新修订版--> 已被新版本替代
                    \\--任一环节退回--> 退回修改 --修改--> 草稿

and the document itself is 未发布 → 已发布 → 已撤稿. ``available_actions(doc, user)`` is the one answer to
"what may this person do with this document now"; the services check the same transitions under their locks.
"""

from __future__ import annotations

from typing import Any

from zwgk.core.workflow import Machine, Refusal, Transition

from .models import DocStatus, Document, Revision, RevisionState
from .perms import STEP_PERMISSION


def _latest(doc: Document) -> Revision:
    return doc.latest_revision


def _not_withdrawn(doc: Document, user: Any) -> str | None:
    return "已撤稿的信息不能再修改。" if doc.status == DocStatus.WITHDRAWN else None


def _step_permission(doc: Document) -> str | None:
    rev = _latest(doc)
    step = rev.decisions.count()
    if step >= len(rev.chain):
        return "publishing.county_review"  # a chain already complete: nobody reviews it again
    return STEP_PERMISSION.get(rev.chain[step], "publishing.county_review")


def _not_own_draft(doc: Document, user: Any) -> Refusal | None:
    rev = _latest(doc)
    if user is not None and user.pk in (rev.created_by_id, doc.created_by_id):
        return Refusal("permission", "不能审核自己起草或修改的稿件。")
    return None


def _not_reviewed_yet(doc: Document, user: Any) -> Refusal | None:
    rev = _latest(doc)
    if user is not None and any(d.reviewer_id == user.pk for d in rev.decisions.all()):
        return Refusal("permission", "同一稿件的各审核环节须由不同人员办理，您已审核过本稿。")
    return None


def _chain_open(doc: Document, user: Any) -> str | None:
    rev = _latest(doc)
    return "该稿件的审核环节已全部办理。" if rev.decisions.count() >= len(rev.chain) else None


REVISION = Machine(
    name="publishing.revision",
    state_of=lambda doc: _latest(doc).state,
    labels=dict(RevisionState.choices),
    organization_of=lambda doc: doc.organization,
).add(
    Transition(
        "edit", "修改", frozenset({RevisionState.DRAFT, RevisionState.REJECTED, RevisionState.PUBLISHED, RevisionState.SUPERSEDED}),
        permission="publishing.draft", guards=(_not_withdrawn,),
        wrong_state="稿件正在审核或等待同步发布，不能修改。",
    ),
    Transition(
        "submit", "送审", frozenset({RevisionState.DRAFT}), permission="publishing.draft", guards=(_not_withdrawn,),
        wrong_state="只有草稿可以送审，本稿当前状态为“{state}”。",
    ),
    Transition(
        "review", "审核", frozenset({RevisionState.IN_REVIEW}), permission=_step_permission,
        guards=(_chain_open, _not_own_draft, _not_reviewed_yet),
        wrong_state="该稿件已不在审核中（当前：{state}），可能已由其他审核人处理。请刷新后查看。",
    ),
)

DOCUMENT = Machine(
    name="publishing.document",
    state_of=lambda doc: doc.status,
    labels=dict(DocStatus.choices),
    organization_of=lambda doc: doc.organization,
).add(
    Transition(
        "withdraw", "撤稿", frozenset({DocStatus.PUBLISHED}), permission="publishing.withdraw",
        wrong_state="只有已发布的信息可以撤稿。",
    ),
)


def available_actions(doc: Document, user: Any) -> set[str]:
    """What ``user`` may do with ``doc`` now: a subset of edit, submit, review, withdraw."""
    return set(REVISION.available(doc, user)) | set(DOCUMENT.available(doc, user))
