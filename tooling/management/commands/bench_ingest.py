"""Benchmark the ingest path and near-duplicate detection; prints JSON figures.

1. Bulk ingest: N generated items through the full store path (validate, normalise, sanitise,
   fingerprint, dedup lookup, upsert, LSH bands) in batches of 500, against a baseline measured
   in the same run: the same rows written with a bare bulk_create (no pipeline at all).
   Scoring is queued as in production when REDIS_URL is set; without it, it runs inside the timed
   loop (the output says which).
2. Near-duplicate lookup against an in-memory LSH index of M items vs a brute-force scan.
3. Recall and false-merge rate on real reviews with generated edits (needs --reviews).
"""

import json
import random
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from content.ingest import items_ingest
from content.models import Item, Source
from guide.commands import DatabaseCommand
from tooling.benchmarks.dedup import measure_dedup_quality, measure_index_lookup
from tooling.sizes import check_sizes

BATCH = 500
def vocabulary() -> list[str]:
    """Common Chinese words from jieba's dictionary: generated posts share everyday words, as
    real ones do, without being copies of each other."""
    import jieba

    jieba.initialize()
    words = [w for w, freq in jieba.dt.FREQ.items() if freq >= 50 and 2 <= len(w) <= 4 and w.isalpha()]
    return sorted(words)


def generated_item(rng: random.Random, n: int, words: list[str]) -> dict:
    """A 40–90 character review-like post with a price, an author (5,000 of them) and metrics."""
    sentences = ["".join(rng.choices(words, k=rng.randint(4, 8))) for _ in range(rng.randint(2, 4))]
    author = n % 5000
    return {
        "external_id": f"bench-{n}",
        "url": f"https://bench.example.com/items/{n}?utm_source=bench",
        "title": f"{sentences[0][:12]} 第{n}号测评",
        "body": "<p>" + "，".join(sentences) + f"。到手价{rng.randint(9, 9999)}元</p>",
        "price": f"到手价{rng.randint(9, 9999)}元",
        "published_at": "2026-11-20T10:00:00+08:00",
        "author": {"external_id": f"a{author}", "name": f"作者{author}", "followers": author * 37 % 100000},
        "metrics": {"likes": rng.randint(0, 5000)},
    }


class Command(DatabaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=100_000, help="items to bulk-ingest")
        parser.add_argument("--index-size", type=int, default=1_000_000, help="LSH index size for the lookup benchmark")
        parser.add_argument("--reviews", help="shopping_reviews.jsonl for recall / false merges")
        parser.add_argument("--sample", type=int, default=5000, help="reviews sampled for recall / false merges")
        parser.add_argument("--seed", type=int, default=7, help="seed of the generated items and edits (default 7)")
        parser.add_argument("--keep", action="store_true", help="keep the benchmark rows")

    def handle(self, *args, **options):
        check_sizes(options, {"items": (1, 10_000_000), "index_size": (0, 10_000_000), "sample": (1, 1_000_000)})
        if options["reviews"] and not Path(options["reviews"]).is_file():
            raise CommandError(f"找不到 {options['reviews']}")
        figures = {
            "database": connection.vendor,
            # Production queues scoring on the broker; without one it runs inside the timed loop.
            "scoring": "queued on the broker (REDIS_URL)" if settings.REDIS_URL else "in process, inside the timed loop",
            "baseline": "the same rows with a bare bulk_create, in this run",
        }
        if options["items"]:
            figures["ingest"] = self.bench_ingest(options["items"], options["seed"], options["keep"])
        if options["index_size"]:
            figures["lookup"] = measure_index_lookup(index_size=options["index_size"], seed=options["seed"])
        if options["reviews"]:
            figures["quality"] = measure_dedup_quality(options["reviews"], sample=options["sample"], seed=options["seed"])
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2, default=str))

    def bench_ingest(self, count: int, seed: int, keep: bool) -> dict:
        rng = random.Random(seed)
        stamp = timezone.now().strftime("%Y%m%d%H%M%S")
        source = Source.objects.create(name=f"bench-{stamp}", adapter="push")
        baseline_source = Source.objects.create(name=f"bench-raw-{stamp}", adapter="push")
        words = vocabulary()
        items = [generated_item(rng, n, words) for n in range(count)]
        try:
            started = time.perf_counter()
            for start in tqdm(range(0, count, BATCH), desc="ingest", unit="batch"):
                items_ingest(source=source, raw_items=items[start : start + BATCH])
            pipeline_seconds = time.perf_counter() - started
            baseline_seconds = self.bare_insert(baseline_source, items)
            stored = Item.objects.filter(source=source).count()
            again = time.perf_counter()
            for start in range(0, min(count, 10_000), BATCH):
                items_ingest(source=source, raw_items=items[start : start + BATCH])
            reimport_rate = min(count, 10_000) / (time.perf_counter() - again)
            # The same items with new like counts, as a partner re-pushes them: every row updated.
            bumped = [{**raw, "metrics": {"likes": raw["metrics"]["likes"] + 1}} for raw in items[: min(count, 10_000)]]
            again = time.perf_counter()
            for start in range(0, len(bumped), BATCH):
                items_ingest(source=source, raw_items=bumped[start : start + BATCH])
            changed_rate = len(bumped) / (time.perf_counter() - again)
        finally:
            if not keep:
                for s in (source, baseline_source):
                    Item.objects.filter(source=s).delete()
                    s.delete()
        return {
            "items": count,
            "stored": stored,
            "items_per_second": round(count / pipeline_seconds, 1),
            "bare_bulk_create_items_per_second": round(count / baseline_seconds, 1),
            "ratio_to_bare_insert": round(baseline_seconds / pipeline_seconds, 3),
            "unchanged_reimport_items_per_second": round(reimport_rate, 1),
            "changed_reimport_items_per_second": round(changed_rate, 1),
        }

    def bare_insert(self, source: Source, items: list[dict]) -> float:
        """The floor: the same rows with no validation, sanitising, dedup or bands."""
        started = time.perf_counter()
        for start in range(0, len(items), BATCH):
            with transaction.atomic():
                Item.objects.bulk_create(
                    Item(
                        source=source,
                        external_id=raw["external_id"],
                        title=raw["title"],
                        body_html=raw["body"],
                        body_text=raw["body"],
                        url=raw["url"],
                        canonical_url=raw["url"],
                        canonical_url_hash=f"raw-{raw['external_id']}",
                    )
                    for raw in items[start : start + BATCH]
                )
        return time.perf_counter() - started
