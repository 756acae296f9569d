"""Facts for a batch of items, read with a fixed number of queries whatever the batch size:
corroboration, exact copies, author history, votes, the product's other offers and the
per-platform scales that normalise followers and engagement."""

from collections import defaultdict
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, F, Q

from content.models import Item, Vote
from content.scoring.facts import AuthorFacts, ItemFacts, PriceFacts
from guide.roles import BRAND_MEMBERS_GROUP

# What counts as a large following and a hot post differs a lot between platforms; these are
# the scales used until a platform has enough of its own data to measure them (95th percentile).
FOLLOWER_SCALE = {"weibo": 1_000_000, "douyin": 1_000_000, "bilibili": 500_000, "xiaohongshu": 200_000,
                  "zhihu": 100_000, "smzdm": 50_000}
ENGAGEMENT_SCALE = {"weibo": 20_000, "douyin": 50_000, "bilibili": 20_000, "xiaohongshu": 10_000,
                    "zhihu": 5_000, "smzdm": 2_000}
DEFAULT_FOLLOWER_SCALE, DEFAULT_ENGAGEMENT_SCALE = 50_000, 1_000
MIN_SAMPLE = 50
RECENT_OFFER = timedelta(days=30)


def facts_for(items: list[Item], *, now: datetime) -> dict[int, ItemFacts]:
    ids = [item.pk for item in items]
    corroboration = dict(
        Item.objects.filter(duplicate_of__in=ids)
        .exclude(source=F("duplicate_of__source"))
        .values("duplicate_of")
        .annotate(sources=Count("source", distinct=True))
        .values_list("duplicate_of", "sources")
    )
    original_hashes = dict(
        Item.objects.filter(pk__in={i.duplicate_of_id for i in items if i.duplicate_of_id}).values_list("pk", "content_hash")
    )
    authors = _author_history({i.author_id for i in items if i.author_id})
    votes = {
        row["item"]: row
        for row in Vote.objects.filter(item__in=ids).exclude(user__groups__name=BRAND_MEMBERS_GROUP)
        .values("item")
        .annotate(worth=Count("pk", filter=Q(value=1)), not_worth=Count("pk", filter=Q(value=-1)))
    }
    offers = _offers({i.product_key for i in items if i.product_key and i.price is not None})
    scales = platform_scales()
    return {
        item.pk: _facts(item, now, corroboration, original_hashes, authors, votes, offers, scales)
        for item in items
    }


def _facts(item, now, corroboration, original_hashes, authors, votes, offers, scales) -> ItemFacts:
    platform = item.source.platform
    author = None
    if item.author_id:
        count, rejected = authors.get(item.author_id, (0, 0))
        author = AuthorFacts(item.author.followers, item.author.verified, count, rejected,
                             scales["followers"].get(platform, DEFAULT_FOLLOWER_SCALE))
    item_votes = votes.get(item.pk, {})
    return ItemFacts(
        kind=item.kind, platform=platform, source_trust=item.source.trust_level, now=now,
        published_at=item.published_at or item.fetched_at, expires_at=item.expires_at,
        price=item.price, original_price=item.original_price, currency=item.currency,
        brand=item.brand, product=item.product, images=len(item.images or []), metrics=item.metrics or {},
        engagement_scale=scales["engagement"].get(platform, DEFAULT_ENGAGEMENT_SCALE),
        sponsored=item.sponsored, author=author, duplicate_of=item.duplicate_of_id,
        duplicate_similarity=item.duplicate_similarity,
        exact_copy=bool(item.duplicate_of_id) and original_hashes.get(item.duplicate_of_id) == item.content_hash,
        corroborating_sources=corroboration.get(item.pk, 0),
        votes_worth=item_votes.get("worth", 0), votes_not_worth=item_votes.get("not_worth", 0),
        price_facts=price_facts(item, offers.get(item.product_key, []), now),
    )


def _author_history(author_ids: set[int]) -> dict[int, tuple[int, int]]:
    rows = (
        Item.objects.filter(author__in=author_ids)
        .values("author")
        .annotate(n=Count("pk"), rejected=Count("pk", filter=Q(status="rejected")))
    )
    return {row["author"]: (row["n"], row["rejected"]) for row in rows}


def _offers(keys: set[str]) -> dict[str, list[tuple]]:
    offers: dict[str, list[tuple]] = defaultdict(list)
    rows = (
        Item.objects.filter(product_key__in=keys, price__isnull=False)
        .exclude(status="rejected")
        .values_list("pk", "product_key", "merchant", "price", "currency", "published_at", "fetched_at", "expires_at")
        .order_by("-pk")[:20_000]
    )
    for pk, key, merchant, price, currency, published, fetched, expires in rows:
        offers[key].append((pk, merchant, price, currency, published or fetched, expires))
    return offers


def price_facts(item: Item, offers: list[tuple], now: datetime) -> PriceFacts:
    """The product's lowest earlier price, and its lowest current price at another merchant."""
    facts = PriceFacts()
    when = item.published_at or item.fetched_at or now
    for pk, merchant, price, currency, seen_at, expires in offers:
        if pk == item.pk or currency != item.currency:
            continue
        if seen_at and seen_at < when and (facts.historical_low is None or price < facts.historical_low):
            facts.historical_low = price
        current = (expires is None or expires > now) and seen_at and now - seen_at < RECENT_OFFER
        other_merchant = merchant and merchant != item.merchant
        if current and other_merchant and (facts.best_elsewhere is None or price < facts.best_elsewhere):
            facts.best_elsewhere, facts.best_elsewhere_merchant = price, merchant
    return facts


def platform_scales() -> dict[str, dict[str, float]]:
    """95th percentiles of followers and engagement per platform, measured hourly once a platform
    has enough data; the defaults above until then."""
    scales = cache.get("scoring:platform-scales")
    if scales is None:
        scales = {"followers": dict(FOLLOWER_SCALE), "engagement": dict(ENGAGEMENT_SCALE)}
        scales["followers"].update(_measured_follower_scales())
        cache.set("scoring:platform-scales", scales, 3600)
    return scales


def _measured_follower_scales() -> dict[str, float]:
    from content.models import Author

    measured = {}
    for platform, count in Author.objects.values_list("platform").annotate(n=Count("pk")).values_list("platform", "n"):
        if count >= MIN_SAMPLE:
            p95 = Author.objects.filter(platform=platform).order_by("-followers").values_list("followers", flat=True)[
                count // 20
            ]
            measured[platform] = max(1_000.0, float(p95))
    return measured
