"""The demo brands seed_demo adds: two brands over their own items, members only when demo
accounts are allowed, a month of traffic whose forged impressions count nothing, seeded once."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum

from recommender.demo_brands import demo_brands_seed
from recommender.models import Brand, CampaignItem, CampaignStat
from tests.factories import scored_item
from tests.recommender.brands import deal, review


@pytest.fixture
def corpus(db):
    return {"narwal_deal": deal("云鲸", "robot-vacuums", "appliances"),
            "dji_ad": scored_item("cameras", "digital", kind="note", brand="大疆", sponsored=True),
            "dji_review": review("大疆", "cameras", "digital")}


def test_two_demo_brands_with_campaigns_over_their_own_items_and_real_numbers(corpus):
    assert demo_brands_seed(accounts=True, password="guide-demo-2026", write=lambda line: None) == 2
    assert set(Brand.objects.values_list("slug", flat=True)) == {"narwal", "dji"}
    assert set(CampaignItem.objects.values_list("item_id", flat=True)) == {corpus["narwal_deal"].pk, corpus["dji_ad"].pk}
    totals = CampaignStat.objects.aggregate(served=Sum("served"), impressions=Sum("impressions"), clicks=Sum("clicks"))
    assert totals["served"] > 1000 and 0 < totals["clicks"] < totals["impressions"] < totals["served"]
    nora = get_user_model().objects.get(username="nora")
    assert nora.check_password("guide-demo-2026") and nora.brands.get().slug == "narwal"


def test_demo_brands_are_seeded_once_and_without_accounts_unless_allowed(corpus):
    demo_brands_seed(accounts=False, password="x", write=lambda line: None)
    served = CampaignStat.objects.aggregate(n=Sum("served"))["n"]
    assert demo_brands_seed(accounts=True, password="x", write=lambda line: None) == 0
    assert CampaignStat.objects.aggregate(n=Sum("served"))["n"] == served
    assert not get_user_model().objects.filter(username__in=["nora", "dylan"]).exists()
