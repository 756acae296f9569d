"""Similar items on an item page: the same kind of product first (finest interest, then product,
brand, price band), learned co-engagement after, and the command that measures it."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from content.pipeline.validate import product_key
from interests.models import Interest
from recommender.models import ItemNeighbor
from recommender.similar_items import MIN_SHOWN, finest_interest, similar_items
from tests.factories import scored_item

OUTDOOR, CAMPING, CYCLING, BOOKS, AUDIO, DIGITAL = 1, 11, 12, 2, 21, 3


@pytest.mark.parametrize(("tags", "finest"), [
    ([(OUTDOOR, None, 0.97), (CAMPING, OUTDOOR, 0.9)], CAMPING),  # the child under its top level
    ([(CAMPING, OUTDOOR, 0.5), (CYCLING, OUTDOOR, 0.8), (OUTDOOR, None, 0.9)], CYCLING),  # the strongest child
    ([(BOOKS, None, 1.0), (DIGITAL, None, 0.41), (AUDIO, DIGITAL, 0.41)], BOOKS),  # a stray child of a weaker branch
    ([(CAMPING, OUTDOOR, 0.6)], CAMPING),  # a child tagged without its top level
    ([(DIGITAL, None, 0.7)], DIGITAL),
    ([], None),
])
def test_the_finest_interest_is_the_most_specific_tag_on_the_strongest_branch(tags, finest):
    assert finest_interest(tags) == finest


def offer(*slugs: str, brand: str, product: str, price: str, worth: float = 60.0):
    """An item with brand and product as ingest stores them (the folded product key included)."""
    return scored_item(*slugs, brand=brand, product=product, product_key=product_key(brand, product),
                       price=Decimal(price), worth=worth)


def test_items_of_the_same_kind_come_first_the_same_product_and_brand_before_a_like_price(db):
    stove = offer("outdoor", "camping", brand="火枫", product="炉头", price="199")
    same_product = offer("camping", brand="火枫", product="炉头", price="899")
    same_brand = offer("camping", brand="火枫", product="套锅", price="999")
    like_price = offer("camping", brand="挪客", product="折叠椅", price="150", worth=50)
    best_worth = offer("camping", brand="黑鹿", product="天幕", price="1500", worth=95)
    bike = scored_item("outdoor", "cycling", worth=99)
    nuts = scored_item("snacks", worth=99)
    ItemNeighbor.objects.create(item=stove, neighbor=nuts, score=0.9)  # engaged together, another kind
    similar = similar_items(item=stove, limit=6)
    assert similar == [same_product.pk, same_brand.pk, like_price.pk, best_worth.pk]
    assert bike.pk not in similar and nuts.pk not in similar  # four of its kind: no strangers added


def test_a_thin_kind_is_topped_up_with_neighbours_then_its_top_level_to_a_few_items(db):
    kettle = scored_item("outdoor", "camping", brand="火枫")
    lantern = scored_item("camping")
    hidden = scored_item("camping", status="rejected")
    nuts = scored_item("snacks")
    bike, run = scored_item("outdoor", "cycling", worth=90), scored_item("outdoor", "running", worth=80)
    ItemNeighbor.objects.create(item=kettle, neighbor=nuts, score=0.5)
    similar = similar_items(item=kettle, limit=6)
    assert similar == [lantern.pk, nuts.pk, bike.pk] and len(similar) == MIN_SHOWN
    assert hidden.pk not in similar and run.pk not in similar


def test_co_engagement_orders_items_of_the_same_kind_that_are_otherwise_alike(db):
    tent = scored_item("camping")
    chair, mat = scored_item("camping"), scored_item("camping")
    ItemNeighbor.objects.create(item=tent, neighbor=chair, score=0.2)
    ItemNeighbor.objects.create(item=tent, neighbor=mat, score=0.8)
    assert similar_items(item=tent, limit=2) == [mat.pk, chair.pk]


def test_the_command_prints_the_page_share_beside_the_co_engagement_baseline(db):
    stoves = [scored_item("outdoor", "camping", worth=40) for _ in range(3)]
    for item in stoves:
        for other in stoves:
            if other != item:
                ItemNeighbor.objects.create(item=item, neighbor=other, score=0.1)
    phones = [scored_item("digital", "phones", worth=90) for _ in range(2)]
    for item in stoves:  # shoppers engaged with phones beside stoves: the baseline shows them first
        ItemNeighbor.objects.create(item=item, neighbor=phones[0], score=0.9)
    out = StringIO()
    call_command("evaluate_similar_items", "--limit", "2", stdout=out)
    report = json.loads(out.getvalue())
    assert report["items"] == 5 and report["limit"] == 2
    page, baseline = report["policies"]["page"], report["policies"]["co_engagement_first"]
    assert page["share"] == 1.0 and page["similar_shown"] == 3 * 2 + 2 * 1
    # each stove: the phone first, then a stove; each phone: the other phone, by the strongest tag
    assert baseline["share"] == pytest.approx((3 * 1 + 2 * 1) / (3 * 2 + 2 * 1))
    assert Interest.objects.filter(slug="phones").exists()


def test_the_command_says_when_there_is_nothing_to_measure(db):
    with pytest.raises(CommandError, match="run seed_demo first"):
        call_command("evaluate_similar_items", stdout=StringIO())
    with pytest.raises(CommandError, match="--limit must be at least 1"):
        call_command("evaluate_similar_items", "--limit", "0", stdout=StringIO())
