"""`./run demo` stops whole on Ctrl+C and on SIGTERM: the server, the worker and the scheduler, nothing else."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session_processes(sid: int) -> list[str]:
    out = subprocess.run(["ps", "-ww", "-e", "-o", "sid=,pid=,args="], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.split(None, 1)[0] == str(sid)]


def _start_demo(var_dir: Path, started: list[subprocess.Popen]) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "ZWGK_VAR_DIR": str(var_dir), "ZWGK_DEMO_BIND": f"127.0.0.1:{port}"}
    env.pop("DATABASE_URL", None)
    log = (var_dir / "demo.log").open("w")  # a file, not a pipe: a full pipe would block the demo
    proc = subprocess.Popen(
        ["./run", "demo"], cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT,
    )
    proc.log_path = var_dir / "demo.log"
    started.append(proc)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.log_path.read_text()
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    else:
        pytest.fail("the demo did not start")
    names = " ".join(_session_processes(proc.pid))
    assert "db_worker" in names and "scheduler" in names and "gunicorn" in names
    return proc, url


def _stopped(proc: subprocess.Popen) -> tuple[int, str]:
    try:
        code = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("./run demo did not stop")
    deadline = time.monotonic() + 15
    while _session_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _session_processes(proc.pid)
    assert left == [], left
    return code, proc.log_path.read_text()


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="the demo runs on the embedded SQLite: the SQLite round covers it")
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_demo_stops_on_ctrl_c_and_sigterm(tmp_path_factory, how):
    var_dir = tmp_path_factory.mktemp(f"demo-{how}")
    started: list[subprocess.Popen] = []
    try:
        proc, url = _start_demo(var_dir, started)
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)  # what the terminal sends to the foreground group
        else:
            os.kill(proc.pid, signal.SIGTERM)  # a service manager stops the script only
        code, output = _stopped(proc)
    finally:
        for p in started:  # never leave a demo running, whatever failed
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert code != 0
    assert "unbound variable" not in output
    with pytest.raises(httpx.TransportError):
        httpx.get(url, timeout=2)
