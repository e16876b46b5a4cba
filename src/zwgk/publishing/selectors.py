"""Read-side questions about documents and reviews (no state changes)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from zwgk.core import permissions
from zwgk.core.models import Organization, OrgKind, Role, User

from . import taxonomy
from .models import DisclosureMode, DocStatus, Document, Kind, ReviewChain, ReviewDecision, Revision, RevisionState


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
    """May ``user`` decide the current step of ``rev`` (the revision in review is its document's latest)?"""
    from .workflow import REVISION

    if rev.state != RevisionState.IN_REVIEW:
        return False
    doc = rev.document
    doc.remember_latest(rev)
    return REVISION.refusal("review", doc, user) is None



def reviewers_of(rev: Revision) -> list[User]:
    """Who may decide the current step of ``rev`` now: the step's permission over the document's unit, not the
    draft's author, nobody who decided an earlier step (the same rule as ``can_review``)."""
    from .perms import STEP_PERMISSION

    step = current_step(rev)
    if rev.state != RevisionState.IN_REVIEW or step >= len(rev.chain) or rev.chain[step] not in STEP_PERMISSION:
        return []
    roles = permissions.roles_with(STEP_PERMISSION[rev.chain[step]])
    decided = rev.decisions.values_list("reviewer_id", flat=True)
    candidates = (User.objects.filter(is_active=True, roles__role__in=roles).distinct()
                  .exclude(pk=rev.created_by_id).exclude(pk=rev.document.created_by_id).exclude(pk__in=decided)
                  .select_related("organization").prefetch_related("roles").order_by("pk"))
    with permissions.one_tree():  # the tree once for every candidate's scope, not once each
        return [u for u in candidates if can_review(u, rev)]


def review_queue(user: User) -> list[Revision]:
    """What waits for ``user``'s decision, the longest wait first: :func:`review_waiting`, the one rule."""
    return list(review_waiting(user).prefetch_related("decisions"))



# A review chain has at most this many steps (``services.save_review_chain`` refuses longer ones), so the current step's
# role can be asked in SQL as one of chain[0] … chain[MAX_CHAIN_STEPS - 1].
MAX_CHAIN_STEPS = 10


def _last_decision():  # noqa: ANN202
    from django.db.models import OuterRef

    return ReviewDecision.objects.filter(revision=OuterRef("pk")).order_by("-step")


def review_waiting(user: User) -> QuerySet[Revision]:
    """The same answer as :func:`review_queue` (what ``user`` may decide now: the current step's permission in the
    document's organization, not one's own draft, not a step already taken on it) as one query, oldest wait first,
    each with ``waiting_since`` (the submission or the previous step's decision) and ``step``."""
    from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
    from django.db.models.functions import Coalesce

    from .perms import STEP_PERMISSION

    if user is None or not user.is_authenticated:
        return Revision.objects.none()
    match = Q(pk__in=[])
    for role, perm in STEP_PERMISSION.items():
        if not permissions.has(user, perm):
            continue
        scope = permissions.scope_ids(user, perm)
        at_step = Q(pk__in=[])
        for i in range(MAX_CHAIN_STEPS):
            at_step |= Q(step=i, **{f"chain__{i}": str(role)})
        match |= at_step if scope is None else at_step & Q(document__organization_id__in=scope)
    steps = (ReviewDecision.objects.filter(revision=OuterRef("pk")).values("revision").annotate(n=Count("pk")).values("n")[:1])
    mine = ReviewDecision.objects.filter(revision=OuterRef("pk"), reviewer=user)
    return (
        Revision.objects.filter(state=RevisionState.IN_REVIEW)
        .annotate(step=Coalesce(Subquery(steps, output_field=IntegerField()), Value(0)),
                  waiting_since=Coalesce(Subquery(_last_decision().values("decided_at")[:1]), "submitted_at"))
        .filter(match)
        .exclude(created_by=user).exclude(document__created_by=user).exclude(Exists(mine))
        .select_related("document__organization", "created_by")
        .order_by("waiting_since", "pk")
    )


def returned_drafts(user: User) -> QuerySet[Revision]:
    """Drafts of ``user`` that a reviewer returned (退回修改) and that nobody has revised since, latest return first, each
    with ``returned_at``, ``return_opinion`` and ``returned_by``. Withdrawn documents are not edited any more."""
    from django.db.models import Exists, OuterRef, Subquery

    if user is None or not user.is_authenticated:
        return Revision.objects.none()
    newer = Revision.objects.filter(document=OuterRef("document"), number__gt=OuterRef("number"))
    last = _last_decision()
    return (
        Revision.objects.filter(state=RevisionState.REJECTED, created_by=user)
        .exclude(document__status=DocStatus.WITHDRAWN).exclude(Exists(newer))
        .annotate(returned_at=Subquery(last.values("decided_at")[:1]), return_opinion=Subquery(last.values("opinion")[:1]),
                  returned_by=Subquery(last.values("reviewer__full_name")[:1]))
        .select_related("document__organization")
        .order_by("-returned_at", "-pk")
    )


def interpretation_rate(org: Organization, year: int) -> tuple[int, int]:
    """(public major policies published in ``year`` with a public interpretation, public major policies published in ``year``)."""
    majors = Document.objects.public().filter(organization=org, kind=Kind.DOCUMENT, is_major_policy=True, published_at__year=year)
    interpreted = majors.filter(pk__in=Document.objects.public().values("policies")).count()
    return interpreted, majors.count()

def normative_counts(year: int, county: Organization | None = None) -> dict[str, int]:
    """Annual-report figures of the normative-document library for ``year``.

    issued: first published in the year; repealed: repealed by a clean-up decided in the year;
    valid: at 31 December, published by then, not withdrawn, not repealed by then, not past its expiry.
    """
    import datetime as dt

    from django.db.models import Exists, OuterRef

    from .models import CleanupAction, NormativeCleanup, NormativeRecord

    records = NormativeRecord.objects.all()
    if county is not None:
        records = records.filter(document__organization__in=_subtree(county))
    year_end = dt.date(year, 12, 31)
    repealed_by_end = NormativeCleanup.objects.filter(
        record=OuterRef("pk"), action=CleanupAction.REPEALED, decided_on__lte=year_end
    )
    valid = (
        records.filter(document__published_at__date__lte=year_end)
        .exclude(document__status=DocStatus.WITHDRAWN)
        .exclude(Exists(repealed_by_end))
        .exclude(document__expires_on__lte=year_end)
    )
    return {
        "issued": records.filter(document__published_at__year=year).count(),
        "repealed": NormativeCleanup.objects.filter(
            record__in=records, action=CleanupAction.REPEALED, decided_on__year=year
        ).values("record").distinct().count(),
        "valid": valid.count(),
    }


def _subtree(org: Organization) -> list[int]:
    return list(permissions.subtree_ids(org.pk))


def catalog_coverage(area: str | None = None) -> list:
    """Catalog items with the number of published items under each (0 = nothing published yet)."""
    from django.db.models import Count

    from .models import CatalogItem

    items = CatalogItem.objects.select_related("column")
    if area:
        items = items.filter(area=area)
    counts = dict(
        Document.objects.public().filter(catalog_item__isnull=False)
        .values_list("catalog_item").annotate(n=Count("id")).values_list("catalog_item", "n")
    )
    out = list(items)
    for item in out:
        item.published = counts.get(item.pk, 0)
    return out


def validity_limit_years(title: str) -> int:
    """At most 5 years; 暂行 and 试行 rules at most 2 (domain/publishing.md; settings may change both)."""
    if "暂行" in title or "试行" in title:
        return getattr(settings, "ZWGK_NORMATIVE_TRIAL_MAX_YEARS", taxonomy.NORMATIVE_TRIAL_MAX_YEARS)
    return getattr(settings, "ZWGK_NORMATIVE_MAX_YEARS", taxonomy.NORMATIVE_MAX_YEARS)


# 《政府信息公开条例》第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
PUBLISH_WITHIN_WORKDAYS = 20


def _published_between(org: Organization, start, end):  # noqa: ANN001, ANN202
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    import datetime as dt

    lo = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    hi = dt.datetime.combine(end, dt.time.max, tzinfo=tz)
    # Only 主动公开 items have a publication deadline and a public page; withdrawn ones count as published then.
    return Document.objects.filter(
        organization=org, kind=Kind.DOCUMENT, disclosure_mode=DisclosureMode.ACTIVE, published_at__gte=lo, published_at__lte=hi
    ).exclude(status=DocStatus.UNPUBLISHED)


def normative_interpretations(org: Organization, start, end) -> list[tuple[Document, bool]]:  # noqa: ANN001
    """Normative documents ``org`` published between the dates, each with whether a published interpretation accompanies it."""
    docs = _published_between(org, start, end).filter(is_normative=True).order_by("published_at", "pk")
    interpreted = set(docs.filter(pk__in=Document.objects.public().values("policies")).values_list("pk", flat=True))
    return [(d, d.pk in interpreted) for d in docs]


def publication_lags(org: Organization, start, end) -> list[tuple[Document, int | None]]:  # noqa: ANN001
    """Documents ``org`` published between the dates that carry a 成文日期: (document, working days from
    written to published; None when the holiday table lacks a year)."""
    from django.utils import timezone

    from zwgk.core import workdays

    cal = workdays.load()
    out = []
    for d in _published_between(org, start, end).exclude(written_date=None).order_by("published_at", "pk"):
        published = timezone.localdate(d.published_at)
        try:
            lag = cal.between(d.written_date, published) if published > d.written_date else 0
        except workdays.UnknownCalendarYear:
            lag = None
        out.append((d, lag))
    return out


def document(doc_id: int) -> Document:
    """A document by its id, for another module's staff flow that holds it as an id (a good case's draft)."""
    return Document.objects.get(pk=doc_id)


def document_status(doc_id: int) -> dict | None:
    """A document's state for another module's page: {"status", "label", "published" (the public sees it),
    "url" (its public page when public, else its staff page)}."""
    doc = Document.objects.filter(pk=doc_id).first()
    if doc is None:
        return None
    published = doc.is_public
    return {"status": doc.status, "label": doc.get_status_display(), "published": published,
            "url": f"/documents/{doc.pk}/" if published else f"/staff/docs/{doc.pk}/"}


def published_by_reference(reference: str) -> Document | None:
    """A public document by its id or its 索引号 (as people cite it as evidence of disclosure)."""
    from django.db.models import Q

    reference = (reference or "").strip()
    if not reference:
        return None
    from zwgk.core.bounds import object_id

    pk = object_id(reference) if reference.isascii() else None  # "²".isdigit() is true; int("²") fails
    match = Q(index_no=reference) | Q(pk=pk) if pk is not None else Q(index_no=reference)
    return Document.objects.public().filter(match).first()


def revision_state(doc_id: int, number: int) -> str | None:
    """The state of a document's revision by its number (another module follows its draft through review)."""
    return Revision.objects.filter(document_id=doc_id, number=number).values_list("state", flat=True).first()


def latest_revision_number(doc_id: int) -> int | None:
    return Revision.objects.filter(document_id=doc_id).order_by("-number").values_list("number", flat=True).first()


# --- The public site's columns (the portal asks these; every answer starts from ``Document.objects.public()``) ----------

def column_documents(column):  # noqa: ANN001, ANN201
    """What a column lists, newest first: items filed under it or its sub-columns, plus its kind by rule
    (``taxonomy.COLUMN_RULES``: 规范性文件, 政策解读, 年报, 政策文件, 通知公告)."""
    from django.db.models import Q

    rule = Q(column=column)
    by_rule = taxonomy.COLUMN_RULES.get(column.slug)
    if by_rule:
        rule |= Q(**by_rule)
    from .models import CatalogColumn

    below = list(CatalogColumn.objects.filter(Q(parent=column) | Q(parent__parent=column)).values_list("pk", flat=True))
    if below:
        rule |= Q(column_id__in=below)
    return Document.objects.public().select_related("organization").filter(rule).order_by("-published_at", "-id")


def home_column(doc: Document):  # noqa: ANN201
    """The column a public document is shown under (its breadcrumb, its 上一篇/下一篇): the one it is filed under,
    else the first column whose rule takes it; None when no column does."""
    from .models import CatalogColumn

    if doc.column_id:
        return CatalogColumn.objects.select_related("parent").filter(pk=doc.column_id).first()
    for slug, lookups in taxonomy.COLUMN_RULES.items():
        if all(_matches(doc, lookup, value) for lookup, value in lookups.items()):
            found = CatalogColumn.objects.select_related("parent").filter(slug=slug).first()
            if found is not None:
                return found
    return None


def _matches(doc: Document, lookup: str, value: object) -> bool:
    field, _, op = lookup.partition("__")
    actual = getattr(doc, field)
    return actual in value if op == "in" else actual == value


def neighbours(doc: Document, column) -> tuple[Document | None, Document | None]:  # noqa: ANN001
    """上一篇 and 下一篇 of a public document in its column's order (newest first): the newer and the older neighbour."""
    from django.db.models import Q

    if column is None or doc.published_at is None:
        return None, None
    docs = column_documents(column).select_related(None).exclude(pk=doc.pk).only("id", "title", "published_at")
    at, pk = doc.published_at, doc.pk
    newer = docs.filter(Q(published_at__gt=at) | Q(published_at=at, id__gt=pk)).order_by("published_at", "id").first()
    older = docs.filter(Q(published_at__lt=at) | Q(published_at=at, id__lt=pk)).order_by("-published_at", "-id").first()
    return newer, older


def related(doc: Document, limit: int = 5) -> list[Document]:
    """Other public documents on the same subject: the same standard area or catalog item first, then the same
    topic; the document's own interpretations and policies are listed apart and left out here."""
    from django.db.models import Q

    subject = Q()
    if doc.standard_area:
        subject |= Q(standard_area=doc.standard_area)
    if doc.catalog_item_id:
        subject |= Q(catalog_item_id=doc.catalog_item_id)
    if doc.topic:
        subject |= Q(topic=doc.topic)
    if not subject:
        return []
    linked = set(doc.interpretations.public().values_list("pk", flat=True)) | set(doc.policies.public().values_list("pk", flat=True))
    docs = (Document.objects.public().filter(subject).exclude(pk__in=linked | {doc.pk})
            .only("id", "title", "published_at", "standard_area", "catalog_item_id", "topic"))
    found = list(docs.order_by("-published_at", "-id")[: limit * 3])
    closest = [d for d in found if (doc.standard_area and d.standard_area == doc.standard_area)
               or (doc.catalog_item_id and d.catalog_item_id == doc.catalog_item_id)]
    return (closest + [d for d in found if d not in closest])[:limit]


def draft_image(user: User, document_id: int, sha256: str):  # noqa: ANN201 (an Attachment or None)
    """An image attachment of any revision of a document, for staff who may view it: the editor and the preview
    show a draft's images (``html.image_url``) before the public may see them."""
    from .html import IMAGE_KINDS
    from .models import Attachment

    if not getattr(user, "is_authenticated", False):
        return None
    doc = Document.objects.filter(pk=document_id).select_related("organization").first()
    if doc is None or not permissions.has(user, "publishing.view", doc.organization):
        return None
    return (
        Attachment.objects.filter(revision__document=doc, sha256=sha256, kind__in=IMAGE_KINDS)
        .order_by("-revision__number").first()
    )
