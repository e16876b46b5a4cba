"""Rate limits of the public forms: counted in the shared cache (one count for every worker process), keyed by the
proxy-aware client address; the database cache by default, Redis when configured."""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection

from zwgk.core import throttle
from zwgk.portal import apply

SRC = Path(__file__).resolve().parent.parent / "src"

# A second process counts one request from 203.0.113.5 against the same limit, in the same database.
SECOND_PROCESS = """
import os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "zwgk.settings"
from django.conf import settings
settings.DATABASES  # noqa: B018 (load the settings, then point them at the test database)
settings.DATABASES["default"]["NAME"] = sys.argv[1]
django.setup()
from django.test import RequestFactory
from zwgk.core import throttle
request = RequestFactory().post("/zfxxgk/apply/form/", REMOTE_ADDR="203.0.113.5")
print(throttle.over_limit(request, "apply", 3))
"""


@pytest.mark.django_db(transaction=True)
def test_a_limit_is_counted_across_processes(rf):
    request = rf.post("/zfxxgk/apply/form/", REMOTE_ADDR="203.0.113.5")
    assert [throttle.over_limit(request, "apply", 3) for _ in range(2)] == [False, False]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", SECOND_PROCESS, str(connection.settings_dict["NAME"])],
                          capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "False"  # the third request of the hour, in the other process
    assert throttle.over_limit(request, "apply", 3) is True  # the fourth: over, though this process counted two
    other = rf.post("/zfxxgk/apply/form/", REMOTE_ADDR="198.51.100.7")
    assert throttle.over_limit(other, "apply", 3) is False


def test_the_count_is_in_the_database_cache_table_and_keeps_its_window(rf, db):
    request = rf.post("/zfxxgk/apply/form/", REMOTE_ADDR="203.0.113.9")
    window = 10**9  # a window that cannot end during the test
    for _ in range(2):
        throttle.over_limit(request, "apply", 3, window=window)
    with connection.cursor() as cur:
        cur.execute("SELECT cache_key, expires FROM zwgk_throttle WHERE cache_key LIKE %s", ["%zwgk-throttle:apply:203.0.113.9:%"])
        rows = cur.fetchall()
    assert len(rows) == 1
    expires = rows[0][1]
    expires = expires.timestamp() if hasattr(expires, "timestamp") else expires
    assert expires > time.time() + 3600  # the increment did not cut the window to the cache's default timeout


def _at_once(n: int, work) -> list:
    """Run ``work()`` in ``n`` threads released together (each on its own database connection); their results."""
    barrier, results, errors = threading.Barrier(n), [None] * n, []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = work()
        except Exception as e:  # noqa: BLE001 (reported below)
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return results


@pytest.mark.django_db(transaction=True)
def test_increments_at_the_same_moment_are_each_counted():
    """The database cache's incr() is one locked read and write (Django's own is a get() then a set())."""
    cache = caches["throttle"]
    assert cache.add("race", 0, 600)
    _at_once(6, lambda: [cache.incr("race") for _ in range(15)])
    assert cache.get("race") == 6 * 15


@pytest.mark.django_db(transaction=True)
def test_requests_at_the_same_moment_pass_only_up_to_the_limit(rf):
    def one_request() -> bool:
        return throttle.over_limit(rf.post("/zfxxgk/apply/form/", REMOTE_ADDR="203.0.113.77"), "apply", 4, window=10**9)

    refused = _at_once(10, one_request)
    assert refused.count(False) == 4 and refused.count(True) == 6


def test_behind_a_proxy_the_limit_counts_the_forwarded_client(client, db, settings, monkeypatch):
    settings.AXES_IPWARE_PROXY_COUNT = 1  # ZWGK_PROXY_COUNT=1
    monkeypatch.setattr(apply, "LOOKUPS_PER_HOUR", 2)
    lookup = {"code": "FL2026ABCDEFGH", "phone": "13907981234"}

    def status(forwarded):
        return client.post("/zfxxgk/apply/status/", lookup, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [status("203.0.113.5"), status("203.0.113.5"), status("203.0.113.5")] == [200, 200, 429]
    assert status("198.51.100.7") == 200  # another client behind the same proxy
    assert status("10.0.0.9, 203.0.113.5") == 429  # the proxy appends the address it saw: the last one counts


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_url():
    server = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
    if server is None:
        if os.environ.get("ZWGK_REQUIRE_REDIS"):
            pytest.fail("ZWGK_REQUIRE_REDIS is set but redis-server is not installed")
        pytest.skip("redis-server is not installed (apt-get install redis-server); the database cache is tested above")
    port = _free_port()
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                            stdout=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:  # wait for the server to say it is ready (no sleeping)
            if "Ready to accept connections" in line:
                break
        else:
            pytest.fail("redis-server exited before it was ready")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait()


def test_the_limit_works_through_redis(rf, settings, redis_url):
    import redis

    settings.CACHES = {alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
                       for alias in ("default", "throttle")}
    request = rf.post("/zfxxgk/apply/form/", REMOTE_ADDR="203.0.113.5")
    assert [throttle.over_limit(request, "apply", 2) for _ in range(3)] == [False, False, True]
    keys = redis.Redis.from_url(redis_url).keys("*zwgk-throttle:apply:203.0.113.5:*")
    assert len(keys) == 1
    assert 0 < redis.Redis.from_url(redis_url).ttl(keys[0]) <= 3601


# With REDIS_URL set, the settings' caches share one Redis database: the same key in each is a different entry, and
# clearing the page cache (as a deployment or a test does) leaves the rate-limit counts.
SHARED_REDIS = """
import os
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "zwgk.settings"
django.setup()
from django.core.cache import caches
default, limits = caches["default"], caches["throttle"]
default.set("k", "page"); limits.set("k", 3)
print(default.get("k"), limits.get("k"))
default.clear()
print(default.get("k"), limits.get("k"))
limits.clear()
print(limits.get("k"))
"""


def test_the_caches_sharing_one_redis_neither_collide_nor_clear_each_other(tmp_path, redis_url):
    import redis

    server = redis.Redis.from_url(redis_url)
    server.set("another-application:key", "kept")  # someone else's key in the same database
    env = {**os.environ, "PYTHONPATH": str(SRC), "REDIS_URL": redis_url, "ZWGK_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", SHARED_REDIS], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split("\n")[:3] == ["page 3", "None 3", "None"]
    assert server.get("another-application:key") == b"kept"
