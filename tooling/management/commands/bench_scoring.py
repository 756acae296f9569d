"""Benchmark the scoring engine; prints JSON.

On the same corpus, in the same run and process: raw `jieba.lcut` throughput (the baseline), our
tokenizer alone (jieba's dictionary and algorithm, identical tokens; see content.scoring.segment),
and full scoring throughput (text analysis, shared features, both learned models,
interest and scenario tagging, all twelve dimensions), and their ratio. With --e2e N (needs
REDIS_URL and a database the workers can reach): N items pushed through the ingest path and
scored by real Celery worker processes, items per second from push to scored.
"""

import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.pipeline.normalize import normalize_line, normalize_text
from content.scoring.analysis import tokenize, tokenizer
from content.scoring.engine import score_batch
from content.scoring.facts import ItemFacts
from tooling.sizes import check_sizes

CHUNK = 1000


def read_corpus(path: Path, limit: int) -> list[tuple[str, str]]:
    """(title, body) pairs from JSON Lines: review rows ({"text"}) or items ({"title", "body"})."""
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if "text" in row:
                texts.append(("", row["text"].lstrip("\ufeff")))
            else:
                texts.append((row.get("title", ""), row.get("body", "")))
            if len(texts) >= limit:
                break
    return texts


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, help="JSON Lines of reviews or items")
        parser.add_argument("--limit", type=int, default=20_000, help="texts to use")
        parser.add_argument("--batch", type=int, default=100, help="items per scoring batch (as score_items)")
        parser.add_argument("--e2e", type=int, default=0, help="also push N items and time real workers")
        parser.add_argument("--workers", type=int, default=2, help="worker processes for --e2e")

    def handle(self, *args, **options):
        check_sizes(options, {"limit": (1, 1_000_000), "batch": (1, 10_000), "e2e": (0, 1_000_000), "workers": (1, 32)})
        path = Path(options["corpus"])
        if not path.is_file():
            raise CommandError(f"找不到 {path}")
        texts = read_corpus(path, options["limit"])
        figures = {"texts": len(texts), "mean_chars": round(sum(len(t) + len(b) for t, b in texts) / len(texts), 1)}
        figures.update(self.bench_in_process(texts, options["batch"]))
        if options["e2e"]:
            figures["end_to_end"] = self.bench_end_to_end(texts, options["e2e"], options["workers"])
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))

    def bench_in_process(self, texts: list[tuple[str, str]], batch: int) -> dict:
        """Raw and full alternate chunk by chunk, so both see the same state of a shared machine."""
        texts = [(normalize_line(title), normalize_text(body)) for title, body in texts]  # as ingest stores them
        facts = [ItemFacts(kind="review", platform="other", source_trust=50, now=datetime.now(UTC))] * len(texts)
        lcut = tokenizer().lcut  # jieba's default lcut (HMM on), with our dictionary loaded
        score_batch(texts[:batch], facts[:batch])  # warm up: models and dictionaries loaded once
        # Wall clock, and this process's CPU time: on a machine shared by other jobs the second
        # moves much less with the load (wall-clock ratios of one build spread 0.65-0.81 at load 14-20).
        wall = {"raw": 0.0, "ours": 0.0, "full": 0.0}
        cpu = dict(wall)

        def timed(part: str, run, *args) -> None:
            started, started_cpu = time.perf_counter(), time.process_time()
            run(*args)
            wall[part] += time.perf_counter() - started
            cpu[part] += time.process_time() - started_cpu

        def raw(rows: list) -> None:
            for title, body in rows:
                lcut(f"{title}\n{body}")

        def ours(rows: list) -> None:
            for title, body in rows:
                tokenize(f"{title}\n{body}")

        def full(rows: list, row_facts: list) -> None:
            for start in range(0, len(rows), batch):
                score_batch(rows[start : start + batch], row_facts[start : start + batch])

        for chunk in range(0, len(texts), CHUNK):
            rows, row_facts = texts[chunk : chunk + CHUNK], facts[chunk : chunk + CHUNK]
            timed("raw", raw, rows)
            timed("ours", ours, rows)
            timed("full", full, rows, row_facts)
        return {
            "raw_jieba_lcut_items_per_second": round(len(texts) / wall["raw"], 1),
            "our_tokenizer_items_per_second": round(len(texts) / wall["ours"], 1),
            "full_scoring_items_per_second": round(len(texts) / wall["full"], 1),
            "ratio_full_to_raw": round(wall["raw"] / wall["full"], 3),
            "ratio_full_to_raw_cpu_time": round(cpu["raw"] / cpu["full"], 3),
            "goal_ratio": 0.75,  # issue 20
        }

    def bench_end_to_end(self, texts: list[tuple[str, str]], count: int, workers: int) -> dict:
        if not settings.REDIS_URL or settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            raise CommandError("--e2e 需要 REDIS_URL 和 PostgreSQL（工作进程要连同一个数据库）")
        from content.ingest import items_ingest
        from content.models import Item, ItemScore, Source

        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "guide", "worker", "-Q", "scoring,default", "--concurrency",
             str(workers), "-l", "warning", "--without-gossip", "--without-mingle"],
            cwd=settings.BASE_DIR,
        )
        source = Source.objects.create(name=f"bench-e2e-{time.time_ns()}", adapter="push")
        try:
            time.sleep(8)  # the workers load jieba and the models before the clock starts
            raw = [{"external_id": f"e2e-{n}", "url": f"https://bench.example.com/e2e/{source.pk}/{n}",
                    "title": title or body[:20] or "无标题", "body": body} for n, (title, body) in enumerate(texts[:count])]
            started = time.perf_counter()
            for start in range(0, len(raw), 500):
                items_ingest(source=source, raw_items=raw[start : start + 500])
            pushed = time.perf_counter() - started
            while ItemScore.objects.filter(item__source=source).count() < Item.objects.filter(source=source).count():
                time.sleep(0.2)
            total = time.perf_counter() - started
        finally:
            worker.terminate()
            worker.wait(timeout=30)
            Item.objects.filter(source=source).delete()
            source.delete()
        return {"items": len(raw), "workers": workers, "push_seconds": round(pushed, 2),
                "push_to_scored_items_per_second": round(len(raw) / total, 1)}
