"""The whole pipeline under load, as deployed: items pushed through the HTTP API of a real
gunicorn into PostgreSQL, scored by Celery worker processes on Redis, timed until the last item
is scored (bench_pipeline).

Items are realistic: the text of real shopping reviews (shopping_reviews.jsonl, one to three of
the same product category per item, so no two are copies by accident) in the shape of the demo
corpus's items (platform, kind, prices, merchant, brand, author, metrics, pictures), with a share
of reposts of earlier items, which dedup has to find.
"""

import json
import os
import random
import secrets
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection

from content.models import Item, ItemScore, Source
from tooling.benchserver import gunicorn, process_tree_cpu_seconds, server_cpu_seconds
from tooling.loadgen import LoadResult, PreparedRequest, run_load
from tooling.processes import CeleryProcess

DEMO_ITEMS = Path(settings.BASE_DIR) / "content" / "demo" / "demo_items.jsonl"
REPOST_SHARE = 0.08  # of pushed items, copies of an earlier one (a repost prefix, a hashtag)
AUTHORS = 5000
# Review categories (shopping_reviews.jsonl) that match a demo item's interest.
CATEGORIES = {"digital": ("手机", "平板", "计算机"), "food": ("水果", "蒙牛"), "beauty": ("洗发水",),
              "appliances": ("热水器",), "fashion": ("衣服",), "travel": ("酒店",), "books": ("书籍",)}
# Server and workers run as in production (not DEBUG), which wants a key of its own; they share no
# sessions with anyone, so a fresh one per run does.
# Their database connections are kept for the whole run, so that the CPU time of the PostgreSQL
# backends serving them can be read at its end (with the default 60 s a backend ends mid-run).
CHILD_ENV = {"DEBUG": "", "SECRET_KEY": secrets.token_urlsafe(50), "CONN_MAX_AGE": "3600"}
STALL_SECONDS = 180  # no item scored for this long: the workers are stuck, the run stops


def read_reviews(path: Path) -> dict[str, list[str]]:
    """Review texts by category."""
    by_category: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                text = row["text"].lstrip("\ufeff").strip()
                if text:
                    by_category[row.get("category", "")].append(text)
    return dict(by_category)


