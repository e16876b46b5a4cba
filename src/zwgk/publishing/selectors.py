"""Read-side questions about documents and reviews (no state changes)."""

from __future__ import annotations

from zwgk.core import permissions
from zwgk.core.models import Organization, OrgKind, Role, User

from .models import DisclosureMode, DocStatus, Document, Kind, ReviewChain, Revision, RevisionState
from .perms import STEP_PERMISSION


def needs_sync(doc: Document, rev: Revision | None = None) -> bool:
    """三同步: a normative document disclosed proactively is published only with its interpretation."""
    content = rev or doc
    return doc.kind == Kind.DOCUMENT and content.is_normative and content.disclosure_mode == DisclosureMode.ACTIVE



def review_chain(doc: Document) -> list[str]:
    """The configured review steps: most specific configuration first, then the built-in default."""
    for org, kind in ((doc.organization, doc.kind), (doc.organization, ""), (None, doc.kind), (None, "")):
        chain = ReviewChain.objects.filter(organization=org, kind=kind).first()
        if chain is not None:
            return list(chain.steps)
    steps = [Role.REVIEWER, Role.SECRECY_REVIEWER]
    if doc.organization.kind in (OrgKind.GOVERNMENT, OrgKind.OFFICE):
        steps.append(Role.COUNTY_OFFICE)  # county-level items pass the county office
    return [str(s) for s in steps]



def current_step(rev: Revision) -> int:
    return rev.decisions.count()



def can_review(user: User, rev: Revision) -> bool:
    if rev.state != RevisionState.IN_REVIEW:
        return False
    step = current_step(rev)
    if step >= len(rev.chain):
        return False
    perm = STEP_PERMISSION.get(rev.chain[step])
    doc = rev.document
    return bool(perm) and permissions.has(user, perm, doc.organization) and user.pk not in (rev.created_by_id, doc.created_by_id)



def review_queue(user: User) -> list[Revision]:
    """What waits for ``user``'s decision, oldest submission first."""
    candidates = (
        Revision.objects.filter(state=RevisionState.IN_REVIEW)
        .select_related("document__organization", "created_by")
        .prefetch_related("decisions")
        .order_by("submitted_at", "id")
    )
    return [r for r in candidates if can_review(user, r)]



def interpretation_rate(org: Organization, year: int) -> tuple[int, int]:
    """(major policies published in ``year`` with a published interpretation, major policies published in ``year``)."""
    majors = Document.objects.filter(
        organization=org, kind=Kind.DOCUMENT, is_major_policy=True, status=DocStatus.PUBLISHED, published_at__year=year
    )
    interpreted = majors.filter(interpretations__status=DocStatus.PUBLISHED).distinct().count()
    return interpreted, majors.count()