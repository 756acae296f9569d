"""The feed's warm path as API clients with a user token meet it: a page served again is one
cache read and no query, yet acting, switching personalisation off, revoking the token or
deactivating the account all take effect on the very next request; cursors stay stable."""

from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.views import APIView

from guide.services import user_token_create
from interests.models import Event
from interests.profiles import profile_update
from recommender.api import FeedView
from recommender.feed import FEED_TTL
from recommender.pools import pools_refresh
from tests.factories import scored_item
from tests.recommender.test_feed import URL, make_catalogue


@pytest.fixture
def catalogue(db):
    return make_catalogue()


@pytest.fixture
def alice_api(api, alice):
    """Alice's API client, signed in with her own user token."""
    api.credentials(HTTP_AUTHORIZATION=f"Token {user_token_create(user=alice, name='phone')}")
    return api


def ids(body: dict) -> list[int]:
    return [row["item"]["id"] for row in body["results"]]


@contextmanager
def cache_calls() -> Iterator[Counter]:
    """Counts the cache operations the code asks for (a backend's get_many may itself call get)."""
    calls: Counter = Counter()
    depth = [0]

    def counted(name):
        original = getattr(cache, name)

        def call(*args, **kwargs):
            if not depth[0]:
                calls[name] += 1
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1
        return call

    names = ("get", "get_many", "set", "set_many", "add", "delete", "incr")
    with ExitStack() as stack:
        for name in names:
            stack.enter_context(mock.patch.object(cache, name, counted(name)))
        yield calls


def test_a_page_served_again_is_one_cache_read_and_no_query(alice_api, catalogue, django_assert_num_queries):
    first = alice_api.get(URL, {"limit": 10})
    with django_assert_num_queries(0), cache_calls() as calls:
        again = alice_api.get(URL, {"limit": 10})
    assert calls == {"get_many": 1}
    assert again.status_code == 200 and again["Content-Type"] == "application/json"
    assert again.json() == first.json() and again.json()["personalized"] is True


def test_a_later_page_served_again_is_one_cache_read_too(alice_api, catalogue, django_assert_num_queries):
    cursor = alice_api.get(URL, {"limit": 10}).json()["cursor"]
    second = alice_api.get(URL, {"limit": 10, "cursor": cursor}).json()
    with django_assert_num_queries(0), cache_calls() as calls:
        assert alice_api.get(URL, {"limit": 10, "cursor": cursor}).json() == second
    assert calls == {"get_many": 1}


def test_following_next_links_pages_through_the_whole_feed_once(alice_api, catalogue):
    page = alice_api.get(URL, {"limit": 7}).json()
    seen = ids(page)
    while page["next"]:
        assert page["next"].startswith("http://testserver/api/v1/feed/?limit=7&cursor=")
        page = alice_api.get(page["next"]).json()
        seen += ids(page)
    assert len(seen) == len(set(seen)) == 30


def test_acting_refreshes_the_next_first_page_even_when_it_was_served_warm(alice_api, catalogue,
                                                                          django_capture_on_commit_callbacks):
    top = ids(alice_api.get(URL, {"limit": 50}).json())[0]
    assert ids(alice_api.get(URL, {"limit": 50}).json())[0] == top  # warm
    with django_capture_on_commit_callbacks(execute=True):  # the feed moves on once the hide commits
        alice_api.post("/api/v1/events/", {"events": [{"type": "hide", "item": top}]}, format="json")
    assert top not in ids(alice_api.get(URL, {"limit": 50}).json())


def test_switching_personalisation_off_is_honoured_on_the_next_warm_request(alice_api, alice, catalogue):
    for item in catalogue["camping"]:
        Event.objects.create(user=alice, type="favorite", item=item, ts=timezone.now())
    profile_update(user_id=alice.pk)
    personal = alice_api.get(URL).json()
    assert personal["personalized"] is True and alice_api.get(URL).json() == personal
    assert alice_api.put("/api/v1/me/settings/", {"personalization": False}, format="json").status_code == 200
    off = alice_api.get(URL).json()
    visitor = APIClient().get(URL).json()
    assert off["personalized"] is False and ids(off) == ids(visitor) != ids(personal)


def test_a_deleted_token_is_refused_at_once_although_it_was_cached(alice_api, alice, catalogue):
    assert alice_api.get(URL).status_code == 200
    alice.api_tokens.all().delete()
    response = alice_api.get(URL)
    assert response.status_code == 401 and response.json()["error"]["code"]


def test_a_deactivated_account_is_refused_at_once(alice_api, alice, catalogue):
    assert alice_api.get(URL).status_code == 200
    alice.is_active = False
    alice.save()
    assert alice_api.get(URL).status_code == 401


def test_a_forged_token_is_refused(api, catalogue):
    api.credentials(HTTP_AUTHORIZATION="Token gu_forged")
    assert api.get(URL).status_code == 401


def feed_id(body: dict) -> str:
    return signing.loads(body["cursor"], salt="feed")["f"]


