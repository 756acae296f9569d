"""Keyword alerts: one notification per alert and item when a matching item is approved, by
automatic gatekeeping or by an editor; price ceiling and worth threshold; cheap matching for many
alerts; the API, the pages, the header count; export and erase."""

from decimal import Decimal

import pytest
from django.utils import timezone

from content.models import Item
from content.moderation.decisions import Decision, item_decide
from content.scoring.service import items_score
from interests.alerts import alert_create, alerts_notify, unread_count
from interests.models import KeywordAlert, Notification
from interests.shopper import shopper_erase, shopper_export
from tests.content.search_corpus import corpus_items
from tests.factories import UserFactory, raw_item

SONY = raw_item(
    1, title="索尼 WH-1000XM5 实测三个月：降噪、续航和佩戴",
    body="自费入手三个月，通勤每天用 2 小时。降噪比上一代 XM4 强，地铁里低频噪音基本听不到；续航实测 28 小时，"
    "充电 10 分钟能用 5 小时。重量 250g。缺点是不能折叠，收纳盒比 XM4 大一圈。2099 元入手，比首发便宜 400 元。",
    brand="索尼", product="WH-1000XM5", price=2099, original_price=2499,
)


@pytest.fixture
def bob(db):
    """Bob is another shopper."""
    return UserFactory(username="bob")


@pytest.fixture
def approve_later(stored, django_capture_on_commit_callbacks):
    """Ingest items that stay pending (gatekeeping bars raised), for an editor to approve."""
    def store(*raw):
        from content.models import ScoringProfile

        ScoringProfile.objects.filter(is_active=True).update(approve_min_worth=101)
        return stored(*raw)

    return store


def test_an_item_approved_by_gatekeeping_notifies_the_alert_once(alice, stored):
    alert = alert_create(user=alice, query="索尼 降噪")
    [item] = stored(SONY)
    assert item.status == "approved"
    [note] = Notification.objects.filter(user=alice)
    assert (note.alert, note.item) == (alert, item) and "索尼 降噪" in note.message and "¥2099" in note.message
    items_score(item_ids=[item.pk])  # rescoring announces nothing new
    alerts_notify(item_ids=[item.pk])
    assert Notification.objects.filter(user=alice).count() == 1


def test_an_editors_approval_notifies_and_a_later_feature_does_not_again(alice, erin, approve_later,
                                                                        django_capture_on_commit_callbacks):
    alert_create(user=alice, query="WH-1000XM5")
    [item] = approve_later(SONY)
    assert item.status == "pending" and not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        item = item_decide(item_id=item.pk, decision=Decision("approve"), version=item.version, editor=erin)
    assert Notification.objects.filter(user=alice, item=item).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        item_decide(item_id=item.pk, decision=Decision("feature"), version=item.version, editor=erin)
    assert Notification.objects.filter(user=alice).count() == 1


def test_a_retag_of_an_item_approved_before_the_alert_announces_nothing(alice, erin, stored,
                                                                      django_capture_on_commit_callbacks):
    [item] = stored(SONY)
    alert_create(user=alice, query="索尼")
    with django_capture_on_commit_callbacks(execute=True):
        item_decide(item_id=item.pk, decision=Decision("retag", interests=["audio"]), version=item.version, editor=erin)
    assert not Notification.objects.exists()


def test_rejected_pending_and_copied_items_notify_no_one(alice, erin, approve_later, django_capture_on_commit_callbacks):
    alert_create(user=alice, query="索尼")
    [item] = approve_later(SONY)
    with django_capture_on_commit_callbacks(execute=True):
        item_decide(item_id=item.pk, decision=Decision("reject", reason="advertorial"), version=item.version, editor=erin)
    assert alerts_notify(item_ids=[item.pk]) == 0
    Item.objects.filter(pk=item.pk).update(status="approved", duplicate_of=Item.objects.create(
        source=item.source, external_id="orig", title="x", url="https://a.example/x", canonical_url="https://a.example/x",
        canonical_url_hash="f" * 40))
    assert alerts_notify(item_ids=[item.pk]) == 0 and not Notification.objects.exists()


