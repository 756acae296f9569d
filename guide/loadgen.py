"""A small HTTP load generator for the benchmarks: N client threads with keep-alive connections
replay a list of prepared requests against a server on 127.0.0.1 and record status and latency.

http.client rather than a load-testing package: the benchmarks need prepared bodies, per-request
headers and exact counts, and nothing outside the standard library has to be installed."""

import http.client
import queue
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PreparedRequest:
    method: str
    path: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class LoadResult:
    requests: int = 0
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    def summary(self) -> dict:
        return {
            "requests": self.requests,
            "requests_per_second": round(self.per_second, 1),
            "statuses": dict(self.statuses),
            "latency_ms": {"p50": round(self.percentile(50), 2), "p95": round(self.percentile(95), 2),
                           "p99": round(self.percentile(99), 2),
                           "mean": round(statistics.fmean(self.latencies_ms), 2) if self.latencies_ms else 0.0},
        }


def run_load(host: str, port: int, requests: list[PreparedRequest], *, concurrency: int) -> LoadResult:
    """Send every request once, `concurrency` at a time; returns the counts and latencies."""
    pending: queue.SimpleQueue[PreparedRequest | None] = queue.SimpleQueue()
    for request in requests:
        pending.put(request)
    for _ in range(concurrency):
        pending.put(None)
    result, lock = LoadResult(), threading.Lock()
    threads = [threading.Thread(target=_client, args=(host, port, pending, result, lock)) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def _client(host: str, port: int, pending: queue.SimpleQueue, result: LoadResult, lock: threading.Lock) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    while (request := pending.get()) is not None:
        started = time.perf_counter()
        try:
            connection.request(request.method, request.path, body=request.body or None, headers=dict(request.headers))
            response = connection.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
            status = 0  # the connection failed: counted, never retried silently
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            result.requests += 1
            result.statuses[status] += 1
            result.latencies_ms.append(elapsed)
    connection.close()
