"""Start gunicorn on 127.0.0.1 for a load benchmark, with this process's settings."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(*, workers: int, extra_env: dict[str, str] | None = None) -> Iterator[int]:
    """A running gunicorn (sync workers, as in docker-compose) on a free port; yields the port."""
    port = free_port()
    env = {**os.environ, "DEBUG": "", "SECRET_KEY": settings.SECRET_KEY, **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "guide.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning", "--backlog", "2048"],
        cwd=settings.BASE_DIR, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
