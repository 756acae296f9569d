"""Start gunicorn on 127.0.0.1 for a load benchmark, with this process's settings."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

_servers: dict[int, subprocess.Popen] = {}  # port → the gunicorn master serving it


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(*, workers: int, worker_class: str = "sync", threads: int = 1,
             extra_env: dict[str, str] | None = None) -> Iterator[int]:
    """A running gunicorn on a free port; yields the port. Sync workers by default, as in
    docker-compose; `worker_class="gthread"` with `threads` keeps connections alive."""
    port = free_port()
    env = {**os.environ, "DEBUG": "", "SECRET_KEY": settings.SECRET_KEY, **(extra_env or {})}
    if env["SECRET_KEY"] in settings.PUBLISHED_SECRET_KEYS and "PYTEST_VERSION" not in env:
        # The server runs without DEBUG, as deployed, and refuses a published key: say so now
        # rather than after a minute of workers failing to boot.
        raise CommandError("压测服务器按生产设置运行（DEBUG 关闭），不接受开发占位密钥：请设置 SECRET_KEY 为一个随机长字符串")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "guide.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", worker_class, "--threads", str(threads),
         "--log-level", "warning", "--backlog", "2048"],
        cwd=settings.BASE_DIR, env=env,
    )
    try:
        # Each worker preloads the models before it answers (guide.celery.preload): on a busy
        # 2-core machine that took over a minute, so give the server three.
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        _servers[port] = process
        yield port
    finally:
        _servers.pop(port, None)
        process.terminate()
        process.wait(timeout=30)


def server_cpu_seconds(port: int) -> float:
    """CPU time (user + system) used so far by the gunicorn on `port`, master and workers
    (Linux /proc; 0.0 where it cannot be read). Workers that were replaced are not counted."""
    process = _servers.get(port)
    return process_tree_cpu_seconds(process.pid) if process is not None else 0.0


def process_tree_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by process `pid` and its children (a Celery worker
    and its pool, a gunicorn master and its workers); 0.0 where /proc cannot be read."""
    return sum(_cpu_seconds(one) for one in [pid, *_children(pid)])


def _children(pid: int) -> list[int]:
    found = []
    for listing in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in listing.read_text().split()]
        except OSError:
            continue
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
