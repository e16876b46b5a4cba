"""Liveness of background tasks.

django-tasks-db marks a task RUNNING when a worker claims it and has no way of noticing that the worker
died (``kill -9``, out of memory, a lost machine): the row stays RUNNING for ever. So while a task runs,
a thread of its worker writes the task's heartbeat (``TaskHeartbeat``) every ``ZWGK_TASK_HEARTBEAT_SECONDS``;
it is started and stopped by Django's ``task_started``/``task_finished`` signals, so every ``db_worker`` has it.
The scheduler calls ``zwgk.core.services.tasks.recover_stale_tasks``, which requeues a RUNNING task whose last
sign of life is older than ``ZWGK_TASK_STALE_SECONDS``. A task must therefore be safe to run again: the
inspection crawl resumes from its stored frontier.

A heartbeat that cannot be written (the database restarting, a dropped connection) is logged and tried again at the
next beat on a new connection; the thread never stops for it. Each heartbeat names the worker's process (host, pid
and the process's start time), so that a scheduler on the same machine does not requeue a task whose worker is still
running, however long its heartbeats failed (:func:`process_alive`); a worker on another machine is judged by its
heartbeat's age alone.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import Error, connections
from django.tasks import TaskResultStatus, task_backends
from django.utils import timezone

logger = logging.getLogger(__name__)


class WorkerLost(Exception):  # noqa: N818 (named like the condition; recorded as the failed task's exception class)
    """The worker running a task stopped showing signs of life too many times."""


def _started(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), which a later process reusing the pid does not
    share; "" where /proc does not tell."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]  # field 22, counted after the parenthesized command name


def process_identity(pid: int | None = None) -> str:
    """``host:pid:start`` of this process (or of ``pid`` on this host)."""
    pid = pid or os.getpid()
    return f"{socket.gethostname()}:{pid}:{_started(pid)}"


def process_alive(identity: str) -> bool | None:
    """Is the process named by :func:`process_identity` still running? None when that cannot be known here (another
    host, or no identity recorded)."""
    host, _, rest = (identity or "").partition(":")
    pid_text, _, started = rest.partition(":")
    if not host or host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    return not started or _started(pid) == started


class Beat:
    def __init__(self, task_id: str, worker_id: str) -> None:
        self.task_id, self.worker_id = task_id, worker_id
        self.process = process_identity()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"zwgk-heartbeat-{task_id}", daemon=True)

    def beat(self) -> bool | None:
        """Write one heartbeat: True once written, False once the task is no longer this worker's running task,
        None when the database could not be reached (logged; tried again at the next beat)."""
        from django_tasks_db.models import DBTaskResult

        from .models import TaskHeartbeat

        try:
            workers = DBTaskResult.objects.filter(pk=self.task_id, status=TaskResultStatus.RUNNING).values_list(
                "worker_ids", flat=True).first()
            if not workers or workers[-1] != self.worker_id:
                return False
            TaskHeartbeat.objects.update_or_create(task_id=self.task_id, defaults={
                "worker_id": self.worker_id, "process": self.process, "beat_at": timezone.now()})
        except Error:  # a locked, restarting or lost database (any of Django's database errors)
            logger.warning("heartbeat of task %s not written; trying again at the next beat", self.task_id, exc_info=True)
            return None
        return True

    def _run(self) -> None:
        try:
            while not self.stop.wait(settings.ZWGK_TASK_HEARTBEAT_SECONDS):
                try:
                    written = self.beat()
                except Exception:  # noqa: BLE001 (whatever it was, the task goes on and so do its heartbeats)
                    logger.exception("heartbeat of task %s failed", self.task_id)
                    written = None
                if written is False:
                    return
                if written is None:
                    connections.close_all()  # this thread's: a broken connection is not reused, the next beat opens one
        finally:
            connections.close_all()  # this thread's connections


_beats: dict[str, Beat] = {}


def _is_db_task(task_result: Any) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[task_result.backend], DatabaseBackend) and bool(task_result.worker_ids)


def on_task_started(sender: Any, task_result: Any, **kwargs: Any) -> None:
    if not _is_db_task(task_result):
        return
    beat = Beat(str(task_result.id), task_result.worker_ids[-1])
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
    except Error:  # the row is harmless: only RUNNING tasks are judged by their heartbeat
        logger.warning("heartbeat of task %s not removed", beat.task_id, exc_info=True)
