"""The brand world of the brand tests: two brands with a member each, their deals, campaigns,
API clients with their keys, and a catalogue of organic items around them.

Personas: nora works for 云鲸 (Narwal, robot vacuums); dylan works for 大疆 (DJI, drones);
alice and bob are shoppers; erin is an editor (tests/conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from recommender.brands import brand_create, brand_key_create, brand_member_add
from recommender.campaigns import campaign_create, sponsorship_sync
from recommender.models import Brand, Campaign
from recommender.placements import placements_serve
from recommender.rollups import stats_rollup
from tests.factories import SourceFactory, UserFactory, scored_item


@pytest.fixture
def bob(db):
    """Bob is another shopper."""
    return UserFactory(username="bob")


@pytest.fixture
def narwal(db) -> Brand:
    return brand_create(name="云鲸", slug="narwal", aliases=["Narwal"])


@pytest.fixture
def dji(db) -> Brand:
    return brand_create(name="大疆", slug="dji", aliases=["DJI"])


@pytest.fixture
def nora(narwal):
    """Nora works for 云鲸."""
    user = UserFactory(username="nora")
    brand_member_add(brand=narwal, user=user)
    return user


@pytest.fixture
def dylan(dji):
    """Dylan works for 大疆."""
    user = UserFactory(username="dylan")
    brand_member_add(brand=dji, user=user)
    return user


def new_visitor() -> APIClient:
    """A visitor's client, holding the anonymous id the server issued with their first events."""
    client = APIClient()
    answer = client.post("/api/v1/events/", {"events": [{"type": "search", "query": "扫地机器人"}]}, format="json")
    assert answer.status_code == 202 and client.cookies.get("guide_aid")
    return client


def key_client(brand: Brand) -> APIClient:
    _, raw = brand_key_create(brand=brand, name="数据中台")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


@pytest.fixture
def narwal_api(narwal) -> APIClient:
    return key_client(narwal)


@pytest.fixture
def dji_api(dji) -> APIClient:
    return key_client(dji)


def deal(brand: str, *slugs: str, worth: float = 70.0, **fields):
    """A brand's deal (brand content), scored and tagged."""
    fields.setdefault("source", SourceFactory(platform="jd"))
    return scored_item(*slugs, worth=worth, kind="deal", brand=brand, **fields)


def review(brand: str, *slugs: str, worth: float = 70.0, **fields):
    """A shopper's organic review naming a brand."""
    fields.setdefault("source", SourceFactory(platform="xiaohongshu"))
    return scored_item(*slugs, worth=worth, kind="review", brand=brand, **fields)


def running(brand: Brand, items: list, *, days_before: int = 3, days_after: int = 3, **fields) -> Campaign:
    """A campaign of `brand` over `items`, running today."""
    today = timezone.localdate()
    campaign = campaign_create(brand=brand, name=fields.pop("name", f"{brand.name} 双12"),
                               starts_on=today - timedelta(days=days_before), ends_on=today + timedelta(days=days_after),
                               items=items, **fields)
    sponsorship_sync()  # what campaign_create queues for when its transaction commits
    return campaign


def served_to_visitors(campaign: Campaign, visitors: int, interest: str) -> Campaign:
    """The campaign's one item shown, sponsored, to `visitors` anonymous visitors in `interest`'s
    feed, and the statistics rolled up as beat would."""
    item = campaign.items.get().item
    for n in range(visitors):
        placements_serve(entries=[{"item": item.pk, "sponsored": True, "campaign": campaign.pk, "interest": interest}],
                         user_id=None, anonymous_id=f"visitor-{n:08d}")
    stats_rollup(now=timezone.now() + timedelta(minutes=1))
    return campaign


def organic_catalogue(n: int = 24) -> list:
    """Organic items over a few circles, so a feed has pages of ten and more."""
    circles = [("phones", "digital"), ("coffee", "food"), ("camping", "outdoor"), ("skincare", "beauty")]
    return [scored_item(*circles[k % 4], worth=60 + k % 9, hours_old=k + 1) for k in range(n)]
