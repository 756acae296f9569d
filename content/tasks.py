"""Thin Celery doors onto content services. Tasks take ids and are safe to run twice."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from content.ingest import queue_scoring
from content.models import Source
from content.polling import source_poll, sources_claim_due
from content.scoring.service import items_needing_scores, items_score


@shared_task
def poll_due_sources() -> int:
    """Beat, every minute: queue a poll for each source whose own interval has come round."""
    claimed = sources_claim_due()
    for source_id in claimed:
        poll_source.delay(source_id)
    return len(claimed)


@shared_task
def poll_source(source_id: int) -> dict:
    source = Source.objects.filter(pk=source_id, is_active=True).first()
    if source is None:
        return {"skipped": source_id}
    return source_poll(source=source).__dict__


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    retry_backoff_max=600,
    max_retries=8,
)
def score_items(item_ids: list[int]) -> int:
    """Score a batch of items. Safe to run twice or concurrently: results are upserted."""
    return items_score(item_ids=item_ids)


@shared_task
def sweep_unscored_items() -> int:
    """Beat, every 5 minutes: re-queue items that are unscored, stale or changed, so a lost
    message or a killed worker never leaves an item unscored for long."""
    ids = items_needing_scores()
    queue_scoring(ids)
    return len(ids)
