"""Shopper interest profiles from behaviour: per-type weights, exponential time decay, negative
signals, explicit follow / mute / delete, searches mapped to interests.

    score(now) = score(t0) · ½^((now − t0) / half_life) + Σ weight(type) · strength · tag_weight · ½^((now − ts) / half_life)

Updated incrementally from a per-shopper cursor over the event log (the Celery task after new
events), or rebuilt from the log (`rebuild_profiles`, and after anonymous events are merged)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from content.scoring.analysis import analyze
from interests.constants import EVENT_WEIGHTS
from interests.lexicon import current_lexicon
from interests.models import Event, ItemInterest, ShopperProfile, UserInterest
from interests.tagging import interest_tags
from interests.values import values_learn

EVENTS_PER_PASS = 20_000
DWELL_FULL_MS = 30_000  # half a minute of reading counts as a click; longer counts more, up to 2×
# Rows in these states take no contributions from behaviour: the shopper decided.
DECIDED_STATES = ("muted", "deleted")
MIN_TAG_WEIGHT = 0.3  # item tags weaker than this say little about what a shopper engaged with


def half_life() -> timedelta:
    return timedelta(days=getattr(settings, "INTEREST_HALF_LIFE_DAYS", 14))


def decay(age: timedelta) -> float:
    return 0.5 ** (max(age, timedelta(0)) / half_life())


def event_strength(event_type: str, dwell_ms: int | None) -> float:
    weight = getattr(settings, "INTEREST_EVENT_WEIGHTS", EVENT_WEIGHTS).get(event_type, 0.0)
    if event_type == "dwell":
        return weight * min(2.0, (dwell_ms or 0) / DWELL_FULL_MS)
    return weight


def current_score(row: UserInterest, now: datetime) -> float:
    return row.score * decay(now - row.scored_at)


# What the shopper said outranks what she clicked: a followed interest counts fully; behaviour
# alone approaches BEHAVIOUR_MAX as evidence piles up and reaches half of it at BEHAVIOUR_HALF (a
# favourite and a click, about): one click on a rice cooker does not outweigh following 露营.
# The feed ranks by these affinities and 我的兴趣 shows them.
FOLLOWED_AFFINITY = 1.0
BEHAVIOUR_MAX = 0.8
BEHAVIOUR_HALF = 4.0


def strongest_behaviour(held: list[tuple[UserInterest, float]]) -> float:
    return max((score for row, score in held if row.state == "auto"), default=0.0)


def affinity(state: str, score: float, strongest: float) -> float:
    """−1..1: followed 1, muted −1; behaviour saturating for interest shown, relative to the
    strongest (or BEHAVIOUR_HALF) for interest pushed away (hidden, voted 不值)."""
    if state == "muted":
        return -1.0
    if state == "followed":
        return FOLLOWED_AFFINITY
    if score >= 0:
        return BEHAVIOUR_MAX * score / (score + BEHAVIOUR_HALF)
    return max(-1.0, score / max(strongest, BEHAVIOUR_HALF))


def profile_for(user) -> ShopperProfile:
    return ShopperProfile.objects.get_or_create(user=user)[0]


def profile_update(*, user_id: int) -> int:
    """Add the shopper's events since the cursor to their profile; returns events applied."""
    with transaction.atomic():
        profile, _ = ShopperProfile.objects.select_for_update().get_or_create(user_id=user_id)
        events = list(
            Event.objects.filter(user_id=user_id, id__gt=profile.last_event_id).order_by("id")[:EVENTS_PER_PASS]
        )
        if not events:
            return 0
        _apply(user_id, events, timezone.now())
        profile.last_event_id = events[-1].id
        profile.save(update_fields=["last_event_id", "updated_at"])
    values_learn(user_id=user_id)  # what she opened among what she was shown: which dimensions she weighs
    return len(events)


def profile_rebuild(*, user_id: int) -> int:
    """Recompute the behavioural part of a profile from the whole event log. The shopper's own
    decisions (followed, muted, deleted) are kept."""
    with transaction.atomic():
        profile, _ = ShopperProfile.objects.select_for_update().get_or_create(user_id=user_id)
        UserInterest.objects.filter(user_id=user_id, state="auto").delete()
        UserInterest.objects.filter(user_id=user_id).update(score=0.0, evidence={}, scored_at=timezone.now())
        profile.last_event_id = 0
        profile.save(update_fields=["last_event_id", "updated_at"])
    applied = 0
    while True:
        step = profile_update(user_id=user_id)
        applied += step
        if step < EVENTS_PER_PASS:
            return applied


def _apply(user_id: int, events: list[Event], now: datetime) -> None:
    contributions, evidence = _contributions(events, now)
    rows = {r.interest_id: r for r in UserInterest.objects.filter(user_id=user_id, interest_id__in=contributions)}
    new, changed = [], []
    for interest_id, amount in contributions.items():
        row = rows.get(interest_id)
        if row is None:
            new.append(UserInterest(user_id=user_id, interest_id=interest_id, score=amount, scored_at=now,
                                    evidence=evidence[interest_id]))
        elif row.state not in DECIDED_STATES:
            row.score, row.scored_at = current_score(row, now) + amount, now
            row.evidence = _merge_evidence(row.evidence, evidence[interest_id])
            changed.append(row)
    UserInterest.objects.bulk_create(new)
    UserInterest.objects.bulk_update(changed, ["score", "scored_at", "evidence"])


def _contributions(events: Iterable[Event], now: datetime) -> tuple[dict[int, float], dict[int, dict]]:
    events = list(events)
    tags = _item_tags({e.item_id for e in events if e.item_id})
    amounts: dict[int, float] = defaultdict(float)
    evidence: dict[int, dict] = defaultdict(dict)
    for event in events:
        strength = event_strength(event.type, event.dwell_ms)
        if not strength:
            continue
        topics = _query_tags(event.query) if event.type == "search" else tags.get(event.item_id, [])
        for interest_id, weight in topics:
            amounts[interest_id] += strength * weight * decay(now - event.ts)
            _count(evidence[interest_id], event)
    return amounts, evidence


def _item_tags(item_ids: set[int]) -> dict[int, list[tuple[int, float]]]:
    tags: dict[int, list[tuple[int, float]]] = defaultdict(list)
    # A weak secondary tag is not what the shopper engaged with (three clicks on pet posts made
    # 17 interests before this floor, among them 演出娱乐 and 钓鱼).
    for item_id, interest_id, weight in ItemInterest.objects.filter(
        item__in=item_ids, weight__gte=MIN_TAG_WEIGHT
    ).values_list("item_id", "interest_id", "weight"):
        tags[item_id].append((interest_id, weight))
    return tags


def _query_tags(query: str) -> list[tuple[int, float]]:
    """A search query mapped to interests with the same tagger items get."""
    from interests.services import interest_ids_by_slug

    ids = interest_ids_by_slug()
    return [(ids[t.slug], t.weight) for t in interest_tags(analyze(query, ""), current_lexicon()) if t.slug in ids]


def _count(evidence: dict, event: Event) -> None:
    if event.type == "search":
        queries = evidence.setdefault("queries", [])
        if event.query not in queries:
            queries.append(event.query)
            del queries[:-5]  # the latest five are enough to explain
    else:
        evidence[event.type] = evidence.get(event.type, 0) + 1


def _merge_evidence(old: dict, new: dict) -> dict:
    merged = dict(old)
    for key, value in new.items():
        if key == "queries":
            merged["queries"] = list(dict.fromkeys([*old.get("queries", []), *value]))[-5:]
        else:
            merged[key] = merged.get(key, 0) + value
    return merged
