"""The active ScoringProfile and the 值得买 index it defines."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from content.models import ScoringProfile
from content.scoring.dimensions import DIMENSION_KEYS

# Trust and honesty weigh most: a gatekeeper ranks the reliable, non-advertorial, good-value
# first; reach (author, engagement) counts, but less, so that the loud do not drown the good.
DEFAULT_WEIGHTS: dict[str, float] = {
    "consumption_relevance": 1.0,
    "content_reliability": 1.5,
    "information_density": 1.0,
    "author_popularity": 0.4,
    "timeliness": 0.8,
    "price_value": 1.2,
    "originality": 1.0,
    "engagement": 0.7,
    "sentiment": 0.8,
    "interest_clarity": 0.5,
    "objectivity": 1.5,
    "scenario_richness": 0.4,
}
CACHE_KEY = "scoring:active-profile"


def worth_score(scores: dict[str, float], weights: dict[str, float]) -> float:
    """The 值得买 index: the weighted mean of the twelve dimensions, 0–100."""
    total = sum(max(0.0, weights.get(key, 0.0)) for key in DIMENSION_KEYS)
    if total <= 0:
        return 0.0
    return round(sum(scores[key] * max(0.0, weights.get(key, 0.0)) for key in DIMENSION_KEYS) / total, 1)


def active_profile() -> ScoringProfile:
    """The active profile (cached for a minute; a new version clears the cache)."""
    profile = cache.get(CACHE_KEY)
    if profile is None:
        profile = ScoringProfile.objects.filter(is_active=True).first() or profile_create_version(
            values={"name": "默认", "weights": DEFAULT_WEIGHTS}
        )
        cache.set(CACHE_KEY, profile, 60)
    return profile


@transaction.atomic
def profile_create_version(*, values: dict, created_by=None) -> ScoringProfile:
    """Store `values` as a new profile version and make it the active one."""
    profile = ScoringProfile(**values, created_by=created_by)
    return profile_make_active(profile=profile, activated_by=created_by)


@transaction.atomic
def profile_make_active(*, profile: ScoringProfile, activated_by=None) -> ScoringProfile:
    """Give the (new or draft) profile the next version number and make it the only active one."""
    # Locking the active row serialises two activations racing for the same number.
    list(ScoringProfile.objects.select_for_update().filter(is_active=True))
    latest = ScoringProfile.objects.aggregate(v=Max("version"))["v"] or 0
    ScoringProfile.objects.filter(is_active=True).update(is_active=False)
    profile.version, profile.is_active, profile.is_draft = latest + 1, True, False
    profile.activated_at, profile.activated_by = timezone.now(), activated_by
    profile.save()
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    return profile
