"""Feeds: personal (or non-personal for visitors and shoppers who switched personalisation off),
per interest circle, latest and hot.

A feed is computed once (up to FEED_LENGTH entries) and cached; pages are slices of that cached
list addressed by a signed cursor, so paging never repeats or skips an item even while new
content arrives. When the shopper acts (hides, favourites, votes…), their generation number
moves on and their next first page is computed afresh."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from content.models import Item
from interests.models import ItemInterest
from interests.selectors import engaged_items, hidden_items, interest_affinities, seen_counts
from recommender import candidates as sources
from recommender import pools
from recommender.context import active_scenarios
from recommender.ranking import ItemFacts, Ranked, diversify, rank
from recommender.sponsored import place_sponsored

FEED_LENGTH = 200
FEED_TTL = 600  # seconds a computed feed serves first pages
CURSOR_TTL = 1800  # seconds a cursor stays valid
MODES = ("personal", "latest", "hot")


class CursorError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class FeedRequest:
    user_id: int | None
    personal: bool
    mode: str = "personal"
    interest: str = ""  # a circle: an interest slug
    scenario: str = ""  # explicit scenario slug; otherwise inferred from the time
    now: datetime | None = None


def feed_generation(user_id: int | None) -> int:
    return cache.get(f"feed-gen:{user_id}", 0) if user_id else 0


def feed_invalidate(user_id: int) -> None:
    """The shopper acted: their next first page is computed afresh."""
    try:
        cache.incr(f"feed-gen:{user_id}")
    except ValueError:
        cache.set(f"feed-gen:{user_id}", 1, None)


def feed_page(request: FeedRequest, *, cursor: str | None, limit: int) -> tuple[str, int, list[dict], str | None]:
    """(feed id, offset, page of {item, reason, sponsored} entries, cursor of the next page)."""
    if cursor:
        feed_id, offset = _read_cursor(cursor)
        entries = cache.get(f"feed-id:{feed_id}")
        if entries is None:
            raise CursorError("stale_cursor", "这个列表已经更新，请从第一页重新加载。")
    else:
        feed_id, entries, offset = _cached_feed(request)
    page = entries[offset : offset + limit]
    following = offset + limit
    next_cursor = signing.dumps({"f": feed_id, "o": following}, salt="feed") if following < len(entries) else None
    return feed_id, offset, page, next_cursor


def page_key(feed_id: str, offset: int, limit: int) -> str:
    """Where the rendered page of a computed feed is kept (the API renders each page once)."""
    return f"feed-page:{feed_id}:{offset}:{limit}"


def _read_cursor(cursor: str) -> tuple[str, int]:
    try:
        data = signing.loads(cursor, salt="feed", max_age=CURSOR_TTL)
        return str(data["f"]), max(0, int(data["o"]))
    except signing.SignatureExpired as exc:
        raise CursorError("stale_cursor", "翻页已过期，请从第一页重新加载。") from exc
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise CursorError("invalid_cursor", "cursor 无效。") from exc


def _cached_feed(request: FeedRequest) -> tuple[str, list[dict], int]:
    now = request.now or timezone.now()
    identity = f"{request.user_id}:{feed_generation(request.user_id)}" if request.personal else "everyone"
    key = "feed:" + hashlib.sha1(
        f"{identity}|{request.mode}|{request.interest}|{request.scenario}|{now:%Y%m%d%H}".encode()
    ).hexdigest()
    cached = cache.get(key)
    if cached is not None and cache.get(f"feed-id:{cached}") is not None:
        return cached, cache.get(f"feed-id:{cached}"), 0
    entries = compute_feed(request, now)
    feed_id = uuid.uuid4().hex
    cache.set(f"feed-id:{feed_id}", entries, CURSOR_TTL)
    cache.set(key, feed_id, FEED_TTL)
    return feed_id, entries, 0


def compute_feed(request: FeedRequest, now: datetime) -> list[dict]:
    personal = request.personal and request.mode == "personal"
    affinities = interest_affinities(request.user_id) if personal else {}
    if request.mode == "latest":
        signals = sources.fresh(request.interest, limit=FEED_LENGTH)
    elif request.mode == "hot":
        signals = sources.trending(request.interest, limit=FEED_LENGTH)
    else:
        signals = _candidates(request, now, affinities)
    if personal:
        for item_id in hidden_items(request.user_id) & set(signals):
            del signals[item_id]
    facts, tags = _facts(signals)
    if personal:
        sources.apply_affinities(signals, tags, affinities)
    seen = seen_counts(request.user_id, set(signals)) if personal else {}
    ranked = rank(signals, facts, now=now, seen=seen, titles=_titles(signals), personal=personal)
    if request.mode == "latest":
        ranked.sort(key=lambda r: (-facts[r.item_id].published_at.timestamp(), r.item_id))
    ordered: list[Ranked] = diversify(ranked)[:FEED_LENGTH] if request.mode == "personal" else ranked[:FEED_LENGTH]
    entries = [{"item": r.item_id, "reason": r.reason, "sponsored": False} for r in ordered]
    return place_sponsored(entries, now=now, circles={r.circle for r in ordered[:20] if r.circle})


def _candidates(request: FeedRequest, now: datetime, affinities: dict) -> dict:
    circle = request.interest
    groups = [sources.fresh(circle), sources.featured(circle), sources.trending(circle),
              sources.scenario_matches(active_scenarios(now, request.scenario))]
    if affinities and not circle:
        groups.append(sources.interest_matches(affinities))
    if request.personal and not circle:
        groups.append(sources.cooccurring(engaged_items(request.user_id, now)))
    signals = sources.merge(*groups)
    if circle:  # scenario matches may come from anywhere; a circle feed keeps to its circle
        inside = set(pools.fresh_pool(circle)) | {pk for pk, _ in pools.trending_pool(circle)} | set(pools.featured_pool(circle))
        signals = {pk: s for pk, s in signals.items() if pk in inside}
    return signals


def _facts(signals: dict) -> tuple[dict[int, ItemFacts], dict[int, list[tuple[int, float]]]]:
    """Worth, publication and main circle of each candidate, and all its interest tags."""
    rows = Item.objects.filter(pk__in=signals).values_list("pk", "score__worth_score", "published_at")
    tags: dict[int, list[tuple[int, float]]] = {}
    circles: dict[int, tuple[str, str, float]] = {}
    for item_id, interest_id, weight, slug, name, parent in ItemInterest.objects.filter(item__in=signals).values_list(
        "item_id", "interest_id", "weight", "interest__slug", "interest__name", "interest__parent_id"
    ):
        tags.setdefault(item_id, []).append((interest_id, weight))
        if parent is None and weight > circles.get(item_id, ("", "", 0.0))[2]:
            circles[item_id] = (slug, name, weight)
    facts = {pk: ItemFacts(worth or 0.0, published, *circles.get(pk, ("", "", 0.0))[:2]) for pk, worth, published in rows}
    return facts, tags


def _titles(signals: dict) -> dict[int, str]:
    wanted = {s.cooccurrence_with for s in signals.values() if s.cooccurrence_with}
    return dict(Item.objects.filter(pk__in=wanted).values_list("pk", "title")) if wanted else {}
