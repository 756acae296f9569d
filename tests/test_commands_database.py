"""Commands that use the platform's tables answer an unreachable or unmigrated database with
a clear message and exit code 1, not a traceback (run as a newcomer runs them)."""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


def manage(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": "", "DEBUG": "1"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("command", [
    ["bench_events", "--events", "100"], ["bench_feed"], ["bench_ingest", "--items", "10", "--index-size", "0"],
    ["bench_pages"], ["bench_pipeline", "--items", "10"], ["seed_demo"], ["generate_load_data"], ["create_source", "smzdm-deals"],
    ["ingest_file", "items.jsonl", "--source", "smzdm-deals"], ["rescore", "--stale"], ["rebuild_profiles"],
])
def test_an_unmigrated_database_is_named_with_what_to_run(tmp_path, command):
    """Every command built on guide.commands.DatabaseCommand; nothing is written."""
    empty = tmp_path / "empty.sqlite3"
    result = manage(f"sqlite:///{empty}", *command)
    assert result.returncode == 1, result.stderr
    assert "数据库尚未迁移" in result.stderr and "manage.py migrate" in result.stderr
    assert "Traceback" not in result.stderr
    with closing(sqlite3.connect(empty)) as database:  # the check only read: no table was created
        assert database.execute("SELECT name FROM sqlite_master").fetchall() == []


def test_an_unreachable_database_is_a_clear_error():
    result = manage("postgres://postgres@127.0.0.1:1/guide_missing", "bench_events", "--events", "100")
    assert result.returncode == 1, result.stderr
    assert "无法连接数据库" in result.stderr and "Traceback" not in result.stderr



def test_a_load_benchmark_without_a_secret_key_says_to_set_one_before_starting_a_server(settings, monkeypatch):
    """Its gunicorn runs as deployed (DEBUG off), which refuses the development key (as run by
    hand with DEBUG=1 and no SECRET_KEY): said at once, with what to set, instead of a traceback
    after a minute of workers failing to boot."""
    from django.core.management.base import CommandError

    from tooling.benchserver import gunicorn

    settings.SECRET_KEY = "insecure-development-key-do-not-deploy"
    monkeypatch.delenv("PYTEST_VERSION", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(CommandError, match="SECRET_KEY"), gunicorn(workers=1):
        pass
