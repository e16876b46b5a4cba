"""An over-long address gets the site's Chinese page, from Django below its limit and from gunicorn's worker above
gunicorn's request-line limit; never an English page or a 500 (issue 12, defect 5)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
# What ./run gives gunicorn for the request line, checked against the script below.
GUNICORN_ARGS = ["--limit-request-line", "8190", "--worker-class", "zwgk.core.server.Worker"]


def test_run_script_gives_gunicorn_the_limit_and_the_worker():
    lines = (ROOT / "run").read_text().replace("\\\n", " ").splitlines()
    commands = [line for line in lines if "bin/gunicorn" in line]
    assert len(commands) == 2 and all(" ".join(GUNICORN_ARGS) in line for line in commands), commands


@pytest.mark.django_db
def test_django_refuses_an_address_past_its_limit(client, settings):
    for path in ("/search/?q=" + "招" * 2000, "/documents/?topic=" + "x" * 5000, "/api/documents?genre=" + "x" * 5000):
        response = client.get(path)
        assert response.status_code == 414, path[:40]
        assert "网址过长" in response.content.decode()
    assert client.get("/search/", {"q": "招生" * 50}).status_code == 200  # a long but reasonable address still works


@pytest.fixture
def gunicorn(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "ZWGK_"))}
    env.update(PYTHONPATH=str(ROOT / "src"), ZWGK_VAR_DIR=str(tmp_path), ZWGK_HTTPS="0", ZWGK_SECRET_KEY="test-" * 10)
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "zwgk.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1", *GUNICORN_ARGS],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        for line in proc.stderr:  # gunicorn logs each worker as it boots
            if "Booting worker" in line:
                break
        else:
            pytest.fail("gunicorn did not start")
        threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep draining its log
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
            http.get("/robots.txt")  # the worker has loaded the application
            yield http
    finally:
        proc.terminate()
        proc.wait()


def test_gunicorn_serves_the_chinese_page_for_both_lengths(gunicorn):
    assert gunicorn.get("/robots.txt").status_code == 200
    for length in (5_000, 10_000, 60_000):
        response = gunicorn.get("/search/?q=" + "a" * length)
        assert response.status_code == 414, length
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert "网址过长" in response.text and "URI Too Long" not in response.text, length
    response = gunicorn.get("/", headers={"X-Big": "a" * 10_000})
    assert response.status_code == 431 and "请求有误" in response.text
