"""Hostile input (issue 16, item 4): every input that gave a 500 or silently altered data gets a
clear 4xx in the one error shape {"error": {"code", "message", "fields"?}}, in Chinese."""

import json

import pytest
from django.utils import timezone

from content.models import Item
from interests.models import ShopperProfile
from tests.factories import ItemFactory, raw_item

INGEST = "/api/v1/ingest/"
EVENTS = "/api/v1/events/"


def error_of(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    return error


def post_raw(client, url: str, text: str):
    """A body exactly as written (escapes such as \\u0000 and \\udc80 reach the parser as sent)."""
    return client.post(url, text, content_type="application/json")


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


# Item ids in paths -----------------------------------------------------------------------------

@pytest.mark.parametrize("method, path", [
    ("post", "/api/v1/items/abc/vote/"),
    ("delete", "/api/v1/items/abc/vote/"),
    ("post", "/api/v1/items/true/favorite/"),
    ("post", "/api/v1/items/1.5/favorite/"),
    ("post", "/api/v1/items/99999999999999999999999/vote/"),
])
def test_an_item_id_that_is_not_a_number_is_a_404_not_found(api, alice, method, path):
    api.force_authenticate(alice)
    error_of(getattr(api, method)(path, {"value": "worth"}, format="json"), 404, "not_found")


def test_a_missing_item_answers_not_found_in_the_error_shape(api, db):
    error_of(api.get("/api/v1/items/424242/"), 404, "not_found")


def test_a_missing_interest_answers_not_found_in_the_error_shape(api, alice):
    api.force_authenticate(alice)
    error_of(api.delete("/api/v1/me/interests/no-such-interest/"), 404, "not_found")


# Dates in filters ------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "2026-01-01T00:00:00+18:30", "2026-01-01T00:00:00-15:00", "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z", "1900-01-01T00:00:00+08:00", "2026-13-01T00:00:00Z", "昨天",
])
@pytest.mark.parametrize("name", ["published_after", "published_before"])
def test_a_filter_time_outside_a_sane_range_is_a_400(api, db, name, value):
    error = error_of(api.get("/api/v1/items/", {name: value}), 400, "invalid")
    assert list(error["fields"]) == [name]


def test_a_filter_time_in_range_with_a_real_offset_filters(api, db):
    ItemFactory(published_at=timezone.now())
    response = api.get("/api/v1/items/", {"published_after": "2000-01-01T00:00:00+14:00"})
    assert response.status_code == 200 and response.json()["count"] == 1


# JSON bodies: size and depth bounded before parsing ---------------------------------------------

@pytest.mark.parametrize("envelope", ["items", "events"])
def test_a_hundred_thousand_nested_arrays_are_a_400_before_parsing(api, partner_api, envelope):
    client, url = (partner_api, INGEST) if envelope == "items" else (api, EVENTS)
    error = error_of(post_raw(client, url, f'{{"{envelope}": {nested(100_000)}}}'), 400, "parse_error")
    assert "嵌套过深" in error["message"]


def test_nesting_just_within_the_bound_is_parsed_as_usual(api, db):
    error = error_of(post_raw(api, EVENTS, f'{{"events": [{{"type": "click", "context": {nested(29)}}}]}}'),
                     400, "invalid")
    assert error["fields"][0]["errors"] == {"item": ["需要内容 id（正整数）。"], "context": ["context 应为对象。"]}


def test_brackets_inside_strings_do_not_count_as_nesting(api, alice):
    api.force_authenticate(alice)
    body = json.dumps({"events": [{"type": "search", "query": "[" * 200}]})
    assert post_raw(api, EVENTS, body).status_code == 202


def test_an_events_body_over_its_limit_is_a_413_before_parsing(api, db, settings):
    body = json.dumps({"events": [{"type": "search", "query": "露营" * 50}] * 500, "padding": "x" * 2_100_000})
    error_of(post_raw(api, EVENTS, body), 413, "too_large")


