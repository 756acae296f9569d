"""Brand members and keys: membership moves the brand_members group, create_brand_key prints a
key once and stores its hash, brand members cannot vote 值 / 不值 and their old votes no longer
count in the engagement dimension; what the network says about a brand (mentions)."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from content.models import Vote
from content.scoring.context import facts_for
from guide.keys import hash_key
from guide.roles import is_brand_member
from interests.shopper import shopper_erase
from recommender.brands import brand_member_add, brand_member_remove
from recommender.mentions import brand_mentions
from recommender.models import Brand, BrandKey
from tests.factories import ItemFactory, scored_item
from tests.recommender.brands import deal, review, running


def test_the_brand_members_group_follows_membership(narwal, dji, alice):
    brand_member_add(brand=narwal, user=alice)
    brand_member_add(brand=dji, user=alice)
    assert is_brand_member(alice)
    brand_member_remove(brand=narwal, user=alice)
    assert is_brand_member(alice)  # still with 大疆
    brand_member_remove(brand=dji, user=alice)
    assert not is_brand_member(alice)


def test_create_brand_key_prints_a_key_once_and_stores_its_hash(narwal):
    out = io.StringIO()
    call_command("create_brand_key", "narwal", "--name", "数据中台", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("gb_")
    key = BrandKey.objects.get(brand=narwal)
    assert key.key_hash == hash_key(raw) and key.name == "数据中台"


def test_create_brand_key_finds_a_brand_by_name_or_creates_one(db):
    with pytest.raises(CommandError, match="--create"):
        call_command("create_brand_key", "戴森", stdout=io.StringIO())
    call_command("create_brand_key", "戴森", "--create", "--slug", "dyson", "--alias", "Dyson", stdout=io.StringIO())
    brand = Brand.objects.get(slug="dyson")
    assert brand.names == ["戴森", "Dyson"]
    call_command("create_brand_key", "戴森", stdout=io.StringIO())
    assert brand.keys.count() == 2


def test_nora_of_narwal_cannot_vote_and_gets_403_in_the_error_shape(api, nora):
    item = scored_item("robot-vacuums", "appliances")
    api.force_authenticate(nora)
    response = api.post(f"/api/v1/items/{item.pk}/vote/", {"value": "worth"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Vote.objects.exists()


def test_brand_members_votes_cast_before_they_joined_no_longer_count_for_engagement(narwal, alice, bob):
    item = ItemFactory()
    for user in (alice, bob):
        Vote.objects.create(item=item, user=user, value=Vote.WORTH)
    brand_member_add(brand=narwal, user=bob)
    facts = facts_for([item], now=timezone.now())[item.pk]
    assert (facts.votes_worth, facts.votes_not_worth) == (1, 0)


# Mentions ------------------------------------------------------------------------------------

@pytest.fixture
def voices(narwal, dji):
    """What the network says about 云鲸 and its rivals in 家电 this week."""
    today = timezone.localdate()
    happy = review("云鲸", "robot-vacuums", "appliances", title="云鲸 J5 用了一个月，拖地真干净")
    happy.score.sentiment, happy.score.worth_score = 92, 80
    happy.score.save()
    angry = review("Narwal", "robot-vacuums", "appliances", title="云鲸售后太慢了")
    angry.score.sentiment, angry.score.worth_score = 12, 30
    angry.score.save()
    review("追觅", "robot-vacuums", "appliances")
    review("追觅", "robot-vacuums", "appliances")
    review("大疆", "cameras", "digital")
    sponsored = deal("云鲸", "robot-vacuums", "appliances")
    running(narwal, [sponsored])  # its own campaign's deal is not the network's voice
    scored_item("robot-vacuums", "appliances", brand="云鲸", sponsored=True)  # nor a source-flagged ad
    review("云鲸", "robot-vacuums", "appliances", published_at=timezone.now() - timedelta(days=40))  # outside the range
    return {"happy": happy, "angry": angry, "today": today}


def test_mentions_count_organic_items_naming_the_brand_with_sentiment_and_worth(narwal, voices):
    today = voices["today"]
    body = brand_mentions(narwal, start=today - timedelta(days=6), end=today)
    assert body["totals"] == {"count": 2, "sentiment": 52.0, "worth": 55.0}
    assert sum(row["count"] for row in body["timeseries"]) == 2 and len(body["timeseries"]) == 7
    assert [v["id"] for v in body["top_positive"]] == [voices["happy"].pk]
    assert [v["id"] for v in body["top_negative"]] == [voices["angry"].pk]
    assert body["by_platform"] == [{"platform": "xiaohongshu", "name": "小红书", "count": 2, "sentiment": 52.0, "worth": 55.0}]


def test_share_of_voice_is_against_the_other_brands_of_the_same_circle(narwal, voices):
    today = voices["today"]
    [appliances] = brand_mentions(narwal, start=today - timedelta(days=6), end=today)["by_interest"]
    assert appliances["interest"] == "appliances" and appliances["count"] == 2
    assert appliances["share_of_voice"] == 0.5 and appliances["branded_items"] == 4
    assert appliances["rivals"] == [{"brand": "追觅", "count": 2, "share": 0.5}]


def test_mentions_api_answers_bad_ranges_with_400(narwal_api, narwal):
    response = narwal_api.get("/api/v1/brand/mentions/", {"start": "2026-12-05", "end": "2026-11-01"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_query"
    assert narwal_api.get("/api/v1/brand/mentions/", {"interval": "week"}).status_code == 200



def test_mentions_take_pending_items_but_never_rejected_ones(narwal):
    today = timezone.localdate()
    review("云鲸", "robot-vacuums", "appliances", status="pending")
    review("云鲸", "robot-vacuums", "appliances", status="rejected")
    body = brand_mentions(narwal, start=today - timedelta(days=6), end=today)
    assert body["totals"]["count"] == 1


def test_deleting_a_brand_takes_its_members_out_of_the_group(narwal, nora):
    narwal.delete()
    nora.refresh_from_db()
    assert not is_brand_member(nora)


def test_a_brand_member_can_still_erase_her_account(narwal, dji, nora):
    brand_member_add(brand=dji, user=nora)
    shopper_erase(user=nora)
    assert not get_user_model().objects.filter(username="nora").exists()
    assert not narwal.memberships.exists() and not dji.memberships.exists()
