"""Reminders of the statutory deadlines to the people handling each open application."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zwgk.core import audit, workdays
from zwgk.core.models import User

from .. import selectors
from ..models import Application, Reminder


@audit.service("applications.remind", "发送期限提醒")
def send_reminders(today: dt.date | None = None) -> list[Reminder]:
    """Remind the people handling each open application when it is due within 5 working days, due
    today or overdue: once a day, in the app, and by email when they have an address."""
    from django.db import IntegrityError

    from zwgk.core.tasks import send_email

    today = today or timezone.localdate()
    cal = workdays.load()
    made: list[Reminder] = []
    handlers = selectors.handlers_by_org()
    for app in Application.objects.open().select_related("organization").prefetch_related("consultations"):
        clock = selectors.clock(app, cal=cal, today=today)
        tentative = "，暂定" if clock.provisional else ""
        if clock.overdue:
            kind, text = "overdue", f"已超过{clock.due_label} {-clock.days_left} 个工作日（期限 {clock.due:%Y-%m-%d}{tentative}）"
        elif clock.due_today:
            kind, text = "due_today", f"今天（{clock.due:%Y-%m-%d}{tentative}）是{clock.due_label}"
        elif clock.due_soon:
            kind, text = "due_soon", f"还剩 {clock.days_left} 个工作日（期限 {clock.due:%Y-%m-%d}{tentative}）"
        else:
            continue
        message = f"依申请公开 {app.tracking_code}（{app.organization.short_name or app.organization.name}）{text}"
        for user in handlers.get(app.organization_id, []):
            if Reminder.objects.filter(application=app, user=user, kind=kind, day=today).exists():
                continue
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(application=app, user=user, kind=kind, day=today, message=message,
                                                       emailed=bool(user.email))
            except IntegrityError:
                continue  # another worker made it a moment ago
            if user.email:
                transaction.on_commit(lambda u=user, m=message: send_email.enqueue([u.email], "政府信息公开申请期限提醒", m))
            made.append(reminder)
    if made:
        audit.record(None, None, summary=f"发送期限提醒 {len(made)} 条")
    else:
        audit.nothing_changed()
    return made


@audit.service("applications.reminder_read", "已读期限提醒")
def mark_reminders_read(actor: User) -> int:
    n = Reminder.objects.filter(user=actor, read=False).update(read=True)
    if n:
        audit.record(actor, None, summary=f"{n} 条提醒标为已读")
    else:
        audit.nothing_changed()
    return n
