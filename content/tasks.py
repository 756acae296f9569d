"""Thin Celery doors onto content services. Tasks take ids and are safe to run twice."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.dateparse import parse_datetime

from content.models import Source
from content.outbox import SWEEP_GRACE, scoring_publish, scoring_relay, scoring_run
from content.polling import source_poll, sources_claim_due
from content.scoring.service import items_needing_scores


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
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    retry_backoff_max=600,  # a retry waits unacknowledged less than the visibility timeout
    max_retries=8,
    time_limit=settings.SCORING_TIME_LIMIT,
    soft_time_limit=settings.SCORING_TIME_LIMIT * 0.9,
)
def score_items(self, item_ids: list[int], queued_at: str | None = None) -> int:
    """Score a batch of items. Safe to run twice or concurrently: results are upserted, and a
    copy skips what another task is scoring or scored since it was queued (content.outbox)."""
    return scoring_run(item_ids=item_ids, queued_at=parse_datetime(queued_at) if queued_at else None,
                       holder=self.request.id or "")


@shared_task
def relay_unscored_items() -> int:
    """Beat, every SCORING_RELAY_SECONDS: queue the items that wait unclaimed (the broker was
    down, a worker died holding them)."""
    return scoring_relay()


@shared_task
def sweep_unscored_items() -> int:
    """Beat, every 5 minutes: re-queue unclaimed items that are unscored, stale (another engine
    or profile version) or changed, so nothing is left unscored for long."""
    return scoring_publish(item_ids=items_needing_scores(grace=SWEEP_GRACE), skip_claimed=True)


@shared_task(acks_late=True, time_limit=1800)
def regate_items(profile_version: int) -> dict:
    """After an editor activates a scoring profile: its worth index and gatekeeping applied to
    every stored score (no text analysed again); then feeds and lists follow at once."""
    from content.models import ScoringProfile
    from content.moderation.visibility import visibility_changed_after_commit
    from content.scoring.regate import regate_apply

    profile = ScoringProfile.objects.filter(version=profile_version, is_active=True).first()
    if profile is None:  # another profile was activated since; its own task does the work
        return {"skipped": profile_version}
    plan = regate_apply(profile)
    visibility_changed_after_commit([])
    return plan.as_dict()
