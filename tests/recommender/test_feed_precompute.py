"""Feeds computed before the shopper returns (issue 20, item 4): after a profile update and by
a bounded sweep over recently active shoppers; inactive shoppers skipped, warm feeds left
alone, one precompute queued per shopper at a time, and a precomputed page never outliving
what the shopper did next."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from interests.shopper import personalization_set
from recommender import feed
from recommender.feed_precompute import (
    feed_precompute,
    feeds_precompute_sweep,
    precompute_queue,
    precompute_started,
)
from recommender.tasks import precompute_feed
from tests.factories import UserFactory
from tests.recommender.test_feed import make_catalogue

URL = "/api/v1/feed/"


@pytest.fixture
def catalogue(db):
    return make_catalogue()


@pytest.fixture
def computed():
    """Counts the feeds computed (candidates, ranking…) from here on."""
    with mock.patch.object(feed, "compute_feed", wraps=feed.compute_feed) as spy:
        yield spy


def act(client, events, capture) -> None:
    """The shopper's events through the API, committed as a request commits."""
    with capture(execute=True):
        assert client.post("/api/v1/events/", {"events": events}, format="json").status_code == 202


def first_page(client) -> list[int]:
    return [row["item"]["id"] for row in client.get(URL, {"limit": 20}).json()["results"]]


def active_shopper(username: str, *, days_ago: float = 0):
    """A shopper whose profile last changed `days_ago` days ago (as switching personalisation
    on does: the product's own write)."""
    user = UserFactory(username=username)
    with time_machine.travel(timezone.now() - timedelta(days=days_ago), tick=False):
        personalization_set(user=user, enabled=True)
    return user


def test_a_profile_update_precomputes_the_first_page_the_shopper_then_gets(api, alice, catalogue, computed,
                                                                           django_capture_on_commit_callbacks):
    api.force_authenticate(alice)
    camping = [item.pk for item in catalogue["camping"]]
    act(api, [{"type": "favorite", "item": pk} for pk in camping[:3]], django_capture_on_commit_callbacks)
    assert computed.call_count == 1  # in process, the profile update and its precompute ran at once
    page = first_page(api)
    assert computed.call_count == 1  # served warm: nothing computed for the request
    assert page[0] in camping  # and it reflects the updated profile


def test_an_event_after_the_precompute_is_never_served_the_old_page(api, alice, catalogue, computed,
                                                                    django_capture_on_commit_callbacks):
    api.force_authenticate(alice)
    act(api, [{"type": "click", "item": catalogue["coffee"][0].pk}], django_capture_on_commit_callbacks)
    top = first_page(api)[0]
    with mock.patch("recommender.feed_precompute.precompute_queue"):  # the shopper is back before the worker
        act(api, [{"type": "hide", "item": top}], django_capture_on_commit_callbacks)
    assert top not in first_page(api)


def test_the_sweep_precomputes_only_recently_active_shoppers_most_recent_first_and_bounded(catalogue, computed):
    recent = active_shopper("recent", days_ago=0.1)
    older = active_shopper("older", days_ago=1)
    active_shopper("oldest", days_ago=2)
    gone = active_shopper("gone", days_ago=10)
    assert feeds_precompute_sweep(limit=2, days=3) == {"looked_at": 2, "computed": 2}
    users = [call.args[0].user_id for call in computed.call_args_list]
    assert users == [recent.pk, older.pk]
    assert gone.pk not in users


def test_a_second_sweep_leaves_the_warm_feeds_alone(catalogue, computed):
    active_shopper("bea")
    assert feeds_precompute_sweep(limit=10, days=3) == {"looked_at": 1, "computed": 1}
    assert feeds_precompute_sweep(limit=10, days=3) == {"looked_at": 1, "computed": 0}
    assert computed.call_count == 1


def test_the_sweep_stops_starting_shoppers_when_its_time_is_up(catalogue):
    active_shopper("bea")
    assert feeds_precompute_sweep(limit=10, days=3, seconds=0) == {"looked_at": 0, "computed": 0}


def test_one_precompute_is_queued_per_shopper_until_it_starts(alice):
    with mock.patch.object(precompute_feed, "apply_async") as queued:
        precompute_queue(user_id=alice.pk)
        precompute_queue(user_id=alice.pk)
        assert queued.call_count == 1
        precompute_started(user_id=alice.pk)
        precompute_queue(user_id=alice.pk)
        assert queued.call_count == 2


def test_a_precompute_of_a_warm_feed_computes_nothing(alice, catalogue, computed):
    assert feed_precompute(user_id=alice.pk) is True
    assert feed_precompute(user_id=alice.pk) is False
    assert computed.call_count == 1

