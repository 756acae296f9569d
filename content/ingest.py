"""The one normalise-and-store path every source feeds (the push API, ingest_file, polling,
the demo): validate, dedup, upsert, hand off to scoring.

A batch costs a fixed handful of statements whatever its size: existing items, authors and LSH
candidates are each read once for the whole batch (content.ingest_plan decides in memory what
storing its items one at a time would have written) and the rows are written with one
statement per table (content.ingest_rows).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from content.authors import authors_upsert
from content.ingest_plan import UPDATABLE_FIELDS, BatchPlan, Fingerprint, Texts, fingerprints
from content.ingest_rows import bands_insert
from content.models import Item, ItemBand, Source
from content.outbox import (
    AWAITING_SCORING,
    SCORING_BATCH,  # noqa: F401 (the rescore command imports it from here)
    scoring_claim,
    scoring_publish,
)
from content.pipeline.validate import ItemDraft, validate_item
from guide.db import rows_insert, rows_update
from guide.faults import Deadline, TemporarilyUnavailable, retryable_database_error

logger = logging.getLogger(__name__)

ATTEMPTS = 4  # a race on a unique key, a deadlock or a serialisation failure: the batch again


@dataclass
class IngestOutcome:
    index: int
    external_id: str | None
    outcome: str  # accepted | duplicate | rejected
    id: int | None = None
    duplicate_of: int | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    created: bool = False
    changed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "external_id": self.external_id,
            "outcome": self.outcome,
            "id": self.id,
            "duplicate_of": self.duplicate_of,
            "errors": self.errors or None,
            "created": self.created,
            "changed": self.changed,
        }


def items_ingest(*, source: Source, raw_items: Sequence[Any]) -> list[IngestOutcome]:
    """Validate and store a batch from one source; one outcome per raw item, in order.

    Invalid items are rejected with field errors and the rest are stored, in one transaction.
    Rows are written in a fixed order (authors by external id, items by canonical URL), so two
    batches never wait on each other in a cycle; should the database still pick this one to
    abort (a deadlock, a serialisation failure) or a concurrent writer win a race on a unique
    key, the batch is retried with backoff and then finds that row as an existing item.

    A batch that cannot finish within INGEST_DEADLINE_SECONDS is refused whole
    (TemporarilyUnavailable, answered 503 with Retry-After) rather than killed half-way."""
    deadline = Deadline(settings.INGEST_DEADLINE_SECONDS, _too_slow)
    now = timezone.now()
    outcomes: list[IngestOutcome] = []
    drafts: list[tuple[int, ItemDraft]] = []
    for index, raw in enumerate(raw_items):
        draft, errors = validate_item(raw, now=now)
        external_id = raw.get("external_id") if isinstance(raw, dict) else None
        outcome = IngestOutcome(index, _printable(external_id), "accepted")
        if draft is None:
            outcome.outcome, outcome.errors = "rejected", errors
        else:
            drafts.append((index, draft))
        outcomes.append(outcome)
    prints: dict[Texts, Fingerprint] = {}  # kept across attempts: a retry does not hash again
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                deadline.bound_statements()
                stored = _store(source, drafts, now, deadline, prints)
            break
        except (IntegrityError, OperationalError) as exc:
            if deadline.reached_in(exc):
                raise _too_slow() from exc
            reason = "a race on a unique key" if isinstance(exc, IntegrityError) else retryable_database_error(exc)
            if not reason or attempt == ATTEMPTS - 1:
                raise
            logger.info("ingest for source %s hit %s; retrying the batch", source.name, reason)
            deadline.back_off(attempt)
    for outcome in stored:
        outcomes[outcome.index] = outcome
    return outcomes


def _too_slow() -> TemporarilyUnavailable:
    return TemporarilyUnavailable(
        "ingest_timeout",
        f"这批内容未能在 {settings.INGEST_DEADLINE_SECONDS:g} 秒内处理完，已整批撤销、没有写入任何内容；"
        "请稍后重试，或分成更小的批次推送。",
    )


def _printable(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and len(value) <= 255 else None


def _store(source: Source, drafts: list[tuple[int, ItemDraft]], now: datetime, deadline: Deadline,
           prints: dict[Texts, Fingerprint]) -> list[IngestOutcome]:
    if not drafts:
        return []
    authors = authors_upsert(platform=source.platform, drafts=[d.author for _, d in drafts if d.author is not None])
    plan = BatchPlan(source=source, drafts=[draft for _, draft in drafts], authors=authors, prints=prints)
    deadline.check()
    outcomes = []
    for index, draft in drafts:
        outcome = IngestOutcome(index, draft.external_id, "accepted")
        outcome.created, outcome.changed = plan.place(index, draft)
        outcomes.append(outcome)
    deadline.check()
    _write(plan, now)
    for outcome in outcomes:
        item = plan.item_at[outcome.index]
        outcome.id, outcome.duplicate_of = item.pk, item.duplicate_of_id
        outcome.outcome = "duplicate" if item.duplicate_of_id else "accepted"
    to_score: list[int] = sorted({plan.item_at[o.index].pk for o in outcomes if o.created or o.changed})
    if to_score:
        scoring_claim(item_ids=to_score)  # before commit: the relay never takes them for lost
        transaction.on_commit(lambda: queue_scoring(to_score))
    # Sent again unchanged while still unscored (its first publish failed): queued again,
    # unless its message is still on its way.
    unchanged = {o.id for o in outcomes} - set(to_score)
    waiting = list(Item.objects.filter(AWAITING_SCORING, pk__in=unchanged).values_list("pk", flat=True)) if unchanged else []
    if waiting:
        transaction.on_commit(lambda: scoring_publish(item_ids=waiting, skip_claimed=True))
    return outcomes


def _write(plan: BatchPlan, now: datetime) -> None:
    # Rows in a fixed order (by canonical URL, unique across sources), so that concurrent
    # batches take their locks in the same order and never deadlock on each other.
    rows_insert(Item, sorted(plan.new, key=lambda item: item.canonical_url_hash))
    changed = sorted(plan.changed.values(), key=lambda item: item.pk)
    for item in changed:
        item.updated_at = now
        # From here on it holds what this batch adds: added to the row's version, not written
        # over it, so that an editor's decision meanwhile (which bumps it too) is not lost.
        item.version -= plan.versions_read[item.pk]
    rows_update(Item, changed, [*UPDATABLE_FIELDS, "fingerprint", "content_hash", "updated_at"], increments=("version",))
    rebanded = plan.rebanded()
    if rebanded:
        ItemBand.objects.filter(item_id__in=rebanded).delete()
    # Only originals are indexed: a copy is always found through its original, and this
    # keeps a much-copied text from swelling the candidate lists.
    item_ids, keys = plan.bands()
    bands_insert(item_ids=item_ids, keys=keys)


def ingest_warm_up() -> None:
    """Validate and fingerprint one item in memory (no database): the stages' libraries and
    lazily compiled patterns are ready before a process serves its first batch."""
    sample = {"external_id": "warm-up", "url": "https://example.com/warm-up?utm_source=x", "title": "预热",
              "body": "<p>开箱实测：到手价 99 元，续航很好 #数码#</p>", "published_at": "2026-01-01T08:00:00+08:00",
              "price": "99", "author": {"external_id": "a", "name": "作者"}, "metrics": {"likes": 1}}
    draft, _ = validate_item(sample, now=timezone.now())
    if draft is not None:
        fingerprints([(draft.title, draft.body_text)])


def queue_scoring(item_ids: list[int]) -> int:
    """Hand new or changed items to the scoring workers, in batches; how many were handed over.
    Never raises for an unreachable broker: the items wait for the relay (content.outbox)."""
    return scoring_publish(item_ids=item_ids)
