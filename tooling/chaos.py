"""The fault matrix, measured: real processes (gunicorn, a Celery worker and beat, a Redis of
our own) on a PostgreSQL database; real faults (Redis stopped, the worker SIGKILLed mid-batch,
PostgreSQL backends terminated under load, a row lock held past the ingest deadline, batches
racing on the same authors); and for each, what clients saw, what was lost, and how long until
everything was back. The fault tests in tests/integration/ assert on these rows; `manage.py
chaos_check` prints them.

Timeouts are the settings' own, shortened through the environment so a run takes seconds:
SCORING_TIME_LIMIT 8 s, SCORING_RELAY_SECONDS 2, RETRY_AFTER_SECONDS 2, INGEST_DEADLINE_SECONDS 5."""

import http.client
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import psycopg2
from django.conf import settings
from django.db import connection
from django.utils import timezone

from tooling.benchserver import gunicorn
from tooling.processes import CeleryProcess, RedisServer, Supervisor, database_url, wait_for

DEMO = Path(settings.BASE_DIR) / "content" / "demo" / "demo_items.jsonl"
STACK_ENV = {"SCORING_TIME_LIMIT": "8", "SCORING_RELAY_SECONDS": "2", "RETRY_AFTER_SECONDS": "2",
             "INGEST_DEADLINE_SECONDS": "5", "CACHE_KEY_PREFIX": "chaos", "LOG_LEVEL": "WARNING"}
TASK_DONE = re.compile(rb"score_items\[[^\]]+\] succeeded in [\d.]+s: (\d+)")


@dataclass
class Row:
    """One fault: what users saw (answers by kind), what was lost, when all was back."""

    fault: str
    seen: dict[str, Counter] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)
    recovery_seconds: float | None = None
    recovered: str = ""  # from what to what the recovery time runs
    notes: list[str] = field(default_factory=list)
    unclear: int = 0  # 503 / 429 answers without Retry-After

    def saw(self, kind: str, answer: "Answer") -> "Answer":
        self.seen.setdefault(kind, Counter())[answer.status] += 1
        self.unclear += answer.status in (429, 503) and "Retry-After" not in answer.headers
        return answer

    def statuses(self) -> Counter:
        return sum(self.seen.values(), Counter())

    def as_cells(self) -> tuple[str, str, str, str]:
        seen = "; ".join(f"{kind} " + ", ".join(f"{code}×{n}" for code, n in sorted(c.items()))
                         for kind, c in self.seen.items())
        lost = ", ".join(f"{n} {what}" for what, n in self.lost.items()) or "nothing"
        recovery = "—" if self.recovery_seconds is None else f"{self.recovery_seconds:.1f} s"
        recovery += f" ({self.recovered})" if self.recovered else ""
        return self.fault, seen + ("; " + "; ".join(self.notes) if self.notes else ""), lost, recovery


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any


