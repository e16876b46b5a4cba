"""Read side of core for other modules: whether a background task lost its worker (``zwgk.core.heartbeat``),
which calendar years are missing."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.tasks import TaskResultStatus
from django.utils import timezone

from . import heartbeat


def stale_tasks(now: dt.datetime | None = None) -> QuerySet:
    """RUNNING tasks whose last sign of life (heartbeat, else the claim) is older than ZWGK_TASK_STALE_SECONDS,
    annotated with ``last_sign``; except a task whose worker process, on this host, is still running (its heartbeats
    failed, the database being unreachable for a while: the task has not lost its worker)."""
    from django_tasks_db.models import DBTaskResult

    limit = (now or timezone.now()) - dt.timedelta(seconds=settings.ZWGK_TASK_STALE_SECONDS)
    stale = (DBTaskResult.objects.running().annotate(last_sign=Coalesce("zwgk_heartbeat__beat_at", "started_at"))
             .filter(last_sign__lt=limit))
    alive = [pk for pk, process in stale.values_list("pk", "zwgk_heartbeat__process") if heartbeat.process_alive(process)]
    return stale.exclude(pk__in=alive) if alive else stale


def task_interrupted(task_id: uuid.UUID | str | None, now: dt.datetime | None = None) -> bool:
    """The task's worker was lost and the task is not running again yet: still RUNNING without a recent
    heartbeat, or requeued after an interruption (READY again, with the workers that tried it)."""
    from django_tasks_db.models import DBTaskResult

    if not task_id:
        return False
    if stale_tasks(now).filter(pk=task_id).exists():
        return True
    return any(DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.READY).values_list("worker_ids", flat=True))


# From this month on, next year's schedule is awaited (the State Council publishes it in November).
CALENDAR_WARN_FROM_MONTH = 10


def calendar_missing(today: dt.date) -> list[int]:
    """The years a warning should name: this year when it is not entered, and next year from 1 October."""
    from . import workdays

    ahead = 1 if today.month >= CALENDAR_WARN_FROM_MONTH else 0
    return workdays.missing_years(today, ahead)
