"""Feeds: personal (or non-personal for visitors and shoppers who switched personalisation off),
per interest circle, latest and hot.

A feed is computed once (up to FEED_LENGTH entries) and cached; pages are slices of that cached
list addressed by a signed cursor, so paging never repeats or skips an item even while new
content arrives. When the shopper acts (hides, favourites, votes…) and again when their profile
has taken it in, their feed generation (owned by interests.feed_generation, read here) moves on
and their next first page is computed afresh. Rendered pages are kept too
(feed_rendered_page), so serving a page again is a single cache read."""

import hashlib
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from content.cards import CARD_TTL, item_cards
from content.models import Item
from content.moderation.visibility import EPOCH_KEY, content_epoch, one_content_epoch
from interests.feed_generation import feed_generation, feed_generation_key
from interests.models import Interest
from interests.selectors import (
    hidden_items,
    interest_affinities,
    personalization_enabled,
    seen_counts,
)
from interests.shopper import personalization_key
from interests.values import effective_values
from recommender import candidates as sources
from recommender import pools
from recommender.candidate_facts import candidate_facts
from recommender.ranking import Ranked, diversify, rank
from recommender.sponsored import place_sponsored

FEED_LENGTH = 200
FEED_TTL = 600  # seconds a computed feed serves first pages
CURSOR_TTL = 1800  # seconds a cursor stays valid
CIRCLES_TTL = 300  # seconds a newly (de)activated interest may take to be (un)known to feeds
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
    generation: int | None = None  # the shopper's feed generation, when already read
    epoch: int | None = None  # the content epoch (editors' decisions), when already read


@dataclass(frozen=True)
class FeedSlice:
    feed_id: str
    offset: int
    entries: list[dict]  # {item, reason, sponsored}
    next_cursor: str | None
    serve_until: float  # Unix time after which this first page is no longer served (FEED_TTL)


@dataclass(frozen=True)
class RenderedPage:
    personal: bool
    results: bytes  # the page's entries, rendered
    next_cursor: str | None
    entries: list[dict] = field(default_factory=list)  # what was rendered (placements_serve reads them)
    computed: bool = False  # rendered for this call (not served as kept)


def feed_page(request: FeedRequest, *, cursor: str | None, limit: int) -> tuple[str, int, list[dict], str | None]:
    """(feed id, offset, page of {item, reason, sponsored} entries, cursor of the next page)."""
    page = feed_slice(request, cursor=cursor, limit=limit)
    return page.feed_id, page.offset, page.entries, page.next_cursor


def feed_slice(request: FeedRequest, *, cursor: str | None, limit: int) -> FeedSlice:
    """The requested page (feed_page's answer) and until when it may be served as a first page."""
    if cursor:
        feed_id, offset = _read_cursor(cursor)
        entries = cache.get(f"feed-id:{feed_id}")
        if entries is None:
            raise CursorError("stale_cursor", "这个列表已经更新，请从第一页重新加载。")
        serve_until = float("inf")
    else:
        feed_id, entries, serve_until = _cached_feed(request)
        offset = 0
    following = offset + limit
    next_cursor = signing.dumps({"f": feed_id, "o": following}, salt="feed") if following < len(entries) else None
    return FeedSlice(feed_id, offset, entries[offset:following], next_cursor, serve_until)


def feed_rendered_page(user_id: int | None, *, mode: str, interest: str, scenario: str, cursor: str | None,
                       limit: int, cached: dict[str, Any] | None = None) -> RenderedPage:
    """The page feed_page gives (personal when the shopper's switch is on), rendered to JSON
    (render_entries) once and then kept for up to CARD_TTL seconds (a first page no longer than
    its feed serves first pages). Warm, it is one cache read of the entries feed_page_keys names:
    the shopper's switch, their feed generation and the rendered page (`cached` when the
    caller read them already). A kept first page is served only while it is still the one
    feed_page would give: same generation (acting moves on), switch and hour. Raises
    CursorError like feed_page."""
    keys = feed_page_keys(user_id, mode=mode, interest=interest, scenario=scenario, cursor=cursor, limit=limit)
    found = cached if cached is not None else cache.get_many(keys)
    slot = keys[0]
    request, head, kept = _kept_page(user_id, found, slot, mode=mode, interest=interest, scenario=scenario, cursor=cursor)
    if kept is not None:
        return RenderedPage(request.personal, kept[1], kept[2], kept[4] if len(kept) > 4 else [])
    with one_content_epoch(request.epoch):  # the epoch just read: pools and cards need no read of their own
        page = feed_slice(request, cursor=cursor, limit=limit)
        results = render_entries(page.entries)
    ttl = min(CARD_TTL, page.serve_until - time.time())
    if ttl >= 1:
        cache.set(slot, (head, results, page.next_cursor, page.serve_until, page.entries), int(ttl))
    return RenderedPage(request.personal, results, page.next_cursor, page.entries, computed=True)


