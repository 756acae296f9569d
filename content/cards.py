"""Item cards, the one home for them: what a feed, a list, 我的收藏, search results and similar
items show of an item. Plain functions every app's pages import (content's own item page
included): the cached API card (item_cards), where its page is (item_links), and the card as the
`recommender/_card.html` partial shows it (present: money, discount, one 值得买指数, a picture or
its placeholder)."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.cache import cache
from django.urls import reverse

from content.api.serializers import ItemCardOut
from content.constants import TOP_LEVEL_COLOURS, VISIBLE_STATUSES
from content.item_page import image_url
from content.moderation.visibility import content_epoch
from content.selectors import items_in_order

CARD_TTL = 120  # seconds a rendered card (and a rendered feed page) may lag behind votes and scores
INDEX_IN_REASON = " · 值得买指数 "
NEUTRAL_TINT = {"colour": "#8c96a0", "label": "好物"}


def item_cards(item_ids: list[int]) -> dict[int, dict]:
    """Rendered cards by item id: from the cache when fresh, else two queries for the rest.
    Cards are kept per content epoch, so an item an editor took down has no card from the
    next request on (and whatever shows cards leaves it out)."""
    epoch = content_epoch()
    keys = {f"card:{epoch}:{pk}": pk for pk in item_ids}
    cached = {keys[key]: card for key, card in cache.get_many(list(keys)).items()}
    missing = [pk for pk in item_ids if pk not in cached]
    if missing:
        fresh = {item.pk: ItemCardOut(item).data for item in items_in_order(missing) if item.status in VISIBLE_STATUSES}
        cache.set_many({f"card:{epoch}:{pk}": card for pk, card in fresh.items()}, CARD_TTL)
        cached.update(fresh)
    return cached


def item_links(item_ids: list[int]) -> dict[int, str]:
    """Where each item's page is."""
    return {pk: reverse("item-page", args=[pk]) for pk in item_ids}


def tint(tags: list[dict]) -> dict[str, str]:
    """A picture's placeholder: the strongest tag's top-level colour and its own name."""
    for tag in tags:
        if tag.get("top") in TOP_LEVEL_COLOURS:
            return {"colour": TOP_LEVEL_COLOURS[tag["top"]], "label": tag["name"]}
    return NEUTRAL_TINT


def money(value: Decimal) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def present(card: dict, link: str, **extra: Any) -> dict:
    """A cached API card as the `_card.html` partial shows it: price and discount worked out,
    interests strongest first, only web (or the project's own) images, the reason without the
    值得买指数 (the card shows it once, on its own line)."""
    price, original = _decimal(card.get("price")), _decimal(card.get("original_price"))
    interests = sorted(card.get("interests") or [], key=lambda tag: -tag["weight"])
    shown = {"link": link, "price_text": "", "discount": "", "saving": "", "worth": None, "interests": interests,
             "symbol": "¥" if card.get("currency", "CNY") == "CNY" else f"{card.get('currency')} ",
             "image": image_url(card.get("image") or ""), "tint": tint(interests)}
    if price is not None:
        shown["price_text"] = money(price)
        if original and original > price >= 0:
            tenths = price / original * 10
            shown["discount"] = f"{tenths:.1f}" if tenths < Decimal("9.95") else ""
            shown["saving"] = money(original - price)
    if card.get("worth_score") is not None:
        shown["worth"] = round(card["worth_score"])
    if "reason" in extra:
        reason = extra["reason"]
        extra["reason"] = "" if reason.startswith("值得买指数") else reason.split(INDEX_IN_REASON)[0]
    return {**card, **shown, **extra, "sponsored": bool(card.get("sponsored") or extra.get("sponsored"))}


def shown_cards(item_ids: list[int], **extra: Any) -> list[dict]:
    """The cards of these items in order (those still shown), as pages show them."""
    cards, links = item_cards(item_ids), item_links(item_ids)
    return [present(cards[pk], links[pk], position=n, **extra) for n, pk in enumerate(item_ids) if pk in cards]
