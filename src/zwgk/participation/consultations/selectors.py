"""Questions about consultations. What the public sees comes from ``Consultation.objects.public()`` only (every
public page, the home page block, the API); staff see their units' consultations (``participation.view`` scope)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from zwgk.core import permissions
from zwgk.core.models import Organization, User

from .. import publish
from .models import Consultation, ConsultationState, Decision, DraftPart, DraftVersion, Opinion, Screen


# --- the public -------------------------------------------------------------------------------------------------
def public() -> QuerySet[Consultation]:
    return Consultation.objects.public().select_related("organization")


def public_one(pk: int | None) -> Consultation | None:
    return public().filter(pk=pk).first() if pk else None


def collecting(today: dt.date | None = None) -> QuerySet[Consultation]:
    """正在征集 (and 即将开始): open and not past the closing day, the soonest closing first."""
    today = today or timezone.localdate()
    return public().collecting(today).with_counts().order_by("closes", "pk")


def ended(today: dt.date | None = None) -> QuerySet[Consultation]:
    today = today or timezone.localdate()
    return public().ended(today).with_counts().order_by("-closes", "-pk")


def report_public(c: Consultation) -> bool:
    return publish.is_public(c.report_document_id)


def reports_public(items: list[Consultation]) -> set[int]:
    """The consultations among ``items`` whose adoption report the public can read (one query)."""
    public_docs = publish.public_ids(c.report_document_id for c in items)
    return {c.pk for c in items if c.report_document_id in public_docs}


def latest_version(c: Consultation) -> DraftVersion | None:
    return c.versions.order_by("-number").first()


def parts(version: DraftVersion | None) -> list[DraftPart]:
    return list(version.parts.all()) if version else []


def target_counts(c: Consultation) -> dict[str, int]:
    """Opinions that count, by the article (or paragraph) they are on; "" the whole draft (one grouped query)."""
    rows = c.opinions.counted().filter(screen=Screen.SHOWN).values("target").annotate(n=Count("id"))
    return {r["target"]: r["n"] for r in rows}


def target_order(c: Consultation) -> dict[str, int]:
    return {anchor: pos for anchor, pos in DraftPart.objects.filter(version__consultation=c, kind__in=["article", "paragraph"])
            .values_list("anchor", "position")}


def report_opinions(c: Consultation) -> QuerySet[Opinion]:
    return c.opinions.counted().order_by("received_at", "pk")


def report_document_url(c: Consultation) -> str:
    from django.urls import reverse

    return reverse("portal:document", args=[c.report_document_id]) if c.report_document_id else ""


# --- staff ------------------------------------------------------------------------------------------------------
def for_staff(user: User) -> QuerySet[Consultation]:
    qs = Consultation.objects.select_related("organization").with_counts()
    scope = permissions.scope_ids(user, "participation.view")
    return qs if scope is None else qs.filter(organization_id__in=scope)


def opinions(c: Consultation, which: str = "") -> QuerySet[Opinion]:
    qs = c.opinions.order_by("received_at", "pk")
    if which == "unanswered":
        qs = qs.unanswered()
    elif which == "held":
        qs = qs.filter(screen=Screen.HELD)
    elif which in Decision.values:
        qs = qs.counted().filter(decision=which)
    return qs


def opinion_stats(c: Consultation) -> dict[str, int]:
    """Counts of the consultation's opinions, in one query."""
    counted = ~Q(screen=Screen.REJECTED)
    return c.opinions.aggregate(
        total=Count("id", filter=counted), held=Count("id", filter=Q(screen=Screen.HELD)),
        rejected=Count("id", filter=Q(screen=Screen.REJECTED)),
        unanswered=Count("id", filter=counted & (Q(decision="") | Q(screen=Screen.HELD))),
        adopted=Count("id", filter=counted & Q(decision=Decision.ADOPTED)),
        partly=Count("id", filter=counted & Q(decision=Decision.PARTLY)),
        not_adopted=Count("id", filter=counted & Q(decision=Decision.NOT_ADOPTED)),
        out_of_scope=Count("id", filter=counted & Q(decision=Decision.OUT_OF_SCOPE)),
    )


def unanswered_closed(user: User) -> QuerySet[Consultation]:
    """Closed consultations in the person's units with opinions still unanswered (a to-do)."""
    counted = ~Q(opinions__screen=Screen.REJECTED)
    qs = for_staff_edit(user).filter(state=ConsultationState.CLOSED).annotate(
        waiting=Count("opinions", filter=counted & (Q(opinions__decision="") | Q(opinions__screen=Screen.HELD))))
    return qs.filter(waiting__gt=0).order_by("closes", "pk")


def without_public_report(user: User) -> QuerySet[Consultation]:
    """Closed consultations whose adoption report is not public yet (a to-do; finished ones have theirs)."""
    return for_staff_edit(user).filter(state=ConsultationState.CLOSED).order_by("closes", "pk")


def for_staff_edit(user: User) -> QuerySet[Consultation]:
    qs = Consultation.objects.select_related("organization")
    scope = permissions.scope_ids(user, "participation.edit")
    return qs if scope is None else qs.filter(organization_id__in=scope)


# --- other parts and the assessment -----------------------------------------------------------------------------
def closed_in_period(org: Organization, start: dt.date, end: dt.date) -> list[tuple[Consultation, bool, str]]:
    """The organization's public consultations whose period ended within [start, end]: (consultation, ok, note), ok
    when the adoption report is public."""
    items = list(public().filter(organization=org, closes__gte=start, closes__lte=end).order_by("closes", "pk"))
    ok = reports_public(items)
    out = []
    for c in items:
        if c.pk in ok:
            note = "采纳情况已公开"
        elif c.report_document_id:
            note = "采纳情况已送审，尚未公开"
        else:
            note = "采纳情况未公开"
        out.append((c, c.pk in ok, f"“{c.title}”（{c.opens:%Y-%m-%d} 至 {c.closes:%Y-%m-%d}）：{note}"))
    return out


def year_counts(year: int, org: Organization | None = None) -> dict[str, int]:
    """Public consultations that opened in ``year`` and their opinions: consultations, opinions, adopted, partly,
    not_adopted (two queries)."""
    qs = public().filter(opens__year=year)
    if org is not None:
        qs = qs.filter(organization=org)
    ops = Opinion.objects.counted().filter(consultation__in=qs.values("pk")).aggregate(
        opinions=Count("id"), adopted=Count("id", filter=Q(decision=Decision.ADOPTED)),
        partly=Count("id", filter=Q(decision=Decision.PARTLY)), not_adopted=Count("id", filter=Q(decision=Decision.NOT_ADOPTED)))
    return {"consultations": qs.count(), **ops}


def for_subject(kind: str, object_id: int) -> list[Consultation]:
    """The public consultations on a subject (``decision_item`` or ``document`` and its id), the latest first."""
    return list(public().filter(subject_kind=kind, subject_id=object_id).order_by("-opens", "-pk"))
