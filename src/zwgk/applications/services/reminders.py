"""Reminders of the statutory deadlines to the people handling each open application, as notifications
(``zwgk.notifications``: in the app, and by e-mail as each person chose)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zwgk.core import audit, workdays
from zwgk.notifications.models import Notification
from zwgk.notifications.services import notify

from .. import selectors
from ..models import Application

NEAR = "applications.deadline_near"
OVERDUE = "applications.overdue"


@audit.service("applications.remind", "发送期限提醒")
def send_reminders(today: dt.date | None = None) -> list[Notification]:
    """Tell the people handling each open application when it is due within 5 working days, due today or overdue:
    once a day per application, person and kind (the notification's dedup key holds the day)."""
    today = today or timezone.localdate()
    cal = workdays.load()
    made: list[Notification] = []
    handlers = selectors.handlers_by_org()
    for app in Application.objects.open().select_related("organization").prefetch_related("consultations"):
        people = handlers.get(app.organization_id, [])
        if not people:
            continue
        clock = selectors.clock(app, cal=cal, today=today)
        tentative = "，暂定" if clock.provisional else ""
        if clock.overdue:
            kind, code, text = OVERDUE, "overdue", f"已超过{clock.due_label} {-clock.days_left} 个工作日（期限 {clock.due:%Y-%m-%d}{tentative}）"
        elif clock.due_today:
            kind, code, text = NEAR, "due_today", f"今天（{clock.due:%Y-%m-%d}{tentative}）是{clock.due_label}"
        elif clock.due_soon:
            kind, code, text = NEAR, "due_soon", f"还剩 {clock.days_left} 个工作日（期限 {clock.due:%Y-%m-%d}{tentative}）"
        else:
            continue
        title = f"依申请公开 {app.tracking_code}（{app.organization.short_name or app.organization.name}）{text}"
        made += notify(people, kind, title, ref=("application", app.pk), dedup=f"application:{app.pk}:{code}:{today:%Y-%m-%d}")
    if made:
        audit.record(None, None, summary=f"发送期限提醒 {len(made)} 条")
    else:
        audit.nothing_changed()
    return made
