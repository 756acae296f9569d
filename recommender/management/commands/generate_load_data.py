"""Generate load-test data: items (scored and tagged), shoppers and their behaviour, then the
derived state feeds read (profiles, the item-neighbour model, lists).

Shoppers have tastes: each prefers two or three interest circles and mostly engages with them,
so the profiles and the co-occurrence model have structure to find. Items are written straight
as rows (scores and tags drawn to look plausible): this is data for measuring serving, not for
measuring the scoring pipeline (bench_scoring does that)."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from content.models import Item, ItemScore, Source
from content.scoring.dimensions import DIMENSION_KEYS
from guide.commands import DatabaseCommand
from guide.db import insert_rows
from interests.models import Event, Interest, ItemInterest, ShopperProfile
from interests.profiles import profile_update
from recommender.lists import lists_refresh
from recommender.neighbors import neighbors_recompute
from recommender.pools import pools_refresh

PREFIX = "load"
EVENT_MIX = ["impression"] * 10 + ["click"] * 5 + ["dwell"] * 3 + ["favorite", "vote_worth", "share", "click_out"]


class Command(DatabaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=100_000, help="scored, tagged items to make (default 100,000)")
        parser.add_argument("--shoppers", type=int, default=10_000, help="shoppers with tastes (default 10,000)")
        parser.add_argument("--events", type=int, default=1_000_000, help="behaviour events (default 1,000,000)")
        parser.add_argument("--seed", type=int, default=7, help="seed of everything generated (default 7)")

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        circles = self.circles()
        by_circle = self.make_items(rng, options["items"], circles)
        users = self.make_shoppers(options["shoppers"])
        self.make_events(rng, users, by_circle, options["events"])
        self.analyze_tables()
        for user_id in tqdm(users, desc="profiles", unit="人"):
            profile_update(user_id=user_id)
        self.stdout.write(f"neighbours: {neighbors_recompute()} rows; lists: {lists_refresh()}; pools: {pools_refresh()}")

    @staticmethod
    def analyze_tables() -> None:
        """Fresh planner statistics: autovacuum lags a bulk load, and plans made for empty tables
        would make every following step (and the benchmark) slow."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def circles(self) -> list[tuple[int, int]]:
        """(child id, top-level id) pairs to tag items with."""
        return list(Interest.objects.filter(parent__isnull=False, is_active=True).values_list("pk", "parent_id"))

    def make_items(self, rng: random.Random, count: int, circles: list[tuple[int, int]]) -> dict[int, list[int]]:
        source, _ = Source.objects.get_or_create(name=f"{PREFIX}-generated", defaults={"adapter": "push", "platform": "smzdm"})
        now, start = timezone.now(), Item.objects.filter(source=source).count()
        weights = [1 / (rank + 1) ** 0.7 for rank in range(len(circles))]  # some circles are much bigger
        by_circle: dict[int, list[int]] = {child: [] for child, _ in circles}
        for offset in tqdm(range(start, start + count, 2000), desc="items", unit="批"):
            batch = [
                Item(source=source, external_id=f"{PREFIX}-{n}", title=f"生成的内容 {n}", body_text="用于负载测试的内容。",
                     url=f"https://load.example.com/{n}", canonical_url=f"https://load.example.com/{n}",
                     canonical_url_hash=f"{PREFIX}-{n}", status="approved",
                     published_at=now - timedelta(hours=rng.uniform(0, 24 * 50)), images=[f"https://img.example.com/{n}.jpg"])
                for n in range(offset, min(offset + 2000, start + count))
            ]
            with transaction.atomic():
                Item.objects.bulk_create(batch)
                self.score_and_tag(rng, batch, circles, weights, by_circle, now)
        return by_circle

    def score_and_tag(self, rng, items, circles, weights, by_circle, now) -> None:
        ItemScore.objects.bulk_create(
            ItemScore(item=item, worth_score=round(rng.betavariate(5, 3) * 100, 1), scorer_version="load",
                      profile_version=1, scored_at=now, gate="approve",
                      **{key: round(rng.uniform(20, 95), 1) for key in DIMENSION_KEYS})
            for item in items
        )
        tags: list = []
        for item in items:
            child, top = rng.choices(circles, weights)[0]
            by_circle[child].append(item.pk)
            tags += [(item.pk, child, round(rng.uniform(0.5, 1.0), 3), "lexicon", []),
                     (item.pk, top, round(rng.uniform(0.6, 1.0), 3), "lexicon", [])]
        insert_rows(ItemInterest, ("item_id", "interest_id", "weight", "origin", "matched"), tags)

    def make_shoppers(self, count: int) -> list[int]:
        users = get_user_model()
        unusable = make_password(None)
        users.objects.bulk_create(
            [users(username=f"{PREFIX}-shopper-{n}", password=unusable) for n in range(count)], ignore_conflicts=True
        )
        ids = list(users.objects.filter(username__startswith=f"{PREFIX}-shopper-").values_list("pk", flat=True)[:count])
        ShopperProfile.objects.bulk_create([ShopperProfile(user_id=pk) for pk in ids], ignore_conflicts=True)
        return ids

    def make_events(self, rng: random.Random, users: list[int], by_circle: dict[int, list[int]], count: int) -> None:
        populated = [child for child, ids in by_circle.items() if ids]
        tastes = {user: rng.sample(populated, k=min(3, len(populated))) for user in users}
        now, per_user = timezone.now(), max(1, count // len(users))
        for first in tqdm(range(0, len(users), 200), desc="events", unit="批"):
            rows: list = []
            for user in users[first : first + 200]:
                for _ in range(per_user):
                    circle = rng.choice(tastes[user]) if rng.random() < 0.85 else rng.choice(populated)
                    kind = rng.choice(EVENT_MIX)
                    rows.append((user, "", kind, rng.choice(by_circle[circle]), now - timedelta(hours=rng.uniform(0, 24 * 29)),
                                 now, rng.randint(2_000, 90_000) if kind == "dwell" else None, "", {}))
            insert_rows(Event, ("user_id", "anonymous_id", "type", "item_id", "ts", "received_at", "dwell_ms", "query",
                                "context"), rows)
