"""Feeds as shoppers meet them through the API: camping first for a camper, with a reason;
duplicates folded; circles spread; personalisation off really ignores the profile; stable
pages; every bad parameter answered with a clear 4xx."""

import random

import pytest
from django.utils import timezone

from interests.models import Event, Interest, UserInterest
from interests.profiles import profile_update
from recommender.ranking import CIRCLE_CAP, CIRCLE_WINDOW, Ranked, diversify
from tests.factories import SourceFactory, scored_item

URL = "/api/v1/feed/"


@pytest.fixture
def catalogue(db):
    """Thirty items over five circles, camping among them; camping is not the best by worth."""
    return make_catalogue()


def make_catalogue() -> dict[str, list]:
    circles = [("camping", "outdoor"), ("phones", "digital"), ("coffee", "food"), ("blind-boxes", "toys"), ("skincare", "beauty")]
    items = {slug: [] for slug, _ in circles}
    for n in range(30):
        child, top = circles[n % 5]
        items[child].append(scored_item(child, top, worth=55 if child == "camping" else 70 + n % 7, hours_old=n))
    return items


def feed_ids(client, **params) -> list[int]:
    return [row["item"]["id"] for row in client.get(URL, params).json()["results"]]


def test_a_shopper_who_engages_with_camping_gets_camping_first_with_a_reason(api, alice, catalogue):
    for item in catalogue["camping"][:3]:
        Event.objects.create(user=alice, type="favorite", item=item, ts=timezone.now())
    profile_update(user_id=alice.pk)
    api.force_authenticate(alice)
    body = api.get(URL).json()
    assert body["personalized"] is True
    first = body["results"][0]
    assert first["item"]["id"] in {i.pk for i in catalogue["camping"]}
    assert first["reason"].startswith("你常看「露营」") and "值得买指数" in first["reason"]


def test_a_visitor_gets_a_non_personal_feed_ranked_by_quality(api, catalogue):
    body = api.get(URL).json()
    assert body["personalized"] is False
    assert body["results"][0]["item"]["worth_score"] >= 70
    assert all("值得买指数" in row["reason"] for row in body["results"])


def test_personalisation_off_really_ignores_the_profile(api, alice, catalogue):
    for item in catalogue["camping"]:
        Event.objects.create(user=alice, type="favorite", item=item, ts=timezone.now())
    profile_update(user_id=alice.pk)
    api.force_authenticate(alice)
    assert api.put("/api/v1/me/settings/", {"personalization": False}, format="json").status_code == 200
    personal_off = api.get(URL).json()
    api.force_authenticate(None)
    anonymous = api.get(URL).json()
    assert personal_off["personalized"] is False
    assert [r["item"]["id"] for r in personal_off["results"]] == [r["item"]["id"] for r in anonymous["results"]]


def test_hidden_items_and_muted_circles_stay_out(api, alice, catalogue):
    hidden = catalogue["coffee"][0]
    Event.objects.create(user=alice, type="hide", item=hidden, ts=timezone.now())
    UserInterest.objects.create(user=alice, interest=Interest.objects.get(slug="blind-boxes"), state="muted",
                                scored_at=timezone.now())
    api.force_authenticate(alice)
    ids = set(feed_ids(api, limit=50))
    assert hidden.pk not in ids
    assert not ids & {i.pk for i in catalogue["blind-boxes"]}


def test_copies_fold_into_their_original_with_the_number_of_sources(api, db):
    original = scored_item("camping", "outdoor", worth=80)
    for _ in range(2):
        scored_item("camping", "outdoor", worth=80, duplicate_of=original, source=SourceFactory())
    rows = api.get(URL).json()["results"]
    assert [r["item"]["id"] for r in rows] == [original.pk]
    assert rows[0]["item"]["source_count"] == 3


def test_pending_and_rejected_items_are_never_shown(api, db):
    shown = scored_item("coffee", "food")
    scored_item("coffee", "food", status="pending")
    scored_item("coffee", "food", status="rejected")
    assert feed_ids(api) == [shown.pk]


def test_one_circle_never_takes_over_a_page(api, db):
    for n in range(12):
        scored_item("phones", "digital", worth=95 - n)
    for n in range(6):
        scored_item("coffee", "food", worth=50 - n)
    rows = api.get(URL, {"limit": 10}).json()["results"]
    circles = ["digital" if "digital" in {t["slug"] for t in r["item"]["interests"]} else "food" for r in rows]
    assert circles[:4] == ["digital", "digital", "digital", "food"]  # the best coffee comes up to 4th
    assert circles.count("food") == 3  # lower-scored coffee is not starved by better phones


