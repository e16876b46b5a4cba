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

from tests.factories import queued_mail


@pytest.mark.django_db(transaction=True)
def test_worker_runs_an_enqueued_task():
    result = queued_mail("gkb@example.org", "测试提醒", "您有 1 件申请将于 3 个工作日内到期。")
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == TaskResultStatus.READY
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "测试提醒" and mail.outbox[0].to == ["gkb@example.org"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_one_postgresql_queue(tmp_path, is_postgres):
    if not is_postgres:
        pytest.skip("several workers on one queue is a PostgreSQL deployment (SELECT … SKIP LOCKED)")
    ids = [queued_mail(f"u{i}@example.org", f"提醒 {i}", "正文").id for i in range(20)]
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
    lost, alive, hopeless, fresh = (queued_mail(f"u{i}@example.org", f"提醒 {i}", "正文") for i in range(4))
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


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_that_could_not_be_written_is_written_at_the_next_beat(settings, monkeypatch):
    """The database drops the heartbeat thread's connection: the beat fails and is logged, the thread goes on, and
    the next beat writes on a new connection (the task never looks lost while its worker runs)."""
    import time

    from django.db import connections
    from django.utils import timezone

    from zwgk.core import heartbeat
    from zwgk.core.models import TaskHeartbeat

    settings.ZWGK_TASK_HEARTBEAT_SECONDS = 0.05
    task = queued_mail("u@example.org", "提醒", "正文")
    DBTaskResult.objects.filter(id=task.id).update(status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=["w1"])
    write, attempts = TaskHeartbeat.objects.update_or_create, []

    def dropped_once(*args, **kwargs):
        attempts.append(1)
        if len(attempts) == 1:
            connections["default"].connection.close()  # the server closes this thread's connection under it
        return write(*args, **kwargs)

    monkeypatch.setattr(TaskHeartbeat.objects, "update_or_create", dropped_once)
    beat = heartbeat.Beat(str(task.id), "w1")
    beat.thread.start()
    try:
        deadline = time.monotonic() + 10
        while not TaskHeartbeat.objects.filter(task_id=task.id).exists():
            assert beat.thread.is_alive(), "the heartbeat thread stopped"
            assert time.monotonic() < deadline, f"no heartbeat written after {len(attempts)} attempts"
            time.sleep(0.02)
    finally:
        beat.stop.set()
        beat.thread.join(5)
    assert len(attempts) >= 2
    assert TaskHeartbeat.objects.get(task_id=task.id).process == heartbeat.process_identity()


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_still_runs_on_this_host_is_not_requeued():
    """Heartbeats stopped (the database was unreachable for a while) but the worker's process runs: not requeued.
    A process that ended, one on another host (cannot be known here) and a reused pid are judged by age alone."""
    import datetime as dt
    import os

    from django.utils import timezone

    from zwgk.core import heartbeat
    from zwgk.core.models import TaskHeartbeat
    from zwgk.core.services.tasks import recover_stale_tasks

    ended = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended_identity = heartbeat.process_identity(ended.pid)
    ended.kill()
    ended.wait()
    identities = {
        "running here": heartbeat.process_identity(),
        "ended": ended_identity,
        "another host": f"elsewhere.example:{os.getpid()}:1",
        "pid reused": f"{heartbeat.process_identity().rsplit(':', 1)[0]}:1",
    }
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    ids = {}
    for n, (name, identity) in enumerate(identities.items()):
        ids[name] = queued_mail(f"u{n}@example.org", "提醒", "正文").id
        DBTaskResult.objects.filter(id=ids[name]).update(status=TaskResultStatus.RUNNING, started_at=long_ago, worker_ids=[f"w{n}"])
        TaskHeartbeat.objects.create(task_id=ids[name], worker_id=f"w{n}", process=identity, beat_at=long_ago)
    assert heartbeat.process_alive(identities["running here"]) is True
    assert heartbeat.process_alive(identities["another host"]) is None
    assert sorted(recover_stale_tasks()) == sorted(ids[n] for n in ("ended", "another host", "pid reused"))
    assert DBTaskResult.objects.get(id=ids["running here"]).status == TaskResultStatus.RUNNING
