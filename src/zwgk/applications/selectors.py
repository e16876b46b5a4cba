"""Read side of disclosure requests: the clock of an application, the dashboard, the ledger, masking."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, QuerySet, Value, When
from django.utils import timezone

from zwgk.core import permissions, workdays
from zwgk.core.masking import mask_id, mask_phone  # noqa: F401  (re-exported: callers use selectors.mask_*)
from zwgk.core.models import Organization, User

from . import rules
from .clock import Clock, Facts, Pause, State, compute
from .models import ApplicantType, Application


def fee_stops_clock() -> bool:
    return getattr(settings, "ZWGK_FEE_STOPS_CLOCK", rules.FEE_STOPS_CLOCK_DEFAULT)


def facts(app: Application) -> Facts:
    return Facts(
        received=app.received_on, correction_sent=app.correction_sent_on, correction_deadline=app.correction_deadline,
        corrected=app.corrected_on,
        pauses=tuple(Pause(c.kind, c.sent_on, c.answered_on, c.received_on) for c in app.consultations.all()),
        extension_days=app.extension_days, fee_notice=app.fee_notice_on, fee_received=app.fee_notice_received_on,
        fee_paid=app.fee_paid_on, replied=replied_on(app), delivery_recorded=app.delivered_on is not None,
        decided=app.reply_on if replied_on(app) else None,
    )


def replied_on(app: Application) -> dt.date | None:
    """The day the reply counts as given: its delivery as the channel defines it (rules.DELIVERY_POINT), else, until the
    delivery is recorded, the reply's date. None for an application closed without a reply (abandoned)."""
    if not app.reply_type or app.reply_type in rules.ABANDONED:
        return None
    return app.delivered_on or app.reply_on


def clock(app: Application, *, cal: workdays.WorkCalendar | None = None, today: dt.date | None = None) -> Clock:
    result = compute(facts(app), cal or workdays.load(), today or timezone.localdate(), fee_stops_clock=fee_stops_clock())
    if app.reply_type in rules.ABANDONED:
        result.state = State.ABANDONED_CORRECTION if app.reply_type == "no_correction" else State.ABANDONED_FEE
    return result


def month_position(app: Application) -> int:
    """This application's place among the same applicant's applications to the same office in the
    calendar month of its receipt (per-item fees count them)."""
    same = Application.objects.filter(
        organization_id=app.organization_id, id_number=app.id_number,
        received_on__year=app.received_on.year, received_on__month=app.received_on.month,
    )
    earlier = same.filter(received_on__lt=app.received_on).count() + same.filter(received_on=app.received_on, pk__lt=app.pk).count()
    return earlier + 1


def handlers_by_org() -> dict[int, list[User]]:
    """Active staff who handle applications, per organization id (their own and the units below)."""
    out: dict[int, list[User]] = {}
    roles = set(permissions.roles_with("applications.handle"))
    users = User.objects.filter(is_active=True, roles__role__in=roles).distinct()
    for user in users:
        scope = permissions.scope_ids(user, "applications.handle")
        if scope is None:
            continue  # the county office sees everything on its dashboard; reminders go to the units
        for org_id in scope:
            out.setdefault(org_id, []).append(user)
    return out


def visible(user: User) -> QuerySet[Application]:
    scope = permissions.scope_ids(user, "applications.handle")
    qs = Application.objects.select_related("organization").prefetch_related("consultations")
    return qs if scope is None else qs.filter(organization_id__in=scope)


@dataclass
class Row:
    app: Application
    clock: Clock

    @property
    def masked_id(self) -> str:
        return mask_id(self.app.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.app.phone)


def with_clocks(apps, today: dt.date | None = None) -> list[Row]:  # noqa: ANN001
    cal = workdays.load()
    today = today or timezone.localdate()
    return [Row(a, clock(a, cal=cal, today=today)) for a in apps]


def dashboard(user: User, today: dt.date | None = None) -> dict:
    """Open applications by urgency, and counts per organization."""
    rows = with_clocks(visible(user).open(), today)
    groups = {
        "overdue": [r for r in rows if r.clock.overdue],
        "due_today": [r for r in rows if r.clock.due_today],
        "due_soon": [r for r in rows if r.clock.due_soon],
        "waiting": [r for r in rows if r.clock.state in (State.AWAITING_CORRECTION, State.AWAITING_FEE, State.PAUSED)],
    }
    per_org: dict[int, dict] = {}
    for r in rows:
        slot = per_org.setdefault(r.app.organization_id, {"org": r.app.organization, "open": 0, "overdue": 0, "due_today": 0, "due_soon": 0})
        slot["open"] += 1
        for key in ("overdue", "due_today", "due_soon"):
            if getattr(r.clock, key):
                slot[key] += 1
    groups["overdue"].sort(key=lambda r: r.clock.days_left or 0)
    groups["due_soon"].sort(key=lambda r: r.clock.days_left or 0)
    return {"groups": groups, "per_org": sorted(per_org.values(), key=lambda s: (-s["overdue"], -s["due_today"], s["org"].name)),
            "open": len(rows), "provisional": [r for r in rows if r.clock.provisional]}


def _urgency(row: Row) -> tuple:
    c = row.clock
    if c.overdue:
        band = 0
    elif c.state == State.UNKNOWN_CALENDAR:
        band = 1  # no due date can be computed: someone must look
    elif c.due_today:
        band = 2
    elif c.due_soon:
        band = 3
    elif c.state in (State.AWAITING_CORRECTION, State.AWAITING_FEE, State.PAUSED):
        band = 5  # waiting for the applicant or a third party
    else:
        band = 4
    return (band, c.days_left if c.days_left is not None else 0, row.app.received_on, row.app.pk)