def test_pages_never_repeat_or_skip_even_when_new_items_arrive(api, catalogue):
    first = api.get(URL, {"limit": 7}).json()
    scored_item("coffee", "food", worth=99)  # arrives between pages
    seen = [r["item"]["id"] for r in first["results"]]
    cursor = first["cursor"]
    while cursor:
        page = api.get(URL, {"limit": 7, "cursor": cursor}).json()
        seen += [r["item"]["id"] for r in page["results"]]
        cursor = page["cursor"]
    assert len(seen) == len(set(seen)) == 30


def test_a_circle_feed_only_holds_that_circle(api, catalogue):
    ids = set(feed_ids(api, interest="outdoor", limit=50))
    assert ids == {i.pk for i in catalogue["camping"]}


def test_latest_is_newest_first(api, catalogue):
    rows = api.get(URL, {"mode": "latest", "limit": 50}).json()["results"]
    published = [r["item"]["published_at"] for r in rows if not r["sponsored"]]
    assert published == sorted(published, reverse=True)


def test_sponsored_items_are_labelled_and_placed_not_ranked(api, catalogue):
    ad = scored_item("coffee", "food", worth=99, sponsored=True)
    rows = api.get(URL, {"limit": 20}).json()["results"]
    flagged = [(i, r) for i, r in enumerate(rows) if r["sponsored"]]
    assert [r["item"]["id"] for _, r in flagged] == [ad.pk] and flagged[0][0] == 3
    assert flagged[0][1]["reason"].startswith("推广")


def test_an_explicit_scenario_brings_its_items_up(api, catalogue):
    commute = catalogue["phones"][-1]
    commute.scenario_tags.create(scenario=_scenario("commute"), weight=1.0)
    rows = api.get(URL, {"scenario": "commute"}).json()["results"]
    reasons = {r["item"]["id"]: r["reason"] for r in rows}
    assert reasons[commute.pk].startswith("适合通勤")


def _scenario(slug):
    from interests.models import Scenario

    return Scenario.objects.get(slug=slug)


@pytest.mark.parametrize(
    "params, code",
    [({"limit": "-1"}, "invalid_limit"), ({"limit": "0"}, "invalid_limit"), ({"limit": "100000"}, "invalid_limit"),
     ({"limit": "ten"}, "invalid_limit"), ({"scenario": "moon-landing"}, "unknown_scenario"),
     ({"interest": "time-travel"}, "unknown_interest"), ({"mode": "random"}, "invalid_mode"),
     ({"cursor": "forged"}, "invalid_cursor"), ({"cursor": "eyJmIjoiYSIsIm8iOjB9:1tX:abc"}, "invalid_cursor")],
)
def test_bad_parameters_get_a_clear_400(api, db, params, code):
    response = api.get(URL, params)
    assert response.status_code == 400 and response.json()["error"]["code"] == code


def test_a_stale_cursor_asks_to_reload(api, catalogue):
    from django.core.cache import cache

    cursor = api.get(URL, {"limit": 5}).json()["cursor"]
    cache.clear()
    response = api.get(URL, {"cursor": cursor})
    assert response.status_code == 400 and response.json()["error"]["code"] == "stale_cursor"


def test_an_empty_catalogue_and_a_shopper_without_events_get_an_empty_or_plain_feed(api, alice):
    api.force_authenticate(alice)
    body = api.get(URL).json()
    assert body == {"personalized": True, "results": [], "cursor": None, "next": None}


def test_acting_refreshes_the_shoppers_next_first_page(api, alice, catalogue, django_capture_on_commit_callbacks):
    api.force_authenticate(alice)
    before = feed_ids(api, limit=50)
    top = before[0]
    with django_capture_on_commit_callbacks(execute=True):  # the feed moves on once the hide commits
        api.post("/api/v1/events/", {"events": [{"type": "hide", "item": top}]}, format="json")
    assert top not in feed_ids(api, limit=50)


def test_a_feed_page_costs_a_fixed_number_of_queries(api, catalogue, django_assert_max_num_queries):
    api.get(URL, {"limit": 20})  # computed and cached
    with django_assert_max_num_queries(4):
        api.get(URL, {"limit": 20})


@pytest.mark.parametrize("seed", range(5))
def test_spreading_circles_for_the_first_entries_only_gives_the_head_of_the_whole_list(seed):
    rng = random.Random(seed)
    ranked = sorted((Ranked(n, rng.random(), "", rng.choice(["", "digital", "food", "outdoor"])) for n in range(300)),
                    key=lambda r: -r.score)
    whole = diversify(ranked)
    assert diversify(ranked, 200) == whole[:200]
    assert sorted(whole, key=lambda r: r.item_id) == sorted(ranked, key=lambda r: r.item_id)
    for start in range(200 - CIRCLE_WINDOW):
        window = [r.circle for r in whole[start : start + CIRCLE_WINDOW] if r.circle]
        assert all(window.count(circle) <= CIRCLE_CAP for circle in window)
