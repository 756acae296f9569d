"""Thin Celery doors onto interests services."""

from celery import shared_task
from django.core.cache import cache

from interests.feed_generation import profile_applied_announce
from interests.profiles import profile_rebuild, profile_update


@shared_task(acks_late=True)
def update_profile(user_id: int) -> int:
    """Apply a shopper's new events to their profile (queued after events are stored); the
    feed, which ranks by the profile, moves on once they are applied."""
    cache.delete(f"profile-update-queued:{user_id}")  # events arriving from now on queue another run
    applied = profile_update(user_id=user_id)
    if applied:
        profile_applied_announce(user_id)
    return applied


@shared_task(acks_late=True)
def rebuild_profile(user_id: int) -> int:
    applied = profile_rebuild(user_id=user_id)
    profile_applied_announce(user_id)  # even from nothing: the rebuild cleared what behaviour had made
    return applied


@shared_task(acks_late=False, time_limit=3 * 3600, soft_time_limit=3 * 3600 - 60)
def retrain_tagger_if_needed() -> dict:
    """Retrain the interest classifier once enough editor labels have accumulated since the
    shipped artifact was trained (checked hourly by beat; the count is one cheap query).
    Acknowledged early: a run outlives the broker's visibility timeout, and a lost one is
    simply repeated by the next hourly check."""
    from interests.training import retrain_if_needed  # scikit-learn training code: load it only here

    return retrain_if_needed()


@shared_task(acks_late=True)
def notify_alerts(item_ids: list[int]) -> int:
    """Notify shoppers whose keyword alerts these just-approved items match (idempotent)."""
    from interests.alerts import alerts_notify

    return alerts_notify(item_ids=item_ids)