def test_the_price_ceiling_and_worth_threshold_are_respected(alice, bob, stored):
    alert_create(user=alice, query="降噪耳机", price_max=Decimal("1800"))
    alert_create(user=bob, query="降噪耳机", worth_min=99)
    items = stored(*corpus_items())
    Item.objects.filter(pk__in=[i.pk for i in items]).update(status="approved")
    alerts_notify(item_ids=[i.pk for i in items])
    # the 1599 Bose and the 129 earbuds (通话降噪), not the 2099 Sony
    assert {n.item.product for n in Notification.objects.filter(user=alice)} == {"QC45", "蓝牙耳机"}
    assert not Notification.objects.filter(user=bob).exists()


def test_every_word_must_match_and_other_shoppers_alerts_stay_theirs(alice, bob, stored):
    alert_create(user=alice, query="索尼 帐篷")
    alert_create(user=bob, query="索尼 降噪")
    stored(SONY)
    assert not Notification.objects.filter(user=alice).exists()
    assert Notification.objects.filter(user=bob).count() == 1


def test_matching_costs_the_same_few_queries_for_one_alert_or_three_hundred(alice, stored, django_assert_max_num_queries):
    items = stored(*corpus_items())
    Item.objects.filter(pk__in=[i.pk for i in items]).update(status="approved")
    shoppers = [UserFactory(username=f"fan{n}") for n in range(10)]
    words = ["帐篷", "耳机", "咖啡", "睡垫", "吸尘器", "露营", "降噪", "猫毛", "续航", "营地"] * 3
    for n, word in enumerate(words):
        for shopper in shoppers:
            KeywordAlert.objects.create(user=shopper, query=f"{word}{n}", groups=[[[f"{word}{n}"], []]], anchor=f"{word}{n}")
    alert_create(user=alice, query="帐篷")
    with django_assert_max_num_queries(8):
        assert alerts_notify(item_ids=[i.pk for i in items]) == 2


def test_the_alerts_api_creates_lists_and_deletes_only_my_alerts(api, alice, bob):
    api.force_authenticate(alice)
    created = api.post("/api/v1/me/alerts/", {"query": " 索尼   降噪耳机 ", "price_max": "2000", "worth_min": 60},
                       format="json")
    assert created.status_code == 201 and created.json()["query"] == "索尼 降噪耳机"
    assert [a["query"] for a in api.get("/api/v1/me/alerts/").json()["results"]] == ["索尼 降噪耳机"]
    bobs = alert_create(user=bob, query="帐篷")
    assert api.delete(f"/api/v1/me/alerts/{bobs.pk}/").status_code == 404
    assert api.delete(f"/api/v1/me/alerts/{created.json()['id']}/").status_code == 204
    assert api.get("/api/v1/me/alerts/").json()["results"] == [] and KeywordAlert.objects.filter(user=bob).exists()


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"query": "帐篷", "price_max": -100}, 400, "invalid"),
    ({"query": "帐篷", "price_max": "abc"}, 400, "invalid"),
    ({"query": "帐篷", "worth_min": 120}, 400, "invalid"),
    ({"query": ""}, 400, "invalid"),
    ({"query": "！！！。。"}, 400, "nothing_to_search"),
    ({"query": "帐" * 1000}, 400, "invalid"),
    ({}, 400, "invalid"),
])
def test_a_bad_alert_is_refused_with_the_error_shape(api, alice, body, status, code):
    api.force_authenticate(alice)
    response = api.post("/api/v1/me/alerts/", body, format="json")
    assert response.status_code == status and response.json()["error"]["code"] == code
    assert not KeywordAlert.objects.exists()


def test_following_twice_or_too_much_is_a_conflict(api, alice):
    api.force_authenticate(alice)
    assert api.post("/api/v1/me/alerts/", {"query": "帐篷"}, format="json").status_code == 201
    assert api.post("/api/v1/me/alerts/", {"query": "帐篷"}, format="json").json()["error"]["code"] == "already_following"
    for n in range(KeywordAlert.MAX_PER_SHOPPER - 1):
        alert_create(user=alice, query=f"耳机{n}")
    assert api.post("/api/v1/me/alerts/", {"query": "睡袋"}, format="json").status_code == 409


