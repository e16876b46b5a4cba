"""Background work: Django's task API on the django-tasks-db backend and its worker."""

import os
import subprocess
import sys

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from zwgk.core.tasks import send_email


@pytest.mark.django_db(transaction=True)
def test_worker_runs_an_enqueued_task():
    result = send_email.enqueue(["gkb@example.org"], "测试提醒", "您有 1 件申请将于 3 个工作日内到期。")
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == TaskResultStatus.READY
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "测试提醒" and mail.outbox[0].to == ["gkb@example.org"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_one_postgresql_queue(tmp_path, is_postgres):
    if not is_postgres:
        pytest.skip("several workers on one queue is a PostgreSQL deployment (SELECT … SKIP LOCKED)")
    ids = [send_email.enqueue([f"u{i}@example.org"], f"提醒 {i}", "正文").id for i in range(20)]
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "ZWGK_VAR_DIR": str(tmp_path), "ZWGK_SECRET_KEY": "test"}
    cmd = [sys.executable, "-m", "zwgk", "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--max-tasks", "10"]
    workers = [subprocess.Popen([*cmd, "--worker-id", f"worker-{n}"], env=env) for n in (1, 2)]
    for w in workers:
        assert w.wait(timeout=120) == 0
    rows = list(DBTaskResult.objects.filter(id__in=ids))
    assert len(rows) == 20
    assert all(r.status == TaskResultStatus.SUCCESSFUL for r in rows)
    assert all(len(r.worker_ids) == 1 for r in rows)  # each task ran exactly once
    per_worker = {w: sum(1 for r in rows if r.worker_ids == [w]) for w in ("worker-1", "worker-2")}
    assert per_worker == {"worker-1": 10, "worker-2": 10}
    sent = sum(f.read_text().count("Subject: ") for f in (tmp_path / "mail").iterdir())
    assert sent == 20


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_died_is_requeued_and_run_again():
    import datetime as dt

    from django.utils import timezone

    from zwgk.core.models import AuditEntry, TaskHeartbeat
    from zwgk.core.services.tasks import recover_stale_tasks

    now = timezone.now()
    lost, alive, hopeless, fresh = (send_email.enqueue([f"u{i}@example.org"], f"提醒 {i}", "正文") for i in range(4))
    running = {"status": TaskResultStatus.RUNNING, "started_at": now - dt.timedelta(hours=1)}
    DBTaskResult.objects.filter(id=lost.id).update(**running, worker_ids=["w1"])
    DBTaskResult.objects.filter(id=alive.id).update(**running, worker_ids=["w2"])
    DBTaskResult.objects.filter(id=hopeless.id).update(**running, worker_ids=["w3", "w4", "w5"])
    DBTaskResult.objects.filter(id=fresh.id).update(status=TaskResultStatus.RUNNING, started_at=now, worker_ids=["w6"])  # just claimed
    TaskHeartbeat.objects.create(task_id=lost.id, worker_id="w1", beat_at=now - dt.timedelta(minutes=5))
    TaskHeartbeat.objects.create(task_id=alive.id, worker_id="w2", beat_at=now)
    assert sorted(recover_stale_tasks()) == sorted([lost.id, hopeless.id])
    status = {str(k): v for k, v in DBTaskResult.objects.values_list("id", "status")}
    assert [status[t.id] for t in (lost, alive, hopeless, fresh)] == ["READY", "RUNNING", "FAILED", "RUNNING"]
    assert DBTaskResult.objects.get(id=hopeless.id).exception_class_path == "zwgk.core.heartbeat.WorkerLost"
    assert not TaskHeartbeat.objects.filter(task_id=lost.id).exists()
    assert AuditEntry.objects.filter(action="core.task.recover").count() == 2
    # The requeued task runs again on the next worker; the heartbeat it wrote meanwhile is gone once it finished.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    row = DBTaskResult.objects.get(id=lost.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and len(row.worker_ids) == 2
    assert [m.to for m in mail.outbox] == [["u0@example.org"]]
    assert [str(t) for t in TaskHeartbeat.objects.values_list("task_id", flat=True)] == [alive.id]
    assert recover_stale_tasks() == []