def by_urgency(user: User, today: dt.date | None = None) -> list[Row]:
    """Open applications ``user`` handles, most urgent first: overdue, calendar missing, due today, due within
    ``rules.DUE_SOON_DAYS`` working days, running, then those waiting for the applicant or a third party. The
    clock is derived, so every open application in scope is read (one query and its consultations) to order them."""
    rows = with_clocks(visible(user).open(), today)
    rows.sort(key=_urgency)
    return rows


def open_count(user: User) -> int:
    """How many open applications ``user`` handles (one query)."""
    scope = permissions.scope_ids(user, "applications.handle")
    qs = Application.objects.open()
    return qs.count() if scope is None else qs.filter(organization_id__in=scope).count()


def overdue_by_organization(today: dt.date | None = None) -> dict[int, int]:
    """{organization id: open applications past their statutory due date}, county-wide."""
    out: dict[int, int] = {}
    for row in with_clocks(Application.objects.open().prefetch_related("consultations"), today):
        if row.clock.overdue:
            out[row.app.organization_id] = out.get(row.app.organization_id, 0) + 1
    return out


def applicant_column(app: Application) -> str:
    return app.applicant_type if app.applicant_type in ApplicantType.values else ApplicantType.OTHER


def find_by_tracking(code: str, phone: str) -> Application | None:
    """The public status lookup: both the tracking code and the phone number must match."""
    code = (code or "").strip().upper()
    phone = (phone or "").strip().replace(" ", "")
    if not code or not phone:
        return None
    return Application.objects.filter(tracking_code=code, phone=phone).select_related("organization").first()


def organizations_accepting() -> QuerySet[Organization]:
    """The offices an application may be made to, as the 受理机关 list shows them: the county government first, then
    the others in their sort order (排序, then name)."""
    from zwgk.core.models import OrgKind

    from .services import ACCEPTING_KINDS

    government_first = Case(When(kind=OrgKind.GOVERNMENT, then=Value(0)), default=Value(1))
    return (Organization.objects.filter(is_active=True, kind__in=ACCEPTING_KINDS)
            .order_by(government_first, "sort_order", "name"))


def on_time(app: Application, cal: workdays.WorkCalendar) -> tuple[bool, str]:
    """Whether a replied application was replied within its statutory deadline, by its delivery date as the channel
    defines it (``replied_on``), and why in words."""
    c = clock(app, cal=cal, today=app.reply_on)
    if c.due is None and c.state == State.REPLIED:
        return True, "补正期间答复（答复期限尚未起算）"
    if c.due is None:
        return False, c.message or "无法计算期限"
    given = replied_on(app)
    late = given > c.due
    what = "送达" if app.delivered_on else "答复（送达日期未登记）"
    return not late, f"期限 {c.due:%Y-%m-%d}，{given:%Y-%m-%d} {what}" + ("，逾期" if late else "")


def replies_on_time(org: Organization, start: dt.date, end: dt.date) -> list[tuple[Application, bool, str]]:
    """Applications to ``org`` replied between ``start`` and ``end``: (application, within the statutory
    deadline (``on_time``), explanation). Abandoned ones (no correction, unpaid fee) are not replies and not counted."""
    cal = workdays.load()
    apps = (Application.objects.filter(organization=org).closed_between(start, end).replied()
            .prefetch_related("consultations").order_by("reply_on", "pk"))
    return [(app, *on_time(app, cal)) for app in apps]


@dataclass
class YearFigures:
    year: int
    received: int  # received in the year
    replied: int  # replied in the year (whenever received); abandoned ones are closed, not replied
    on_time: int  # of those replied, within the statutory deadline
    closed_by_group: dict[str, int]  # closed in the year, by table B's reply group (rules.REPORT_GROUPS, in order)
    received_by_month: list[int]  # received in each month, January first

    @property
    def late(self) -> int:
        return self.replied - self.on_time


def year_figures(user: User, year: int) -> YearFigures:
    """The dashboard's figures for ``year`` over the applications ``user`` handles."""
    from django.db.models import Count
    from django.db.models.functions import ExtractMonth

    apps = visible(user)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    received = apps.filter(received_on__gte=start, received_on__lte=end)
    months = dict(received.annotate(m=ExtractMonth("received_on")).values_list("m").annotate(n=Count("pk")).order_by())
    cal = workdays.load()
    replied = list(apps.closed_between(start, end).replied())
    groups = dict.fromkeys(rules.REPORT_GROUPS, 0)
    for code, n in apps.closed_between(start, end).values_list("reply_type").annotate(n=Count("pk")).order_by():
        groups[rules.REPLY_BY_CODE[code].group] += n
    return YearFigures(year, received.count(), len(replied), sum(1 for app in replied if on_time(app, cal)[0]),
                       groups, [months.get(m, 0) for m in range(1, 13)])


def split_parts(app: Application) -> list[Application]:
    """The applications split off this one (一事一申请), in the order they were made."""
    return list(app.split_into.order_by("pk"))


def submitted(pk: int) -> Application | None:
    """The application this visitor's session has just submitted (its confirmation page)."""
    return Application.objects.filter(pk=pk).select_related("organization").first()


def by_tracking_code(code: str) -> Application | None:
    """An application by its tracking code, for staff citing it (no phone check: not the public lookup)."""
    return Application.objects.filter(tracking_code=(code or "").strip()).first() if (code or "").strip() else None
