"""What the shopper values (interests.values): learned from what she opened among what she was
shown, shown on 我的兴趣 with its reason, hers to set, reset and switch off (page and API, bad
input answered 400), and used by the feed with the reason on the card."""

import pytest
from django.utils import timezone

from content.models import ItemScore
from content.scoring.dimensions import DIMENSION_KEYS
from interests.models import Event, ShopperValues
from interests.profiles import profile_update
from interests.values import effective_values, learn_values, values_for_shopper
from tests.factories import ItemFactory

API = "/api/v1/me/values/"


def item_scoring(**dimensions: float):
    """An approved item as the scoring pass leaves it: every dimension 50 but those given."""
    item = ItemFactory(published_at=timezone.now())
    ItemScore.objects.create(
        item=item,
        worth_score=60,
        scorer_version="test",
        profile_version=1,
        scored_at=timezone.now(),
        gate="approve",
        **{**dict.fromkeys(DIMENSION_KEYS, 50.0), **dimensions},
    )
    return item


def show(user, items, *, opened=()):
    """She was shown `items` and opened those in `opened` (events as the pages send them)."""
    now = timezone.now()
    Event.objects.bulk_create([Event(user=user, type="impression", item=item, ts=now) for item in items])
    Event.objects.bulk_create([Event(user=user, type="click", item=item, ts=now) for item in opened])


@pytest.fixture
def price_hunter(alice):
    """Alice opens the good deals (价格力 80–87) and passes over the rest (价格力 40–47)."""
    deals = [item_scoring(price_value=80 + n) for n in range(8)]
    others = [item_scoring(price_value=40 + n) for n in range(8)]
    show(alice, deals + others, opened=deals)
    profile_update(user_id=alice.pk)
    return alice


def test_a_price_hunter_is_learned_from_what_she_opened_among_what_she_was_shown(price_hunter):
    values = values_for_shopper(user=price_hunter)
    top = values["dimensions"][0]
    assert (values["mode"], top["key"], values["opened"], values["skipped"]) == (
        "learned",
        "price_value",
        8,
        8,
    )
    assert top["weight"] == top["learned"] > 0.5
    assert top["reason"] == "你常点开价格力高的内容（点开的平均 84 分，略过的 44 分）"
    assert all(d["weight"] == 0 for d in values["dimensions"][1:])  # nothing else told her choices apart
    assert effective_values(price_hunter.pk) == {"price_value": top["weight"]}


def test_a_reliability_seeker_is_told_from_a_price_hunter():
    trusted = [
        dict.fromkeys(DIMENSION_KEYS, 50.0) | {"content_reliability": 85 + n, "price_value": 40 + n}
        for n in range(10)
    ]
    doubtful = [
        dict.fromkeys(DIMENSION_KEYS, 50.0) | {"content_reliability": 45 + n, "price_value": 49 - n}
        for n in range(10)
    ]
    learned = learn_values(trusted, doubtful)
    assert learned.weights["content_reliability"] > 0.5 and learned.weights["price_value"] == 0


def test_too_little_behaviour_learns_nothing_and_says_how_much_more(alice):
    items = [item_scoring(price_value=90), item_scoring(price_value=30), item_scoring(price_value=35)]
    show(alice, items, opened=items[:1])
    profile_update(user_id=alice.pk)
    values = values_for_shopper(user=alice)
    assert values["needs"] == 4 + 3 and all(
        d["weight"] == 0 and not d["reason"] for d in values["dimensions"]
    )
    assert effective_values(alice.pk) == {}


def test_weights_learned_before_the_dimensions_changed_are_learned_again_not_read_as_zero(price_hunter):
    row = ShopperValues.objects.get(user=price_hunter)
    row.learned.pop("scenario_richness")  # as if scenario_richness were a 13th dimension added since
    row.save(update_fields=["learned"])
    assert "price_value" in effective_values(price_hunter.pk)
    assert set(ShopperValues.objects.get(user=price_hunter).learned) == set(DIMENSION_KEYS)


