"""Benchmark of the campaign statistics endpoint on a year of roll-ups.

Fills a year of daily aggregates for 50 campaigns of one brand (`bench-brand`; each day of each
campaign: --interests circles × --items items, and the distinct-shopper rows the roll-up keeps),
then times `GET /api/v1/brand/campaigns/{id}/stats/` for a 90-day range with a breakdown (and,
separately, with the comparison to the previous period too), through Django's test client in this
process (routing, key check, throttle, queries, JSON; no network), next to `/ping` in the same
run, alternating, so both see the same machine. Goal: p95 under 100 ms. The brand and its rows
are removed at the end unless --keep (a later run with --keep data reuses them)."""

import random
import time
import warnings
from datetime import timedelta

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.models import Item
from guide.commands import DatabaseCommand
from interests.models import Interest
from recommender.brand_auth import BrandKeyThrottle
from recommender.brands import brand_create, brand_key_create
from recommender.models import Brand, Campaign, CampaignReach, CampaignStat
from tooling.loadgen import LoadResult

SLUG = "bench-brand"
GOAL_MS = 100.0
DAYS = 366
RANGE_DAYS = 90


class Command(DatabaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--campaigns", type=int, default=50, help="campaigns whose year of roll-ups is filled (default 50)")
        parser.add_argument("--interests", type=int, default=5, help="circles per campaign and day")
        parser.add_argument("--items", type=int, default=4, help="items per campaign and day")
        parser.add_argument("--repeat", type=int, default=300, help="timed requests per endpoint")
        parser.add_argument("--breakdown", choices=["interest", "item", "platform"], default="interest",
                            help="the breakdown the timed stats requests ask for (default interest)")
        parser.add_argument("--keep", action="store_true", help="keep the benchmark brand and its rows")

    def handle(self, *args, **options):
        if min(options["campaigns"], options["interests"], options["items"], options["repeat"]) < 1:
            raise CommandError("--campaigns、--interests、--items、--repeat 都至少为 1")
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        brand = Brand.objects.filter(slug=SLUG).first()
        if brand is None:
            started = time.perf_counter()
            brand, rows = fill(campaigns=options["campaigns"], interests=options["interests"], items=options["items"])
            self.stdout.write(f"filled {rows:,} roll-up rows in {time.perf_counter() - started:.1f} s")
        else:
            self.stdout.write("reusing the roll-ups of an earlier --keep run")
        try:
            self.measure(brand, options)
        finally:
            if not options["keep"]:
                Brand.objects.filter(pk=brand.pk).delete()

    def measure(self, brand: Brand, options: dict) -> None:
        BrandKeyThrottle.rate = "1000000/min"  # the throttle still runs; it just never says no
        _, raw = brand_key_create(brand=brand, name="benchmark")
        client = Client(HTTP_HOST=host(), HTTP_AUTHORIZATION=f"Token {raw}")
        campaigns = list(Campaign.objects.filter(brand=brand).values_list("pk", flat=True))
        end = timezone.localdate()
        start = end - timedelta(days=RANGE_DAYS - 1)
        query = f"start={start}&end={end}&breakdown={options['breakdown']}"
        def stats(n: int) -> str:
            return f"/api/v1/brand/campaigns/{campaigns[n % len(campaigns)]}/stats/?{query}"

        endpoints = {
            "/ping (baseline)": lambda n: "/ping",
            f"stats, 90 days, breakdown={options['breakdown']}": stats,
            "  … and compare=previous_period": lambda n: f"{stats(n)}&compare=previous_period",
        }
        first = {label: client.get(path(0)) for label, path in endpoints.items()}  # warm: connection, caches
        for label, response in first.items():
            if response.status_code != 200:
                raise CommandError(f"{label}: HTTP {response.status_code} {response.content[:200]!r}")
        timings = {label: LoadResult() for label in endpoints}
        for n in range(options["repeat"]):  # alternating, so that every endpoint sees the same machine
            for label, path in endpoints.items():
                started = time.perf_counter()
                client.get(path(n))
                timings[label].latencies_ms.append((time.perf_counter() - started) * 1000)
        queries = {}
        for label, path in endpoints.items():
            with CaptureQueriesContext(connection) as captured:
                client.get(path(1))
            queries[label] = len(captured)
        rows = CampaignStat.objects.filter(campaign__brand=brand).count()
        cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        self.stdout.write(f"{len(campaigns)} campaigns, {rows:,} daily cells ({connection.vendor}, cache "
                          f"{cache_backend}, DEBUG {'on' if settings.DEBUG else 'off'}); "
                          f"{options['repeat']} requests each, Django test client in this process")
        self.stdout.write(f"{'endpoint':<44} {'median ms':>10} {'p95 ms':>8} {'p99 ms':>8} {'queries':>8}")
        for label, result in timings.items():
            self.stdout.write(f"{label:<44} {result.percentile(50):>10.1f} {result.percentile(95):>8.1f} "
                              f"{result.percentile(99):>8.1f} {queries[label]:>8}")
        worst = max(timings[label].percentile(95) for label in list(endpoints)[1:])
        self.stdout.write(f"goal (stats p95 under {GOAL_MS:.0f} ms): {'met' if worst < GOAL_MS else 'MISSED'} ({worst:.1f} ms)")


def host() -> str:
    return next((h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")), "127.0.0.1")


@transaction.atomic
def fill(*, campaigns: int, interests: int, items: int) -> tuple[Brand, int]:
    """The benchmark brand with a year of roll-ups for each campaign (seeded, reproducible)."""
    rng = random.Random(2026)
    brand = brand_create(name="基准测试品牌", slug=SLUG)
    today = timezone.localdate()
    circles = list(Interest.objects.filter(parent__isnull=True).values_list("slug", flat=True)[:interests])
    circles += [f"circle-{n}" for n in range(interests - len(circles))]
    known = list(Item.objects.values_list("pk", "source__platform")[:items])
    things = known + [(10_000_000 + n, "other") for n in range(items - len(known))]  # statistics outlive items
    total = 0
    for c in range(campaigns):
        campaign = Campaign.objects.create(brand=brand, name=f"基准活动 {c + 1}", starts_on=today - timedelta(days=DAYS - 1),
                                           ends_on=today, daily_impression_cap=100_000, frequency_cap=3)
        cells, reach = [], []
        for back in range(DAYS):
            day = today - timedelta(days=back)
            for circle in circles:
                for item, platform in things:
                    served = rng.randrange(20, 400)
                    impressions = int(served * rng.uniform(0.6, 0.9))
                    clicks = int(impressions * rng.uniform(0.01, 0.06))
                    cells.append(CampaignStat(campaign=campaign, day=day, interest=circle, item_id=item, platform=platform,
                                              served=served, impressions=impressions, clicks=clicks,
                                              click_outs=int(clicks * 0.4), engagements=int(clicks * 0.2)))
            reach += [CampaignReach(campaign=campaign, day=day, dimension=dimension, key=key, shoppers=rng.randrange(50, 2000))
                      for dimension, keys in (("total", [""]), ("interest", circles), ("platform", {p for _, p in things}))
                      for key in keys]
        CampaignStat.objects.bulk_create(cells, batch_size=2000)
        CampaignReach.objects.bulk_create(reach, batch_size=2000)
        total += len(cells) + len(reach)
    return brand, total
