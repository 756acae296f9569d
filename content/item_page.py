"""Reads for the item page: which item a URL shows, and what surrounds it (copies folded into
it, similar items, the community's verdict). A fixed handful of queries whatever the item."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q
from django.utils import timezone

from content.constants import VISIBLE_STATUSES
from content.models import Favorite, Item, Vote
from content.selectors import items_visible_to
from recommender.similar_items import similar_items

SIMILAR_ITEMS = 6
FOLDED_COPIES = 20


def web_url(value: Any) -> str:
    """The URL if it is a web (http / https) address with a host, else "": never javascript:
    or data: links in an href or src."""
    if not isinstance(value, str):
        return ""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return ""
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def image_url(value: Any) -> str:
    """An image address a page may show: a web (http / https) address, or one of the project's
    own static files (the demo's drawings); "" for anything else."""
    if isinstance(value, str) and value.startswith(OWN_IMAGES) and ".." not in value:
        return value
    return web_url(value)


OWN_IMAGES = "/static/img/"


@dataclass(frozen=True)
class Resolved:
    item: Item | None = None
    redirect_to: int | None = None  # the original of a folded duplicate


def item_resolve(*, pk: int, user: AbstractBaseUser | AnonymousUser) -> Resolved:
    """What /items/<pk>/ shows: the item if the viewer may see it; for a folded duplicate, its
    original (when that is visible); otherwise nothing (a 404)."""
    item = items_visible_to(user).filter(pk=pk).first()
    original_id = item.duplicate_of_id if item else Item.objects.filter(pk=pk).values_list("duplicate_of", flat=True).first()
    if original_id and items_visible_to(user).filter(pk=original_id).exists():
        return Resolved(redirect_to=original_id)
    return Resolved(item=item)


def item_visible(*, pk: int) -> Item | None:
    """An item anyone may act on (vote, favourite, click out, complain about)."""
    return Item.objects.filter(pk=pk, status__in=VISIBLE_STATUSES).select_related("source").first()


def folded_copies(*, item: Item) -> list[Item]:
    """The near-duplicates folded into this item: where else the same content appeared. Copies
    an editor rejected (spam, bad links) are left out."""
    copies = (
        Item.objects.filter(duplicate_of=item)
        .exclude(status="rejected", moderated_at__isnull=False)
        .select_related("source", "author")
        .only("pk", "title", "url", "published_at", "duplicate_similarity", "source__platform", "source__title",
              "source__name", "author__name", "author__platform", "author__external_id")
        .order_by("published_at", "pk")[:FOLDED_COPIES]
    )
    return list(copies)


def similar_item_ids(*, item: Item, limit: int = SIMILAR_ITEMS) -> list[int]:
    """Items of the same kind first (finest interest, then product, brand, price band), then
    what shoppers engaged with together: the recommender's policy, recommender/similar_items.py."""
    return similar_items(item=item, limit=limit)


@dataclass(frozen=True)
class Verdict:
    """The community's verdict on an item, and the viewer's own part in it."""

    worth: int
    not_worth: int
    favorites: int
    my_vote: str | None  # "worth" | "not_worth" | None
    my_favorite: bool


def item_verdict(*, item: Item, user: AbstractBaseUser | AnonymousUser) -> Verdict:
    votes = Vote.objects.filter(item=item).aggregate(
        worth=Count("pk", filter=Q(value=Vote.WORTH)),
        not_worth=Count("pk", filter=Q(value=Vote.NOT_WORTH)),
        mine=Count("pk", filter=Q(user_id=user.pk, value=Vote.WORTH) if user.is_authenticated else Q(pk=None)),
        mine_not=Count("pk", filter=Q(user_id=user.pk, value=Vote.NOT_WORTH) if user.is_authenticated else Q(pk=None)),
    )
    favorites = Favorite.objects.filter(item=item).aggregate(
        total=Count("pk"), mine=Count("pk", filter=Q(user_id=user.pk) if user.is_authenticated else Q(pk=None)),
    )
    my_vote = "worth" if votes["mine"] else ("not_worth" if votes["mine_not"] else None)
    return Verdict(votes["worth"], votes["not_worth"], favorites["total"], my_vote, bool(favorites["mine"]))


@dataclass(frozen=True)
class PriceBlock:
    price: Decimal
    original_price: Decimal | None
    currency: str
    discount: str  # "7.5 折", or "" when there is no lower price than the original
    saved: Decimal | None
    merchant: str
    expires_at: Any
    expired: bool


def price_block(item: Item) -> PriceBlock | None:
    if item.price is None:
        return None
    original = item.original_price if item.original_price and item.original_price > item.price else None
    discount, saved = "", None
    if original:
        tenths = (item.price / original * 10).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        discount = f"{tenths.normalize():f} 折" if tenths >= Decimal("0.1") else "不到 0.1 折"
        saved = original - item.price
    expired = bool(item.expires_at and item.expires_at <= timezone.now())
    return PriceBlock(item.price, original, item.currency, discount, saved, item.merchant, item.expires_at, expired)
