"""Facts for a batch of items, read with a fixed number of queries whatever the batch size:
corroboration, exact copies, author history, votes, the product's other offers and the
per-platform scales that normalise followers and engagement.

A product's other offers are not read whole: a popular product has thousands, and reading them
all made each batch's facts grow with the catalogue (up to 20,000 rows per batch of 100 on the
pipeline benchmark's 100,000 items, 1.4 ms of the worker's CPU per item at 50,000): the two
prices scoring needs are two subqueries per item of one query, each read off an index."""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

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
    corroboration = _corroboration(items)
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
    prices = price_facts([i for i in items if i.product_key and i.price is not None], now)
    scales = platform_scales()
    return {
        item.pk: _facts(item, now, corroboration, original_hashes, authors, votes, prices, scales)
        for item in items
    }


def _facts(item, now, corroboration, original_hashes, authors, votes, prices, scales) -> ItemFacts:
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
        price_facts=prices.get(item.pk) or PriceFacts(),
    )


def _corroboration(items: list[Item]) -> dict[int, int]:
    """How many other sources carry a copy of each item. The copies' rows are read by the
    duplicate_of index and counted here: asked to join and count, PostgreSQL planned a parallel
    scan on a stale estimate of the copies (about 10 ms per batch, for none found)."""
    sources = {item.pk: item.source_id for item in items}
    others: dict[int, set[int]] = {}
    for original, source in Item.objects.filter(duplicate_of__any=list(sources)).values_list("duplicate_of", "source"):
        if source != sources[original]:
            others.setdefault(original, set()).add(source)
    return {pk: len(found) for pk, found in others.items()}


def _author_history(author_ids: set[int]) -> dict[int, tuple[int, int]]:
    rows = (
        Item.objects.filter(author__in=author_ids)
        .values("author")
        .annotate(n=Count("pk"), rejected=Count("pk", filter=Q(status="rejected")))
    )
    return {row["author"]: (row["n"], row["rejected"]) for row in rows}


def price_facts(items: list[Item], now: datetime) -> dict[int, PriceFacts]:
    """For each priced item with a product: the lowest price the product was offered at before
    it, and its lowest current price at another merchant (in the item's currency, rejected
    offers left out; current = not expired and seen within RECENT_OFFER; of equal prices, the
    newest offer's merchant)."""
    if not items:
        return {}
    offers = (
        Item.objects.filter(product_key=OuterRef("product_key"), currency=OuterRef("currency"), price__isnull=False)
        .exclude(status="rejected")
        .annotate(seen_at=Coalesce("published_at", "fetched_at"))
    )
    # The first row of the product's index scan by price that is earlier (Item.product_price).
    earlier = offers.filter(seen_at__lt=OuterRef("seen_at")).exclude(pk=OuterRef("pk")).order_by("price")
    # The cheapest current offer among the merchants before the item's, and among those after it
    # (Item.product_merchant): the item's own merchant's offers, often most of them, are not read.
    current = (offers.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now), seen_at__gt=now - RECENT_OFFER)
               .exclude(merchant="").order_by("price", "-pk").values("pk"))
    rows = list(
        Item.objects.filter(pk__in=[item.pk for item in items])
        .annotate(seen_at=Coalesce("published_at", "fetched_at", Value(now)))
        .annotate(low=Subquery(earlier.values("price")[:1]),
                  before=Subquery(current.filter(merchant__lt=OuterRef("merchant"))[:1]),
                  after=Subquery(current.filter(merchant__gt=OuterRef("merchant"))[:1]))
        .values_list("pk", "low", "before", "after")
    )
    found = {pk: (price, -pk, merchant) for pk, price, merchant in Item.objects.filter(
        pk__in={pk for row in rows for pk in row[2:] if pk is not None}).values_list("pk", "price", "merchant")}
    facts = {}
    for pk, low, *elsewhere in rows:
        best = min((found[offer] for offer in elsewhere if offer in found), default=None)
        facts[pk] = PriceFacts(historical_low=low, best_elsewhere=best[0] if best else None,
                               best_elsewhere_merchant=best[2] if best else "")
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
