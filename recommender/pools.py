"""Shared candidate pools: for each interest, scenario and circle, the best recent visible
originals, computed by one query and cached for a few minutes. Every shopper's feed draws on
the same pools, so computing a personal feed does only the shopper's own lookups.

(Measured on 100,000 items: matching a shopper's ~30 interests against all tagged items in one
query took 6 s; reading pools from the cache takes milliseconds.)"""

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from content.constants import VISIBLE_STATUSES
from content.models import Item
from content.moderation.visibility import content_epoch
from interests.models import Interest, ItemInterest, ItemScenario, Scenario

POOL_TTL = 600  # refreshed every 4 minutes by beat (pools_refresh); computed on demand without it
POOL_SIZE = 300
RECENT = timedelta(days=60)
# An item belongs in a circle only by a real tag: a weak secondary one (a dog-food deal's 数码
# 0.18) would put it in the wrong circle's feed.
CIRCLE_MIN_WEIGHT = 0.3
TRENDING_WINDOW = timedelta(days=3)


def organic() -> QuerySet[Item]:
    """Visible originals that are not sponsored, scored, recent and not expired: what organic
    feeds may show."""
    return organic_unjoined().filter(score__isnull=False)


def organic_unjoined() -> QuerySet[Item]:
    """organic() but for the score: the item table alone, for reading rows by id (joined to
    the score table, PostgreSQL reads all of it to find a thousand rows)."""
    now = timezone.now()
    return Item.objects.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now), status__in=VISIBLE_STATUSES,
                               duplicate_of__isnull=True, sponsored=False, published_at__gte=now - RECENT)


def _cached(key: str, compute: Callable[[], Any]) -> Any:
    return _cached_many({key: compute})[key]


