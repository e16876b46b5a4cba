"""Recovery of background tasks whose worker was lost (``zwgk.core.heartbeat``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.tasks import TaskResultStatus
from django.utils import timezone

from .. import audit, selectors
from ..heartbeat import WorkerLost


@audit.service("core.task.recover", "恢复中断的后台任务")
def recover_stale_tasks(now: dt.datetime | None = None) -> list[str]:
    """Requeue every RUNNING task without a recent heartbeat (its worker was killed); one that lost its worker
    ZWGK_TASK_MAX_ATTEMPTS times fails instead. A task whose worker process still runs on this host is left alone
    (``selectors.stale_tasks``): its heartbeats failed, it did not stop. Returns the ids of the tasks handled."""
    from django_tasks_db.models import DBTaskResult

    from ..models import TaskHeartbeat

    now = now or timezone.now()
    last_signs = dict(selectors.stale_tasks(now).values_list("id", "last_sign"))
    handled = []
    # Locked and checked again: a second scheduler, or a worker finishing just now, is not overridden.
    for row in DBTaskResult.objects.select_for_update(skip_locked=True).filter(id__in=list(last_signs), status=TaskResultStatus.RUNNING):
        last = timezone.localtime(last_signs[row.id])
        attempts = len(row.worker_ids)
        TaskHeartbeat.objects.filter(task=row).delete()
        if attempts >= settings.ZWGK_TASK_MAX_ATTEMPTS:
            row.status, row.finished_at, row.return_value = TaskResultStatus.FAILED, now, None
            row.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
            row.traceback = f"执行进程已中断 {attempts} 次（最后一次心跳 {last:%Y-%m-%d %H:%M:%S}），不再重试。"
            row.save(update_fields=["status", "finished_at", "return_value", "exception_class_path", "traceback"])
            summary = f"{row.task_name}：执行进程已中断 {attempts} 次，不再重试"
        else:
            row.status, row.started_at = TaskResultStatus.READY, None
            row.save(update_fields=["status", "started_at"])
            summary = f"{row.task_name}：执行进程 {row.worker_ids[-1]} 自 {last:%H:%M:%S} 起没有心跳，已重新排队（第 {attempts + 1} 次执行）"
        audit.record(None, row, summary=summary)
        handled.append(str(row.id))
    if not handled:
        audit.nothing_changed()
    return handled
