"""Reads of a shopper's behaviour and profile for the recommender (one query each)."""

from collections import Counter, defaultdict
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone

from interests.models import Event, ShopperProfile, UserInterest
from interests.profiles import affinity, current_score, strongest_behaviour
from interests.shopper import personalization_key

# What engagement with an item says about wanting more like it, for co-occurrence candidates.
ENGAGEMENT_WEIGHTS = {"favorite": 3.0, "click_out": 2.5, "vote_worth": 2.0, "share": 2.0, "dwell": 1.5, "click": 1.0}
ENGAGED_WINDOW = timedelta(days=30)
SEEN_READ = 5000  # impressions read per feed at most (see seen_counts)
SEEN_WINDOW = timedelta(days=7)


def interest_affinities(user_id: int) -> dict[int, tuple[float, str, bool, bool]]:
    """interest id -> (affinity −1..1, name, followed, is a child). Followed interests count 1,
    muted ones −1 (their items drop out), behaviour in between (profiles.affinity); deleted
    ones are absent."""
    now = timezone.now()
    rows = UserInterest.objects.filter(user_id=user_id).exclude(state="deleted").select_related("interest")
    held = [(row, current_score(row, now)) for row in rows]
    strongest = strongest_behaviour(held)
    return {row.interest_id: (affinity(row.state, score, strongest), row.interest.name, row.state == "followed",
                              row.interest.parent_id is not None)
            for row, score in held}


def engaged_items(user_id: int, now: datetime, limit: int = 50) -> dict[int, float]:
    """The items the shopper recently engaged with, weighted by how."""
    weights: dict[int, float] = defaultdict(float)
    for item_id, kind in Event.objects.filter(
        user_id=user_id, type__in=ENGAGEMENT_WEIGHTS, ts__gte=now - ENGAGED_WINDOW, item__isnull=False
    ).values_list("item_id", "type").order_by("-id")[:500]:
        weights[item_id] += ENGAGEMENT_WEIGHTS[kind]
    return dict(sorted(weights.items(), key=lambda pair: -pair[1])[:limit])


def hidden_items(user_id: int | None) -> set[int]:
    if not user_id:
        return set()
    return set(Event.objects.filter(user_id=user_id, type="hide", item__isnull=False).values_list("item_id", flat=True))


def seen_counts(user_id: int | None, item_ids: set[int]) -> dict[int, int]:
    """How often each item was shown to the shopper in the last week (impressions)."""
    if not user_id or not item_ids:
        return {}
    # Read by the shopper (her newest events first, on the (user, id) index) and matched here:
    # asking for the feed's thousand-odd candidates by id cost ten times as much (measured 9.8
    # against 0.7 ms). A week of more than SEEN_READ impressions counts its newest ones.
    shown = (Event.objects.filter(user_id=user_id, type="impression", ts__gte=timezone.now() - SEEN_WINDOW)
             .order_by("-id").values_list("item_id", flat=True)[:SEEN_READ])
    return dict(Counter(item_id for item_id in shown if item_id in item_ids))


def personalization_enabled(user_id: int) -> bool:
    """The shopper's switch, cached (interests.shopper.personalization_set clears it)."""
    key = personalization_key(user_id)
    enabled = cache.get(key)
    if enabled is None:
        enabled = ShopperProfile.objects.filter(user_id=user_id).values_list("personalization_enabled", flat=True).first()
        enabled = True if enabled is None else enabled
        cache.set(key, enabled, 3600)
    return enabled
