"""Polling feeds and pages: which sources are due, and one poll of one source.

Two beat ticks or two workers never poll the same source twice: a source is claimed with a
conditional UPDATE on next_poll_at. A failing source backs off exponentially, keeps its last
error for operators, and is retried by the same schedule."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, Q
from django.utils import timezone

from content.ingest import items_ingest
from content.models import Source
from content.sources import FETCHERS
from content.sources.base import FetchError
from guide.faults import TemporarilyUnavailable

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=24)
BATCH = 500


@dataclass
class PollResult:
    source: str
    ok: bool
    not_modified: bool = False
    entries: int = 0
    created: int = 0
    changed: int = 0
    rejected: int = 0
    error: str = ""


def sources_claim_due(*, now: datetime | None = None) -> list[int]:
    """Ids of the active fetchable sources that are due, each claimed for this poll."""
    now = now or timezone.now()
    due = Source.objects.filter(is_active=True, adapter__in=FETCHERS).filter(
        Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    )
    claimed = []
    for source_id, interval, next_poll_at in due.values_list("pk", "poll_interval_minutes", "next_poll_at"):
        rows = Source.objects.filter(pk=source_id, next_poll_at=next_poll_at).update(
            next_poll_at=now + timedelta(minutes=interval)
        )
        if rows == 1:
            claimed.append(source_id)
    return claimed


def source_poll(*, source: Source) -> PollResult:
    """Fetch one source and ingest what it holds; record success or the error on the source."""
    adapter = FETCHERS.get(source.adapter)
    if adapter is None or not adapter.accepts(source):
        return _record_failure(source, f"来源类型 {source.adapter} 不能抓取")
    try:
        fetched = adapter.fetch(source.url, etag=source.etag, last_modified=source.last_modified)
    except FetchError as exc:
        return _record_failure(source, str(exc))
    except Exception as exc:  # a parser choking on garbage must not take the worker down
        logger.exception("unexpected error polling source %s", source.name)
        return _record_failure(source, f"意外错误：{type(exc).__name__}: {exc}")
    result = PollResult(source.name, ok=True, not_modified=fetched.not_modified, entries=len(fetched.entries))
    for start in range(0, len(fetched.entries), BATCH):
        try:
            stored = items_ingest(source=source, raw_items=fetched.entries[start : start + BATCH])
        except TemporarilyUnavailable as exc:  # too slow under load: the next poll fetches it all again
            return _record_failure(source, exc.message)
        for outcome in stored:
            result.created += outcome.created
            result.changed += outcome.changed
            result.rejected += outcome.outcome == "rejected"
    now = timezone.now()
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        last_success_at=now,
        consecutive_failures=0,
        etag=fetched.etag or ("" if not fetched.not_modified else F("etag")),
        last_modified=fetched.last_modified or ("" if not fetched.not_modified else F("last_modified")),
    )
    return result


def _record_failure(source: Source, message: str) -> PollResult:
    now = timezone.now()
    failures = source.consecutive_failures + 1
    backoff = min(timedelta(minutes=source.poll_interval_minutes) * 2 ** min(failures, 10), MAX_BACKOFF)
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        last_error=message[:2000],
        last_error_at=now,
        consecutive_failures=F("consecutive_failures") + 1,
        next_poll_at=now + backoff,
    )
    logger.warning("source %s failed (%d in a row): %s", source.name, failures, message)
    return PollResult(source.name, ok=False, error=message)
