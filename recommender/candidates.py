"""Candidate generators for feeds. Each is a plain function returning {item_id: Signal}; the
ranking policy combines them. All read only visible originals (never copies, pending or rejected
items); sponsored items are placed separately, never as organic candidates."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import QuerySet

from content.constants import VISIBLE_STATUSES
from content.models import Item
from interests.models import ItemInterest, ItemScenario
from recommender.models import ItemNeighbor

RECENT = timedelta(days=60)
LIMIT = 300


@dataclass
class Signal:
    affinity: float = 0.0  # from the shopper's interests, -1..1
    affinity_interest: str = ""  # the interest name behind it, for the reason
    affinity_followed: bool = False
    cooccurrence: float = 0.0  # 0..1, from items the shopper engaged with
    cooccurrence_with: int | None = None  # the item it is most like
    scenario: float = 0.0  # 0..1
    scenario_name: str = ""
    trending: float = 0.0  # 0..1
    featured: bool = False
    sources: set[str] = field(default_factory=set)


def organic(now: datetime) -> QuerySet[Item]:
    return Item.objects.filter(status__in=VISIBLE_STATUSES, duplicate_of__isnull=True, sponsored=False,
                               score__isnull=False, published_at__gte=now - RECENT)


def interest_matches(affinities: dict[int, tuple[float, str, bool, bool]], now: datetime,
                     within: set[int] | None = None, limit: int = LIMIT) -> dict[int, Signal]:
    """Items tagged with the shopper's interests; affinities maps interest id to
    (weight -1..1, name, followed, is a child). On a tie the child names the reason: 露营 says
    more than 运动户外."""
    found: dict[int, Signal] = {}
    if not affinities:
        return found
    rows = (ItemInterest.objects.filter(interest__in=affinities, item__in=_restrict(organic(now), within))
            .order_by("-item__published_at").values_list("item_id", "interest_id", "weight")[: limit * 4])
    for item_id, interest_id, weight in rows:
        affinity, name, followed, child = affinities[interest_id]
        signal = found.setdefault(item_id, Signal())
        value = affinity * weight
        if abs(value) > abs(signal.affinity) + 1e-9 or (child and abs(value) > abs(signal.affinity) - 1e-9):
            signal.affinity, signal.affinity_interest, signal.affinity_followed = value, name, followed
        signal.sources.add("interest")
    return found


def cooccurring(engaged: dict[int, float], now: datetime, limit: int = LIMIT) -> dict[int, Signal]:
    """Neighbours (learned from everyone's behaviour) of the items this shopper engaged with."""
    totals: dict[int, float] = defaultdict(float)
    best_source: dict[int, tuple[float, int]] = {}
    for item_id, neighbor_id, score in ItemNeighbor.objects.filter(item__in=engaged).values_list("item_id", "neighbor_id", "score"):
        contribution = score * engaged[item_id]
        totals[neighbor_id] += contribution
        if contribution > best_source.get(neighbor_id, (0.0, 0))[0]:
            best_source[neighbor_id] = (contribution, item_id)
    visible = set(organic(now).filter(pk__in=totals).values_list("pk", flat=True))
    top = max((totals[i] for i in visible), default=0.0) or 1.0
    ranked = sorted(visible - set(engaged), key=lambda i: -totals[i])[:limit]
    return {i: Signal(cooccurrence=totals[i] / top, cooccurrence_with=best_source[i][1], sources={"cooccurrence"}) for i in ranked}


def trending(now: datetime, within: set[int] | None = None, limit: int = 100) -> dict[int, Signal]:
    """What is hot right now: engagement, favouring the last three days."""
    rows = (_restrict(organic(now), within).filter(published_at__gte=now - timedelta(days=3))
            .order_by("-score__engagement").values_list("pk", "score__engagement")[:limit])
    return {pk: Signal(trending=engagement / 100, sources={"trending"}) for pk, engagement in rows}


def fresh(now: datetime, within: set[int] | None = None, limit: int = 100) -> dict[int, Signal]:
    rows = _restrict(organic(now), within).order_by("-published_at").values_list("pk", flat=True)[:limit]
    return {pk: Signal(sources={"fresh"}) for pk in rows}


def featured(now: datetime, within: set[int] | None = None, limit: int = 50) -> dict[int, Signal]:
    rows = _restrict(organic(now), within).filter(status="featured").order_by("-published_at").values_list("pk", flat=True)[:limit]
    return {pk: Signal(featured=True, sources={"featured"}) for pk in rows}


def scenario_matches(scenarios: dict[int, tuple[float, str]], now: datetime, within: set[int] | None = None,
                     limit: int = 150) -> dict[int, Signal]:
    """Items fit for the request's scenarios; scenarios maps scenario id to (weight, name)."""
    found: dict[int, Signal] = {}
    if not scenarios:
        return found
    rows = (ItemScenario.objects.filter(scenario__in=scenarios, item__in=_restrict(organic(now), within))
            .order_by("-weight").values_list("item_id", "scenario_id", "weight")[:limit])
    for item_id, scenario_id, weight in rows:
        strength, name = scenarios[scenario_id]
        signal = found.setdefault(item_id, Signal(sources={"scenario"}))
        if strength * weight > signal.scenario:
            signal.scenario, signal.scenario_name = strength * weight, name
    return found


def _restrict(items: QuerySet[Item], within: set[int] | None) -> QuerySet[Item]:
    """Restrict to a circle: items tagged with any of these interest ids."""
    return items if within is None else items.filter(interest_tags__interest__in=within).distinct()


def merge(*groups: dict[int, Signal]) -> dict[int, Signal]:
    merged: dict[int, Signal] = {}
    for group in groups:
        for item_id, signal in group.items():
            current = merged.get(item_id)
            if current is None:
                merged[item_id] = signal
                continue
            for name in ("affinity", "cooccurrence", "scenario", "trending"):
                if abs(getattr(signal, name)) > abs(getattr(current, name)):
                    setattr(current, name, getattr(signal, name))
                    for detail in {"affinity": ("affinity_interest", "affinity_followed"),
                                   "cooccurrence": ("cooccurrence_with",), "scenario": ("scenario_name",)}.get(name, ()):
                        setattr(current, detail, getattr(signal, detail))
            current.featured |= signal.featured
            current.sources |= signal.sources
    return merged