class Stack:
    """Redis, gunicorn (2 sync workers), a Celery worker and beat on database `database_name`."""

    def __init__(self, *, database_name: str, directory: Path) -> None:
        self.redis = RedisServer(directory)
        self.env = {"DATABASE_URL": database_url(database_name), "REDIS_URL": self.redis.url, **STACK_ENV}
        self.worker = CeleryProcess("worker", self.env_for_celery(), directory / "worker.log")
        self.beat = CeleryProcess("beat", self.env_for_celery(), directory / "beat.log")
        self.supervisor = Supervisor(self.worker, self.beat)
        self._exit = ExitStack()
        self.port = 0

    def env_for_celery(self) -> dict[str, str]:
        return {**os.environ, "SECRET_KEY": "chaos", "DEBUG": "", **self.env}

    def __enter__(self) -> "Stack":
        self.redis.start()
        self._exit.callback(self.redis.stop)
        self.port = self._exit.enter_context(gunicorn(workers=2, extra_env=self.env))
        self.worker.start()
        self._exit.callback(self.worker.stop)
        self.beat.start(wait=False)
        self._exit.callback(self.beat.stop)
        self.supervisor.start()
        self._exit.callback(self.supervisor.stop)
        return self

    def __exit__(self, *exc: object) -> None:
        self._exit.close()

    def quiesce(self, *, timeout: float = 60) -> None:
        """Nothing scheduled, queued or running (beat stopped, Redis emptied, the worker idle),
        so that the database can be reset under it; resume() undoes it."""
        from celery import Celery

        self.beat.stop()
        self.redis.flush()
        inspect = Celery("chaos-control", broker=self.redis.url, set_as_current=False).control.inspect(timeout=1)

        def idle() -> bool:
            replies = [inspect.active(), inspect.reserved()]
            return all(reply is not None and not any(reply.values()) for reply in replies)

        wait_for(idle, timeout=timeout, what="the worker to finish its tasks", every=0.5)
        self.redis.flush()

    def resume(self) -> None:
        if not self.beat.alive():
            self.beat.start(wait=False)

    def request(self, method: str, path: str, body: Any = None, token: str = "") -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json"} | ({"Authorization": f"Token {token}"} if token else {})
        try:
            conn.request(method, path, json.dumps(body) if body is not None else None, headers)
            response = conn.getresponse()
            raw = response.read()
        finally:
            conn.close()
        kind = response.getheader("Content-Type", "")
        return Answer(response.status, dict(response.getheaders()), json.loads(raw) if "json" in kind else raw)

    def push(self, key: str, items: list[dict]) -> Answer:
        return self.request("POST", "/api/v1/ingest/", {"items": items}, key)

    def scores_done(self) -> int:
        """Items scored by score_items tasks so far, read from the worker's log (a batch
        scored twice counts twice)."""
        return sum(int(n) for n in TASK_DONE.findall(self.worker.log_path.read_bytes()))


def partner_key(name: str) -> str:
    from content.services import source_create

    return source_create(name=name, platform="xiaohongshu", trust_level=60)[1]


def shopper_token(username: str) -> str:
    from django.contrib.auth import get_user_model

    from guide.services import user_token_create

    return user_token_create(user=get_user_model().objects.create_user(username=username, password=None))


def demo_items(count: int, prefix: str, *, authors: int = 0) -> list[dict]:
    """Realistic pushed items (the demo corpus, fresh, each text distinct), optionally spread
    over `authors` shared authors."""
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line]
    now = timezone.now()
    items = []
    for n in range(count):
        row = rows[n % len(rows)]
        item = {"external_id": f"{prefix}-{n}", "url": f"https://partner.example.com/{prefix}/{n}",
                "title": row["title"], "body": f"{row['body']}\n（{prefix} 第 {n} 篇）", "price": row.get("price"),
                "published_at": (now - timedelta(hours=row.get("age_hours", 5))).isoformat()}
        if authors:
            item["author"] = {"external_id": f"author-{n % authors}", "name": f"作者{n % authors}",
                              "followers": 1000 + n}
        items.append(item)
    return items


def stored(prefix: str) -> tuple[int, int]:
    """(items stored, items scored) of one scenario's pushes."""
    from content.models import Item

    items = Item.objects.filter(external_id__startswith=f"{prefix}-")
    return items.count(), items.filter(score__isnull=False).count()


def all_scored(prefix: str, expected: int) -> bool:
    return stored(prefix) == (expected, expected)


def matrix_table(rows: list[Row]) -> str:
    """The rows as a Markdown table, ready for the README."""
    lines = ["| fault | what users saw (HTTP answers) | lost | recovery |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(row.as_cells()) + " |" for row in rows]
    return "\n".join(lines)


@contextmanager
def scratch_database(name: str) -> Iterator[None]:
    """A fresh, migrated PostgreSQL database `name` on the configured server, used by this
    process (and the stack) for the duration; dropped afterwards."""
    admin = psycopg2.connect(**server_dsn("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": database_url(name), "REDIS_URL": "", "SECRET_KEY": "chaos", "DEBUG": ""}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=settings.BASE_DIR, env=env,
                   check=True)
    previous = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = previous
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def server_dsn(dbname: str) -> dict[str, Any]:
    db = settings.DATABASES["default"]
    return {"dbname": dbname, "user": db["USER"], "password": db["PASSWORD"] or None,
            "host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432}
