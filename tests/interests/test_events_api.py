"""POST /api/v1/events/ as pages and apps meet it: batches, identities, and every bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interests.accounts import unsigned_visitor_id, visitor_token
from interests.models import Event
from tests.factories import ItemFactory

URL = "/api/v1/events/"


@pytest.fixture
def item(db):
    return ItemFactory()


def post(client, events, **body):
    return client.post(URL, {"events": events, **body}, format="json")


def test_a_signed_in_shopper_sends_a_batch_and_every_event_is_stored(api, alice, item):
    api.force_authenticate(alice)
    now = timezone.now().isoformat()
    response = post(api, [
        {"type": "impression", "item": item.pk, "ts": now, "context": {"scenario": "commute", "city": "上海", "position": 3}},
        {"type": "click", "item": item.pk, "ts": now},
        {"type": "dwell", "item": item.pk, "ts": now, "dwell_ms": 42000},
        {"type": "search", "query": "露营帐篷", "ts": now},
        {"type": "favorite", "item": str(item.pk)},
    ])
    assert response.status_code == 202
    assert response.json()["accepted"] == 5
    stored = Event.objects.filter(user=alice).order_by("id")
    assert [e.type for e in stored] == ["impression", "click", "dwell", "search", "favorite"]
    assert stored[0].context == {"scenario": "commute", "city": "上海", "position": 3}
    assert stored[2].dwell_ms == 42000 and stored[3].query == "露营帐篷"


def test_an_anonymous_visitor_gets_an_id_cookie_and_keeps_it(api, item):
    first = post(api, [{"type": "click", "item": item.pk}])
    assert first.status_code == 202
    anonymous_id = first.json()["anonymous_id"]
    assert first.cookies["guide_aid"].value == anonymous_id
    api.cookies["guide_aid"] = anonymous_id
    second = post(api, [{"type": "click", "item": item.pk}])
    assert second.json()["anonymous_id"] == anonymous_id
    assert Event.objects.filter(anonymous_id=unsigned_visitor_id(anonymous_id), user__isnull=True).count() == 2


BAD_EVENTS = [
    ({"type": "teleport", "item": 1}, "type"),
    ({"item": 1}, "type"),
    ({"type": "click"}, "item"),
    ({"type": "click", "item": -4}, "item"),
    ({"type": "click", "item": "abc"}, "item"),
    ({"type": "click", "item": 999_999}, "item"),
    ({"type": "dwell", "item": "ITEM", "dwell_ms": -5}, "dwell_ms"),
    ({"type": "dwell", "item": "ITEM"}, "dwell_ms"),
    ({"type": "click", "item": "ITEM", "ts": "2001-01-01T00:00:00Z"}, "ts"),
    ({"type": "click", "item": "ITEM", "ts": "2099-01-01T00:00:00Z"}, "ts"),
    ({"type": "click", "item": "ITEM", "ts": "昨天"}, "ts"),
    ({"type": "search"}, "query"),
    ({"type": "search", "query": "词" * 201}, "query"),
    ({"type": "click", "item": "ITEM", "context": "上海"}, "context"),
    ({"type": "click", "item": "ITEM", "context": {"city": "上" * 41}}, "context"),
    ("not an object", "non_field_errors"),
]


@pytest.mark.parametrize("bad, field", BAD_EVENTS)
def test_a_bad_event_is_rejected_with_its_field_and_the_good_ones_are_stored(api, alice, item, bad, field):
    api.force_authenticate(alice)
    if isinstance(bad, dict) and bad.get("item") == "ITEM":
        bad = {**bad, "item": item.pk}
    response = post(api, [{"type": "click", "item": item.pk}, bad, {"type": "favorite", "item": item.pk}])
    assert response.status_code == 202
    results = response.json()["results"]
    assert [r["outcome"] for r in results] == ["accepted", "rejected", "accepted"]
    assert field in results[1]["errors"]
    assert Event.objects.count() == 2


def test_a_batch_with_no_valid_event_gets_400(api, alice):
    api.force_authenticate(alice)
    response = post(api, [{"type": "teleport"}])
    assert response.status_code == 400 and response.json()["error"]["fields"][0]["outcome"] == "rejected"
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    "body, status, code",
    [({"events": []}, 400, "empty_batch"), ({"events": {}}, 400, "invalid_envelope"), ([], 400, "invalid_envelope")],
)
def test_a_broken_envelope_gets_a_clear_400(api, db, body, status, code):
    response = api.post(URL, body, format="json")
    assert response.status_code == status and response.json()["error"]["code"] == code


def test_a_batch_over_500_events_gets_413(api, item):
    response = post(api, [{"type": "impression", "item": item.pk}] * 501)
    assert response.status_code == 413 and Event.objects.count() == 0


def test_a_flood_from_one_anonymous_id_is_throttled_with_429(api, item, settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**rates, "events": "3/min"}}
    from rest_framework.settings import api_settings

    from interests.api import EventsThrottle

    EventsThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        body = {"anonymous_id": visitor_token("flooding-visitor-01")}
        statuses = [post(api, [{"type": "impression", "item": item.pk}], **body).status_code for _ in range(5)]
        other = post(api, [{"type": "impression", "item": item.pk}], anonymous_id=visitor_token("another-visitor-2")).status_code
    finally:
        EventsThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert statuses == [202, 202, 202, 429, 429]
    assert other == 202
    assert Event.objects.filter(anonymous_id="flooding-visitor-01").count() == 3


def test_events_older_than_a_week_are_refused_but_recent_ones_kept(api, alice, item):
    api.force_authenticate(alice)
    recent = (timezone.now() - timedelta(days=6)).isoformat()
    old = (timezone.now() - timedelta(days=8)).isoformat()
    response = post(api, [{"type": "click", "item": item.pk, "ts": recent}, {"type": "click", "item": item.pk, "ts": old}])
    assert [r["outcome"] for r in response.json()["results"]] == ["accepted", "rejected"]


def test_the_taxonomy_is_public(api, db):
    body = api.get("/api/v1/interests/").json()
    top = {node["slug"]: node for node in body["interests"]}
    assert len(top) == 15 and "camping" in {c["slug"] for c in top["outdoor"]["children"]}
    assert "commute" in {s["slug"] for s in body["scenarios"]}


def test_how_often_a_shopper_was_shown_each_item_this_week_counts_her_impressions_only(api, alice, item):
    import time_machine

    from interests.selectors import seen_counts
    from tests.factories import UserFactory

    other = ItemFactory()
    now = timezone.now()
    api.force_authenticate(alice)
    shown = [{"type": "impression", "item": item.pk, "ts": (now - timedelta(hours=h)).isoformat()} for h in (1, 2, 30)]
    shown += [{"type": "click", "item": item.pk}, {"type": "impression", "item": other.pk}]
    assert post(api, shown).status_code == 202
    api.force_authenticate(UserFactory())
    assert post(api, [{"type": "impression", "item": item.pk}]).status_code == 202

    assert seen_counts(alice.pk, {item.pk}) == {item.pk: 3}  # not the click, not the other shopper's
    assert seen_counts(alice.pk, {item.pk, other.pk}) == {item.pk: 3, other.pk: 1}
    assert seen_counts(alice.pk, set()) == {} and seen_counts(None, {item.pk}) == {}
    with time_machine.travel(now + timedelta(days=7) - timedelta(hours=1.5)):  # two have left the week
        assert seen_counts(alice.pk, {item.pk, other.pk}) == {item.pk: 1, other.pk: 1}