def test_visitors_have_no_alerts_or_notifications(api, db):
    assert api.get("/api/v1/me/alerts/").status_code in (401, 403)
    assert api.get("/api/v1/me/notifications/").status_code in (401, 403)


def test_notifications_are_listed_counted_and_marked_read(api, alice, bob, stored):
    alert_create(user=alice, query="索尼")
    stored(SONY)
    api.force_authenticate(alice)
    body = api.get("/api/v1/me/notifications/").json()
    assert body["unread"] == 1 and body["results"][0]["item"]["title"] == Item.objects.get().title
    assert body["results"][0]["read"] is False and body["results"][0]["alert"]["query"] == "索尼"
    note_id = body["results"][0]["id"]
    api.force_authenticate(bob)
    assert api.post("/api/v1/me/notifications/read/", {"ids": [note_id]}, format="json").json()["marked"] == 0
    api.force_authenticate(alice)
    assert api.post("/api/v1/me/notifications/read/", {"ids": "all"}, format="json").status_code == 400
    assert api.post("/api/v1/me/notifications/read/", {"ids": [note_id]}, format="json").json() == {"marked": 1, "unread": 0}
    assert api.get("/api/v1/me/notifications/", {"unread": "1"}).json()["results"] == []
    assert api.get("/api/v1/me/notifications/", {"before": "x"}).status_code == 400


def test_the_header_counts_unread_notifications_and_the_page_reads_them(client, alice, stored):
    alert_create(user=alice, query="索尼")
    client.force_login(alice)
    assert "unread-count" not in client.get("/me/alerts/").content.decode()
    stored(SONY)
    cold = client.get("/me/alerts/").content.decode()  # nothing cached: the script asks the API
    assert 'data-unread-url="/api/v1/me/notifications/unread/"' in cold and "js/notifications.js" in cold
    assert client.get("/api/v1/me/notifications/unread/").json() == {"unread": 1}
    assert '<span class="unread-count" aria-label="1 条未读">1</span>' in client.get("/me/alerts/").content.decode()
    assert unread_count(user_id=alice.pk) == 1
    page = client.get("/me/notifications/").content.decode()
    assert "你关注的「索尼」有新内容" in page and 'class="new-badge"' in page and "unread-count" not in page
    assert Notification.objects.get().read_at is not None


def test_the_alerts_page_follows_from_a_search_and_refuses_a_negative_price(client, alice):
    client.force_login(alice)
    assert 'value="降噪耳机"' in client.get("/me/alerts/", {"q": "降噪耳机"}).content.decode()
    refused = client.post("/me/alerts/", {"query": "降噪耳机", "price_max": "-1"})
    assert refused.status_code == 400 and not KeywordAlert.objects.exists()
    assert client.post("/me/alerts/", {"query": "降噪耳机", "price_max": "1999"}).status_code == 302
    alert = KeywordAlert.objects.get(user=alice)
    assert alert.price_max == Decimal("1999")
    client.post(f"/me/alerts/{alert.pk}/delete/")
    assert not KeywordAlert.objects.exists()


def test_alerts_and_notifications_are_in_the_export_and_gone_after_erasure(alice, stored):
    alert_create(user=alice, query="索尼", price_max=Decimal("3000"))
    stored(SONY)
    exported = shopper_export(user=alice)
    assert exported["keyword_alerts"][0]["query"] == "索尼" and exported["keyword_alerts"][0]["price_max"] == "3000.00"
    assert "WH-1000XM5" in exported["notifications"][0]["message"]
    shopper_erase(user=alice)
    assert not KeywordAlert.objects.exists() and not Notification.objects.exists()


def test_an_expired_deal_notifies_no_one(alice, stored):
    alert_create(user=alice, query="索尼")
    [item] = stored({**SONY, "expires_at": (timezone.now() + timezone.timedelta(minutes=5)).isoformat()})
    Notification.objects.all().delete()
    Item.objects.filter(pk=item.pk).update(expires_at=timezone.now() - timezone.timedelta(minutes=1))
    assert alerts_notify(item_ids=[item.pk]) == 0
