"""The `zwgk` console command on a fresh data directory, as a new user runs it."""

import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

ZWGK = shutil.which("zwgk") or str(Path(os.sys.executable).with_name("zwgk"))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ZWGK_SECRET_KEY")}
    env["ZWGK_VAR_DIR"] = str(var)

    def run(*args, check=True):
        return subprocess.run([ZWGK, *args], env=env, capture_output=True, text=True, check=check, timeout=300)

    run("migrate", "--noinput")
    return var, run


def test_fresh_install_has_sqlite_in_wal_mode_and_a_private_secret_key(fresh):
    var, _ = fresh
    key = var / "secret_key"
    assert key.exists() and len(key.read_text().strip()) >= 50
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    with sqlite3.connect(var / "zwgk.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_workdays_commands(fresh):
    _, run = fresh
    assert run("workdays", "add", "2025-09-26", "20").stdout.strip() == "2025-10-30"
    assert run("workdays", "between", "2025-09-26", "2025-10-30").stdout.strip() == "20"
    # 2027 is not entered: the date is provisional (law's holidays: 2027-01-01), and the output says so.
    provisional = run("workdays", "add", "2026-12-20", "20").stdout.splitlines()
    assert provisional[0] == "2027-01-18"
    assert "暂定" in provisional[1] and "2027" in provisional[1]
    refused = run("workdays", "add", "2099-12-20", "20", check=False)
    assert refused.returncode != 0
    assert "2100 年" in refused.stderr


def test_seed_demo_is_idempotent_and_prints_logins(fresh):
    var, run = fresh
    first = run("seed-demo").stdout
    assert "演示账号" in first and "gkb" in first and "admin" in first
    second = run("seed-demo").stdout
    assert second == first
    with sqlite3.connect(var / "zwgk.sqlite3") as db:
        names = {r[0] for r in db.execute("SELECT short_name FROM core_organization")}
        audit_rows = db.execute("SELECT count(*) FROM core_auditentry WHERE action = 'core.org.create'").fetchone()[0]
    seed_units = {
        "县政府办公室", "县发改委", "县工信局（县科技局）", "县文旅局", "县商务局", "县农业农村局", "县教体局",
        "县市场监管局", "县行政服务中心", "县人社局", "县退役军人事务局", "县民政局", "县自然资源规划局", "县卫健委",
        "县住建局", "县财政局", "县医保局", "浮梁生态环境局", "县交通局",
    }
    assert seed_units <= names
    assert sum(1 for n in names if n.endswith(("镇", "乡"))) == 17
    assert audit_rows == len(names)
