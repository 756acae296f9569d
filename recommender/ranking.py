"""The feed's ranking policy and its re-ranking for quality. Pure and deterministic: the same
candidates and facts always give the same order (ties broken by item id), and every entry says
why it is there.

    score = Σ weight · term, over terms(): each candidate source's term (recommender.candidates.SOURCES:
            affinity, co-occurrence, scenario, trending, freshness, featured) and the item's own
            (worth/100, values, − min(seen, 3)/3)

The personal terms (affinity, co-occurrence, values) are 0 in a non-personal feed (visitors,
personalisation off). `values` is how well the item scores on the AIUC dimensions the shopper
weighs (interests.values), against the other candidates of the same feed (values_match). The
how-it-works page prints terms(); a card's reason names the strongest term besides quality."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter

import numpy as np

from content.scoring.dimensions import DIMENSIONS
from recommender.candidate_facts import CandidateFacts
from recommender.candidates import SOURCES, CandidateSignal


@dataclass(frozen=True)
class Term:
    label: str  # as the how-it-works page names it
    weight: float
    penalty: bool = False


# The item's own terms, besides its sources'.
ITEM_TERMS = {
    "worth": Term("值得买指数 / 100", 0.30),
    "values": Term("你看重的维度上的表现（你可以在「我的兴趣」里设定或关闭）", 0.20),
    "seen": Term("最近已看过的次数（最多 3 次）", 0.15, penalty=True),
}
VALUES_SPREAD = 2.0  # standard deviations from the feed's mean that make a full ±1 on a dimension
VALUES_MIN_SD = 5.0  # points: below this, a dimension does not tell the candidates apart
CIRCLE_CAP, CIRCLE_WINDOW = 3, 10  # at most 3 items of one circle in any 10 consecutive entries
REASON_FLOOR = 0.02  # a term adding less than this does not explain a place


@dataclass(frozen=True)
class Ranked:
    item_id: int
    score: float
    reason: str
    circle: str


def rank(
    signals: dict[int, CandidateSignal],
    facts: dict[int, CandidateFacts],
    *,
    now: datetime,
    seen: dict[int, int],
    titles: dict[int, str],
    personal: bool,
    values: dict[str, float] | None = None,
) -> list[Ranked]:
    """`values`: the dimensions the shopper weighs, −1..1 each (interests.values.effective_values)."""
    ranked = []
    matches = values_match(values or {}, facts) if personal else {}
    # Each source's term as it applies to this feed, read once (a thousand-odd candidates each).
    sources = [(key, source.weight, source.term if personal or not source.personal else None)
               for key, source in SOURCES.items()]
    worth, valued_weight, seen_weight = (ITEM_TERMS[key].weight for key in ("worth", "values", "seen"))
    for item_id, signal in signals.items():
        item = facts.get(item_id)
        if item is None or (personal and signal.affinity < -0.3):  # a circle the shopper pushed away
            continue
        parts = {key: weight * term(signal, item, now) if term else 0.0 for key, weight, term in sources}
        match, valued = matches.get(item_id, (0.0, ""))
        parts["worth"] = worth * item.worth / 100
        parts["values"] = valued_weight * match
        parts["seen"] = -seen_weight * min(seen.get(item_id, 0), 3) / 3
        score = round(sum(parts.values()), 6)
        ranked.append(Ranked(item_id, score, reason(parts, signal, item, titles, now, valued), item.circle))
    return sorted(ranked, key=lambda r: (-r.score, r.item_id))


def terms() -> dict[str, Term]:
    """Every term of the score, the sources' first: what rank adds up and the how-it-works page prints."""
    return {**{key: Term(source.label, source.weight) for key, source in SOURCES.items()}, **ITEM_TERMS}


def values_match(values: dict[str, float], facts: dict[int, CandidateFacts]) -> dict[int, tuple[float, str]]:
    """Per candidate, −1..1: its dimensions against the feed's other candidates (in standard
    deviations, ±VALUES_SPREAD making ±1), weighted by what the shopper weighs; and the name of the
    dimension that lifts it most, for the reason. Relative to the candidates, not to 50: most items
    score high on relevance and low on scenarios, which says nothing about this shopper."""
    keys = [k for k, w in values.items() if w]
    wanted = set(keys)
    rows = [pk for pk, f in facts.items() if wanted <= f.dimensions.keys()]
    if not keys or not rows:
        return {}
    pick = itemgetter(*keys) if len(keys) > 1 else lambda dimensions: (dimensions[keys[0]],)
    scores = np.array([pick(facts[pk].dimensions) for pk in rows], dtype=float)  # itemgetter: no loop per value
    standard = np.clip(
        (scores - scores.mean(axis=0)) / np.maximum(scores.std(axis=0), VALUES_MIN_SD) / VALUES_SPREAD, -1, 1
    )
    weights = np.array([values[k] for k in keys])
    lifts = standard * weights
    totals = (lifts.sum(axis=1) / np.abs(weights).sum()).tolist()
    names = [DIMENSIONS[k] for k in keys]
    # The strongest lift of each row, for the whole matrix at once (per row, numpy's call
    # overhead was a fifth of ranking a feed).
    best = [names[column] if lifted else "" for column, lifted in zip(
        lifts.argmax(axis=1).tolist(), (lifts.max(axis=1) > 0).tolist(), strict=True)]
    return {pk: (total, name) for pk, total, name in zip(rows, totals, best, strict=True)}


def reason(
    parts: dict[str, float],
    signal: CandidateSignal,
    item: CandidateFacts,
    titles: dict[int, str],
    now: datetime,
    valued: str = "",
) -> str:
    """The strongest contribution besides quality, in words, and the 值得买 index."""
    explained = [*SOURCES, "values"]
    strongest = max(
        (key for key in explained if parts[key] > REASON_FLOOR), key=lambda key: parts[key], default=None
    )
    index = f"值得买指数 {round(item.worth)}"
    if strongest is None:
        return index
    because = (
        f"按你看重的「{valued}」"
        if strongest == "values"
        else SOURCES[strongest].reason(signal, item, titles, now)
    )
    return f"{because} · {index}"


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