@pytest.mark.parametrize("body", ["NaN", '{"events": [Infinity]}', "\xff\xfe"])
def test_json_that_is_not_strict_json_or_not_utf8_is_a_400(api, db, body):
    response = api.post(EVENTS, body.encode("latin-1"), content_type="application/json")
    error_of(response, 400, "parse_error")


# Events: one bad event is rejected alone ------------------------------------------------------------

@pytest.fixture
def item(db):
    return ItemFactory()


@pytest.mark.parametrize("bad_event, field", [
    ('{"type": "click", "item": ITEM, "context": {"city": "上海\\u0000"}}', "context"),
    ('{"type": "click", "item": ITEM, "context": {"page": "/\\ud800/"}}', "context"),
    ('{"type": "search", "query": "露营\\udc80"}', "query"),
    ('{"type": "search", "query": "帐篷\\u0000"}', "query"),
    ('{"type": ["click"], "item": ITEM}', "type"),
    ('{"type": "click", "item": "\\u00b2"}', "item"),
    ('{"type": "click", "item": 99999999999999999999999}', "item"),
])
def test_a_nul_or_lone_surrogate_in_an_event_is_rejected_alone(api, alice, item, bad_event, field):
    api.force_authenticate(alice)
    good = f'{{"type": "click", "item": {item.pk}}}'
    response = post_raw(api, EVENTS, f'{{"events": [{good}, {bad_event.replace("ITEM", str(item.pk))}, {good}]}}')
    assert response.status_code == 202
    body = response.json()
    assert [r["outcome"] for r in body["results"]] == ["accepted", "rejected", "accepted"]
    assert list(body["results"][1]["errors"]) == [field]
    assert (body["accepted"], body["rejected"]) == (2, 1)
    assert alice.events.count() == 2


def test_a_batch_of_only_bad_text_is_a_400_with_each_events_errors(api, alice):
    api.force_authenticate(alice)
    error = error_of(post_raw(api, EVENTS, '{"events": [{"type": "search", "query": "\\u0000"}]}'), 400, "invalid")
    assert "NUL" in error["fields"][0]["errors"]["query"][0]


# The shopper's own input ----------------------------------------------------------------------------

@pytest.mark.parametrize("follow", [["a\u0000b"], ["露营"], ["camping", "x" * 65], ["digital"] * 101])
def test_following_something_that_is_not_an_interest_slug_is_a_400(api, alice, follow):
    api.force_authenticate(alice)
    error = error_of(api.post("/api/v1/me/interests/", {"follow": follow}, format="json"), 400, "invalid")
    assert error["fields"] == {"follow": ["包含无效的 slug。"]}


def test_a_lone_surrogate_in_a_followed_slug_is_a_400(api, alice):
    api.force_authenticate(alice)
    error_of(post_raw(api, "/api/v1/me/interests/", '{"follow": ["\\udc80"]}'), 400, "invalid")


@pytest.mark.parametrize("enabled", ["garbage", "", "true", "01"])
def test_a_personalisation_switch_that_is_neither_on_nor_off_changes_nothing(client, alice, enabled):
    client.force_login(alice)
    response = client.post("/me/personalization/", {"enabled": enabled})
    assert response.status_code == 400
    assert "个性化设置没有改变" in response.content.decode()
    assert ShopperProfile.objects.get(user=alice).personalization_enabled is True


@pytest.mark.parametrize("enabled, expected", [("0", False), ("1", True)])
def test_the_personalisation_switch_takes_one_or_zero(client, alice, enabled, expected):
    client.force_login(alice)
    assert client.post("/me/personalization/", {"enabled": enabled}).status_code == 302
    assert ShopperProfile.objects.get(user=alice).personalization_enabled is expected


