"""Real processes for integration tests and the fault matrix: a Redis server of our own on a
free port (stopped and started again at will, never the shared one), and Celery worker and beat
processes on a given database and Redis. Each runs in its own process group, so SIGKILL takes
the pool children with it, as a crash or an OOM kill would."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

QUEUES = "ingest,scoring,stats,default"


def wait_for(predicate: Callable[[], bool], *, timeout: float, what: str, every: float = 0.2) -> float:
    """Poll until `predicate` holds; the seconds it took. AssertionError on timeout."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def free_port(start: int = 6390) -> int:
    """The first port from `start` on that nothing listens on or is bound to."""
    for port in range(start, start + 200):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {start}–{start + 199}")


def database_url(name: str) -> str:
    """DATABASE_URL of database `name` on the server the settings point at."""
    db = settings.DATABASES["default"]
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


class RedisServer:
    """redis-server on 127.0.0.1:`port`, no persistence: stopping it loses every key and queued
    message, as a restarted Redis without a volume does."""

    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @staticmethod
    def missing() -> str:
        return "" if shutil.which("redis-server") else "needs the redis-server program"

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory), "--logfile", str(self.directory / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_for(self.answers, timeout=20, what=f"redis-server on port {self.port}", every=0.05)

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def flush(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as conn:
            conn.sendall(b"FLUSHALL\r\n")
            conn.recv(16)


class CeleryProcess:
    """`celery worker` or `celery beat` with this environment, logging to `log_path`."""

    def __init__(self, kind: str, env: dict[str, str], log_path: Path, concurrency: int = 2) -> None:
        self.kind, self.env, self.log_path, self.concurrency = kind, env, log_path, concurrency
        self.process: subprocess.Popen | None = None
        self.log_offset = 0
        self.wanted = False  # started and not stopped on purpose: its supervisor keeps it up

    def command(self) -> list[str]:
        base = [sys.executable, "-m", "celery", "-A", "guide", self.kind, "-l", "info"]
        if self.kind == "beat":
            return [*base, "--schedule", str(self.log_path.with_suffix(".schedule"))]
        return [*base, "-Q", QUEUES, "--concurrency", str(self.concurrency), "--pool", "prefork",
                "--without-gossip", "--without-mingle"]

    def start(self, *, wait: bool = True) -> None:
        self.wanted = True
        self.log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(self.command(), cwd=settings.BASE_DIR, env=self.env, stdout=log, stderr=log,
                                        start_new_session=True)
        if wait and self.kind == "worker":
            wait_for(self.is_ready, timeout=60, what="the Celery worker to start")

    def is_ready(self) -> bool:
        assert self.process is not None and self.process.poll() is None, self.log_tail()
        with self.log_path.open("rb") as log:
            log.seek(self.log_offset)
            return b" ready." in log.read()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole process group: no chance to clean up or acknowledge anything."""
        if self.alive():
            assert self.process is not None
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        self.wanted = False
        if self.alive():
            assert self.process is not None
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


class Supervisor:
    """Restarts what exits, as docker's `restart: unless-stopped` or systemd would; counts the
    restarts (a Celery worker exits when Redis vanishes while it holds unacknowledged
    messages: kombu 5.7 fails restoring them over the lost connection)."""

    def __init__(self, *processes: CeleryProcess, every: float = 0.5) -> None:
        self.processes, self.every = processes, every
        self.restarts: dict[str, int] = {process.kind: 0 for process in processes}
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stopping.wait(self.every):
            for process in self.processes:
                if process.wanted and not process.alive():
                    process.start(wait=False)
                    self.restarts[process.kind] += 1