def first_page_kept(user_id: int, *, limit: int) -> bool:
    """Whether the shopper's personal first page of `limit` entries would be served as kept
    now (no feed computed, nothing rendered)."""
    keys = feed_page_keys(user_id, mode="personal", interest="", scenario="", cursor=None, limit=limit)
    return _kept_page(user_id, cache.get_many(keys), keys[0], mode="personal", interest="", scenario="",
                      cursor=None)[2] is not None


def _kept_page(user_id: int | None, found: dict[str, Any], slot: str, *, mode: str, interest: str, scenario: str,
               cursor: str | None) -> tuple[FeedRequest, str, tuple | None]:
    """(the request, the head its page is kept under, the kept page when it is still the one
    feed_page would give: same generation, switch, hour and epoch)."""
    # Missing from the cache, personalization_enabled answers (and fills it): a query, never a wrong answer.
    enabled = found.get(personalization_key(user_id)) if user_id else None
    personal = user_id is not None and (enabled if enabled is not None else personalization_enabled(user_id))
    epoch = found.get(EPOCH_KEY) or 0
    generation = (found.get(feed_generation_key(user_id)) or 0) if user_id else 0
    request = FeedRequest(user_id=user_id, personal=personal, mode=mode, interest=interest, scenario=scenario,
                          now=timezone.now(), generation=generation, epoch=epoch)
    # A later page is kept for its feed, a first page for its head; both only within an epoch.
    head = f"page@{epoch}" if cursor else _head_key(request)
    kept = found.get(slot)
    fresh = kept is not None and kept[0] == head and kept[3] > time.time()
    return request, head, kept if fresh else None


def render_entries(entries: list[dict]) -> bytes:
    """A page's entries as the API's JSON: each item as its card."""
    cards = item_cards([entry["item"] for entry in entries])
    return JSONRenderer().render([{"item": cards[e["item"]], "reason": e["reason"], "sponsored": e["sponsored"]}
                                  for e in entries if e["item"] in cards])


def feed_page_keys(user_id: int | None, *, mode: str, interest: str, scenario: str, cursor: str | None,
                   limit: int) -> list[str]:
    """The cache entries feed_rendered_page reads, the rendered page's first. A later page is
    kept by its feed and offset (whoever asks: the signed cursor names the feed), a first page
    by who asks for which feed. Raises CursorError for a bad cursor."""
    if cursor:
        feed_id, offset = _read_cursor(cursor)
        slot = f"feed-rendered:{feed_id}:{offset}:{limit}"
    else:
        slot = f"feed-rendered-first:{user_id or '-'}:{mode}:{interest}:{scenario}:{limit}"
    return [slot, EPOCH_KEY, personalization_key(user_id), feed_generation_key(user_id)] if user_id else [slot, EPOCH_KEY]


def feed_circles() -> frozenset[str]:
    """The interest slugs a circle feed may be asked for (the active ones), kept a few minutes."""
    slugs = cache.get("feed-interest-slugs")
    if slugs is None:
        slugs = frozenset(Interest.objects.filter(is_active=True).values_list("slug", flat=True))
        cache.set("feed-interest-slugs", slugs, CIRCLES_TTL)
    return slugs