# Keys ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("header", ["Token xyz", "Token", "Token gu_a gu_b", "token abc123"])
@pytest.mark.parametrize("path", ["/api/v1/items/", "/api/v1/feed/", "/api/v1/interests/"])
def test_a_token_that_is_no_key_we_issue_is_a_401_not_a_visitor(api, db, header, path):
    api.credentials(HTTP_AUTHORIZATION=header)
    error_of(api.get(path), 401, "authentication_failed")


def test_another_authorization_scheme_is_left_alone(api, db):
    api.credentials(HTTP_AUTHORIZATION="Bearer abc")
    assert api.get("/api/v1/items/").status_code == 200


# Ingest: nothing silently altered ----------------------------------------------------------------------

def push(client, items: list) -> list[dict]:
    response = client.post(INGEST, {"items": items}, format="json")
    assert response.status_code == 202, response.content
    return response.json()["results"]


@pytest.mark.parametrize("external_id", ["abc\u0000", "abc\u0001", "ab\u200bc", "abc\u202e"])
def test_an_external_id_that_normalising_would_change_is_rejected_and_overwrites_nothing(partner_api, external_id):
    first = push(partner_api, [raw_item(1, external_id="abc", title="原来的标题")])[0]
    results = push(partner_api, [raw_item(2, external_id=external_id, title="想覆盖的标题")])
    assert results[0]["outcome"] == "rejected" and list(results[0]["errors"]) == ["external_id"]
    assert Item.objects.get().title == "原来的标题" and Item.objects.get().pk == first["id"]


def test_an_author_id_with_a_nul_is_rejected(partner_api):
    results = push(partner_api, [raw_item(1, author={"external_id": "may\u0000", "name": "阿May"})])
    assert results[0]["outcome"] == "rejected" and list(results[0]["errors"]) == ["author"]


@pytest.mark.parametrize("field, value", [
    ("title", "露营\u0000灯"), ("body", "<p>好用\u0000</p>"), ("url", "https://example.com/a\u0000b"),
    ("brand", "牧高笛\u0000"), ("images", ["https://img.example.com/\u0000.jpg"]),
])
def test_a_nul_anywhere_in_an_item_rejects_that_item_with_its_field(partner_api, field, value):
    results = push(partner_api, [raw_item(1), raw_item(2, **{field: value})])
    assert [r["outcome"] for r in results] == ["accepted", "rejected"]
    assert list(results[1]["errors"]) == [field] and "NUL" in results[1]["errors"][field][0]


def test_a_lone_surrogate_external_id_is_rejected_and_the_answer_is_still_json(partner_api):
    item = json.dumps(raw_item(1)).replace('"external_id": "', '"external_id": "\\udc80', 1)
    body = f'{{"items": [{item}]}}'
    response = post_raw(partner_api, INGEST, body)
    assert response.status_code == 202
    assert response.json()["results"][0]["outcome"] == "rejected"


def test_an_original_price_below_the_price_is_a_field_error(partner_api):
    results = push(partner_api, [raw_item(1, price="299", original_price="199")])
    assert results[0]["outcome"] == "rejected"
    assert results[0]["errors"] == {"original_price": ["原价（199.00）不能低于现价（299.00）。"]}
    assert not Item.objects.exists()


def test_an_original_price_equal_to_or_above_the_price_is_accepted(partner_api):
    results = push(partner_api, [raw_item(1, price="199", original_price="199"), raw_item(2, price="99", original_price="199")])
    assert [r["outcome"] for r in results] == ["accepted", "accepted"]


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068",
                                     "\u2069", "\u061c", "\u200e", "\u200f"])
def test_bidi_controls_are_removed_from_titles_names_and_bodies(partner_api, control):
    results = push(partner_api, [raw_item(1, title=f"好价{control}gpj.exe", author={"name": f"阿{control}May"},
                                          body=f"<p>实测{control}好用</p>")])
    item = Item.objects.get(pk=results[0]["id"])
    assert item.title == "好价gpj.exe" and item.author.name == "阿May"
    assert control not in item.body_html and control not in item.body_text and "实测好用" in item.body_html
