"""The one normalise-and-store path every source feeds: validate, dedup, upsert, hand off.

A batch costs a fixed handful of queries whatever its size: existing items, authors and LSH
candidates are each looked up once for the whole batch, and new rows are bulk-inserted.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone

from content.authors import authors_upsert
from content.models import Author, Item, ItemBand, Source
from content.outbox import (
    AWAITING_SCORING,
    SCORING_BATCH,  # noqa: F401 (the rescore command imports it from here)
    scoring_claim,
    scoring_publish,
)
from content.pipeline import dedup
from content.pipeline.validate import ItemDraft, validate_item
from guide.db import insert_rows
from guide.faults import Deadline, TemporarilyUnavailable, retryable_database_error

logger = logging.getLogger(__name__)

# Fields an update may change; any change re-queues the item for scoring.
UPDATABLE_FIELDS = (
    "kind", "title", "body_html", "body_text", "url", "published_at", "price", "original_price",
    "currency", "merchant", "brand", "product", "product_key", "expires_at", "images", "metrics",
    "sponsored", "author_id",
)
TEXT_FIELDS = ("title", "body_text")
# A generic band key can be shared by many items; verifying a few hundred is plenty.
MAX_CANDIDATES = 500
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


@dataclass
class Fingerprint:
    text: str
    content_hash: str
    signature: bytes
    keys: list[int]


def fingerprint(title: str, body_text: str) -> Fingerprint:
    """Dedup text, exact hash, MinHash signature and LSH keys (none for very short texts, which
    only ever match exactly)."""
    text = dedup.dedup_text(title, body_text)
    sig = dedup.signature(text)
    keys = dedup.band_keys(sig) if len(text) >= dedup.MIN_LENGTH else []
    return Fingerprint(text, dedup.content_hash(text), dedup.signature_to_bytes(sig), keys)


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
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                deadline.bound_statements()
                stored = _store(source, drafts, now, deadline)
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


def editor_set_fields(item: Item) -> tuple[str, ...]:
    """Fields an editor's decision set on this item, which a source's update leaves alone: the
    sponsorship label once an editor has decided on the item, and an end an editor confirmed."""
    if item.moderated_at is None:
        return ()
    return ("sponsored", "expires_at") if item.moderation_reason == "expired" else ("sponsored",)


def _printable(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and len(value) <= 255 else None


def _store(source: Source, drafts: list[tuple[int, ItemDraft]], now: datetime, deadline: Deadline) -> list[IngestOutcome]:
    if not drafts:
        return []
    plan = _Plan(source, [draft for _, draft in drafts])
    deadline.check()
    outcomes = [plan.place(index, draft) for index, draft in drafts]
    deadline.check()
    plan.write(now)
    for outcome in outcomes:
        item = plan.item_at[outcome.index]
        outcome.id, outcome.duplicate_of = item.pk, item.duplicate_of_id
        outcome.outcome = "duplicate" if item.duplicate_of_id else "accepted"
    to_score = sorted({o.id for o in outcomes if o.created or o.changed})
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


class _Plan:
    """What one batch will write: new items (with their originals), changed items, new bands."""

    def __init__(self, source: Source, drafts: list[ItemDraft]) -> None:
        self.source = source
        self.authors = authors_upsert(
            platform=source.platform, drafts=[d.author for d in drafts if d.author is not None]
        )
        self.existing = _existing_items(source, drafts)
        self.prints = {id(d): fingerprint(d.title, d.body_text) for d in drafts if not self._stored(d)}
        self.stored = _StoredCandidates(list(self.prints.values()))
        self.batch_index = dedup.MemoryLshIndex()
        self.batch_by_hash: dict[str, int] = {}
        self.new: list[tuple[Item, Fingerprint, Item | int | None]] = []
        self.changed: dict[int, Item] = {}
        self.rebanded: list[tuple[Item, Fingerprint]] = []
        self.item_at: dict[int, Item] = {}

    def _stored(self, draft: ItemDraft) -> Item | None:
        return self.existing.get(("ext", draft.external_id)) or self.existing.get(("url", draft.canonical_url_hash))

    def place(self, index: int, draft: ItemDraft) -> IngestOutcome:
        outcome = IngestOutcome(index, draft.external_id, "accepted")
        item = self._stored(draft)
        if item is None:
            item, outcome.created = self._create(draft), True
        else:
            outcome.changed = self._update(item, draft)
        self.item_at[index] = item
        return outcome

    def _fields(self, draft: ItemDraft) -> dict[str, Any]:
        author: Author | None = self.authors.get(draft.author.external_id) if draft.author else None
        fields = {name: getattr(draft, name) for name in UPDATABLE_FIELDS if name != "author_id"}
        fields["author_id"] = author.pk if author else None
        return fields

    def _create(self, draft: ItemDraft) -> Item:
        print_ = self.prints[id(draft)]
        item = Item(
            source=self.source,
            external_id=draft.external_id,
            canonical_url=draft.canonical_url,
            canonical_url_hash=draft.canonical_url_hash,
            fingerprint=print_.signature,
            content_hash=print_.content_hash,
            **self._fields(draft),
        )
        item.duplicate_similarity, original = self._find_original(print_)
        if isinstance(original, int):  # a stored original: known before insert
            item.duplicate_of_id = original
        position = len(self.new)
        self.new.append((item, print_, original))
        # Later items of this batch may be copies of this one, or the same item again.
        self.batch_index.add(-(position + 1), print_.keys)
        if print_.text:
            self.batch_by_hash.setdefault(print_.content_hash, -(position + 1))
        self.existing[("ext", draft.external_id)] = item
        self.existing[("url", draft.canonical_url_hash)] = item
        return item

    def _find_original(self, print_: Fingerprint) -> tuple[float | None, Item | int | None]:
        """The root of the cluster this text copies: a stored item id, or a new Item."""
        if not print_.text:  # nothing comparable left (only emoji, links…): never a copy
            return None, None
        texts = self.stored.texts_for(print_)
        in_batch = self.batch_index.candidates(print_.keys)
        if print_.content_hash in self.batch_by_hash:
            in_batch.add(self.batch_by_hash[print_.content_hash])
        for key in in_batch:
            texts[key] = self.new[-key - 1][1].text
        found = dedup.find_original(print_.text, print_.keys, texts)
        if found is None:
            return None, None
        candidate, similarity = found
        if candidate > 0:
            return similarity, self.stored.roots[candidate]
        item, _, its_original = self.new[-candidate - 1]
        return similarity, its_original if its_original is not None else item

    def _update(self, item: Item, draft: ItemDraft) -> bool:
        fields = self._fields(draft)
        for name in editor_set_fields(item):  # the source does not undo an editor's decision
            fields.pop(name, None)
        changed = [name for name, value in fields.items() if getattr(item, name) != value]
        for name in changed:
            setattr(item, name, fields[name])
        if changed and item.pk is not None:  # a decision taken on what it said before is now stale (409)
            item.version = F("version") + 1
        if any(name in TEXT_FIELDS for name in changed):
            print_ = fingerprint(item.title, item.body_text)
            item.fingerprint, item.content_hash = print_.signature, print_.content_hash
            if item.pk is not None and item.duplicate_of_id is None:
                self.rebanded.append((item, print_))
        if changed and item.pk is not None:
            self.changed[item.pk] = item
        return bool(changed)

    def write(self, now: datetime) -> None:
        # Rows in a fixed order (by canonical URL, unique across sources), so that concurrent
        # batches take their locks in the same order and never deadlock on each other.
        Item.objects.bulk_create(sorted((item for item, _, _ in self.new), key=lambda item: item.canonical_url_hash))
        # Copies of items new in this batch learn their original's id only now.
        copies_in_batch = []
        for item, _, original in self.new:
            if isinstance(original, Item):
                item.duplicate_of_id = original.pk
                copies_in_batch.append(item)
        Item.objects.bulk_update(copies_in_batch, ["duplicate_of"])
        if self.changed:
            for item in self.changed.values():
                item.updated_at = now
            fields = [*UPDATABLE_FIELDS, "fingerprint", "content_hash", "updated_at", "version"]
            Item.objects.bulk_update(sorted(self.changed.values(), key=lambda item: item.pk), fields)
        ItemBand.objects.filter(item__in=[item for item, _ in self.rebanded]).delete()
        # Only originals are indexed: a copy is always found through its original, and this
        # keeps a much-copied text from swelling the candidate lists.
        bands = [(item, p) for item, p, original in self.new if original is None] + self.rebanded
        insert_rows(ItemBand, ("item_id", "key"), [(item.pk, key) for item, p in bands for key in p.keys])


def _existing_items(source: Source, drafts: list[ItemDraft]) -> dict[tuple[str, str], Item]:
    found: dict[tuple[str, str], Item] = {}
    query = Q(source=source, external_id__in=[d.external_id for d in drafts]) | Q(
        canonical_url_hash__in=[d.canonical_url_hash for d in drafts]
    )
    for item in Item.objects.filter(query):
        if item.source_id == source.pk:
            found[("ext", item.external_id)] = item
        found[("url", item.canonical_url_hash)] = item
    return found


class _StoredCandidates:
    """Candidates among stored items for a whole batch (LSH band matches and exact-text
    originals): a fixed few queries, then lookups in memory."""

    def __init__(self, prints: list[Fingerprint]) -> None:
        keys = {key for p in prints for key in p.keys}
        hashes = {p.content_hash for p in prints if p.text}
        self.ids_by_key: dict[int, list[int]] = {}
        matches = ItemBand.objects.filter(key__in=keys).values_list("key", "item_id")
        for key, item_id in matches[: MAX_CANDIDATES * 40]:
            self.ids_by_key.setdefault(key, []).append(item_id)
        self.id_by_hash = dict(
            Item.objects.filter(content_hash__in=hashes, duplicate_of__isnull=True)
            .order_by("-pk")
            .values_list("content_hash", "pk")
        )  # ordered so that the earliest original wins
        ids = {item_id for ids in self.ids_by_key.values() for item_id in ids} | set(self.id_by_hash.values())
        rows = Item.objects.filter(pk__in=ids).values_list("pk", "title", "body_text", "duplicate_of_id")
        self.text = {pk: dedup.dedup_text(title, body) for pk, title, body, _ in rows}
        self.roots = {pk: original or pk for pk, _, _, original in rows}

    def texts_for(self, print_: Fingerprint) -> dict[int, str]:
        ids = {item_id for key in print_.keys for item_id in self.ids_by_key.get(key, ())}
        if print_.content_hash in self.id_by_hash:
            ids.add(self.id_by_hash[print_.content_hash])
        return {item_id: self.text[item_id] for item_id in sorted(ids)[:MAX_CANDIDATES]}


def queue_scoring(item_ids: list[int]) -> int:
    """Hand new or changed items to the scoring workers, in batches; how many were handed over.
    Never raises for an unreachable broker: the items wait for the relay (content.outbox)."""
    return scoring_publish(item_ids=item_ids)
