"""The deadline reminders of the disclosure requests (applications.Reminder) become notifications; the model is then
removed by applications 0008. The work-point reminders (workplan.Reminder) were kept per unit, not per person, and
are not carried over: they were each one day's reminder, and the next day's run tells the units' staff again."""

import datetime as dt

from django.db import migrations
from django.utils import timezone


def forward(apps, schema_editor):
    Reminder = apps.get_model("applications", "Reminder")
    Notification = apps.get_model("notifications", "Notification")
    tz = timezone.get_default_timezone()
    rows = []
    for r in Reminder.objects.all().iterator():
        kind = "applications.overdue" if r.kind == "overdue" else "applications.deadline_near"
        at = dt.datetime.combine(r.day, dt.time(8, 0), tzinfo=tz)
        rows.append(Notification(recipient_id=r.user_id, kind=kind, title=r.message[:200], ref_kind="application",
                                 ref_id=str(r.application_id), dedup=f"application:{r.application_id}:{r.kind}:{r.day:%Y-%m-%d}",
                                 created_at=at, read_at=at if r.read else None, delivery="in_app"))
    Notification.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notifications"),
        ("applications", "0005_report_snapshot"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