def test_a_kept_first_page_is_served_only_while_its_feed_serves_first_pages(alice_api, catalogue):
    # A kept page also belongs to its hour (scenarios follow the clock): start just after one
    # begins, so the first check stays inside it whenever the suite runs.
    start = (timezone.now() + timedelta(hours=1)).replace(minute=1, second=0, microsecond=0)
    with time_machine.travel(start):
        first = alice_api.get(URL, {"limit": 5}).json()
    with time_machine.travel(start + timedelta(seconds=FEED_TTL - 60)):
        assert feed_id(alice_api.get(URL, {"limit": 5}).json()) == feed_id(first)
    with time_machine.travel(start + timedelta(seconds=FEED_TTL + 5)):
        assert feed_id(alice_api.get(URL, {"limit": 5}).json()) != feed_id(first)  # computed afresh


def test_a_new_item_reaches_a_visitors_first_page_when_the_feed_is_recomputed(api, catalogue):
    api.get(URL, {"limit": 50})
    fresh = scored_item("coffee", "food", worth=99)
    assert fresh.pk not in ids(api.get(URL, {"limit": 50}).json())  # the kept feed …
    pools_refresh()  # as beat does every few minutes
    with time_machine.travel(timezone.now() + timedelta(seconds=FEED_TTL + 5)):
        assert fresh.pk in ids(api.get(URL, {"limit": 50}).json())  # … serves first pages for FEED_TTL


def test_the_browsable_api_still_renders_the_feed(api, catalogue):
    response = api.get(URL, HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_a_signed_in_browser_session_gets_the_personal_feed(client, alice, catalogue):
    client.force_login(alice)
    assert client.get(URL).json()["personalized"] is True


def served_the_usual_way(api, *args, **kwargs):
    """The response DRF's full dispatch gives, with the shopper's shortcut turned off."""
    with mock.patch.object(FeedView, "shoppers_json_page", return_value=None):
        return api.get(*args, **kwargs)


def test_a_shoppers_json_page_skips_drf_and_is_the_same_response(alice_api, catalogue):
    alice_api.get(URL, {"limit": 7})  # computed and kept
    with mock.patch.object(APIView, "initial", side_effect=AssertionError("DRF's dispatch ran")):
        short = alice_api.get(URL, {"limit": 7})
        later = alice_api.get(short.json()["next"])
    usual = served_the_usual_way(alice_api, URL, {"limit": 7})
    assert short.status_code == usual.status_code == 200
    assert short.content == usual.content and short.json()["personalized"] is True
    assert {h: short[h] for h in ("Content-Type", "Allow", "Vary")} == {h: usual[h] for h in ("Content-Type", "Allow", "Vary")}
    assert later.content == served_the_usual_way(alice_api, short.json()["next"]).content


@pytest.mark.parametrize("query, headers, status, code", [
    ({"limit": 0}, {}, 400, "invalid_limit"),
    ({"mode": "random"}, {}, 400, "invalid_mode"),
    ({"scenario": "moon"}, {}, 400, "unknown_scenario"),
    ({"interest": "nope"}, {}, 400, "unknown_interest"),
    ({"cursor": "forged"}, {}, 400, "invalid_cursor"),
    ({}, {"HTTP_AUTHORIZATION": "Token gu_forged"}, 401, None),
])
def test_whatever_the_shortcut_cannot_serve_is_answered_the_usual_way(alice_api, catalogue, query, headers, status, code):
    alice_api.get(URL)  # her token known to this process, her first page kept
    if headers:
        alice_api.credentials(**headers)
    response = alice_api.get(URL, query)
    assert response.status_code == status and response["Content-Type"] == "application/json"
    assert response.content == served_the_usual_way(alice_api, URL, query).content
    if code:
        assert response.json()["error"]["code"] == code


def test_browsers_and_format_overrides_get_the_usual_way(alice_api, catalogue):
    html = alice_api.get(URL, HTTP_ACCEPT="text/html")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    assert alice_api.get(URL, {"format": "json"}).json()["personalized"] is True


def test_a_cold_first_page_reads_the_epoch_once_and_each_kind_of_pool_in_one_round_trip(alice_api, alice, catalogue):
    """A shopper with many interests: each of her strongest interests has its own pool, read
    from the cache beat keeps them in, all in one round trip; the sponsored pools of the feed's
    circles likewise; and the content epoch, which keys them all, is read once (33 round trips
    for a cold page when each pool was a read of its own, each after a read of the epoch)."""
    for items in catalogue.values():
        for item in items[:2]:
            Event.objects.create(user=alice, type="favorite", item=item, ts=timezone.now())
    profile_update(user_id=alice.pk)
    pools_refresh()  # as beat does every few minutes
    reads: list[list[str]] = []  # the keys of each read the code asks for
    get, get_many = cache.get, cache.get_many
    inside = [False]  # a backend's get_many may call get itself: not a read of the code's

    def one(key, *args, **kwargs):
        if not inside[0]:
            reads.append([key])
        return get(key, *args, **kwargs)

    def many(keys, *args, **kwargs):
        reads.append(list(keys))
        inside[0] = True
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            inside[0] = False

    with mock.patch.object(cache, "get", one), mock.patch.object(cache, "get_many", many):
        assert alice_api.get(URL, {"limit": 10}).status_code == 200
    with_epoch = [keys for keys in reads if "content:epoch" in keys]
    assert len(with_epoch) == 1, with_epoch
    for kind in ("pool:interest:", "pool:sponsored:"):
        pools_read = [keys for keys in reads if any(key.startswith(kind) for key in keys)]
        assert len(pools_read) == 1 and len(pools_read[0]) > 1, (kind, pools_read)
