"""A real Celery worker process on Redis and the PostgreSQL test database, for integration tests.

Unit tests run tasks in process; tests marked `integration` use the `celery_worker` fixture,
which needs REDIS_URL and a PostgreSQL DATABASE_URL (as in CI) and is skipped otherwise."""

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tooling.processes import CeleryProcess, database_url, wait_for

__all__ = ["Worker", "celery_worker", "integration_services_missing", "wait_for", "worker_process"]


def integration_services_missing() -> str:
    if not settings.REDIS_URL:
        return "needs REDIS_URL (a real broker)"
    if connection.vendor != "postgresql":
        return "needs a PostgreSQL DATABASE_URL (the worker shares the test database)"
    return ""


class Worker(CeleryProcess):
    """The worker of the integration tests: the test database, the tests' Redis, and a
    visibility timeout of 5 s so that a killed worker's messages come back quickly."""

    def __init__(self, database_name: str, log_path: Path) -> None:
        env = {**os.environ, "DATABASE_URL": database_url(database_name), "REDIS_URL": settings.REDIS_URL,
               "SECRET_KEY": "integration", "DEBUG": "", "CELERY_VISIBILITY_TIMEOUT": "5"}
        super().__init__("worker", env, log_path)


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
        if worker_process.alive():
            _wait_until_idle(app)


def _wait_until_idle(app, timeout: float = 30.0) -> None:
    """Until the worker runs and holds no task: one still writing (scoring what a test stored)
    while the test's flush truncates the tables deadlocked PostgreSQL in CI."""
    inspect = app.control.inspect(timeout=1.0)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = [tasks for replies in (inspect.active(), inspect.reserved()) for tasks in (replies or {}).values()]
        if not any(busy):
            return
        time.sleep(0.2)
