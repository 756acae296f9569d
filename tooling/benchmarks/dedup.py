"""Measurements behind the near-duplicate parameters in content.pipeline.dedup.

Plain functions returning dicts of figures (no Django, no database), e.g.

    python -c "from tooling.benchmarks.dedup import measure_dedup_quality as m; \
print(m('/work/shared/data/shopping_reviews/shopping_reviews.jsonl'))"

* measure_dedup_quality: recall per edit kind and false-merge rate on real reviews, going through
  exactly the production path (content_hash, band keys, LSH candidates, find_original).
* measure_hashtag_fix: the same figures with the open-hashtag pattern before issue 19 (which
  swallowed a text after a "#" without a closing one) and with the current one, in one run.
* measure_index_lookup: lookups/s of MemoryLshIndex vs a numpy brute-force scan at 1M items.
* measure_signature_speed: our numpy MinHash vs datasketch.MinHash.
* compare_parameters: the alternatives that were rejected (shingle size, bands x rows,
  verification measure and threshold, minimum length, title or not), on the same data.
"""

import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

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
OPEN_HASHTAGS = ["#好物分享", "#开箱", "#购物分享", "#真实测评", "#平价好物", "#618好物"]
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


def _open_hashtags(text: str, rng: random.Random) -> str:
    # Douyin-style tags without a closing "#": glued to the start (no certain end, so only the
    # "#" may go), before the text, or a run of them after it.
    tag, roll = rng.choice(OPEN_HASHTAGS), rng.random()
    if roll < 1 / 3:
        return tag + text
    return f"{tag} {text}" if roll < 2 / 3 else f"{text} {tag} {rng.choice(OPEN_HASHTAGS)}"


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
        # last, so the copies of the kinds above stay the same ones as before it was added
        "open_hashtags": _open_hashtags,
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
    reviews = load_reviews(reviews_path)
    originals = distinct_reviews(reviews)
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
        "reviews": len(reviews),
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
        "false_merges_at_similarity_0.9_or_more": sum(1 for _, _, score in merged if score >= 0.9),
        "false_merge_examples": rng.sample(merged, min(8, len(merged))),
        "candidates_per_lookup": _spread(counts + copy_counts),
        "index_build_seconds": round(build_seconds, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }


# The hashtag pattern before issue 19: an open tag ran to the next whitespace or the end of the
# text, so "#购物分享质量很好物流很快" normalised to nothing.
PREVIOUS_HASHTAG = r"#[^#\s]{1,30}#|#[^#\s]{1,30}(?=\s|$)"


def measure_hashtag_fix(reviews_path: str, *, sample: int = 5000, seed: int = 7) -> dict:
    """measure_dedup_quality with PREVIOUS_HASHTAG in the noise pattern, then with the current
    one: the same reviews, copies and seeds, in one run."""
    current = dedup._NOISE
    try:
        dedup._NOISE = re.compile(current.pattern.replace(dedup._HASHTAG.pattern, PREVIOUS_HASHTAG))
        assert dedup._NOISE.pattern != current.pattern
        before = measure_dedup_quality(reviews_path, sample=sample, seed=seed)
    finally:
        dedup._NOISE = current
    after = measure_dedup_quality(reviews_path, sample=sample, seed=seed)
    keys = ("distinct_texts", "recall", "recall_min_length_originals", "false_merge_rate", "false_merge_count",
            "false_merge_queries", "candidates_per_lookup")
    return {"previous_hashtag_pattern": {k: before[k] for k in keys}, "current": {k: after[k] for k in keys}}


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

    # Both sides return the stored item with the highest estimated Jaccard (share of equal values).
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
        lsh_hits += match is not None and match[0] == target
    lsh_seconds = time.perf_counter() - started

    brute_queries = min(20, queries)
    started = time.perf_counter()
    brute_hits = 0
    for probe, target in zip(probes[:brute_queries], targets[:brute_queries], strict=True):
        estimates = (stored == probe).mean(axis=1)
        top = int(estimates.argmax())
        brute_hits += top == target
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
        "band_keys_us": round(per_call(lambda: dedup.band_keys(dedup.signature(text))) - ours, 1),
    }


# --- the alternatives ------------------------------------------------------------------------------


