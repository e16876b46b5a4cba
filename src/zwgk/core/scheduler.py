"""Periodic jobs: ``zwgk scheduler`` enqueues each registered task when its interval has passed.

Several schedulers may run (one per worker machine): the job row is locked while it is checked, so
a job is enqueued once per interval. The work itself runs in the task workers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from . import audit


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    task: object  # a django.tasks Task
    every: dt.timedelta


JOBS: dict[str, Job] = {}


def every(interval: dt.timedelta, name: str, label: str):  # noqa: ANN201
    def register(task):  # noqa: ANN001, ANN202
        JOBS[name] = Job(name, label, task, interval)
        return task

    return register


@audit.service("core.scheduler.run", "定时任务入队")
def run_due(now: dt.datetime | None = None) -> list[str]:
    from .models import ScheduledJob

    now = now or timezone.now()
    enqueued = []
    for job in JOBS.values():
        ScheduledJob.objects.get_or_create(name=job.name)
        row = ScheduledJob.objects.select_for_update(skip_locked=True).filter(name=job.name).first()
        if row is None:  # another scheduler holds it right now
            continue
        if row.last_enqueued_at is not None and now - row.last_enqueued_at < job.every:
            continue
        job.task.enqueue()
        row.last_enqueued_at = now
        row.save(update_fields=["last_enqueued_at"])
        enqueued.append(job.name)
    if not enqueued:
        audit.nothing_changed()
        return []
    audit.record(None, None, summary="定时任务入队：" + "、".join(JOBS[n].label for n in enqueued))
    return enqueued

