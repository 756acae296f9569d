"""What ranking knows of each feed candidate besides what the sources say: worth, publication,
main circle, the AIUC scores and every interest tag; read by id, and kept in the process.

Why kept: a cold feed's thousand-odd candidates come mostly from pools every shopper shares
(an interest's newest items, what is trending, the scenario's), so the shopper after the first
needs the facts of a few items only. Reading them all cost about half of a cold feed's time.
Kept facts lag behind scores and tags by at most FACTS_TTL seconds, as cards do (CARD_TTL); an
editor's decision shows at once (they are kept per content epoch); an item that expires or
grows too old for feeds while kept drops out when read, as a fresh read would drop it. Having
facts is also what "may still be shown" means to the co-occurrence source (candidates.cooccurring).
"""

import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from content.cards import CARD_TTL
from content.models import ItemScore
from content.moderation.visibility import content_epoch
from content.scoring.dimensions import DIMENSION_KEYS
from interests.models import ItemInterest
from recommender import pools

FACTS_TTL = CARD_TTL
KEPT_LIMIT = 20_000  # items a process keeps facts of: about 1.6 KB each, 32 MB at most

Tags = list[tuple[int, float]]  # (interest id, weight) of an item


@dataclass(frozen=True)
class CandidateFacts:
    """What ranking knows of a candidate besides what the sources say."""

    worth: float
    published_at: datetime
    circle: str  # top-level interest slug, "" when untagged
    circle_name: str = ""
    dimensions: dict[str, float] = field(default_factory=dict)  # the AIUC scores, 0–100


@dataclass(frozen=True)
class _Kept:
    facts: CandidateFacts | None  # None: not shown in feeds (taken down, merged, sponsored…)
    tags: Tags
    expires_at: datetime | None
    read_at: float  # time.monotonic()


_kept: dict[int, _Kept] = {}
_kept_epoch: int | None = None


def candidate_facts(item_ids: Collection[int]) -> tuple[dict[int, CandidateFacts], dict[int, Tags]]:
    """Facts and tags of the candidates that may still be shown; the others get none and drop
    out. Read from the process's kept facts, the rest from the database (and kept)."""
    global _kept_epoch
    epoch = content_epoch()
    if epoch != _kept_epoch:
        _kept.clear()
        _kept_epoch = epoch
    clock = time.monotonic()
    found = {pk: kept for pk in item_ids if (kept := _kept.get(pk)) is not None and clock - kept.read_at < FACTS_TTL}
    missing = [pk for pk in item_ids if pk not in found]
    if missing:
        read = _read(missing, clock)
        if len(_kept) + len(read) > KEPT_LIMIT:
            _kept.clear()
        _kept.update(read)
        found.update(read)
    now = timezone.now()
    oldest = now - pools.RECENT
    facts, tags = {}, {}
    for pk, kept in found.items():
        if kept.facts is None or (kept.expires_at is not None and kept.expires_at <= now) or kept.facts.published_at < oldest:
            continue
        facts[pk] = kept.facts
        if kept.tags:
            tags[pk] = kept.tags
    return facts, tags


def forget_candidate_facts() -> None:
    """Drop what this process keeps (tests, whose database rolls back, start each afresh)."""
    global _kept_epoch
    _kept.clear()
    _kept_epoch = None


def _read(item_ids: list[int], clock: float) -> dict[int, _Kept]:
    # Two reads by id (the items that may still be shown, then their scores) rather than one
    # join: joined, PostgreSQL scanned the whole score table for a thousand candidates. The ids
    # go as one parameter (guide.db's `any` lookup), not a thousand placeholders.
    shown = {pk: (published, expires) for pk, published, expires in pools.organic_unjoined().filter(
        pk__any=item_ids).values_list("pk", "published_at", "expires_at")}
    rows = ItemScore.objects.filter(item_id__any=shown).values_list("item_id", "worth_score", *DIMENSION_KEYS)
    tags: dict[int, Tags] = {}
    circles: dict[int, tuple[str, str, float]] = {}
    for item_id, interest_id, weight, slug, name, parent in ItemInterest.objects.filter(
        item__any=shown
    ).values_list("item_id", "interest_id", "weight", "interest__slug", "interest__name", "interest__parent_id"):
        tags.setdefault(item_id, []).append((interest_id, weight))
        if parent is None and weight > circles.get(item_id, ("", "", 0.0))[2]:
            circles[item_id] = (slug, name, weight)
    kept = {pk: _Kept(None, [], None, clock) for pk in item_ids}  # unscored or not shown: no facts
    for pk, worth, *scores in rows:
        published, expires = shown[pk]
        facts = CandidateFacts(worth or 0.0, published, *circles.get(pk, ("", "", 0.0))[:2],
                               dimensions=dict(zip(DIMENSION_KEYS, scores, strict=True)) if scores[0] is not None else {})
        kept[pk] = _Kept(facts, tags.get(pk, []), expires, clock)
    return kept
