"""Candidate generators for feeds. Each is a plain function returning {item_id: Signal}: which
items to consider and what each source says about them. They read the shared pools
(recommender.pools), so only visible, organic originals are ever proposed; sponsored items are
placed separately. The shopper's affinity to every candidate is applied afterwards from its
tags (apply_affinities), whatever source proposed it."""

from collections import defaultdict
from dataclasses import dataclass, field

from recommender import pools
from recommender.models import ItemNeighbor

TOP_INTERESTS = 8  # a shopper's strongest interests that bring in their own candidates
PER_INTEREST = 120


@dataclass
class Signal:
    affinity: float = 0.0  # the shopper's interest in the item's topics, -1..1
    affinity_interest: str = ""  # the interest behind it, for the reason
    affinity_followed: bool = False
    cooccurrence: float = 0.0  # 0..1, from items the shopper engaged with
    cooccurrence_with: int | None = None  # the item it is most like
    scenario: float = 0.0  # 0..1
    scenario_name: str = ""
    trending: float = 0.0  # 0..1
    featured: bool = False
    sources: set[str] = field(default_factory=set)


def interest_matches(affinities: dict[int, tuple[float, str, bool, bool]]) -> dict[int, Signal]:
    """The newest items of the shopper's strongest interests."""
    strongest = sorted((i for i, a in affinities.items() if a[0] > 0), key=lambda i: -affinities[i][0])[:TOP_INTERESTS]
    return {item_id: Signal(sources={"interest"}) for i in strongest for item_id, _ in pools.interest_pool(i)[:PER_INTEREST]}


def cooccurring(engaged: dict[int, float], limit: int = 300) -> dict[int, Signal]:
    """Neighbours (learned from everyone's behaviour) of the items this shopper engaged with."""
    totals: dict[int, float] = defaultdict(float)
    best_source: dict[int, tuple[float, int]] = {}
    for item_id, neighbor_id, score in ItemNeighbor.objects.filter(item__in=engaged).values_list("item_id", "neighbor_id", "score"):
        contribution = score * engaged[item_id]
        totals[neighbor_id] += contribution
        if contribution > best_source.get(neighbor_id, (0.0, 0))[0]:
            best_source[neighbor_id] = (contribution, item_id)
    # The model's weights may be negative (an item that goes badly with the history): never a candidate.
    ranked = sorted((i for i in set(totals) - set(engaged) if totals[i] > 0), key=lambda i: (-totals[i], i))[: limit * 2]
    visible = set(pools.organic().filter(pk__in=ranked).values_list("pk", flat=True))
    ranked = [i for i in ranked if i in visible][:limit]
    top = totals[ranked[0]] if ranked else 1.0
    return {i: Signal(cooccurrence=totals[i] / top, cooccurrence_with=best_source[i][1], sources={"cooccurrence"}) for i in ranked}


def trending(circle: str = "", limit: int = 100) -> dict[int, Signal]:
    return {pk: Signal(trending=(engagement or 0) / 100, sources={"trending"}) for pk, engagement in pools.trending_pool(circle)[:limit]}


def fresh(circle: str = "", limit: int = 100) -> dict[int, Signal]:
    return {pk: Signal(sources={"fresh"}) for pk in pools.fresh_pool(circle)[:limit]}


def featured(circle: str = "") -> dict[int, Signal]:
    return {pk: Signal(featured=True, sources={"featured"}) for pk in pools.featured_pool(circle)}


def scenario_matches(scenarios: dict[int, tuple[float, str]], limit: int = 150) -> dict[int, Signal]:
    """Items fit for the request's scenarios; scenarios maps scenario id to (strength, name)."""
    found: dict[int, Signal] = {}
    for scenario_id, (strength, name) in scenarios.items():
        for item_id, weight in pools.scenario_pool(scenario_id)[:limit]:
            signal = found.setdefault(item_id, Signal(sources={"scenario"}))
            if strength * weight > signal.scenario:
                signal.scenario, signal.scenario_name = strength * weight, name
    return found


def apply_affinities(signals: dict[int, Signal], tags: dict[int, list[tuple[int, float]]],
                     affinities: dict[int, tuple[float, str, bool, bool]]) -> None:
    """Each candidate's affinity: its strongest tag, weighted, by the shopper's interest in it
    (negative for interests pushed away, −1 for muted ones). On a tie the child names the
    reason: 露营 says more than 运动户外."""
    for item_id, signal in signals.items():
        for interest_id, weight in tags.get(item_id, ()):
            if interest_id not in affinities:
                continue
            affinity, name, followed, child = affinities[interest_id]
            value = affinity * weight
            stronger = abs(value) > abs(signal.affinity) + 1e-9
            if affinity <= -1:  # muted: the shopper said never, whatever the tag's weight
                signal.affinity, signal.affinity_interest, signal.affinity_followed = -1.0, name, False
                break
            if stronger or (child and abs(value) > abs(signal.affinity) - 1e-9):
                signal.affinity, signal.affinity_interest, signal.affinity_followed = value, name, followed


def merge(*groups: dict[int, Signal]) -> dict[int, Signal]:
    merged: dict[int, Signal] = {}
    for group in groups:
        for item_id, signal in group.items():
            current = merged.setdefault(item_id, signal)
            if current is signal:
                continue
            if signal.cooccurrence > current.cooccurrence:
                current.cooccurrence, current.cooccurrence_with = signal.cooccurrence, signal.cooccurrence_with
            if signal.scenario > current.scenario:
                current.scenario, current.scenario_name = signal.scenario, signal.scenario_name
            current.trending = max(current.trending, signal.trending)
            current.featured |= signal.featured
            current.sources |= signal.sources
    return merged