def _cached_many(computes: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Each pool by its key: read from the cache in one round trip, computed where missing."""
    # Keyed by the content epoch: an editor's decision is in every pool computed after it.
    epoch = content_epoch()
    keys = {key: f"{key}@{epoch}" for key in computes}
    found = {} if _refreshing else cache.get_many(list(keys.values()))
    values, computed = {}, {}
    for key, compute in computes.items():
        value = found.get(keys[key])
        if value is None:
            value = computed[keys[key]] = compute()
        values[key] = value
    if computed:
        cache.set_many(computed, POOL_TTL)
    return values


_refreshing = False


def pools_refresh() -> int:
    """Recompute every pool now (all interests and scenarios; fresh, trending and featured
    overall and per top-level circle), so that feeds never wait for one."""
    global _refreshing
    _refreshing = True
    try:
        interests = list(Interest.objects.filter(is_active=True).values_list("pk", "slug", "parent_id"))
        for pk, slug, parent in interests:
            interest_pool(pk)
            if parent is None:
                circle_ids(slug), fresh_pool(slug), trending_pool(slug), featured_pool(slug)
        for pk in Scenario.objects.filter(is_active=True).values_list("pk", flat=True):
            scenario_pool(pk)
        fresh_pool(), trending_pool(), featured_pool(), sponsored_pool()
        for slug in {slug for _, slug, parent in interests if parent is None}:
            sponsored_pool(slug)
        return len(interests)
    finally:
        _refreshing = False


def circle_ids(slug: str) -> list[int]:
    """An interest and its children: what a circle feed draws from."""
    return _cached(f"pool:circle-ids:{slug}", lambda: list(
        Interest.objects.filter(Q(slug=slug) | Q(parent__slug=slug), is_active=True).values_list("pk", flat=True)))


def _in_circle(items: QuerySet[Item], circle: str) -> QuerySet[Item]:
    if not circle:
        return items
    return items.filter(interest_tags__interest__in=circle_ids(circle), interest_tags__weight__gte=CIRCLE_MIN_WEIGHT).distinct()


def _organic_tags(tags: QuerySet) -> QuerySet:
    """Tag rows of organic items, as joins (the planner does better than with IN (subquery))."""
    now = timezone.now()
    return tags.filter(Q(item__expires_at__isnull=True) | Q(item__expires_at__gt=now),
                       item__status__in=VISIBLE_STATUSES, item__duplicate_of__isnull=True, item__sponsored=False,
                       item__score__isnull=False, item__published_at__gte=now - RECENT)


def interest_pool(interest_id: int) -> list[tuple[int, float]]:
    """(item id, tag weight) of the newest organic items tagged with this interest."""
    return interest_pools([interest_id])[interest_id]


def interest_pools(interest_ids: list[int]) -> dict[int, list[tuple[int, float]]]:
    """interest_pool of each of these interests, read together."""
    def compute(interest_id: int) -> Callable[[], list[tuple[int, float]]]:
        return lambda: list(
            _organic_tags(ItemInterest.objects.filter(interest_id=interest_id, weight__gte=CIRCLE_MIN_WEIGHT))
            .order_by("-item__published_at").values_list("item_id", "weight")[:POOL_SIZE])

    pools = _cached_many({f"pool:interest:{pk}": compute(pk) for pk in interest_ids})
    return {pk: pools[f"pool:interest:{pk}"] for pk in interest_ids}


def scenario_pool(scenario_id: int) -> list[tuple[int, float]]:
    return _cached(f"pool:scenario:{scenario_id}", lambda: list(
        _organic_tags(ItemScenario.objects.filter(scenario_id=scenario_id))
        .order_by("-weight", "-item__published_at").values_list("item_id", "weight")[:POOL_SIZE]))


def fresh_pool(circle: str = "", size: int = POOL_SIZE) -> list[int]:
    return _cached(f"pool:fresh:{circle}:{size}", lambda: list(
        _in_circle(organic(), circle).order_by("-published_at", "-pk").values_list("pk", flat=True)[:size]))


def trending_pool(circle: str = "", size: int = POOL_SIZE) -> list[tuple[int, float]]:
    """(item id, engagement 0–100) of the hottest items of the last three days."""
    return _cached(f"pool:trending:{circle}:{size}", lambda: list(
        _in_circle(organic().filter(published_at__gte=timezone.now() - TRENDING_WINDOW), circle)
        .order_by("-score__engagement", "-pk").values_list("pk", "score__engagement")[:size]))


def featured_pool(circle: str = "") -> list[int]:
    return _cached(f"pool:featured:{circle}", lambda: list(
        _in_circle(organic().filter(status="featured"), circle).order_by("-published_at").values_list("pk", flat=True)[:100]))


SPONSORED_RECENT = timedelta(days=14)
SPONSORED_POOL_SIZE = 20


def sponsored_pool(circle: str = "") -> list[tuple[int, float, int, tuple[int, ...], str]]:
    """(item id, worth, campaign id or 0, the item's interest ids, its main top-level slug) of
    what may be placed as sponsored: the confirmed items of running campaigns and the best
    recent items their sources flagged as promotion, visible scored originals, tagged with this
    circle (the interest or a child of it, as circle feeds count membership) or overall. What
    recommender.sponsored places (measured: the queries cost 20–35 ms on 100,000 items for every
    feed computed; shared, they cost nothing). Caps, mutes and hides are applied per request."""
    return sponsored_pools([circle])[circle]


def sponsored_pools(circles: list[str]) -> dict[str, list[tuple[int, float, int, tuple[int, ...], str]]]:
    """sponsored_pool of each of these circles ("" overall), read together."""
    pools = _cached_many({f"pool:sponsored:{circle}": partial(_sponsored_entries, circle) for circle in circles})
    return {circle: pools[f"pool:sponsored:{circle}"] for circle in circles}


def _sponsored_entries(circle: str) -> list[tuple[int, float, int, tuple[int, ...], str]]:
    from recommender.campaigns import campaigns_running
    from recommender.models import CampaignItem

    ours = CampaignItem.objects.filter(applied=True).values("item_id")
    flagged = (_in_circle(Item.objects.filter(
        sponsored=True, status__in=VISIBLE_STATUSES, duplicate_of__isnull=True, score__isnull=False,
        published_at__gte=timezone.now() - SPONSORED_RECENT).exclude(pk__in=ours), circle)
        .order_by("-score__worth_score", "pk").values_list("pk", "score__worth_score")[:SPONSORED_POOL_SIZE])
    entries = CampaignItem.objects.filter(
        campaign_id__in=list(campaigns_running()), state="confirmed", item__status__in=VISIBLE_STATUSES,
        item__duplicate_of__isnull=True, item__score__isnull=False)
    if circle:
        entries = entries.filter(item__in=_in_circle(Item.objects.all(), circle).values("pk"))
    campaign_ads = entries.order_by("-item__score__worth_score", "item_id", "campaign_id").values_list(
        "item_id", "item__score__worth_score", "campaign_id")[:SPONSORED_POOL_SIZE]
    ads = [*campaign_ads, *((pk, worth, 0) for pk, worth in flagged)]
    tags: dict[int, list[int]] = {}
    main: dict[int, tuple[float, str]] = {}
    for item_id, interest_id, weight, slug, parent in ItemInterest.objects.filter(
            item__in={pk for pk, *_ in ads}, weight__gte=CIRCLE_MIN_WEIGHT).values_list(
            "item_id", "interest_id", "weight", "interest__slug", "interest__parent_id"):
        tags.setdefault(item_id, []).append(interest_id)
        if parent is None and weight > main.get(item_id, (0.0, ""))[0]:
            main[item_id] = (weight, slug)
    return [(pk, worth or 0.0, campaign, tuple(sorted(tags.get(pk, ()))), main.get(pk, (0.0, ""))[1])
            for pk, worth, campaign in ads]