def read_demo_items() -> list[dict]:
    with DEMO_ITEMS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def realistic_items(*, count: int, reviews: dict[str, list[str]], seed: int, prefix: str) -> list[dict]:
    """`count` raw push items (DESIGN §6 shape), external ids and URLs under `prefix`."""
    rng = random.Random(seed)
    donors = read_demo_items()
    categories = sorted(reviews)
    now = datetime.now(UTC)
    items: list[dict] = []
    for n in range(count):
        donor = rng.choice(donors)
        author = rng.randrange(AUTHORS)
        item = {
            "external_id": f"{prefix}-{n}",
            "url": f"https://{donor['source']}.bench.example.com/{prefix}/{n}?utm_source=bench",
            "kind": donor.get("kind") or "note",
            "published_at": (now - timedelta(minutes=rng.randrange(60 * 24 * 7))).isoformat(),
            # An author keeps her name and audience from post to post (most posts change no author row).
            "author": {"external_id": f"{donor['source']}-{author}", "name": f"作者{author}",
                       "followers": author * 7919 % 250_000},
            **{name: donor[name] for name in ("price", "original_price", "currency", "merchant", "brand", "product",
                                              "images", "sponsored")},
            "metrics": {name: value * rng.randint(1, 9) // 5 for name, value in donor["metrics"].items()},
        }
        if items and rng.random() < REPOST_SHARE:
            original = rng.choice(items)
            item["title"] = "转发：" + original["title"]
            item["body"] = "//@" + item["author"]["name"] + ": 转发 " + original["body"] + " #好物分享#"
        else:
            pool = rng.choice(CATEGORIES.get(donor.get("interest", ""), categories))
            texts = reviews.get(pool) or reviews[rng.choice(categories)]
            body = "\n".join(rng.choice(texts) for _ in range(rng.randint(1, 3)))
            item["title"] = f"{donor['product'] or donor['brand'] or pool}｜{body[:18]}"
            item["body"] = "<p>" + body.replace("\n", "</p><p>") + "</p>"
        items.append(item)
    return items


def push_requests(items: list[dict], *, batch: int, key: str) -> list[PreparedRequest]:
    headers = (("Authorization", f"Token {key}"), ("Content-Type", "application/json"))
    return [PreparedRequest("POST", "/api/v1/ingest/", json.dumps({"items": items[start : start + batch]}).encode(),
                            headers) for start in range(0, len(items), batch)]


@dataclass
class Scoring:
    scored: int
    first_at: datetime | None
    last_at: datetime | None


def scoring_progress(source: Source, since: datetime) -> Scoring:
    scores = ItemScore.objects.filter(item__source=source, scored_at__gte=since)
    first = scores.order_by("scored_at").values_list("scored_at", flat=True).first()
    last = scores.order_by("-scored_at").values_list("scored_at", flat=True).first()
    return Scoring(scores.count(), first, last)


def wait_until_scored(source: Source, since: datetime, worker: CeleryProcess) -> Scoring:
    """Poll until every stored item of `source` is scored; RuntimeError when scoring stalls."""
    total = Item.objects.filter(source=source).count()
    done, progressed_at = -1, time.monotonic()
    while True:
        scored = ItemScore.objects.filter(item__source=source, scored_at__gte=since).count()
        if scored >= total:
            return scoring_progress(source, since)
        if scored > done:
            done, progressed_at = scored, time.monotonic()
        elif time.monotonic() - progressed_at > STALL_SECONDS or not worker.alive():
            raise RuntimeError(f"评分停滞：{scored}/{total} 条已评分；工作进程日志：\n{worker.log_tail(20)}")
        time.sleep(0.5)


@contextmanager
def scoring_workers(*, concurrency: int, log_path: Path) -> Iterator[CeleryProcess]:
    """A Celery worker with `concurrency` pool processes on this process's database and Redis,
    ready (models loaded) before it yields."""
    worker = CeleryProcess("worker", {**os.environ, **CHILD_ENV}, log_path, concurrency=concurrency)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()


def measure_pipeline(*, source: Source, key: str, items: list[dict], batch: int, clients: int, web_workers: int,
                     scoring_processes: int, log_path: Path) -> dict:
    """Push `items` through the API with `clients` concurrent clients and time them until scored."""
    requests = push_requests(items, batch=batch, key=key)
    with scoring_workers(concurrency=scoring_processes, log_path=log_path) as worker, \
            gunicorn(workers=web_workers, extra_env=CHILD_ENV) as port:
        assert worker.process is not None
        server_cpu, worker_cpu = server_cpu_seconds(port), process_tree_cpu_seconds(worker.process.pid)
        database_cpu = database_backends_cpu_seconds()
        since = datetime.now(UTC)
        started = time.perf_counter()
        pushed = run_load("127.0.0.1", port, requests, concurrency=clients)
        ingest_seconds = time.perf_counter() - started
        server_cpu = server_cpu_seconds(port) - server_cpu
        scoring = wait_until_scored(source, since, worker)
        total_seconds = time.perf_counter() - started
        worker_cpu = process_tree_cpu_seconds(worker.process.pid) - worker_cpu
        database_cpu = {pid: seconds - database_cpu.get(pid, 0.0) for pid, seconds in database_backends_cpu_seconds().items()}
    stored = Item.objects.filter(source=source).count()
    scoring_seconds = (scoring.last_at - scoring.first_at).total_seconds() if scoring.first_at and scoring.last_at else 0
    return {
        "items": len(items), "stored": stored, "batches": len(requests), "statuses": dict(pushed.statuses),
        "ingest_seconds": round(ingest_seconds, 1),
        "ingest_items_per_second": round(len(items) / ingest_seconds, 1),
        "batch_latency_ms": _latencies(pushed),
        "scoring_items_per_second": round(scoring.scored / scoring_seconds, 1) if scoring_seconds else None,
        "push_to_last_scored_seconds": round(total_seconds, 1),
        "end_to_end_items_per_second": round(len(items) / total_seconds, 1),
        "cpu_seconds": {"server": round(server_cpu, 1), "scoring_workers": round(worker_cpu, 1),
                        "database_backends": round(sum(database_cpu.values()), 1)},
    }


def database_backends_cpu_seconds() -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend connected to this database, but this
    process's own (PostgreSQL on this machine; an empty dict where /proc does not show them)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        pids = [row[0] for row in cursor.fetchall()]
    return {pid: process_tree_cpu_seconds(pid) for pid in pids}


def measure_first_batches(*, key: str, items: list[dict], batch: int) -> dict:
    """Batches sent one at a time to a fresh single-worker gunicorn: the first it serves and the
    ones after it (the API goal: each under 0.5 s)."""
    requests = push_requests(items, batch=batch, key=key)
    with gunicorn(workers=1, extra_env=CHILD_ENV) as port:
        result = run_load("127.0.0.1", port, requests, concurrency=1)
    return {"statuses": dict(result.statuses), "first_ms": round(result.latencies_ms[0], 1),
            "after_ms": [round(ms, 1) for ms in result.latencies_ms[1:]]}


def _latencies(result: LoadResult) -> dict:
    return {"p50": round(result.percentile(50), 1), "p95": round(result.percentile(95), 1),
            "max": round(max(result.latencies_ms, default=0.0), 1)}
