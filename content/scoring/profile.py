"""The active ScoringProfile and the 值得买 index it defines."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from content.models import ScoringProfile
from content.scoring.dimensions import DEFAULT_WEIGHTS, DIMENSION_KEYS

CACHE_KEY = "scoring:active-profile"


def worth_score(scores: dict[str, float], weights: dict[str, float]) -> float:
    """The 值得买 index: the weighted mean of the twelve dimensions, 0–100. Weights lacking a
    dimension are refused (MissingWeights): a dimension added since they were stored needs its
    data migration (profiles_add_missing_weights), not a silent 0."""
    missing = [key for key in DIMENSION_KEYS if key not in weights]
    if missing:
        raise MissingWeights(f"scoring weights lack {', '.join(missing)}: migrate stored profiles "
                             "with content.scoring.profile.profiles_add_missing_weights")
    total = sum(max(0.0, weights[key]) for key in DIMENSION_KEYS)
    if total <= 0:
        return 0.0
    return round(sum(scores[key] * max(0.0, weights[key]) for key in DIMENSION_KEYS) / total, 1)


class MissingWeights(ValueError):
    """Scoring weights stored before a dimension was added, and not migrated since."""


def profiles_add_missing_weights(apps, schema_editor) -> None:
    """Data migration for a new dimension (RunPython): every stored profile gets the default
    weight of each dimension it lacks; weights editors set are kept."""
    profiles = apps.get_model("content", "ScoringProfile")
    for profile in profiles.objects.all():
        missing = {key: weight for key, weight in DEFAULT_WEIGHTS.items() if key not in profile.weights}
        if missing:
            profile.weights = {**profile.weights, **missing}
            profile.save(update_fields=["weights"])


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
