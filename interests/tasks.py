"""Thin Celery doors onto interests services."""

from celery import shared_task
from django.core.cache import cache

from interests.profiles import profile_rebuild, profile_update


@shared_task(acks_late=True)
def update_profile(user_id: int) -> int:
    """Apply a shopper's new events to their profile (queued after events are stored)."""
    cache.delete(f"profile-update-queued:{user_id}")  # events arriving from now on queue another run
    return profile_update(user_id=user_id)


@shared_task(acks_late=True)
def rebuild_profile(user_id: int) -> int:
    return profile_rebuild(user_id=user_id)
