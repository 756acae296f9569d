"""Thin Celery doors onto content services. Tasks take ids and are safe to run twice."""

from celery import shared_task

from content.models import Source
from content.polling import source_poll, sources_claim_due


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


@shared_task
def score_items(item_ids: list[int]) -> int:
    """Score a batch of items (the AIUC engine lands with the scoring issue)."""
    return len(item_ids)
