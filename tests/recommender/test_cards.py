"""Cards as a shopper expects them: one 值得买指数, honest freshness, relative times, the
community's 值 / 不值 counts, and an ended deal said to be ended."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from time_machine import travel

from content.models import Vote
from recommender.candidates import fresh_since
from recommender.lists import lists_refresh
from recommender.templatetags.cards import ago
from tests.factories import UserFactory, scored_item


def card_of(html: str, item_id: int) -> str:
    match = re.search(rf'data-item-id="{item_id}".*?</li>', html, re.S)
    assert match, f"no card for {item_id}"
    return match.group(0)


@pytest.mark.parametrize("age, text", [
    (timedelta(seconds=20), "刚刚"), (timedelta(minutes=12), "12分钟前"), (timedelta(hours=3, minutes=5), "3小时前"),
    (timedelta(days=2, hours=1), "2天前"),
])
def test_a_cards_time_reads_as_a_relative_time(age, text):
    assert ago(timezone.now() - age) == text
    assert ago((timezone.now() - age).isoformat()) == text


def test_an_old_time_reads_as_a_date():
    with travel("2026-12-07 12:00:00+08:00", tick=False):
        assert ago(timezone.now() - timedelta(days=20)) == "11月17日"
        assert ago("2025-03-01T10:00:00+08:00") == "2025年3月1日"


@pytest.mark.parametrize("hours, text", [(0.5, "刚刚发布"), (12, "12小时前发布"), (30, "30小时前发布"), (80, "3天前发布")])
def test_only_an_item_of_the_last_hour_is_called_just_published(hours, text):
    now = timezone.now()
    assert fresh_since(now - timedelta(hours=hours), now) == text


def test_a_feed_card_shows_its_time_its_votes_and_the_index_once(client, db):
    item = scored_item("outdoor", worth=71, hours_old=3)
    for n in range(3):
        Vote.objects.create(item=item, user=UserFactory(), value=Vote.WORTH if n else Vote.NOT_WORTH)
    card = card_of(client.get("/").content.decode(), item.pk)
    assert "3小时前" in card and "值 2 · 不值 1" in card
    assert card.count("值得买指数") == 1


def test_a_list_card_carries_the_index_once_and_an_ended_deal_says_so(client, db):
    ending = scored_item("food", worth=90, hours_old=2, kind="deal", price=99, expires_at=timezone.now() + timedelta(minutes=30))
    lists_refresh()
    card = card_of(client.get("/lists/?period=day").content.decode(), ending.pk)
    assert card.count("值得买指数") == 1 and "好价" in card
    with travel(timezone.now() + timedelta(hours=1)):
        html = client.get(f"/items/{ending.pk}/").content.decode()
    assert "已过期" in html
