"""Similar items on an item page: the same kind of product first, then what shoppers engaged
with together.

An item's kind is its finest interest: the most specific tag on its strongest branch of the
taxonomy (露营 under 运动户外, not a stray 音频 at 0.41 on a book). Items of that kind come
first, ordered by how close they are (same product, same brand, same price band, learned
co-engagement, then worth). Where the kind is thin, learned neighbours of another kind, then
the best items of the same top level, fill the list up to MIN_SHOWN, not further: three items
of the kind read better than six with three strangers (a 料理锅 beside nuts and a water heater).
Only approved / featured originals, never the item. A fixed handful of queries.
"""

from collections.abc import Iterable
from decimal import Decimal

from content.constants import VISIBLE_STATUSES
from content.models import Item
from interests.models import ItemInterest
from recommender.models import ItemNeighbor

KIND_POOL = 200  # items of the same kind considered, the most strongly tagged first
MIN_SHOWN = 3  # a thin kind is topped up to this many, no further
PRICE_BAND = Decimal(2)  # two prices within a factor of 2 are in the same band
# How close an item of the same kind is: the same product (another offer or review of it)
# outranks the same brand, which outranks a like price; co-engagement and worth break ties.
CLOSENESS = {"product": 4.0, "brand": 2.0, "price_band": 1.0, "co_engagement": 1.0, "worth": 0.5}

Tag = tuple[int, int | None, float]  # interest id, its parent id, weight


def finest_interest(tags: Iterable[Tag]) -> int | None:
    """The most specific interest on the item's strongest top-level branch: the strongest child
    tag under the strongest top level, else that top level; None for an untagged item."""
    tags = list(tags)
    if not tags:
        return None
    branch_weight: dict[int, float] = {}
    for interest, parent, weight in tags:
        top = parent if parent is not None else interest
        branch_weight[top] = max(branch_weight.get(top, 0.0), weight)
    branch = max(branch_weight, key=lambda top: (branch_weight[top], -top))
    children = [(weight, -interest, interest) for interest, parent, weight in tags if parent == branch]
    return max(children)[2] if children else branch


def item_tags(*, item: Item) -> list[Tag]:
    """The item's tags: no query when the page prefetched them with their interests
    (content.selectors.items_visible_to), one otherwise."""
    rows = item.interest_tags.all()
    if "interest_tags" not in getattr(item, "_prefetched_objects_cache", {}):  # Django has no public flag for it
        rows = rows.select_related("interest")
    return [(tag.interest_id, tag.interest.parent_id, tag.weight) for tag in rows]


def visible_originals():
    return Item.objects.filter(status__in=VISIBLE_STATUSES, duplicate_of__isnull=True)


def same_price_band(price: Decimal | None, other: Decimal | None) -> bool:
    if not price or not other or price <= 0 or other <= 0:
        return False
    return max(price, other) / min(price, other) <= PRICE_BAND


def similar_items(*, item: Item, limit: int) -> list[int]:
    """Ids of up to `limit` items like this one, the closest first (see the module's doc)."""
    tags = item_tags(item=item)
    kind = finest_interest(tags)
    top_level = next((parent for interest, parent, _ in tags if interest == kind and parent is not None), kind)
    candidates = visible_originals().exclude(pk=item.pk)
    neighbours = dict(ItemNeighbor.objects.filter(item_id=item.pk, neighbor__in=candidates, score__gt=0).order_by("-score")
                      .values_list("neighbor_id", "score")[: limit * 3])
    chosen = same_kind(item, kind, candidates, neighbours)[:limit]
    wanted = min(limit, MIN_SHOWN)
    chosen += [pk for pk in neighbours if pk not in chosen][: max(wanted - len(chosen), 0)]
    if len(chosen) < wanted and top_level is not None:
        chosen += list(candidates.filter(interest_tags__interest_id=top_level).exclude(pk__in=chosen)
                       .order_by("-score__worth_score", "-published_at", "-pk")
                       .values_list("pk", flat=True)[: wanted - len(chosen)])
    return chosen


def same_kind(item: Item, kind: int | None, candidates, neighbours: dict[int, float]) -> list[int]:
    """Visible items whose own finest interest is `kind`, the closest to `item` first."""
    if kind is None:
        return []
    pool_ids = candidates.filter(interest_tags__interest_id=kind).order_by("-interest_tags__weight", "-pk").values("pk")
    pool: dict[int, tuple] = {}
    tags: dict[int, list[Tag]] = {}
    # One query: every tag of the pool's items, each row with what closeness needs of its item.
    for item_id, interest, parent, weight, *facts in ItemInterest.objects.filter(item_id__in=pool_ids[:KIND_POOL]).values_list(
            "item_id", "interest_id", "interest__parent_id", "weight",
            "item__product_key", "item__brand", "item__price", "item__score__worth_score"):
        tags.setdefault(item_id, []).append((interest, parent, weight))
        pool[item_id] = (item_id, *facts)
    strongest_neighbour = max(neighbours.values(), default=0.0) or 1.0

    def closeness(row: tuple) -> float:
        pk, product_key, brand, price, worth = row
        return (CLOSENESS["product"] * bool(item.product_key and product_key == item.product_key)
                + CLOSENESS["brand"] * bool(item.brand and brand == item.brand)
                + CLOSENESS["price_band"] * same_price_band(item.price, price)
                + CLOSENESS["co_engagement"] * max(neighbours.get(pk, 0.0), 0.0) / strongest_neighbour
                + CLOSENESS["worth"] * (worth or 0.0) / 100)

    same = [row for pk, row in pool.items() if finest_interest(tags[pk]) == kind]
    return [row[0] for row in sorted(same, key=lambda row: (-closeness(row), -row[0]))]
