"""Reads of a shopper's behaviour and profile for the recommender (one query each)."""

from collections import defaultdict
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from interests.models import Event, ShopperProfile, UserInterest
from interests.profiles import current_score
from interests.shopper import personalization_key

# What engagement with an item says about wanting more like it, for co-occurrence candidates.
ENGAGEMENT_WEIGHTS = {"favorite": 3.0, "click_out": 2.5, "vote_worth": 2.0, "share": 2.0, "dwell": 1.5, "click": 1.0}
ENGAGED_WINDOW = timedelta(days=30)
SEEN_WINDOW = timedelta(days=7)


# What the shopper said outranks what she clicked: a followed interest counts fully; behaviour
# alone approaches BEHAVIOUR_MAX as evidence piles up and reaches half of it at BEHAVIOUR_HALF (a
# favourite and a click, about): one click on a rice cooker does not outweigh following 露营.
FOLLOWED_AFFINITY = 1.0
BEHAVIOUR_MAX = 0.8
BEHAVIOUR_HALF = 4.0


def behaviour_affinity(score: float, strongest: float) -> float:
    """−1..BEHAVIOUR_MAX from a behavioural score: saturating for interest shown, relative to
    the strongest (or BEHAVIOUR_HALF) for interest pushed away (hidden, voted 不值)."""
    if score >= 0:
        return BEHAVIOUR_MAX * score / (score + BEHAVIOUR_HALF)
    return max(-1.0, score / max(strongest, BEHAVIOUR_HALF))


def interest_affinities(user_id: int) -> dict[int, tuple[float, str, bool, bool]]:
    """interest id -> (affinity −1..1, name, followed, is a child). Followed interests count 1,
    muted ones −1 (their items drop out), behaviour in between (behaviour_affinity); deleted
    ones are absent."""
    now = timezone.now()
    rows = UserInterest.objects.filter(user_id=user_id).exclude(state="deleted").select_related("interest")
    held = [(row, current_score(row, now)) for row in rows]
    strongest = max((score for row, score in held if row.state == "auto"), default=0.0)
    affinities = {}
    for row, score in held:
        if row.state == "muted":
            affinity = -1.0
        elif row.state == "followed":
            affinity = FOLLOWED_AFFINITY
        else:
            affinity = behaviour_affinity(score, strongest)
        affinities[row.interest_id] = (affinity, row.interest.name, row.state == "followed", row.interest.parent_id is not None)
    return affinities


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
    rows = (Event.objects.filter(user_id=user_id, type="impression", item__in=item_ids,
                                 ts__gte=timezone.now() - SEEN_WINDOW)
            .values("item_id").annotate(n=Count("id")).values_list("item_id", "n"))
    return dict(rows)


def personalization_enabled(user_id: int) -> bool:
    """The shopper's switch, cached (interests.shopper.personalization_set clears it)."""
    key = personalization_key(user_id)
    enabled = cache.get(key)
    if enabled is None:
        enabled = ShopperProfile.objects.filter(user_id=user_id).values_list("personalization_enabled", flat=True).first()
        enabled = True if enabled is None else enabled
        cache.set(key, enabled, 3600)
    return enabled
