"""End to end under load: N realistic items pushed through the HTTP API (a real gunicorn, batches
of 500, 4 concurrent clients) into PostgreSQL and scored by Celery worker processes on Redis,
timed until the last item is scored. Prints JSON: items/s for ingest, for scoring and end to
end, batch latencies, the CPU seconds of the server and of the workers, the machine's load; then
batches sent one at a time to a fresh single-worker gunicorn (the first one it serves and the
ones after). Needs PostgreSQL (DATABASE_URL), Redis (REDIS_URL) and the real review texts
(--reviews, by default ../shared/data/shopping_reviews/shopping_reviews.jsonl). The rows it
writes are deleted afterwards unless --keep.
"""

import json
import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from content.models import Item
from content.services import source_create
from guide.commands import DatabaseCommand
from tooling.benchmarks.pipeline import measure_first_batches, measure_pipeline, read_reviews, realistic_items
from tooling.sizes import check_sizes

DEFAULT_REVIEWS = settings.BASE_DIR.parent / "shared" / "data" / "shopping_reviews" / "shopping_reviews.jsonl"
MAX_ITEMS = 1_000_000
PROBE_BATCHES = 4  # batches sent one at a time to a fresh worker after the run


class Command(DatabaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=100_000, help=f"items to push (1 to {MAX_ITEMS:,}; default 100,000)")
        parser.add_argument("--batch", type=int, default=500, help="items per push request (default 500, the API's limit)")
        parser.add_argument("--clients", type=int, default=4, help="concurrent pushing clients (default 4)")
        parser.add_argument("--web-workers", type=int, default=2, help="gunicorn worker processes (default 2)")
        parser.add_argument("--scoring-processes", type=int, default=2,
                            help="Celery worker pool processes that score (default 2)")
        parser.add_argument("--reviews", type=Path, default=DEFAULT_REVIEWS,
                            help="shopping_reviews.jsonl, the real texts the items are made of")
        parser.add_argument("--seed", type=int, default=7, help="seed of the generated items (default 7)")
        parser.add_argument("--keep", action="store_true", help="keep the benchmark's items")

    def handle(self, *args, **options):
        check_sizes(options, {"items": (1, MAX_ITEMS), "batch": (1, settings.INGEST_MAX_ITEMS), "clients": (1, 64),
                              "web_workers": (1, 32), "scoring_processes": (1, 32)})
        if not options["reviews"].is_file():
            raise CommandError(f"找不到评论语料 {options['reviews']}：用 --reviews 指定 shopping_reviews.jsonl"
                               "（团队共享目录 ../shared/data/ 中）")
        if connection.vendor != "postgresql" or not settings.REDIS_URL:
            raise CommandError("bench_pipeline 需要 PostgreSQL（DATABASE_URL）和 Redis（REDIS_URL）："
                               "服务器与评分进程要连同一个数据库和消息队列")
        reviews = read_reviews(options["reviews"])
        if not reviews:
            raise CommandError(f"{options['reviews']} 中没有评论文本")
        stamp = timezone.now().strftime("%Y%m%d%H%M%S")
        items = realistic_items(count=options["items"], reviews=reviews, seed=options["seed"], prefix=f"p{stamp}")
        probe = realistic_items(count=PROBE_BATCHES * options["batch"], reviews=reviews, seed=options["seed"] + 1,
                                prefix=f"q{stamp}")
        source, key = source_create(name=f"bench-pipeline-{stamp}", platform="other")
        probe_source, probe_key = source_create(name=f"bench-pipeline-probe-{stamp}", platform="other")
        figures = {"database": connection.vendor, "load_average_before": os.getloadavg()}
        try:
            with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as logs:
                figures["pipeline"] = measure_pipeline(
                    source=source, key=key, items=items, batch=options["batch"], clients=options["clients"],
                    web_workers=options["web_workers"], scoring_processes=options["scoring_processes"],
                    log_path=Path(logs) / "worker.log")
            figures["load_average_after"] = os.getloadavg()
            time.sleep(1)
            figures["one_batch_at_a_time"] = measure_first_batches(key=probe_key, items=probe, batch=options["batch"])
        finally:
            if not options["keep"]:
                for one in (source, probe_source):
                    Item.objects.filter(source=one).delete()
                    one.delete()
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2, default=str))
