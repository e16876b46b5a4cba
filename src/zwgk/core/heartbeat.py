"""Liveness of background tasks.

django-tasks-db marks a task RUNNING when a worker claims it and has no way of noticing that the worker
died (``kill -9``, out of memory, a lost machine): the row stays RUNNING for ever. So while a task runs,
a thread of its worker writes the task's heartbeat (``TaskHeartbeat``) every ``ZWGK_TASK_HEARTBEAT_SECONDS``;
it is started and stopped by Django's ``task_started``/``task_finished`` signals, so every ``db_worker`` has it.
The scheduler calls ``zwgk.core.services.tasks.recover_stale_tasks``, which requeues a RUNNING task whose last
sign of life is older than ``ZWGK_TASK_STALE_SECONDS``. A task must therefore be safe to run again: the
inspection crawl resumes from its stored frontier.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.tasks import TaskResultStatus, task_backends
from django.utils import timezone

logger = logging.getLogger(__name__)


class WorkerLost(Exception):  # noqa: N818 (named like the condition; recorded as the failed task's exception class)
    """The worker running a task stopped showing signs of life too many times."""


class _Beat:
    def __init__(self, task_id: str, worker_id: str) -> None:
        self.task_id, self.worker_id = task_id, worker_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"zwgk-heartbeat-{task_id}", daemon=True)

    def beat(self) -> bool:
        """Write one heartbeat; False once the task is no longer this worker's running task."""
        from django_tasks_db.models import DBTaskResult

        from .models import TaskHeartbeat

        try:
            workers = DBTaskResult.objects.filter(pk=self.task_id, status=TaskResultStatus.RUNNING).values_list(
                "worker_ids", flat=True).first()
            if not workers or workers[-1] != self.worker_id:
                return False
            TaskHeartbeat.objects.update_or_create(task_id=self.task_id, defaults={"worker_id": self.worker_id, "beat_at": timezone.now()})
        except DatabaseError:  # a locked or lost database: try again at the next beat
            logger.warning("heartbeat of task %s not written", self.task_id, exc_info=True)
        return True

    def _run(self) -> None:
        try:
            while not self.stop.wait(settings.ZWGK_TASK_HEARTBEAT_SECONDS) and self.beat():
                pass
        finally:
            connections.close_all()  # this thread's connections


_beats: dict[str, _Beat] = {}


def _is_db_task(task_result: Any) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[task_result.backend], DatabaseBackend) and bool(task_result.worker_ids)


def on_task_started(sender: Any, task_result: Any, **kwargs: Any) -> None:
    if not _is_db_task(task_result):
        return
    beat = _Beat(str(task_result.id), task_result.worker_ids[-1])
    beat.beat()  # at once, in the worker's thread: the task is alive from its first moment
    _beats[beat.task_id] = beat
    beat.thread.start()


def on_task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    from .models import TaskHeartbeat

    beat = _beats.pop(str(task_result.id), None)
    if beat is None:
        return
    beat.stop.set()
    beat.thread.join(timeout=settings.ZWGK_TASK_HEARTBEAT_SECONDS + 5)
    try:
        TaskHeartbeat.objects.filter(task_id=beat.task_id).delete()
    except DatabaseError:  # the row is harmless: only RUNNING tasks are judged by their heartbeat
        logger.warning("heartbeat of task %s not removed", beat.task_id, exc_info=True)
