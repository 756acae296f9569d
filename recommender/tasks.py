"""Thin Celery doors onto recommender services."""

from celery import shared_task

from recommender.lists import lists_refresh


@shared_task(acks_late=True)
def refresh_lists() -> int:
    """Beat: materialise every 值得买 list, so reading one is a single query."""
    return lists_refresh()
