"""A real Celery worker process on Redis and the PostgreSQL test database, for integration tests.

Unit tests run tasks in process; tests marked `integration` use the `celery_worker` fixture,
which needs REDIS_URL and a PostgreSQL DATABASE_URL (as in CI) and is skipped otherwise."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
QUEUES = "ingest,scoring,stats,default"


def integration_services_missing() -> str:
    if not settings.REDIS_URL:
        return "needs REDIS_URL (a real broker)"
    if connection.vendor != "postgresql":
        return "needs a PostgreSQL DATABASE_URL (the worker shares the test database)"
    return ""


class Worker:
    def __init__(self, database_name: str, log_path: Path) -> None:
        db = settings.DATABASES["default"]
        credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{database_name}",
            "REDIS_URL": settings.REDIS_URL,
            "SECRET_KEY": "integration",
            "DEBUG": "",
            "CELERY_VISIBILITY_TIMEOUT": "5",
        }
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self, concurrency: int = 2) -> None:
        command = [
            sys.executable, "-m", "celery", "-A", "guide", "worker", "-Q", QUEUES, "--concurrency",
            str(concurrency), "--pool", "prefork", "-l", "info", "--without-gossip", "--without-mingle",
        ]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True)
        wait_for(self.is_ready, timeout=60, what="the Celery worker to start")

    def is_ready(self) -> bool:
        from guide.celery import app

        assert self.process is not None and self.process.poll() is None, self.log_tail()
        return bool(app.control.ping(timeout=0.5))

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children): no chance to clean up."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def wait_for(predicate: Callable[[], bool], *, timeout: float, what: str, every: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture(scope="session")
def worker_process(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Worker]:
    with django_db_blocker.unblock():
        missing = integration_services_missing()
        if missing:
            pytest.skip(f"integration test {missing}")
        database_name = connection.settings_dict["NAME"]
    from guide.celery import app

    app.control.purge()
    worker = Worker(database_name, tmp_path_factory.mktemp("celery") / "worker.log")
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def celery_worker(worker_process: Worker, transactional_db, django_db_serialized_rollback) -> Iterator[Worker]:
    """A running worker that sees this test's committed rows; tasks go through Redis. The
    serialized rollback puts back the seeded rows (taxonomy, groups, profile) the flush removes."""
    from guide.celery import app

    app.conf.task_always_eager = False
    if worker_process.process is None or worker_process.process.poll() is not None:
        worker_process.start()
    try:
        yield worker_process
    finally:
        app.conf.task_always_eager = True
        app.control.purge()
