"""我的收藏: the shopper finds what she saved again, on a page and through the API."""

from rest_framework.test import APIClient

from interests.actions import item_favorite
from tests.factories import scored_item


def test_a_shopper_finds_her_saved_items_newest_first_and_taken_down_ones_are_counted_apart(alice, client):
    older, newer, removed = scored_item("outdoor"), scored_item("food"), scored_item("beauty")
    for item in (older, removed, newer):
        item_favorite(user=alice, item=item, on=True)
    removed.status = "rejected"
    removed.save()
    api = APIClient()
    api.force_login(alice)
    body = api.get("/api/v1/me/favorites/").json()
    assert [card["id"] for card in body["results"]] == [newer.pk, older.pk]
    assert body["count"] == 2 and body["removed"] == 1 and body["results"][0]["title"] == newer.title
    client.force_login(alice)
    page = client.get("/me/favorites/").content.decode()
    assert page.index(newer.title) < page.index(older.title) and removed.title not in page
    assert "1 条收藏的内容已被下架" in page


def test_favorites_need_a_signed_in_shopper(client, api, db):
    assert api.get("/api/v1/me/favorites/").status_code == 401
    assert client.get("/me/favorites/").status_code == 302


def test_an_empty_favorites_page_says_how_to_save_one(alice, client):
    client.force_login(alice)
    assert "还没有收藏" in client.get("/me/favorites/").content.decode()
