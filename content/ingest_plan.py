"""What one ingest batch writes, decided in memory exactly as storing its items one at a time
would decide it, with the database read a fixed few times for the whole batch.

Each item sees what the items before it did: an item sent twice is one row (the second an
update); a copy of an earlier item of the batch points to that item's original; an original
whose text changes is found by its new text and no longer by its old one; and, as in the
database, only originals are candidates (a copy is always found through its original, so a
copy of a copy that drifted away from the original is an original of its own). New items take
ids in the order they were sent. tests/content/test_ingest_batched.py pins the equivalence."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from content.ingest_rows import band_matches, candidate_rows, item_ids_allocate, originals_by_hash
from content.models import Author, Item, Source
from content.pipeline import dedup
from content.pipeline.validate import ItemDraft

# Fields an update may change; any change re-queues the item for scoring.
UPDATABLE_FIELDS = (
    "kind", "title", "body_html", "body_text", "url", "published_at", "price", "original_price",
    "currency", "merchant", "brand", "product", "product_key", "expires_at", "images", "metrics",
    "sponsored", "author_id",
)
TEXT_FIELDS = ("title", "body_text")
# A generic band key can be shared by many items; verifying a few hundred is plenty.
MAX_CANDIDATES = 500

Texts = tuple[str, str]  # (title, body_text)


@dataclass
class Fingerprint:
    text: str  # the dedup text
    content_hash: str
    signature: bytes
    keys: list[int]  # LSH band keys; none for texts that only ever match exactly


def fingerprints(texts: Iterable[Texts]) -> dict[Texts, Fingerprint]:
    """The fingerprint of each distinct (title, body_text): MinHash for all of them at once."""
    pairs = list(dict.fromkeys(texts))
    dedup_texts = [dedup.dedup_text(title, body) for title, body in pairs]
    signatures = dedup.signatures(dedup_texts)
    keys = dedup.batch_index_keys(dedup_texts, signatures)
    raw = np.ascontiguousarray(signatures, dtype="<u4")
    return {
        pair: Fingerprint(text, dedup.content_hash(text), raw[row].tobytes(), keys[row])
        for row, (pair, text) in enumerate(zip(pairs, dedup_texts, strict=True))
    }


def editor_set_fields(item: Item) -> tuple[str, ...]:
    """Fields an editor's decision set on this item, which a source's update leaves alone: the
    sponsorship label once an editor has decided on the item, and an end an editor confirmed."""
    if item.moderated_at is None:
        return ()
    return ("sponsored", "expires_at") if item.moderation_reason == "expired" else ("sponsored",)


def existing_items(source: Source, drafts: list[ItemDraft]) -> dict[tuple[str, str], Item]:
    """Stored items the drafts name: by this source's external id, or by canonical URL."""
    found: dict[tuple[str, str], Item] = {}
    query = Item.objects.filter(source=source, external_id__in=[d.external_id for d in drafts]) | Item.objects.filter(
        canonical_url_hash__in=[d.canonical_url_hash for d in drafts])
    for item in query:
        if item.source_id == source.pk:
            found[("ext", item.external_id)] = item
        found[("url", item.canonical_url_hash)] = item
    return found


class BatchPlan:
    """New items (with their originals), changed items and band rows of one batch."""

    def __init__(self, *, source: Source, drafts: list[ItemDraft], authors: dict[str, Author],
                 prints: dict[Texts, Fingerprint]) -> None:
        self.source, self.authors = source, authors
        self.existing = existing_items(source, drafts)
        self.versions_read = {item.pk: item.version for item in self.existing.values()}
        wanted = [(d.title, d.body_text) for d in drafts if self._text_may_change(d)]
        prints.update(fingerprints(pair for pair in dict.fromkeys(wanted) if pair not in prints))
        self.prints = prints  # kept by the caller: a batch tried again does not compute them again
        self.ids = iter(item_ids_allocate(count=self._new_count(drafts)))
        self.candidates = Candidates([prints[pair] for pair in wanted])
        self.new: list[Item] = []
        self.new_ids: set[int] = set()
        self.changed: dict[int, Item] = {}  # stored items, by id
        self.keys: dict[int, list[int]] = {}  # band keys of the originals indexed anew
        self.item_at: dict[int, Item] = {}

    def _stored(self, draft: ItemDraft) -> Item | None:
        return self.existing.get(("ext", draft.external_id)) or self.existing.get(("url", draft.canonical_url_hash))

    def _text_may_change(self, draft: ItemDraft) -> bool:
        item = self._stored(draft)
        return item is None or (item.title, item.body_text) != (draft.title, draft.body_text)

    def _new_count(self, drafts: list[ItemDraft]) -> int:
        """How many of the drafts will be new rows (place() in a dry run, on the keys alone)."""
        known, count = set(self.existing), 0
        for draft in drafts:
            ext, url = ("ext", draft.external_id), ("url", draft.canonical_url_hash)
            if ext not in known and url not in known:
                count += 1
                known.update((ext, url))
        return count

    def place(self, index: int, draft: ItemDraft) -> tuple[bool, bool]:
        """Decide what this draft does; (created, changed)."""
        item = self._stored(draft)
        if item is None:
            self.item_at[index] = self._create(draft)
            return True, False
        self.item_at[index] = item
        return False, self._update(item, draft)

    def _fields(self, draft: ItemDraft) -> dict[str, Any]:
        author: Author | None = self.authors.get(draft.author.external_id) if draft.author else None
        fields = {name: getattr(draft, name) for name in UPDATABLE_FIELDS if name != "author_id"}
        fields["author_id"] = author.pk if author else None
        return fields

    def _create(self, draft: ItemDraft) -> Item:
        print_ = self.prints[(draft.title, draft.body_text)]
        item = Item(
            pk=next(self.ids),
            source=self.source,
            external_id=draft.external_id,
            canonical_url=draft.canonical_url,
            canonical_url_hash=draft.canonical_url_hash,
            fingerprint=print_.signature,
            content_hash=print_.content_hash,
            **self._fields(draft),
        )
        found = self.candidates.original_of(print_)
        if found is None:
            self._index(item, print_)
        else:
            item.duplicate_of_id, item.duplicate_similarity = found
        self.new.append(item)
        self.new_ids.add(item.pk)
        self.existing[("ext", draft.external_id)] = item
        self.existing[("url", draft.canonical_url_hash)] = item
        return item

    def _index(self, item: Item, print_: Fingerprint) -> None:
        """An original: later items find it by these keys and this text, and its bands are these."""
        self.keys[item.pk] = print_.keys
        self.candidates.index(item.pk, print_)

    def _update(self, item: Item, draft: ItemDraft) -> bool:
        fields = self._fields(draft)
        for name in editor_set_fields(item):  # the source does not undo an editor's decision
            fields.pop(name, None)
        changed = [name for name, value in fields.items() if getattr(item, name) != value]
        if not changed:
            return False
        for name in changed:
            setattr(item, name, fields[name])
        item.version += 1  # a decision taken on what it said before is now stale (409)
        if any(name in TEXT_FIELDS for name in changed):
            print_ = self.prints[(item.title, item.body_text)]
            item.fingerprint, item.content_hash = print_.signature, print_.content_hash
            if item.duplicate_of_id is None:
                self._index(item, print_)
            else:
                self.candidates.retext(item.pk, print_)
        if item.pk not in self.new_ids:  # a new row is inserted as it ends up
            self.changed[item.pk] = item
        return True

    def rebanded(self) -> list[int]:
        """Stored originals whose bands this batch replaces."""
        return [pk for pk in self.keys if pk in self.changed]

    def bands(self) -> tuple[list[int], list[int]]:
        """The band rows to insert: (item ids, keys)."""
        ids = [pk for pk, keys in self.keys.items() for _ in keys]
        return ids, [key for keys in self.keys.values() for key in keys]


