"""What scoring reads of an item's surroundings (content.scoring.context) for items as they
were ingested: the product's other offers (the lowest earlier price, the lowest current price
at another merchant, shown in the price-value explanation) and the sources that carry copies."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from content.ingest import items_ingest
from content.models import Item
from content.moderation.decisions import Decision, item_decide
from content.scoring.context import facts_for, price_facts
from content.scoring.facts import PriceFacts
from content.services import source_create
from tests.factories import raw_item

PRODUCT = {"brand": "索尼", "product": "WH-1000XM5"}


def offer(n: int, *, price: int, merchant: str, days_ago: float, **extra) -> dict:
    published = timezone.now() - timedelta(days=days_ago)
    return raw_item(n, **PRODUCT, price=price, original_price=2999, merchant=merchant,
                    published_at=published.isoformat(), **extra)


def test_the_lowest_earlier_price_and_the_lowest_current_price_elsewhere(stored, erin):
    item, *_ = stored(
        offer(1, price=1999, merchant="京东自营", days_ago=5),
        offer(2, price=1899, merchant="天猫旗舰店", days_ago=60),  # earlier and lowest; too old to be current
        offer(3, price=2099, merchant="拼多多", days_ago=2),  # current, elsewhere
        offer(4, price=1599, merchant="苏宁", days_ago=8,  # earlier, and no longer on sale
              expires_at=(timezone.now() - timedelta(days=6)).isoformat()),
        offer(5, price=1950, merchant="京东自营", days_ago=1),  # the item's own merchant
        offer(6, price=1700, merchant="唯品会", days_ago=1),  # after the item: current, not earlier
        offer(7, price=999, merchant="Amazon", days_ago=20, currency="USD"),  # another currency
        offer(8, price=1499, merchant="闲鱼小店", days_ago=10),  # rejected by an editor
    )
    rejected = Item.objects.get(source=item.source, external_id="note-8")
    item_decide(item_id=rejected.pk, decision=Decision("reject", reason="fake"), version=None, editor=erin)

    facts = facts_for([Item.objects.select_related("source", "author").get(pk=item.pk)], now=timezone.now())[item.pk]

    assert facts.price_facts == PriceFacts(historical_low=Decimal("1599.00"), best_elsewhere=Decimal("1700.00"),
                                           best_elsewhere_merchant="唯品会")


def test_of_equal_current_prices_the_newest_offer_names_the_merchant(stored):
    item, *_ = stored(offer(11, price=1999, merchant="京东自营", days_ago=5),
                      offer(12, price=1800, merchant="拼多多", days_ago=3),
                      offer(13, price=1800, merchant="唯品会", days_ago=2))
    [facts] = price_facts([item], timezone.now()).values()
    assert (facts.best_elsewhere, facts.best_elsewhere_merchant) == (Decimal("1800.00"), "唯品会")
    assert facts.historical_low is None  # both offers came after it


def test_a_product_offered_nowhere_else_has_no_price_facts_and_unpriced_items_are_not_asked(stored):
    alone, unpriced = stored(offer(21, price=1999, merchant="京东自营", days_ago=5),
                             raw_item(22, brand="索尼", product="WH-1000XM5", price=None, original_price=None))
    assert price_facts([alone], timezone.now()) == {alone.pk: PriceFacts()}
    facts = facts_for(list(Item.objects.select_related("source", "author").filter(pk__in=[alone.pk, unpriced.pk])),
                      now=timezone.now())
    assert facts[unpriced.pk].price_facts == PriceFacts()


def test_the_stored_score_explains_the_prices_found(stored):
    stored(offer(31, price=1899, merchant="天猫旗舰店", days_ago=20))
    [item] = stored(offer(32, price=1999, merchant="京东自营", days_ago=1))
    explanation = Item.objects.get(pk=item.pk).score.explanations["price_value"]
    assert "历史最低价 1899" in explanation and "天猫旗舰店现价更低（1899" in explanation


def test_corroboration_counts_the_other_sources_that_carry_a_copy(stored):
    [original] = stored(raw_item(41))
    copy = raw_item(41, title="转发：" + raw_item(41)["title"])
    weibo, douyin = (source_create(name=platform, platform=platform)[0] for platform in ("weibo", "douyin"))
    for n, source in enumerate([weibo, weibo, douyin]):
        items_ingest(source=source, raw_items=[{**copy, "external_id": f"c{n}", "url": f"https://{source.platform}.com/{n}"}])
    items_ingest(source=original.source, raw_items=[{**copy, "external_id": "own", "url": "https://x.com/own"}])
    assert Item.objects.filter(duplicate_of=original).count() == 4

    facts = facts_for([Item.objects.select_related("source", "author").get(pk=original.pk)], now=timezone.now())
    assert facts[original.pk].corroborating_sources == 2  # weibo (twice) and douyin; its own source is no witness