def _bigram_set(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 2 else {text}


def _measures(a: str, b: str) -> tuple[float, float, float]:
    """(bigram Jaccard, bigram containment, edit similarity) of two dedup texts."""
    sa, sb = _bigram_set(a), _bigram_set(b)
    common = len(sa & sb)
    return common / len(sa | sb), common / min(len(sa), len(sb)), dedup.similarity(a, b)


MEASURES = ("bigram_jaccard", "bigram_containment", "edit_similarity")


def _compare_verification(texts: list[str], copies: list[tuple[str, int, str]]) -> dict:
    """Every measure x threshold x minimum length, on the text pairs a loose LSH (bigrams, 32x3)
    proposes among distinct reviews, and on each copy with its original (verification only)."""
    lengths = np.array([len(t) for t in texts])
    eligible = np.nonzero(lengths >= 5)[0]
    keys = dedup.band_key_matrix(np.array([dedup.signature(texts[i], 2, 128) for i in eligible]), 32, 3)
    buckets: dict[int, list[int]] = {}
    for row, i in enumerate(eligible.tolist()):
        for key in keys[row].tolist():
            buckets.setdefault(key, []).append(i)
    pairs = {(i, j) for bucket in buckets.values() for i in bucket for j in bucket if i < j}
    pair_ids = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    pair_scores = np.array([_measures(texts[i], texts[j]) for i, j in pair_ids.tolist()]).reshape(-1, 3)
    pair_short = lengths[pair_ids].min(axis=1)

    kinds = np.array([kind for kind, _, _ in copies], dtype=object)
    exact = np.array([text == texts[i] for _, i, text in copies])
    copy_scores = np.array([_measures(text, texts[i]) for _, i, text in copies])
    copy_short = np.array([min(len(text), len(texts[i])) for _, i, text in copies])

    grid: list[dict[str, Any]] = []
    best: dict[tuple[str, int], dict[str, Any]] = {}
    for m, measure in enumerate(MEASURES):
        for min_length in (6, 8, 10, 12):
            for threshold in np.round(np.arange(0.5, 0.91, 0.05), 2).tolist():
                merged = (pair_scores[:, m] >= threshold) & (pair_short >= min_length)
                wrong = np.zeros(len(texts), dtype=bool)
                wrong[pair_ids[merged].ravel()] = True
                found = exact | ((copy_scores[:, m] >= threshold) & (copy_short >= min_length))
                entry: dict[str, Any] = {
                    "measure": measure, "min_length": min_length, "threshold": threshold,
                    "false_merge_rate": round(float(wrong[lengths >= min_length].mean()), 4),
                    "recall": {k: round(float(found[kinds == k].mean()), 3) for k in dict.fromkeys(kinds)},
                }
                entry["worst_recall"] = min(entry["recall"].values())
                grid.append(entry)
                if entry["false_merge_rate"] <= 0.02 and (measure, min_length) not in best:
                    best[measure, min_length] = entry
    return {
        "candidate_pairs": len(pair_ids),
        "lowest_threshold_within_2pct_false_merges": list(best.values()),
        "grid": grid,
    }


LSH_CONFIGS = ((16, 8), (16, 6), (16, 4), (20, 5), (20, 4), (24, 5), (24, 4), (32, 4), (24, 3), (32, 3))


def _compare_lsh(texts: list[str], copies: list[tuple[str, int, str]], seed: int) -> list[dict]:
    """Shingle size x bands x rows: share of the copies verification accepts that the LSH makes
    candidates, and candidates per lookup (distinct reviews as queries), scaled to 1M items."""
    indexed = np.array([i for i, text in enumerate(texts) if len(text) >= dedup.MIN_LENGTH])
    wanted = [
        (kind, i, text) for kind, i, text in copies
        if text != texts[i] and dedup.is_near_duplicate(text, texts[i])
    ]
    probes = np.random.default_rng(seed).choice(indexed, size=min(4000, len(indexed)), replace=False)
    rows = []
    for k in (1, 2, 3):
        stored = np.array([dedup.signature(texts[i], k, 128) for i in indexed])
        position = {int(i): row for row, i in enumerate(indexed)}
        copy_sigs = np.array([dedup.signature(text, k, 128) for _, _, text in wanted])
        originals = np.array([position[i] for _, i, _ in wanted])
        for bands, band_rows in LSH_CONFIGS if k == 2 else ((16, 8), (24, 5), (24, 4), (24, 3)):
            keys = dedup.band_key_matrix(stored, bands, band_rows)
            hit = (dedup.band_key_matrix(copy_sigs, bands, band_rows) == keys[originals]).any(axis=1)
            buckets: dict[int, list[int]] = {}
            for row, item_keys in enumerate(keys.tolist()):
                for key in item_keys:
                    buckets.setdefault(key, []).append(row)
            counts = [
                len({c for key in keys[position[int(i)]].tolist() for c in buckets[key]}) - 1 for i in probes
            ]
            scale = 1_000_000 / len(indexed)
            rows.append({
                "shingle": k, "bands": bands, "rows": band_rows,
                "lsh_recall_of_verifiable_copies": round(float(hit.mean()), 4),
                "lsh_recall_delete_5pct_replace_5pct": round(
                    float(hit[[kind == "delete_5pct_replace_5pct" for kind, _, _ in wanted]].mean()), 4
                ),
                "candidates_per_lookup": _spread(counts),
                "candidates_per_lookup_at_1M": round(sum(counts) / len(counts) * scale, 1),
            })
    return rows


TITLE_TEMPLATES = (
    "{c}好物分享", "{c}真实测评", "入手{c}一个月的感受", "{c}推荐｜闭眼入", "分享一个{c}", "真实评价",
    "{c}避雷", "不吹不黑说说这款{c}", "{c}开箱", "买了个{c}",
)


def _title(review: dict, text: str, rng: random.Random) -> str:
    # Either a generic template (shared by many items) or what platforms without titles do: the
    # first characters of the body.
    if rng.random() < 0.6:
        return rng.choice(TITLE_TEMPLATES).format(c=review.get("category", ""))
    return text[: rng.randint(10, 20)]


def _compare_title(originals: list[dict], sample: int, seed: int) -> dict:
    """Body only (title when the body is short) vs title + body, on items with realistic titles.
    A copy keeps the title (40%), prefixes it with 转发 (20%), gets an automatic title from its own
    body (20%) or a reposter's own title (20%)."""
    rng = random.Random(seed)
    titles = [_title(review, review["text"], rng) for review in originals]
    copies = make_copies(originals, sample, seed)
    copy_titles = []
    for _, i, raw in copies:
        roll = rng.random()
        copy_titles.append(
            titles[i] if roll < 0.4 else "转发：" + titles[i] if roll < 0.6
            else raw[: rng.randint(10, 20)] if roll < 0.8 else _title(originals[i], raw, rng)
        )
    policies = {
        "body_title_if_short": dedup.dedup_text,
        "title_and_body": lambda title, body: dedup.normalise(title) + dedup.normalise(body),
    }
    result = {}
    for name, policy in policies.items():
        texts = [policy(title, review["text"]) for title, review in zip(titles, originals, strict=True)]
        engine = _Deduplicator(texts)
        found: Counter = Counter()
        for (kind, i, raw), title in zip(copies, copy_titles, strict=True):
            match = engine.original_of(policy(title, raw))
            found[kind] += match is not None and match[0] == i
        queried = [i for i, text in enumerate(texts) if len(text) >= dedup.MIN_LENGTH]
        merged = {i for i in queried if engine.original_of(texts[i], exclude=i) is not None}
        long_body = {i for i in queried if len(originals[i]["dedup"]) >= dedup.MIN_LENGTH}
        result[name] = {
            "recall": {kind: round(n / sample, 4) for kind, n in found.items()},
            "false_merge_rate": round(len(merged) / len(queried), 4),
            "false_merge_rate_body_long_enough": round(len(merged & long_body) / len(long_body), 4),
            "false_merge_rate_short_body": round(
                len(merged - long_body) / max(1, len(queried) - len(long_body)), 4
            ),
            "short_body_items": len(queried) - len(long_body),
        }
    return result


def compare_parameters(reviews_path: str, *, sample: int = 5000, seed: int = 7) -> dict:
    """The figures behind each choice in content.pipeline.dedup (takes a few minutes)."""
    originals = distinct_reviews(load_reviews(reviews_path))
    texts = [review["dedup"] for review in originals]
    copies = [(kind, i, dedup.dedup_text("", raw)) for kind, i, raw in make_copies(originals, sample, seed)]
    return {
        "verification": _compare_verification(texts, copies),
        "lsh": _compare_lsh(texts, copies, seed),
        "title": _compare_title(originals, sample, seed),
    }
