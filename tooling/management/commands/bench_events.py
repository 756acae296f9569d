"""Load benchmark of the events endpoint: gunicorn + PostgreSQL, a load generator on 127.0.0.1.

Sends N events in batches through POST /api/v1/events/ from many signed-in shoppers (so the
per-shopper throttle is not what is measured), then counts the stored rows: accepted and stored
must equal sent. A trivial endpoint (/ping) is loaded in the same run as the baseline."""

import json
import random
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import connection

from content.models import Item, Source
from guide.commands import DatabaseCommand
from guide.services import user_token_create
from interests.models import Event
from tooling.benchserver import gunicorn
from tooling.loadgen import PreparedRequest, run_load
from tooling.sizes import check_sizes

TYPES = ["impression"] * 12 + ["click"] * 4 + ["dwell"] * 2 + ["favorite", "share", "search"]


class Command(DatabaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=200_000, help="events to send in all (default 200,000)")
        parser.add_argument("--batch", type=int, default=100, help="events per request (default 100)")
        parser.add_argument("--concurrency", type=int, default=16, help="client connections")
        parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
        parser.add_argument("--shoppers", type=int, default=64, help="shopper accounts the events are spread over (default 64)")
        parser.add_argument("--keep", action="store_true", help="keep the benchmark's events and accounts")

    def handle(self, *args, **options):
        check_sizes(options, {"events": (1, 10_000_000), "batch": (1, 1000), "concurrency": (1, 256),
                              "workers": (1, 32), "shoppers": (1, 100_000)})
        if connection.vendor != "postgresql":
            raise CommandError("bench_events 需要 PostgreSQL（DATABASE_URL）：SQLite 不适合多进程并发写入")
        run = f"bench-{time.time_ns()}"
        tokens, users = self.shoppers(run, options["shoppers"])
        items = self.items(run)
        requests = self.event_requests(run, tokens, items, options["events"], options["batch"])
        sent = sum(len(json.loads(r.body)["events"]) for r in requests)
        try:
            with gunicorn(workers=options["workers"]) as port:
                baseline = run_load("127.0.0.1", port, [PreparedRequest("GET", "/ping")] * len(requests) * 2,
                                    concurrency=options["concurrency"])
                load = run_load("127.0.0.1", port, requests, concurrency=options["concurrency"])
            stored = Event.objects.filter(context__source=run).count()
        finally:
            if not options["keep"]:
                Event.objects.filter(context__source=run).delete()
                get_user_model().objects.filter(pk__in=[u.pk for u in users]).delete()
        accepted_requests = load.statuses.get(202, 0)
        figures = {
            "events_sent": sent,
            "events_stored": stored,
            "lost": sent - stored,
            "batch": options["batch"],
            "events_per_second": round(stored / load.seconds, 1),
            "events": load.summary() | {"accepted_requests": accepted_requests},
            "trivial_endpoint": baseline.summary(),
            "events_requests_per_second_vs_trivial": round(load.per_second / baseline.per_second, 3),
        }
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))

    def shoppers(self, run: str, count: int):
        users = [get_user_model().objects.create_user(username=f"{run}-{n}") for n in range(count)]
        return [user_token_create(user=user, name=run) for user in users], users

    def items(self, run: str) -> list[int]:
        ids = list(Item.objects.order_by("-pk").values_list("pk", flat=True)[:2000])
        if ids:
            return ids
        source = Source.objects.create(name=run, adapter="push")
        Item.objects.bulk_create(
            Item(source=source, external_id=str(n), title=f"基准测试内容 {n}", url=f"https://bench.example.com/{run}/{n}",
                 canonical_url=f"https://bench.example.com/{run}/{n}", canonical_url_hash=f"{run}-{n}"[:40])
            for n in range(500)
        )
        return list(Item.objects.filter(source=source).values_list("pk", flat=True))

    def event_requests(self, run: str, tokens: list[str], items: list[int], total: int, batch: int) -> list[PreparedRequest]:
        rng = random.Random(7)
        requests = []
        for start in range(0, total, batch):
            events = []
            for _ in range(min(batch, total - start)):
                kind = rng.choice(TYPES)
                event: dict[str, Any] = {"type": kind, "context": {"source": run, "position": rng.randint(0, 50)}}
                if kind == "search":
                    event["query"] = rng.choice(["露营帐篷", "降噪耳机", "盲盒隐藏款", "猫粮推荐", "演唱会门票"])
                else:
                    event["item"] = rng.choice(items)
                if kind == "dwell":
                    event["dwell_ms"] = rng.randint(500, 120_000)
                events.append(event)
            token = tokens[(start // batch) % len(tokens)]
            requests.append(PreparedRequest("POST", "/api/v1/events/", json.dumps({"events": events}).encode(),
                                            (("Content-Type", "application/json"), ("Authorization", f"Token {token}"))))
        return requests
