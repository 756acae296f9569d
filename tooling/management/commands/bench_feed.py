"""Load benchmark of the personal feed: gunicorn + PostgreSQL + Redis, a load generator on
127.0.0.1, on data from generate_load_data. Prints requests per second and p50 / p95 / p99
latency for the trivial endpoint (/ping) and the personal feed in the same run:

- cold: the first request of half the shoppers, when their feed is computed (candidates,
  ranking, …), as for a shopper the background did not expect;
- returning: the other half act (a click each, recorded through the events service), their
  profile is updated and their feed precomputed as the Celery worker does it (here in this
  process, timed apart: recommender.feed_precompute), then they come back: their first
  request, at the same concurrency, should be served warm (issue 20, item 4);
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

from content.models import Item
from guide.celery import app
from guide.commands import DatabaseCommand
from guide.models import UserToken
from guide.services import user_token_create
from interests.events import events_record
from recommender.feed import first_page_kept
from recommender.feed_precompute import FIRST_PAGE_LIMIT
from recommender.management.commands.generate_load_data import PREFIX
from recommender.pools import pools_refresh
from tooling.benchserver import gunicorn, server_cpu_seconds
from tooling.loadgen import LoadResult, PreparedRequest, run_load
from tooling.sizes import check_sizes


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
        check_sizes(options, {"shoppers": (1, 100_000), "requests": (1, 1_000_000), "rounds": (1, 100),
                              "warmup": (0, 1_000_000), "concurrency": (1, 256), "workers": (1, 32), "threads": (1, 64)})
        if options["requests"] < options["rounds"]:
            raise CommandError("--requests 不能少于 --rounds（每轮至少一个请求）")
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
        half = len(users) // 2
        try:
            with gunicorn(**server) as port:
                meter = _Meter(port, options["concurrency"])
                cold = _Rounds()
                cold.add(*meter.run([self.feed_request(token) for token in tokens[half:]]))
                background = self.act_and_precompute(users[:half])
                returning = _Rounds()
                if half:
                    returning.add(*meter.run([self.feed_request(token) for token in tokens[:half]]))
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
            "background_precompute": background,
            "feed_returning_first_request": returning.summary() if returning.rounds else None,
            "feed_warmup_unmeasured": warmup.summary() if warmup.rounds else None,
            "feed_warm": warm.summary(),
            "warm_throughput_vs_trivial": round(warm.result.per_second / ping.result.per_second, 3),
            "warm_throughput_vs_trivial_per_round": [round(w.per_second / p.per_second, 3)
                                                     for p, w in zip(ping.rounds, warm.rounds, strict=True)],
            "goals": {"warm_p95_ms_below": 50, "throughput_ratio_at_least": 0.5,
                      "returning_first_request": "served warm", "cold_p95_ms_below": 200},
        }
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))

    @staticmethod
    def act_and_precompute(users: list) -> dict:
        """Each shopper clicks an item; the worker's part (profile update, then the feed
        precompute it announces) runs in this process, as tasks do without a broker. Says how
        many first pages were then kept, and the background's time per shopper."""
        items = list(Item.objects.filter(status="approved").order_by("-published_at").values_list("pk", flat=True)[:500])
        rng = random.Random(11)
        app.conf.task_always_eager = True
        started = time.perf_counter()
        try:
            for user in users:
                events_record(user=user, anonymous_id="", raw_events=[{"type": "click", "item": rng.choice(items)}])
        finally:
            app.conf.task_always_eager = False
        seconds = time.perf_counter() - started
        kept = sum(first_page_kept(user.pk, limit=FIRST_PAGE_LIMIT) for user in users)
        return {"shoppers": len(users), "first_pages_kept_before_they_return": kept,
                "ms_per_shopper_events_profile_and_precompute": round(seconds / max(1, len(users)) * 1000, 1)}

    @staticmethod
    def feed_request(token: str) -> PreparedRequest:
        return PreparedRequest("GET", f"/api/v1/feed/?limit={FIRST_PAGE_LIMIT}", headers=(("Authorization", f"Token {token}"),))


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

