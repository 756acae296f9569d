"""The feed's ranking policy and its re-ranking for quality. Pure and deterministic: the same
candidates and facts always give the same order (ties broken by item id), and every entry says
why it is there.

    score = 0.35·affinity + 0.15·co-occurrence + 0.30·worth/100 + 0.10·freshness
          + 0.10·scenario + 0.05·trending + 0.05·featured + 0.20·values − 0.15·min(seen, 3)/3

Affinity, co-occurrence and values are 0 in a non-personal feed (visitors, personalisation off).
`values` is how well the item scores on the AIUC dimensions the shopper weighs
(interests.values), against the other candidates of the same feed (values_match)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from content.scoring.dimensions import DIMENSIONS
from recommender.candidates import Signal

WEIGHTS = {"affinity": 0.35, "cooccurrence": 0.15, "worth": 0.30, "freshness": 0.10, "scenario": 0.10,
           "trending": 0.05, "featured": 0.05, "values": 0.20, "seen": 0.15}
VALUES_SPREAD = 2.0  # standard deviations from the feed's mean that make a full ±1 on a dimension
VALUES_MIN_SD = 5.0  # points: below this, a dimension does not tell the candidates apart
FRESHNESS_HALF_LIFE = timedelta(days=3)
CIRCLE_CAP, CIRCLE_WINDOW = 3, 10  # at most 3 items of one circle in any 10 consecutive entries


@dataclass(frozen=True)
class ItemFacts:
    worth: float
    published_at: datetime
    circle: str  # top-level interest slug, "" when untagged
    circle_name: str = ""
    dimensions: dict[str, float] = field(default_factory=dict)  # the AIUC scores, 0–100


@dataclass(frozen=True)
class Ranked:
    item_id: int
    score: float
    reason: str
    circle: str


def rank(signals: dict[int, Signal], facts: dict[int, ItemFacts], *, now: datetime, seen: dict[int, int],
         titles: dict[int, str], personal: bool, values: dict[str, float] | None = None) -> list[Ranked]:
    """`values`: the dimensions the shopper weighs, −1..1 each (interests.values.effective_values)."""
    ranked = []
    matches = values_match(values or {}, facts) if personal else {}
    for item_id, signal in signals.items():
        item = facts.get(item_id)
        if item is None or (personal and signal.affinity < -0.3):  # a circle the shopper pushed away
            continue
        freshness = 0.5 ** (max(timedelta(0), now - item.published_at) / FRESHNESS_HALF_LIFE)
        parts = {
            "affinity": WEIGHTS["affinity"] * signal.affinity if personal else 0.0,
            "cooccurrence": WEIGHTS["cooccurrence"] * signal.cooccurrence if personal else 0.0,
            "worth": WEIGHTS["worth"] * item.worth / 100,
            "freshness": WEIGHTS["freshness"] * freshness,
            "scenario": WEIGHTS["scenario"] * signal.scenario,
            "trending": WEIGHTS["trending"] * signal.trending,
            "featured": WEIGHTS["featured"] * signal.featured,
            "values": WEIGHTS["values"] * matches.get(item_id, (0.0, ""))[0],
            "seen": -WEIGHTS["seen"] * min(seen.get(item_id, 0), 3) / 3,
        }
        score = round(sum(parts.values()), 6)
        valued = matches.get(item_id, (0.0, ""))[1]
        ranked.append(Ranked(item_id, score, reason(parts, signal, item, titles, now, valued), item.circle))
    return sorted(ranked, key=lambda r: (-r.score, r.item_id))


def values_match(values: dict[str, float], facts: dict[int, ItemFacts]) -> dict[int, tuple[float, str]]:
    """Per candidate, −1..1: its dimensions against the feed's other candidates (in standard
    deviations, ±VALUES_SPREAD making ±1), weighted by what the shopper weighs; and the name of the
    dimension that lifts it most, for the reason. Relative to the candidates, not to 50: most items
    score high on relevance and low on scenarios, which says nothing about this shopper."""
    keys = [k for k, w in values.items() if w]
    rows = [pk for pk, f in facts.items() if all(k in f.dimensions for k in keys)]
    if not keys or not rows:
        return {}
    scores = np.array([[facts[pk].dimensions[k] for k in keys] for pk in rows], dtype=float)
    standard = np.clip((scores - scores.mean(axis=0)) / np.maximum(scores.std(axis=0), VALUES_MIN_SD) / VALUES_SPREAD, -1, 1)
    weights = np.array([values[k] for k in keys])
    lifts = standard * weights
    totals = lifts.sum(axis=1) / np.abs(weights).sum()
    return {pk: (float(total), DIMENSIONS[keys[int(np.argmax(lift))]] if lift.max() > 0 else "")
            for pk, total, lift in zip(rows, totals, lifts, strict=True)}


def reason(parts: dict[str, float], signal: Signal, item: ItemFacts, titles: dict[int, str], now: datetime,
           valued: str = "") -> str:
    """The strongest contribution besides quality, in words, and the 值得买 index."""
    because = {
        "affinity": (f"你关注了「{signal.affinity_interest}」" if signal.affinity_followed
                     else f"你常看「{signal.affinity_interest}」"),
        "cooccurrence": f"和你看过的「{titles.get(signal.cooccurrence_with or 0, '')[:14]}」相似",
        "scenario": f"适合{signal.scenario_name}",
        "trending": f"{item.circle_name or '全站'}热门",
        "featured": "编辑精选",
        "values": f"按你看重的「{valued}」",
        "freshness": fresh_since(item.published_at, now),
    }
    strongest = max((key for key in because if parts[key] > 0.02), key=lambda key: parts[key], default=None)
    index = f"值得买指数 {round(item.worth)}"
    return f"{because[strongest]} · {index}" if strongest else index


def fresh_since(published_at: datetime, now: datetime) -> str:
    """How new an item is, in words: 刚刚发布 only within the hour."""
    hours = (now - published_at).total_seconds() / 3600
    if hours < 1:
        return "刚刚发布"
    return f"{int(hours)}小时前发布" if hours < 48 else f"{int(hours // 24)}天前发布"


def diversify(ranked: list[Ranked], limit: int | None = None) -> list[Ranked]:
    """Spread circles out: an entry waits while its circle already has CIRCLE_CAP entries among
    the last CIRCLE_WINDOW; nothing is dropped, only moved down. With `limit`, only the first
    `limit` entries (the same as the head of the whole list, without ordering the tail)."""
    result: list[Ranked] = []
    waiting = list(ranked)
    recent: Counter[str] = Counter()  # circles of the last CIRCLE_WINDOW - 1 entries placed
    for _ in range(len(waiting) if limit is None else min(limit, len(waiting))):
        index = next((i for i, r in enumerate(waiting) if not r.circle or recent[r.circle] < CIRCLE_CAP), 0)
        result.append(waiting.pop(index))
        recent[result[-1].circle] += 1
        if len(result) >= CIRCLE_WINDOW:
            recent[result[-CIRCLE_WINDOW].circle] -= 1
    return result
