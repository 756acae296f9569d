"""An ended deal is never ranked: it never enters a 值得买 list or a feed, one that ends after a
list was refreshed or a feed computed leaves it at once, and wherever a card of it is still shown
(我的收藏) it says 已过期 (issue 19, item 6)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from time_machine import travel

from interests.actions import item_favorite
from recommender.lists import lists_refresh
from tests.factories import scored_item

FEED = "/api/v1/feed/"


def list_ids(api, slug: str = "overall", period: str = "day") -> list[int]:
    return [row["item"]["id"] for row in api.get(f"/api/v1/lists/{slug}/", {"period": period}).json()["results"]]


def feed_ids(api) -> list[int]:
    return [row["item"]["id"] for row in api.get(FEED, {"limit": 50}).json()["results"]]


@pytest.fixture
def deals(db):
    """The best deal of the day has ended; another is about to; an ordinary note is worth less."""
    now = timezone.now()
    return {
        "ended": scored_item("coffee", "food", worth=95, hours_old=3, kind="deal", price=99,
                             expires_at=now - timedelta(minutes=5)),
        "ending": scored_item("coffee", "food", worth=90, hours_old=2, kind="deal", price=59,
                              expires_at=now + timedelta(minutes=30)),
        "note": scored_item("coffee", "food", worth=70, hours_old=2),
    }


@pytest.mark.parametrize("slug, period", [("overall", "day"), ("overall", "week"), ("food", "day"), ("food", "week")])
def test_an_ended_deal_never_enters_a_list(api, deals, slug, period):
    lists_refresh()
    ids = list_ids(api, slug, period)
    assert deals["ended"].pk not in ids
    assert ids[:2] == [deals["ending"].pk, deals["note"].pk]


def test_a_deal_that_ends_after_the_refresh_leaves_the_lists_at_once(api, client, deals):
    lists_refresh()
    assert list_ids(api)[0] == deals["ending"].pk
    with travel(timezone.now() + timedelta(hours=1)):
        assert list_ids(api) == [deals["note"].pk]
        assert list_ids(api, "food", "week") == [deals["note"].pk]
        page = client.get("/lists/?period=day").content.decode()
        assert f'data-item-id="{deals["ending"].pk}"' not in page and f'data-item-id="{deals["note"].pk}"' in page
        lists_refresh()  # the next refresh does not bring it back
        assert list_ids(api) == [deals["note"].pk]


def test_a_feed_never_ranks_an_ended_deal(api, alice, deals):
    assert deals["ended"].pk not in feed_ids(api)
    api.force_authenticate(alice)
    ids = feed_ids(api)
    assert deals["ended"].pk not in ids and deals["ending"].pk in ids


def test_a_deal_that_ends_after_the_feed_was_computed_leaves_it(api, deals):
    assert deals["ending"].pk in feed_ids(api)
    with travel(timezone.now() + timedelta(hours=1)):
        ids = feed_ids(api)
    assert deals["ending"].pk not in ids and deals["note"].pk in ids


def test_a_saved_deal_that_ended_says_so_on_its_card(alice, client, deals):
    item_favorite(user=alice, item=deals["ending"], on=True)
    client.force_login(alice)

    def card() -> str:
        html = client.get("/me/favorites/").content.decode()
        match = re.search(rf'data-item-id="{deals["ending"].pk}".*?</li>', html, re.S)
        assert match, "the saved deal is not on 我的收藏"
        return match.group(0)

    assert "好价</span>" in card() and "已过期</span>" not in card()
    with travel(timezone.now() + timedelta(hours=1)):
        assert '<span class="expired-label" title="这条优惠已经结束">已过期</span>' in card()