def test_she_sets_them_herself_goes_back_to_learned_and_switches_them_off(api, price_hunter):
    api.force_authenticate(price_hunter)
    body = api.put(
        API, {"mode": "chosen", "weights": {"content_reliability": 1, "timeliness": -0.5}}, format="json"
    ).json()
    assert body["mode"] == "chosen" and body["dimensions"][0]["key"] == "content_reliability"
    assert body["dimensions"][0]["reason"] == "你自己设定看重「内容可靠性」"
    assert effective_values(price_hunter.pk) == {"content_reliability": 1.0, "timeliness": -0.5}
    body = api.put(API, {"mode": "learned"}, format="json").json()
    assert body["mode"] == "learned" and body["dimensions"][0]["key"] == "price_value"
    assert set(effective_values(price_hunter.pk)) == {"price_value"}
    body = api.put(API, {"mode": "off"}, format="json").json()
    assert body["mode"] == "off" and all(d["weight"] == 0 for d in body["dimensions"])
    assert body["dimensions"][0]["learned"] > 0.5  # what was learned is still shown
    assert effective_values(price_hunter.pk) == {}
    assert api.get(API).json()["mode"] == "off"


@pytest.mark.parametrize(
    "body",
    [
        [],
        "chosen",
        {},
        {"mode": "sometimes"},
        {"mode": None},
        {"mode": {"off": 1}},
        {"mode": ["off"]},
        {"mode": "chosen"},
        {"mode": "chosen", "weights": {}},
        {"mode": "chosen", "weights": [["price_value", 1]]},
        {"mode": "chosen", "weights": {"cheapness": 1}},
        {"mode": "chosen", "weights": {"price_value": 2}},
        {"mode": "chosen", "weights": {"price_value": "1"}},
        {"mode": "chosen", "weights": {"price_value": True}},
        {"mode": "chosen", "weights": {"price_value": 0}},
        {"mode": "off", "weights": {"price_value": 1}},
        '{"mode": "chosen", "weights": {"price_value": NaN}}',
        "{",
    ],
)
def test_bad_input_is_answered_400_in_json_and_changes_nothing(api, alice, body):
    api.force_authenticate(alice)
    response = (
        api.put(API, body, content_type="application/json")
        if isinstance(body, str) and body[0] == "{"
        else api.put(API, body, format="json")
    )
    assert response.status_code == 400 and response.json()["error"]["code"] in {"invalid", "parse_error"}
    assert not ShopperValues.objects.filter(user=alice).exclude(mode="learned").exists()


def test_visitors_cannot_read_or_set_values(api, db):
    assert api.get(API).status_code in (401, 403)
    assert api.put(API, {"mode": "off"}, format="json").status_code in (401, 403)


def test_my_interests_shows_what_she_values_with_the_reason_and_lets_her_change_it(client, price_hunter):
    client.force_login(price_hunter)
    page = client.get("/me/interests/").content.decode()
    assert "我看重的" in page and "你常点开价格力高的内容" in page
    response = client.post(
        "/me/values/", {"action": "choose", "dimensions": ["objectivity", "information_density"]}, follow=True
    )
    page = response.content.decode()
    assert "你自己设定看重「客观度」" in page and "你自己设定看重「信息密度」" in page
    client.post("/me/values/", {"action": "learned"})
    assert values_for_shopper(user=price_hunter)["mode"] == "learned"
    client.post("/me/values/", {"action": "off"})
    assert "推荐流不按这些维度排序" in client.get("/me/interests/").content.decode()


@pytest.mark.parametrize(
    "form", [{"action": "choose"}, {"action": "choose", "dimensions": ["cheapness"]}, {"action": "all"}, {}]
)
def test_the_page_refuses_a_form_it_cannot_read_with_400(client, alice, form):
    client.force_login(alice)
    response = client.post("/me/values/", form)
    assert response.status_code == 400 and "没有改变" in response.content.decode()
    assert not ShopperValues.objects.filter(user=alice).exists()


def test_the_feed_ranks_by_what_she_values_and_says_so_on_the_card(api, client, alice):
    deal = item_scoring(price_value=95)
    plain = [item_scoring(price_value=40 + n) for n in range(5)]
    api.force_authenticate(alice)
    api.put(API, {"mode": "chosen", "weights": {"price_value": 1}}, format="json")
    first = api.get("/api/v1/feed/").json()["results"][0]
    assert first["item"]["id"] == deal.pk and first["reason"].startswith("按你看重的「价格力」")
    assert not any(
        "按你看重" in row["reason"]
        for row in api.get("/api/v1/feed/").json()["results"]
        if row["item"]["id"] in {p.pk for p in plain[:3]}
    )
    client.force_login(alice)
    assert "按你看重的「价格力」" in client.get("/").content.decode()


def test_her_export_holds_what_she_values_and_why(api, price_hunter):
    api.force_authenticate(price_hunter)
    exported = api.get("/api/v1/me/export/").json()["values"]
    assert exported["mode"] == "learned" and exported["dimensions"][0]["reason"].startswith(
        "你常点开价格力高的内容"
    )
