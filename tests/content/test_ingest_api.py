"""The push API as a partner platform meets it: POST /api/v1/ingest/ with a source key."""

import json

import pytest

from content.models import Item
from tests.factories import raw_item

URL = "/api/v1/ingest/"


def push(client, items):
    return client.post(URL, {"items": items}, format="json")


def test_a_partner_pushes_items_and_gets_an_id_for_each(partner_api):
    response = push(partner_api, [raw_item(1), raw_item(2)])
    assert response.status_code == 202
    results = response.json()["results"]
    assert [r["outcome"] for r in results] == ["accepted", "accepted"]
    assert [r["index"] for r in results] == [0, 1]
    assert [r["external_id"] for r in results] == ["note-1", "note-2"]
    stored = Item.objects.get(pk=results[0]["id"])
    assert stored.canonical_url == "https://www.xiaohongshu.com/explore/000000000000000000000001"
    assert str(stored.price) == "801.00" and stored.currency == "CNY"
    assert stored.author.name == "露营的阿May" and stored.author.platform == "xiaohongshu"
    assert stored.status == "pending"
    assert "续航实测 28 小时" in stored.body_text


def test_scripts_in_a_pushed_body_never_reach_the_stored_html(partner_api):
    item = raw_item(1, body='<p onmouseover="x()">好物</p><script>steal()</script><a href="javascript:alert(1)">券</a>')
    push(partner_api, [item])
    stored = Item.objects.get()
    assert "script" not in stored.body_html and "onmouseover" not in stored.body_html
    assert "javascript:" not in stored.body_html
    assert stored.body_text == "好物\n券"


@pytest.mark.parametrize(
    "authorization",
    [None, "Token gs_not-a-real-key", "Token ", "Bearer something", "Token gu_a-user-token-is-not-a-source-key"],
)
def test_a_missing_or_unknown_source_key_gets_401(api, db, authorization):
    if authorization:
        api.credentials(HTTP_AUTHORIZATION=authorization)
    response = push(api, [raw_item(1)])
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"not_authenticated", "authentication_failed"}
    assert Item.objects.count() == 0


def test_a_disabled_source_gets_401(partner, partner_api):
    partner[0].is_active = False
    partner[0].save()
    assert push(partner_api, [raw_item(1)]).status_code == 401


def test_a_batch_over_500_items_gets_413_and_nothing_is_stored(partner_api):
    response = push(partner_api, [raw_item(n) for n in range(501)])
    assert response.status_code == 413
    assert "500" in response.json()["error"]["message"]
    assert Item.objects.count() == 0


def test_a_body_over_the_size_limit_gets_413(partner_api, settings):
    settings.INGEST_MAX_BODY_BYTES = 10_000
    response = push(partner_api, [raw_item(1, body="很" * 20_000)])
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


@pytest.mark.parametrize(
    "body, code",
    [
        (b'{"items": [', "parse_error"),
        (b"not json at all", "parse_error"),
        ('{"items": [{"title": "\xff"}]}'.encode("latin-1"), "parse_error"),  # not UTF-8
        (b'[{"external_id": "1"}]', "invalid_envelope"),
        (b'{"items": {"external_id": "1"}}', "invalid_envelope"),
        (b'{"things": []}', "invalid_envelope"),
        (b'{"items": []}', "empty_batch"),
    ],
)
def test_a_broken_envelope_gets_400_with_a_clear_code(partner_api, body, code):
    response = partner_api.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]


def test_a_non_json_content_type_gets_415(partner_api):
    response = partner_api.post(URL, "external_id=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


BAD_ITEMS = [
    ({"external_id": None}, "external_id"),
    ({"url": None}, "url"),
    ({"title": None}, "title"),
    ({"body": None}, "body"),
    ({"title": ["不是", "字符串"]}, "title"),
    ({"title": "标" * 1_000_000}, "title"),
    ({"url": "ftp://files.example.com/a"}, "url"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"url": "https://"}, "url"),
    ({"price": -5}, "price"),
    ({"price": "99999999999"}, "price"),
    ({"price": "面议"}, "price"),
    ({"original_price": {"a": 1}}, "original_price"),
    ({"published_at": "2099-01-01T00:00:00Z"}, "published_at"),
    ({"published_at": "下周二"}, "published_at"),
    ({"expires_at": "1970-01-01T00:00:00Z"}, "expires_at"),
    ({"kind": "podcast"}, "kind"),
    ({"currency": "BTC"}, "currency"),
    ({"author": "露营的阿May"}, "author"),
    ({"author": {"name": "a", "followers": -1}}, "author"),
    ({"author": {"name": "a", "verified": "yes"}}, "author"),
    ({"images": "https://img.example.com/a.jpg"}, "images"),
    ({"images": ["javascript:alert(1)"]}, "images"),
    ({"images": [f"https://img.example.com/{n}.jpg" for n in range(21)]}, "images"),
    ({"metrics": {"likes": "很多"}}, "metrics"),
    ({"metrics": {"likes": -3}}, "metrics"),
    ({"sponsored": "maybe"}, "sponsored"),
    ({"brand": "品" * 101}, "brand"),
]


@pytest.mark.parametrize("override, field", BAD_ITEMS)
def test_a_bad_item_is_rejected_with_field_errors_and_the_rest_is_stored(partner_api, override, field):
    response = push(partner_api, [raw_item(1), raw_item(2, **override), raw_item(3)])
    assert response.status_code == 202
    results = response.json()["results"]
    assert [r["outcome"] for r in results] == ["accepted", "rejected", "accepted"]
    assert field in results[1]["errors"]
    assert results[1]["id"] is None
    assert Item.objects.count() == 2


def test_text_that_is_not_valid_unicode_is_rejected_per_item(partner_api):
    good = json.dumps(raw_item(1), ensure_ascii=True)
    bad = json.dumps(raw_item(2), ensure_ascii=True).replace('"title": "', '"title": "\\ud800', 1)
    response = partner_api.post(URL, f'{{"items": [{good}, {bad}]}}', content_type="application/json")
    results = response.json()["results"]
    assert [r["outcome"] for r in results] == ["accepted", "rejected"]
    assert "UTF-8" in results[1]["errors"]["title"][0]


def test_an_item_that_is_not_an_object_is_rejected(partner_api):
    results = push(partner_api, ["just a string", 42, raw_item(1)]).json()["results"]
    assert [r["outcome"] for r in results] == ["rejected", "rejected", "accepted"]
    assert results[0]["errors"]["non_field_errors"]


def test_a_naive_published_time_is_read_as_china_time(partner_api):
    push(partner_api, [raw_item(1, published_at="2026-11-20 08:00:00")])
    assert Item.objects.get().published_at.isoformat() == "2026-11-20T00:00:00+00:00"