class Candidates:
    """The originals an item may copy, as the database would answer item by item: stored
    originals read once for the whole batch (by band key and exact-text hash), overlaid with
    what the batch did so far (new originals, stored ones whose text it changed)."""

    def __init__(self, prints: list[Fingerprint]) -> None:
        self.by_key: dict[int, list[int]] = {}
        for key, item_id in band_matches(keys={key for p in prints for key in p.keys}, per_key=MAX_CANDIDATES):
            self.by_key.setdefault(key, []).append(item_id)
        self.by_hash: dict[str, list[int]] = {}
        for content_hash, item_id in originals_by_hash(hashes={p.content_hash for p in prints if p.text}):
            self.by_hash.setdefault(content_hash, []).append(item_id)
        ids = {i for ids in self.by_key.values() for i in ids} | {i for ids in self.by_hash.values() for i in ids}
        self.rows = {pk: (title, body, original) for pk, title, body, original in candidate_rows(ids=ids)} if ids else {}
        self.texts: dict[int, str] = {}  # dedup texts, computed when first needed
        self.moved: set[int] = set()  # stored originals this batch re-indexed: their stored keys are stale
        self.batch_keys: dict[int, set[int]] = {}
        self.batch_hash: dict[str, set[int]] = {}
        self.indexed: dict[int, Fingerprint] = {}

    def index(self, item_id: int, print_: Fingerprint) -> None:
        """`item_id` is an original with this text now (new, or its text just changed)."""
        self.moved.add(item_id)
        old = self.indexed.pop(item_id, None)
        if old is not None:
            for key in old.keys:
                self.batch_keys[key].discard(item_id)
            self.batch_hash[old.content_hash].discard(item_id)
        self.indexed[item_id] = print_
        self.texts[item_id] = print_.text
        if print_.text:
            for key in print_.keys:
                self.batch_keys.setdefault(key, set()).add(item_id)
            self.batch_hash.setdefault(print_.content_hash, set()).add(item_id)

    def retext(self, item_id: int, print_: Fingerprint) -> None:
        """A copy's text changed: it stays where it was indexed (if at all), with its new text."""
        self.texts[item_id] = print_.text

    def original_of(self, print_: Fingerprint) -> tuple[int, float] | None:
        """(the root of the cluster this text copies, similarity), or None for an original."""
        if not print_.text:  # nothing comparable left (only emoji, links…): never a copy
            return None
        ids = {i for key in print_.keys for i in self.by_key.get(key, ()) if i not in self.moved}
        ids.update(i for key in print_.keys for i in self.batch_keys.get(key, ()))
        by_hash = [i for i in self.by_hash.get(print_.content_hash, ()) if i not in self.moved]
        by_hash += self.batch_hash.get(print_.content_hash, ())
        if by_hash:
            ids.add(min(by_hash))  # the earliest original with this exact text
        chosen = sorted(ids)[:MAX_CANDIDATES]
        found = dedup.find_original(print_.text, print_.keys, {pk: self._text(pk) for pk in chosen})
        if found is None:
            return None
        candidate, similarity = found
        return self._root(candidate), similarity

    def _text(self, item_id: int) -> str:
        if item_id not in self.texts:
            title, body, _ = self.rows[item_id]
            self.texts[item_id] = dedup.dedup_text(title, body)
        return self.texts[item_id]

    def _root(self, item_id: int) -> int:
        if item_id in self.indexed or item_id not in self.rows:
            return item_id
        return self.rows[item_id][2] or item_id
