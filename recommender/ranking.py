"""The feed's ranking policy and its re-ranking for quality. Pure and deterministic: the same
candidates and facts always give the same order (ties broken by item id), and every entry says
why it is there.

    score = 0.35·affinity + 0.15·co-occurrence + 0.30·worth/100 + 0.10·freshness
          + 0.10·scenario + 0.05·trending + 0.05·featured − 0.15·min(seen, 3)/3

Affinity and co-occurrence are 0 in a non-personal feed (visitors, personalisation off)."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from recommender.candidates import Signal

WEIGHTS = {"affinity": 0.35, "cooccurrence": 0.15, "worth": 0.30, "freshness": 0.10, "scenario": 0.10,
           "trending": 0.05, "featured": 0.05, "seen": 0.15}
FRESHNESS_HALF_LIFE = timedelta(days=3)
CIRCLE_CAP, CIRCLE_WINDOW = 3, 10  # at most 3 items of one circle in any 10 consecutive entries


@dataclass(frozen=True)
class ItemFacts:
    worth: float
    published_at: datetime
    circle: str  # top-level interest slug, "" when untagged
    circle_name: str = ""


@dataclass(frozen=True)
class Ranked:
    item_id: int
    score: float
    reason: str
    circle: str


def rank(signals: dict[int, Signal], facts: dict[int, ItemFacts], *, now: datetime, seen: dict[int, int],
         titles: dict[int, str], personal: bool) -> list[Ranked]:
    ranked = []
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
            "seen": -WEIGHTS["seen"] * min(seen.get(item_id, 0), 3) / 3,
        }
        score = round(sum(parts.values()), 6)
        ranked.append(Ranked(item_id, score, reason(parts, signal, item, titles, now), item.circle))
    return sorted(ranked, key=lambda r: (-r.score, r.item_id))


def reason(parts: dict[str, float], signal: Signal, item: ItemFacts, titles: dict[int, str], now: datetime) -> str:
    """The strongest contribution besides quality, in words, and the 值得买 index."""
    because = {
        "affinity": (f"你关注了「{signal.affinity_interest}」" if signal.affinity_followed
                     else f"你常看「{signal.affinity_interest}」"),
        "cooccurrence": f"和你看过的「{titles.get(signal.cooccurrence_with or 0, '')[:14]}」相似",
        "scenario": f"适合{signal.scenario_name}",
        "trending": f"{item.circle_name or '全站'}热门",
        "featured": "编辑精选",
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
