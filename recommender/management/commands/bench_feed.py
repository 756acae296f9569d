"""Load benchmark of the personal feed: gunicorn + PostgreSQL + Redis, a load generator on
127.0.0.1, on data from generate_load_data. Prints requests per second and p50 / p95 / p99
latency for the trivial endpoint (/ping) and the personal feed in the same run:

- cold: each shopper's first request, when their feed is computed (candidates, ranking, …);
- warm: repeated requests served from the cached feed (how a scrolling, returning shopper is
  served), the figure the goal is about: p95 under 50 ms at 16 clients and at least half the
  trivial endpoint's throughput."""

import json
import random
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from guide.benchserver import gunicorn
from guide.loadgen import PreparedRequest, run_load
from guide.models import UserToken
from guide.services import user_token_create
from recommender.management.commands.generate_load_data import PREFIX


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--shoppers", type=int, default=400, help="distinct shoppers requesting feeds")
        parser.add_argument("--requests", type=int, default=6000, help="warm requests")
        parser.add_argument("--concurrency", type=int, default=16)
        parser.add_argument("--workers", type=int, default=4)

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
        first_pages = [self.feed_request(token) for token in tokens]
        warm = [self.feed_request(rng.choice(tokens)) for _ in range(options["requests"])]
        try:
            with gunicorn(workers=options["workers"]) as port:
                ping = run_load("127.0.0.1", port, [PreparedRequest("GET", "/ping")] * options["requests"],
                                concurrency=options["concurrency"])
                cold = run_load("127.0.0.1", port, first_pages, concurrency=options["concurrency"])
                hot = run_load("127.0.0.1", port, warm, concurrency=options["concurrency"])
        finally:
            UserToken.objects.filter(name=run).delete()
        figures = {
            "shoppers": len(users),
            "concurrency": options["concurrency"],
            "gunicorn_workers": options["workers"],
            "trivial_endpoint": ping.summary(),
            "feed_cold_first_request": cold.summary(),
            "feed_warm": hot.summary(),
            "warm_throughput_vs_trivial": round(hot.per_second / ping.per_second, 3),
            "goals": {"warm_p95_ms_below": 50, "throughput_ratio_at_least": 0.5},
        }
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))

    @staticmethod
    def feed_request(token: str) -> PreparedRequest:
        return PreparedRequest("GET", "/api/v1/feed/?limit=20", headers=(("Authorization", f"Token {token}"),))
