"""值得买 lists and the votes behind them: lists follow votes, resist manipulation, keep
sponsored items out of organic ranks, honour editors' pins and removals, and read in one query."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from content.models import Vote
from recommender.lists import effective_votes, lists_refresh
from recommender.models import ListOverride
from tests.factories import UserFactory, scored_item


def voters(n: int, *, days_old: int = 30, brand: bool = False, prefix: str = "voter"):
    users = []
    for i in range(n):
        user = UserFactory(username=f"{prefix}-{i}")
        user.date_joined = timezone.now() - timedelta(days=days_old)
        user.save(update_fields=["date_joined"])
        if brand:
            user.groups.add(Group.objects.get(name="brand_members"))
        users.append(user)
    return users


def vote(users, item, value=1):
    for user in users:
        Vote.objects.create(user=user, item=item, value=value)


def list_ids(api, slug="overall", period="day") -> list[int]:
    return [row["item"]["id"] for row in api.get(f"/api/v1/lists/{slug}/", {"period": period}).json()["results"]]


@pytest.fixture
def pair(db):
    return scored_item("coffee", "food", worth=70), scored_item("coffee", "food", worth=70)


def test_lists_follow_votes(api, pair):
    a, b = pair
    vote(voters(15, prefix="a"), b)
    vote(voters(3, prefix="b"), a, value=-1)
    lists_refresh()
    assert list_ids(api)[:2] == [b.pk, a.pk]
    assert list_ids(api, "food")[:2] == [b.pk, a.pk]
    body = api.get("/api/v1/lists/overall/").json()
    assert body["results"][0]["components"]["votes"] == [15.0, 0.0] and "worth_score" in body["formula"]


def test_votes_from_brand_accounts_never_count(api, pair):
    a, b = pair
    vote(voters(20, brand=True, prefix="brand"), a)
    vote(voters(2, prefix="real"), b)
    lists_refresh()
    assert list_ids(api)[:2] == [b.pk, a.pk]


def test_a_burst_of_votes_from_new_accounts_is_damped(api, pair):
    a, b = pair
    vote(voters(40, days_old=0, prefix="sock"), a)
    vote(voters(4, prefix="honest"), b)
    lists_refresh()
    assert list_ids(api)[:2] == [b.pk, a.pk]


def test_young_accounts_count_a_quarter_outside_a_burst():
    now = timezone.now()
    old, young = now - timedelta(days=60), now - timedelta(days=1)
    votes = [(1, 1, now - timedelta(hours=5), young, False), (1, 1, now, old, False), (2, 1, now, young, True)]
    assert effective_votes(votes, now) == {1: (1.25, 0.0)}


def test_sponsored_items_never_enter_organic_ranks(api, db):
    ad = scored_item("coffee", "food", worth=99, sponsored=True)
    organic = scored_item("coffee", "food", worth=40)
    lists_refresh()
    assert list_ids(api) == [organic.pk] and ad.pk not in list_ids(api, "food")


def test_editors_can_pin_and_remove(api, erin, db):
    items = [scored_item("coffee", "food", worth=90 - n) for n in range(5)]
    ListOverride.objects.create(slug="overall", item=items[4], action="pin", position=1, reason="编辑推荐", created_by=erin)
    ListOverride.objects.create(slug="overall", item=items[0], action="remove", reason="商家虚假宣传", created_by=erin)
    lists_refresh()
    ids = list_ids(api)
    assert ids[0] == items[4].pk and items[0].pk not in ids
    assert api.get("/api/v1/lists/overall/").json()["results"][0]["pinned"] is True


def test_today_only_holds_recent_items_and_the_week_more(api, db):
    fresh = scored_item("coffee", "food", hours_old=3)
    older = scored_item("coffee", "food", hours_old=24 * 4)
    lists_refresh()
    assert list_ids(api, period="day") == [fresh.pk]
    assert set(list_ids(api, period="week")) == {fresh.pk, older.pk}


def test_reading_a_list_is_one_query_for_the_entries(api, pair, django_assert_max_num_queries):
    lists_refresh()
    with django_assert_max_num_queries(4):  # the circle's name, the entries, their cards and tags
        api.get("/api/v1/lists/food/")


def test_refreshing_keeps_only_one_current_snapshot(pair):
    from recommender.models import WorthList

    lists_refresh()
    lists_refresh()
    assert WorthList.objects.filter(slug="overall", period="day", is_current=True).count() == 1


@pytest.mark.parametrize("path, status", [("/api/v1/lists/overall/?period=month", 400), ("/api/v1/lists/camping-gear/", 404),
                                          ("/api/v1/lists/camping/", 404)])
def test_unknown_lists_and_periods_get_4xx(api, db, path, status):
    assert api.get(path).status_code == status


def test_the_list_index_names_every_current_list(api, pair):
    lists_refresh()
    rows = api.get("/api/v1/lists/").json()["results"]
    assert {(r["slug"], r["period"]) for r in rows} >= {("overall", "day"), ("food", "week")}
    assert len(rows) == 32


def test_voting_is_one_per_shopper_and_can_change(api, alice, pair):
    a, _ = pair
    api.force_authenticate(alice)
    url = f"/api/v1/items/{a.pk}/vote/"
    assert api.post(url, {"value": "worth"}, format="json").json() == {"value": "worth", "worth": 1, "not_worth": 0}
    assert api.post(url, {"value": "worth"}, format="json").json()["worth"] == 1  # twice counts once
    assert api.post(url, {"value": "not_worth"}, format="json").json() == {"value": "not_worth", "worth": 0, "not_worth": 1}
    assert api.delete(url).json() == {"value": None, "worth": 0, "not_worth": 0}


@pytest.mark.parametrize("body", [{"value": "meh"}, {}, {"value": 1}])
def test_bad_votes_get_400(api, alice, pair, body):
    api.force_authenticate(alice)
    assert api.post(f"/api/v1/items/{pair[0].pk}/vote/", body, format="json").status_code == 400
    assert not Vote.objects.exists()


def test_voting_signed_out_or_on_a_hidden_item_is_refused(api, alice, db):
    pending = scored_item("coffee", "food", status="pending")
    assert api.post(f"/api/v1/items/{pending.pk}/vote/", {"value": "worth"}, format="json").status_code in (401, 403)
    api.force_authenticate(alice)
    assert api.post(f"/api/v1/items/{pending.pk}/vote/", {"value": "worth"}, format="json").status_code == 404
    assert api.post("/api/v1/items/999999/favorite/", {}, format="json").status_code == 404


def test_favourites_are_saved_and_unsaved(api, alice, pair):
    api.force_authenticate(alice)
    url = f"/api/v1/items/{pair[0].pk}/favorite/"
    assert api.post(url, {}, format="json").json() == {"favorite": True}
    assert alice.favorites.count() == 1
    assert api.post(url, {"favorite": False}, format="json").json() == {"favorite": False}
    assert alice.favorites.count() == 0
    assert api.post(url, {"favorite": "yes"}, format="json").status_code == 400


def test_the_stated_formula_is_built_from_the_weights_it_describes(monkeypatch):
    from recommender import lists

    monkeypatch.setitem(lists.WEIGHTS, "community", 0.35)
    assert "0.35 · community" in lists.list_formula() and "18 小时" in lists.list_formula()
