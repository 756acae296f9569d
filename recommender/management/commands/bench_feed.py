"""Load benchmark of the personal feed: gunicorn + PostgreSQL + Redis, a load generator on
127.0.0.1, on data from generate_load_data. Prints requests per second and p50 / p95 / p99
latency for the trivial endpoint (/ping) and the personal feed in the same run:

- cold: each shopper's first request, when their feed is computed (candidates, ranking, …);
- warm: repeated first pages of shoppers whose feed is cached (how a returning shopper is
  served), the figure the goal is about: p95 under 50 ms at 16 clients and at least half the
  trivial endpoint's throughput.

The warm feed and /ping are measured in alternating rounds, so that both see the same state of
a shared machine; the ratio is taken over all rounds, and per round to show the spread. Before
them, an unmeasured warm-up (reported apart) lets every worker meet every shopper once, as a
server has after its first minutes (a worker learns which shopper a token belongs to on first
sight). The candidate pools are refreshed first, as Celery beat does every few minutes in
production. CPU time per request is reported for the server (gunicorn master and workers) and
for the load generator, which shares the machine."""

import json
import random
import resource
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import connection

from guide.benchserver import gunicorn, server_cpu_seconds
from guide.commands import DatabaseCommand
from guide.loadgen import LoadResult, PreparedRequest, run_load
from guide.models import UserToken
from guide.services import user_token_create
from recommender.management.commands.generate_load_data import PREFIX
from recommender.pools import pools_refresh


class Command(DatabaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--shoppers", type=int, default=400, help="distinct shoppers requesting feeds")
        parser.add_argument("--requests", type=int, default=6000, help="warm feed requests (and as many to /ping)")
        parser.add_argument("--rounds", type=int, default=4, help="alternating /ping and warm feed rounds")
        parser.add_argument("--warmup", type=int, default=None,
                            help="unmeasured warm requests first (default: 2 × workers × shoppers)")
        parser.add_argument("--concurrency", type=int, default=16, help="clients sending requests at once (default 16)")
        parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
        parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"],
                            help="sync as in docker-compose (a connection per request); gthread keeps them alive")
        parser.add_argument("--threads", type=int, default=8, help="threads per gthread worker")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench_feed 需要 PostgreSQL 与 Redis（DATABASE_URL、REDIS_URL）")
        users = list(get_user_model().objects.filter(username__startswith=f"{PREFIX}-shopper-")
                     .order_by("?")[: options["shoppers"]])
        if not users:
            raise CommandError("没有负载测试数据：先运行 manage.py generate_load_data")
        run = f"bench-feed-{time.time_ns()}"
        tokens = [user_token_create(user=user, name=run) for user in users]
        rng = random.Random(7)
        per_round = max(1, options["requests"] // options["rounds"])
        server = {"workers": options["workers"], "worker_class": options["worker_class"],
                  "threads": options["threads"] if options["worker_class"] == "gthread" else 1}
        pools_refresh()
        started_hour = time.strftime("%Y%m%d%H")
        try:
            with gunicorn(**server) as port:
                meter = _Meter(port, options["concurrency"])
                cold = _Rounds()
                cold.add(*meter.run([self.feed_request(token) for token in tokens]))
                warmup = _Rounds()
                warmup_requests = options["warmup"] if options["warmup"] is not None else 2 * options["workers"] * len(tokens)
                if warmup_requests:
                    warmup.add(*meter.run([self.feed_request(tokens[n % len(tokens)]) for n in range(warmup_requests)]))
                ping, warm = _Rounds(), _Rounds()
                for _ in range(options["rounds"]):
                    ping.add(*meter.run([PreparedRequest("GET", "/ping")] * per_round))
                    warm.add(*meter.run([self.feed_request(rng.choice(tokens)) for _ in range(per_round)]))
        finally:
            UserToken.objects.filter(name=run).delete()
        if time.strftime("%Y%m%d%H") != started_hour:
            self.stderr.write("注意：运行跨过了整点，整点后每位用户的首页会重新计算，温数据偏慢。")
        figures = {
            "shoppers": len(users),
            "concurrency": options["concurrency"],
            "gunicorn": server,
            "trivial_endpoint": ping.summary(),
            "feed_cold_first_request": cold.summary(),
            "feed_warmup_unmeasured": warmup.summary() if warmup.rounds else None,
            "feed_warm": warm.summary(),
            "warm_throughput_vs_trivial": round(warm.result.per_second / ping.result.per_second, 3),
            "warm_throughput_vs_trivial_per_round": [round(w.per_second / p.per_second, 3)
                                                     for p, w in zip(ping.rounds, warm.rounds, strict=True)],
            "goals": {"warm_p95_ms_below": 50, "throughput_ratio_at_least": 0.5},
        }
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))

    @staticmethod
    def feed_request(token: str) -> PreparedRequest:
        return PreparedRequest("GET", "/api/v1/feed/?limit=20", headers=(("Authorization", f"Token {token}"),))


class _Meter:
    """Runs a load and notes the CPU time the server and this process (the load generator) spent."""

    def __init__(self, port: int, concurrency: int) -> None:
        self.port, self.concurrency = port, concurrency

    def run(self, requests: list[PreparedRequest]) -> tuple[LoadResult, dict[str, float]]:
        server, own = server_cpu_seconds(self.port), _own_cpu_seconds()
        result = run_load("127.0.0.1", self.port, requests, concurrency=self.concurrency)
        server, own = server_cpu_seconds(self.port) - server, _own_cpu_seconds() - own
        return result, {"server": server / len(requests) * 1000, "load_generator": own / len(requests) * 1000}


class _Rounds:
    """Rounds of one kind of request, summed up as one load."""

    def __init__(self) -> None:
        self.rounds: list[LoadResult] = []
        self.cpu: list[dict[str, float]] = []
        self.result = LoadResult()

    def add(self, part: LoadResult, cpu_ms_per_request: dict[str, float]) -> None:
        self.rounds.append(part)
        self.cpu.append(cpu_ms_per_request)
        self.result.requests += part.requests
        self.result.seconds += part.seconds
        self.result.statuses.update(part.statuses)
        self.result.latencies_ms += part.latencies_ms
        self.result.connections += part.connections

    def summary(self) -> dict:
        return {**self.result.summary(), "connections": self.result.connections,
                "requests_per_second_per_round": [round(r.per_second, 1) for r in self.rounds],
                "cpu_ms_per_request": {key: round(statistics.fmean(c[key] for c in self.cpu), 3) for key in self.cpu[0]}}


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