def _read_cursor(cursor: str) -> tuple[str, int]:
    try:
        data = signing.loads(cursor, salt="feed", max_age=CURSOR_TTL)
        return str(data["f"]), max(0, int(data["o"]))
    except signing.SignatureExpired as exc:
        raise CursorError("stale_cursor", "翻页已过期，请从第一页重新加载。") from exc
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise CursorError("invalid_cursor", "cursor 无效。") from exc


def _head_key(request: FeedRequest) -> str:
    """The first page's feed: per shopper and generation (or everyone, when not personal),
    mode, circle, scenario, hour and content epoch (an editor's decision shows at once)."""
    now = request.now or timezone.now()
    epoch = request.epoch if request.epoch is not None else content_epoch()
    if request.personal:
        generation = request.generation if request.generation is not None else feed_generation(request.user_id)
        identity = f"{request.user_id}:{generation}"
    else:
        identity = "everyone"
    key = f"{identity}|{request.mode}|{request.interest}|{request.scenario}|{now:%Y%m%d%H}|{epoch}"
    return hashlib.sha1(key.encode()).hexdigest()


def _cached_feed(request: FeedRequest) -> tuple[str, list[dict], float]:
    """(feed id, entries, until when it serves first pages), computed when not cached."""
    key = "feed-head:" + _head_key(request)
    head = cache.get(key)
    entries = cache.get(f"feed-id:{head[0]}") if head is not None and head[1] > time.time() else None
    if entries is not None:
        return head[0], entries, head[1]
    with one_content_epoch(request.epoch):  # one read of the epoch for every pool the feed draws on
        entries = compute_feed(request, request.now or timezone.now())
    feed_id, serve_until = uuid.uuid4().hex, time.time() + FEED_TTL
    cache.set(f"feed-id:{feed_id}", entries, CURSOR_TTL)
    cache.set(key, (feed_id, serve_until), FEED_TTL)
    return feed_id, entries, serve_until


def compute_feed(request: FeedRequest, now: datetime) -> list[dict]:
    personal = request.personal and request.mode == "personal"
    affinities = interest_affinities(request.user_id) if personal and request.user_id is not None else {}
    if request.mode == "latest":
        signals = sources.fresh(request.interest, limit=FEED_LENGTH)
    elif request.mode == "hot":
        signals = sources.trending(request.interest, limit=FEED_LENGTH)
    else:
        signals = _candidates(request, now, affinities)
    if personal:
        for item_id in hidden_items(request.user_id) & set(signals):
            del signals[item_id]
    facts, tags = candidate_facts(signals)
    if personal:
        sources.apply_affinities(signals, tags, affinities)
    seen = seen_counts(request.user_id, set(signals)) if personal else {}
    values = effective_values(request.user_id) if personal else {}
    ranked = rank(signals, facts, now=now, seen=seen, titles=_titles(signals), personal=personal, values=values)
    if request.mode == "latest":
        ranked.sort(key=lambda r: (-facts[r.item_id].published_at.timestamp(), r.item_id))
    ordered: list[Ranked] = diversify(ranked, FEED_LENGTH) if request.mode == "personal" else ranked[:FEED_LENGTH]
    entries = [{"item": r.item_id, "reason": r.reason, "sponsored": False} for r in ordered]
    return place_sponsored(entries, now=now, circles={r.circle for r in ordered[:20] if r.circle}, circle=request.interest,
                           scenario=request.scenario, user_id=request.user_id if request.personal else None,
                           affinities=affinities)


def _candidates(request: FeedRequest, now: datetime, affinities: dict) -> dict:
    circle = request.interest
    signals = sources.candidates(sources.CandidateRequest(user_id=request.user_id, personal=request.personal, circle=circle,
                                                          scenario=request.scenario, now=now, affinities=affinities))
    if circle:  # scenario matches may come from anywhere; a circle feed keeps to its circle
        inside = set(pools.fresh_pool(circle)) | {pk for pk, _ in pools.trending_pool(circle)} | set(pools.featured_pool(circle))
        signals = {pk: s for pk, s in signals.items() if pk in inside}
    return signals


def _titles(signals: dict) -> dict[int, str]:
    wanted = {s.about["cooccurrence"] for s in signals.values() if s.about.get("cooccurrence")}
    return dict(Item.objects.filter(pk__any=wanted).values_list("pk", "title")) if wanted else {}
