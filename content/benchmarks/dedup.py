"""Measurements behind the near-duplicate parameters in content.pipeline.dedup.

Plain functions returning dicts of figures (no Django, no database), e.g.

    python -c "from content.benchmarks.dedup import measure_dedup_quality as m; \
print(m('/work/shared/data/shopping_reviews/shopping_reviews.jsonl'))"

* measure_dedup_quality: recall per edit kind and false-merge rate on real reviews, going through
  exactly the production path (content_hash, band keys, LSH candidates, find_original).
* measure_index_lookup: lookups/s of MemoryLshIndex vs a numpy brute-force scan at 1M items.
* measure_signature_speed: our numpy MinHash vs datasketch.MinHash.
* compare_parameters: the alternatives that were rejected (shingle size, bands x rows,
  verification measure and threshold, minimum length, title or not), on the same data.
"""

import json
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from statistics import median

import numpy as np

from content.pipeline import dedup

# --- data ------------------------------------------------------------------------------------------


def load_reviews(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        reviews = [json.loads(line) for line in handle if line.strip()]
    for review in reviews:
        review["text"] = review["text"].lstrip("\ufeff")
    return reviews


def distinct_reviews(reviews: list[dict], normalise: Callable[[dict], str] | None = None) -> list[dict]:
    """One review per dedup text (the first): reviews that normalise to the same text are true
    duplicates ("很好，物流很快" / "很好，物流很快！！"), so "distinct" means a different dedup text."""
    normalise = normalise or (lambda review: dedup.dedup_text("", review["text"]))
    seen: dict[str, dict] = {}
    for review in reviews:
        text = normalise(review)
        if text and text not in seen:
            seen[text] = {**review, "dedup": text}
    return list(seen.values())


# --- seeded edits of the kinds seen on the network -------------------------------------------------

PREFIXES = [
    "转发：", "【好物分享】", "转载 ", "//@小红薯12345: ", "【转】", "分享一下：", "姐妹们看这个！",
    "强烈推荐给大家～", "好物推荐 | ", "#好物分享# ", "Repost: ", "真的绝了！", "说得太对了//@原博主: ",
]
DECORATIONS = ["😍", "👍🏻", "🔥🔥", "[赞R]", "✨", "[doge]", "❤️", "🉑"]
HASHTAGS = ["#露营[话题]#", "#好物分享#", " #开箱 ", "#平价好物[话题]# ", "#真实测评#"]
PUNCTUATION = list("，。！？、～…；：“”,.!?~ ") + ["！！！", "。。。", "~~", "  "]


def _word_positions(text: str) -> list[int]:
    return [i for i, char in enumerate(text) if char.isalnum()]


def _replace(text: str, rate: float, rng: random.Random, pool: str) -> str:
    # At least one character, so every copy really differs from its original.
    chars = list(text)
    positions = _word_positions(text)
    for i in rng.sample(positions, min(len(positions), max(1, round(rate * len(positions))))):
        chars[i] = rng.choice(pool)
    return "".join(chars)


def _delete(text: str, rate: float, rng: random.Random) -> str:
    positions = _word_positions(text)
    drop = set(rng.sample(positions, min(len(positions) - 1, max(1, round(rate * len(positions))))))
    return "".join(char for i, char in enumerate(text) if i not in drop)


def _decorate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        chars.insert(rng.randint(0, len(chars)), rng.choice(DECORATIONS))
    tag = rng.choice(HASHTAGS)
    return tag + "".join(chars) if rng.random() < 0.3 else "".join(chars) + " " + tag


def _repunctuate(text: str, rng: random.Random) -> str:
    out = []
    for char in text:
        if not char.isalnum():
            roll = rng.random()
            out.append("" if roll < 0.3 else rng.choice(PUNCTUATION) if roll < 0.8 else char)
        else:
            out.append(char)
            if rng.random() < 0.04:
                out.append(rng.choice(PUNCTUATION))
    return "".join(out) + rng.choice(["", "！！", "~", "。。。"])


def edit_kinds(pool: str) -> dict[str, Callable[[str, random.Random], str]]:
    return {
        "replace_2pct": lambda t, rng: _replace(t, 0.02, rng, pool),
        "delete_5pct_replace_5pct": lambda t, rng: _replace(_delete(t, 0.05, rng), 0.05, rng, pool),
        "repost_prefix": lambda t, rng: rng.choice(PREFIXES) + t,
        "emoji_hashtag": _decorate,
        "punctuation": _repunctuate,
        "prefix_emoji_replace_2pct": lambda t, rng: _decorate(rng.choice(PREFIXES) + _replace(t, 0.02, rng, pool), rng),
    }


def make_copies(originals: list[dict], sample: int, seed: int) -> list[tuple[str, int, str]]:
    """(edit kind, index into originals, edited raw text) for `sample` seeded originals x each kind."""
    rng = random.Random(seed)
    pool = "".join(c for review in originals[:20000] for c in review["text"] if c.isalnum())
    chosen = rng.sample(range(len(originals)), min(sample, len(originals)))
    return [
        (kind, i, edit(originals[i]["text"], rng))
        for kind, edit in edit_kinds(pool).items()
        for i in chosen
    ]


# --- the production path ---------------------------------------------------------------------------


class _Deduplicator:
    """What ingest does: exact match on content_hash, else LSH candidates verified on their text."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.by_hash: dict[str, int] = {}
        self.index = dedup.MemoryLshIndex()
        self.candidate_counts: list[int] = []
        for item_id, text in enumerate(texts):
            self.by_hash.setdefault(dedup.content_hash(text), item_id)
            self.index.add(item_id, dedup.index_keys(text))

    def original_of(self, text: str, exclude: int | None = None) -> tuple[int, float] | None:
        exact = self.by_hash.get(dedup.content_hash(text))
        if exact is not None and exact != exclude:
            return exact, 1.0
        keys = dedup.index_keys(text)
        candidates = self.index.candidates(keys) - {exclude}
        self.candidate_counts.append(len(candidates))
        return dedup.find_original(text, keys, {c: self.texts[c] for c in candidates})


def measure_dedup_quality(reviews_path: str, *, sample: int = 5000, seed: int = 7) -> dict:
    """Recall per edit kind and false-merge rate on real reviews.

    Every distinct review is indexed (50k), then
    * recall: `sample` seeded originals x each edit kind; a copy counts as found when the
      production path returns exactly its original (any length; short originals can then only
      be found when the edit normalises away);
    * false merges: every distinct review of at least MIN_LENGTH characters is looked up against
      all the others; it is a false merge when any OTHER distinct review is returned.
      Distinct = a different dedup text (NFKC, case, punctuation, emoji, hashtags... removed)."""
    started = time.perf_counter()
    originals = distinct_reviews(load_reviews(reviews_path))
    texts = [review["dedup"] for review in originals]
    engine = _Deduplicator(texts)
    build_seconds = time.perf_counter() - started

    found: Counter = Counter()
    found_long: Counter = Counter()
    flagged: Counter = Counter()
    totals: Counter = Counter()
    totals_long: Counter = Counter()
    copies = make_copies(originals, sample, seed)
    for kind, i, raw in copies:
        match = engine.original_of(dedup.dedup_text("", raw))
        long_enough = len(texts[i]) >= dedup.MIN_LENGTH
        totals[kind] += 1
        totals_long[kind] += long_enough
        flagged[kind] += match is not None
        hit = match is not None and match[0] == i
        found[kind] += hit
        found_long[kind] += hit and long_enough
    copy_counts = list(engine.candidate_counts)

    engine.candidate_counts = []
    merged: list[tuple[str, str, float]] = []
    queried = [i for i, text in enumerate(texts) if len(text) >= dedup.MIN_LENGTH]
    for i in queried:
        match = engine.original_of(texts[i], exclude=i)
        if match is not None:
            merged.append((texts[i], texts[match[0]], round(match[1], 3)))
    counts = engine.candidate_counts
    rng = random.Random(seed)
    return {
        "parameters": _parameters(),
        "reviews": sum(1 for _ in open(reviews_path, encoding="utf-8")),
        "distinct_texts": len(texts),
        "recall": {kind: round(found[kind] / totals[kind], 4) for kind in totals},
        "recall_min_length_originals": {
            kind: round(found_long[kind] / totals_long[kind], 4) for kind in totals_long
        },
        "flagged_as_some_duplicate": {kind: round(flagged[kind] / totals[kind], 4) for kind in totals},
        "copies_per_kind": sample,
        "false_merge_rate": round(len(merged) / len(queried), 4),
        "false_merge_definition": (
            f"distinct reviews (different dedup text, dedup length >= {dedup.MIN_LENGTH}) matched to "
            "some OTHER distinct review, all distinct reviews indexed"
        ),
        "false_merge_count": len(merged),
        "false_merge_queries": len(queried),
        "false_merges_same_bigram_set": sum(
            1 for a, b, _ in merged if dedup.similarity(a, b) == 1.0
        ),
        "false_merge_examples": rng.sample(merged, min(8, len(merged))),
        "candidates_per_lookup": _spread(counts + copy_counts),
        "index_build_seconds": round(build_seconds, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _parameters() -> dict:
    return {
        "shingle": dedup.SHINGLE, "signature_size": dedup.SIGNATURE_SIZE, "bands": dedup.BANDS,
        "rows": dedup.ROWS, "threshold": dedup.DUPLICATE_THRESHOLD, "min_length": dedup.MIN_LENGTH,
    }


def _spread(values: list[int]) -> dict:
    ordered = sorted(values) or [0]
    return {
        "mean": round(sum(ordered) / len(ordered), 2),
        "median": ordered[len(ordered) // 2],
        "p99": ordered[int(len(ordered) * 0.99)],
        "max": ordered[-1],
    }


# --- lookup speed at scale ---------------------------------------------------------------------------


def _rss_mb() -> float:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_index_lookup(*, index_size: int = 1_000_000, queries: int = 2000, seed: int = 7) -> dict:
    """MemoryLshIndex vs brute force over the same `index_size` stored signatures.

    Stored signatures are independent uniform values: MinHash values of unrelated texts agree
    with probability ~ their Jaccard, which is ~0 for distinct items (real-data candidate counts
    are in measure_dedup_quality). Each query is a planted near-duplicate of a stored item: each
    signature position kept with probability 0.7 (Jaccard ~0.7, a light rewrite), else redrawn."""
    rng = np.random.default_rng(seed)
    size = dedup.SIGNATURE_SIZE
    stored = rng.integers(0, 2**32, size=(index_size, size), dtype=np.uint32)
    targets = rng.integers(0, index_size, size=queries)
    probes = stored[targets].copy()
    redraw = rng.random(probes.shape) > 0.7
    probes[redraw] = rng.integers(0, 2**32, size=int(redraw.sum()), dtype=np.uint32)

    rss_before = _rss_mb()
    started = time.perf_counter()
    index = dedup.MemoryLshIndex()
    for start in range(0, index_size, 100_000):
        keys = dedup.band_key_matrix(stored[start : start + 100_000]).tolist()
        for offset, item_keys in enumerate(keys):
            index.add(start + offset, item_keys)
    build_seconds = time.perf_counter() - started
    index_mb = _rss_mb() - rss_before

    def best(candidates: Iterable[int], probe: np.ndarray) -> tuple[int, float] | None:
        ids = np.fromiter(candidates, dtype=np.int64)
        if not len(ids):
            return None
        estimates = (stored[ids] == probe).mean(axis=1)
        top = int(estimates.argmax())
        return int(ids[top]), float(estimates[top])

    started = time.perf_counter()
    lsh_hits, candidate_counts = 0, []
    for probe, target in zip(probes, targets, strict=True):
        candidates = index.candidates(dedup.band_keys(probe))
        candidate_counts.append(len(candidates))
        match = best(candidates, probe)
        lsh_hits += match is not None and match[0] == target and match[1] >= dedup.DUPLICATE_THRESHOLD
    lsh_seconds = time.perf_counter() - started

    brute_queries = min(20, queries)
    started = time.perf_counter()
    brute_hits = 0
    for probe, target in zip(probes[:brute_queries], targets[:brute_queries], strict=True):
        estimates = (stored == probe).mean(axis=1)
        top = int(estimates.argmax())
        brute_hits += top == target and estimates[top] >= dedup.DUPLICATE_THRESHOLD
    brute_seconds = time.perf_counter() - started

    lsh_rate, brute_rate = queries / lsh_seconds, brute_queries / brute_seconds
    return {
        "index_size": index_size,
        "bands_x_rows": f"{dedup.BANDS}x{dedup.ROWS}",
        "build_seconds": round(build_seconds, 1),
        "index_rss_mb": round(index_mb),
        "index_bytes_per_item": round(index_mb * 2**20 / index_size),
        "signatures_mb": round(stored.nbytes / 2**20),
        "lsh_lookups_per_s": round(lsh_rate),
        "brute_force_lookups_per_s": round(brute_rate, 2),
        "speedup": round(lsh_rate / brute_rate),
        "lsh_queries": queries,
        "brute_force_queries": brute_queries,
        "lsh_found_planted": round(lsh_hits / queries, 4),
        "brute_force_found_planted": round(brute_hits / brute_queries, 4),
        "lsh_candidates_per_lookup": _spread(candidate_counts),
    }


def measure_signature_speed(reviews_path: str | None = None, *, repeat: int = 2000) -> dict:
    """Microseconds per signature of a median-length review: ours vs datasketch.MinHash."""
    import datasketch

    text = "作者有一种专业的谨慎若能有幸学习原版也许会更好简体版的书中的印刷错误比较多"[:34]
    if reviews_path:
        texts = sorted((r["dedup"] for r in distinct_reviews(load_reviews(reviews_path))), key=len)
        text = texts[len(texts) // 2]
    shingles = [text[i : i + dedup.SHINGLE] for i in range(len(text) - dedup.SHINGLE + 1)]

    def per_call(function: Callable[[], object]) -> float:
        started = time.perf_counter()
        for _ in range(repeat):
            function()
        return round((time.perf_counter() - started) / repeat * 1e6, 1)

    def fresh() -> None:
        datasketch.MinHash(num_perm=dedup.SIGNATURE_SIZE).update_batch([s.encode() for s in shingles])

    template = datasketch.MinHash(num_perm=dedup.SIGNATURE_SIZE)

    def shared_permutations() -> None:
        minhash = datasketch.MinHash(
            num_perm=dedup.SIGNATURE_SIZE, permutations=template.permutations, scheme=template.scheme
        )
        minhash.update_batch([s.encode() for s in shingles])

    ours = per_call(lambda: dedup.signature(text))
    return {
        "text_length": len(text),
        "ours_us": ours,
        "datasketch_us": per_call(fresh),
        "datasketch_shared_permutations_us": per_call(shared_permutations),
        "band_keys_us": per_call(lambda: dedup.band_keys(dedup.signature(text))) - ours,
    }
