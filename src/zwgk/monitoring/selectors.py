"""Read side of monitoring for other modules (the assessment reads rectification through here)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, QuerySet
from django.utils import timezone

from zwgk.core.models import Organization

from .models import Finding, TaskState


def rectification_in_period(org: Organization, start: dt.date, end: dt.date) -> list[tuple[Finding, bool, str]]:
    """Findings on ``org``'s registered sites whose rectification deadline falls between the dates:
    (finding, closed by a verifying inspection on or before the deadline, explanation). A finding still open
    before its deadline is not counted yet."""
    from django.db.models import Q

    out = []
    findings = (Finding.objects.filter(site__organization=org, due_on__gte=start, due_on__lte=end)
                .filter(Q(state=TaskState.CLOSED) | Q(due_on__lt=timezone.localdate()))
                .select_related("verified_run").order_by("due_on", "pk"))
    for f in findings:
        verified = f.verified_run.finished_at if f.state == TaskState.CLOSED and f.verified_run_id else None
        if verified is not None:
            day = timezone.localdate(verified)
            ok = day <= f.due_on
            out.append((f, ok, f"期限 {f.due_on:%Y-%m-%d}，{day:%Y-%m-%d} 复核销号" + ("" if ok else "，超期")))
        else:
            out.append((f, False, f"期限 {f.due_on:%Y-%m-%d}，{f.get_state_display()}"))
    return out


def to_rectify(user) -> QuerySet[Finding]:  # noqa: ANN001
    """Findings on the sites of ``user``'s units waiting for them (to rectify, or reopened), earliest deadline first."""
    from zwgk.core import permissions

    scope = permissions.scope_ids(user, "monitoring.rectify")
    qs = Finding.objects.assigned().to_rectify().select_related("site")
    if scope is not None:
        qs = qs.filter(site__organization_id__in=scope)
    return qs.order_by(F("due_on").asc(nulls_last=True), "pk")


def to_rectify_by_organization() -> dict[int, int]:
    """{organization id: findings its sites have to rectify}, county-wide (one grouped query)."""
    rows = (Finding.objects.assigned().to_rectify().values("site__organization_id").annotate(n=Count("pk"))
            .values_list("site__organization_id", "n"))
    return dict(rows)
