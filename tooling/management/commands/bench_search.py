"""Search p95 over 100,000 items next to /ping in the same run, and the assistant's answers
per second: `GET /api/v1/search/?q=…` with realistic queries (a tenth with filters) and
`POST /api/v1/assistant/` (a wish, then a refinement), through Django's test client in this
process (URL routing, middleware, view, queries; no network or WSGI server), alternating with
/ping in rounds so that both see the same machine. The corpus (tooling.benchmarks.search) is
built first if fewer than --items generated items exist. Goal: search p95 under 50 ms."""

import random
import time

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client, override_settings

from content.models import Item
from guide.commands import DatabaseCommand
from tooling.benchmarks.search import ASSISTANT_MESSAGES, ASSISTANT_REFINEMENTS, bench_queries, corpus_build
from tooling.loadgen import LoadResult

GOAL_MS = 50.0
FILTERS = ({"deals": "1"}, {"price_max": "500"}, {"kind": "review"}, {"platform": "jd"})


class Command(DatabaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=100_000, help="generated items to search over")
        parser.add_argument("--searches", type=int, default=2000, help="timed searches (and as many /ping)")
        parser.add_argument("--conversations", type=int, default=200, help="timed assistant conversations (two turns each)")
        parser.add_argument("--rounds", type=int, default=4, help="alternating rounds of search and /ping requests (default 4)")
        parser.add_argument("--seed", type=int, default=7, help="seed of the generated items and queries (default 7)")

    def handle(self, *args, **options):
        if options["items"] < 1 or options["searches"] < options["rounds"] or options["rounds"] < 1:
            raise CommandError("--items 至少为 1，--searches 不少于 --rounds")
        added = corpus_build(count=options["items"], seed=options["seed"])
        self.stdout.write(f"corpus: {Item.objects.count():,} items in the database ({added:,} added now); "
                          f"{connection.vendor}, cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
        rng = random.Random(options["seed"])
        client = Client(HTTP_HOST="127.0.0.1")
        queries = bench_queries(rng)
        for query in queries[:10]:  # warm-up: caches, compiled regexes, the jieba dictionary
            client.get("/api/v1/search/", {"q": query})
        search, ping, hits = LoadResult(), LoadResult(), []
        per_round = options["searches"] // options["rounds"]
        for _ in range(options["rounds"]):
            self.timed(ping, per_round, lambda: client.get("/ping"))
            for _ in range(per_round):
                params = {"q": rng.choice(queries), **(rng.choice(FILTERS) if rng.random() < 0.1 else {})}
                started = time.perf_counter()
                response = client.get("/api/v1/search/", params)
                search.latencies_ms.append((time.perf_counter() - started) * 1000)
                search.statuses[response.status_code] += 1
                hits.append(response.json().get("count", 0))
        self.report("search", search, ping, hits)
        self.assistant(client, rng, options["conversations"])

    @staticmethod
    def timed(result: LoadResult, count: int, call) -> None:
        for _ in range(count):
            started = time.perf_counter()
            response = call()
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            result.statuses[response.status_code] += 1

    def report(self, label: str, search: LoadResult, ping: LoadResult, hits: list[int]) -> None:
        hits = sorted(hits)
        self.stdout.write(f"{'':<10} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses")
        for name, result in (("/ping", ping), (label, search)):
            self.stdout.write(f"{name:<10} {len(result.latencies_ms):>9} {result.percentile(50):>8.2f} "
                              f"{result.percentile(95):>8.2f} {result.percentile(99):>8.2f}  {dict(result.statuses)}")
        self.stdout.write(f"hits per query: median {hits[len(hits) // 2]:,}, p90 {hits[int(len(hits) * 0.9)]:,}, "
                          f"max {hits[-1]:,}")
        verdict = "met" if search.percentile(95) < GOAL_MS else "MISSED"
        self.stdout.write(f"goal (search p95 under {GOAL_MS:.0f} ms): {verdict}")

    @override_settings(ASSISTANT_RATE="1000000/min")  # one client asking on and on is the point here
    def assistant(self, client: Client, rng: random.Random, conversations: int) -> None:
        result = LoadResult()
        started_all = time.perf_counter()
        for _ in range(conversations):
            conversation = None
            for message in (rng.choice(ASSISTANT_MESSAGES), rng.choice(ASSISTANT_REFINEMENTS)):
                started = time.perf_counter()
                response = client.post("/api/v1/assistant/", {"conversation": conversation, "message": message},
                                       content_type="application/json")
                result.latencies_ms.append((time.perf_counter() - started) * 1000)
                result.statuses[response.status_code] += 1
                conversation = response.json().get("conversation")
        seconds = time.perf_counter() - started_all
        answers = len(result.latencies_ms)
        self.stdout.write(f"assistant: {answers} answers in {seconds:.1f} s = {answers / seconds:.1f} answers/s "
                          f"(one process); p50 {result.percentile(50):.1f} ms, p95 {result.percentile(95):.1f} ms; "
                          f"statuses {dict(result.statuses)}")
