"""The editors' queue, shoppers' reports, the audit trail, the public log and list overrides."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from content.models import AuditRecord, Feedback, Item, ItemScore, Source
from recommender.lists import lists_refresh
from recommender.models import ListOverride
from tests.factories import UserFactory, scored_item


@pytest.fixture
def desk(erin) -> APIClient:
    client = APIClient()
    client.force_login(erin)
    return client


def waiting(*slugs, risk: float = 20.0, objectivity: float = 60.0, **fields) -> Item:
    """An item as gatekeeping leaves it (pending unless said otherwise), from a source that has
    been around for a while unless one is given."""
    given_source = "source" in fields
    item = scored_item(*slugs, status=fields.pop("status", "pending"), **fields)
    ItemScore.objects.filter(item=item).update(risk=risk, objectivity=objectivity)
    if not given_source:
        Source.objects.filter(pk=item.source_id).update(created_at=timezone.now() - timedelta(days=90))
    return item


def queue_ids(client, query: str = "") -> list[int]:
    response = client.get(f"/api/v1/moderation/queue/{query}")
    assert response.status_code == 200, response.json()
    return [entry["id"] for entry in response.json()["results"]]


def test_the_queue_holds_pending_items_ranked_by_risk_with_scores_and_reasons(desk):
    calm, risky = waiting("outdoor", risk=10), waiting("outdoor", risk=70, objectivity=30)
    scored_item("outdoor")  # approved: not waiting for anyone
    body = desk.get("/api/v1/moderation/queue/").json()
    assert [entry["id"] for entry in body["results"]] == [risky.pk, calm.pk]
    first = body["results"][0]
    assert set(first["scores"]) >= {"objectivity", "content_reliability"} and first["version"] == 1
    assert {r["code"] for r in first["reasons"]} == {"undisclosed_ad", "low_objectivity"}
    assert first["priority"] == pytest.approx(70 + 15)
    assert body["counts"]["undisclosed_ad"] == 1 and body["counts"]["low_objectivity"] == 1


def test_a_shoppers_report_raises_the_risk_and_brings_an_approved_item_back_to_the_queue(desk, alice):
    item = waiting("outdoor", risk=5, status="approved")
    other = waiting("outdoor", risk=20)
    assert queue_ids(desk) == [other.pk]
    shopper = APIClient()
    shopper.force_login(alice)
    response = shopper.post(f"/items/{item.pk}/feedback/", {"kind": "complaint", "category": "expired",
                                                            "reason": "昨天就售罄了，链接打开是下架。"})
    assert response.status_code == 302
    assert queue_ids(desk) == [item.pk, other.pk]
    entry = desk.get("/api/v1/moderation/queue/").json()["results"][0]
    assert [r["code"] for r in entry["reasons"]] == ["reported"]
    assert entry["reports"][0]["category"] == "expired" and "alice" not in str(entry["reports"])


def test_an_expired_report_confirmed_by_an_editor_ends_the_deal_everywhere(desk, alice, api, django_capture_on_commit_callbacks):
    deal = waiting("food", status="approved", kind="deal", expires_at=timezone.now() + timedelta(days=3))
    Feedback.objects.create(user=alice, item=deal, kind="complaint", category="expired", reason="已经售罄")
    lists_refresh()
    assert deal.pk in {e["item"]["id"] for e in api.get("/api/v1/feed/").json()["results"]}
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(f"/api/v1/moderation/items/{deal.pk}/decision/", {"action": "expire", "version": 1},
                             format="json")
    assert response.status_code == 200
    assert deal.pk not in {e["item"]["id"] for e in api.get("/api/v1/feed/").json()["results"]}
    assert deal.pk not in {e["item"]["id"] for e in api.get("/api/v1/lists/overall/?period=day").json()["results"]}
    assert Feedback.objects.get(item=deal).status == "answered"
    assert deal.pk not in queue_ids(desk)


def test_an_appeal_of_a_removed_item_brings_it_back_to_the_queue_and_approval_restores_it(desk, alice, client,
                                                                                          django_capture_on_commit_callbacks):
    item = waiting("books")
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(f"/api/v1/moderation/items/{item.pk}/decision/", {"action": "reject", "reason": "duplicate", "version": 1},
                  format="json")
    log = client.get("/transparency/").content.decode()
    assert f"/items/{item.pk}/appeal/" in log
    client.force_login(alice)
    assert client.post(f"/items/{item.pk}/appeal/", {"reason": "我是原作者，这不是搬运。"}).status_code == 302
    assert queue_ids(desk) == [item.pk]
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(f"/api/v1/moderation/items/{item.pk}/decision/", {"action": "approve", "version": 2}, format="json")
    assert Item.objects.get(pk=item.pk).status == "approved"
    assert Feedback.objects.get(item=item, kind="appeal").answer.startswith("申诉已通过")


@pytest.mark.parametrize("query, expected", [
    ("?reason=untrusted_source", ["new"]), ("?platform=jd", ["jd"]), ("?interest=outdoor", ["new"]),
    ("?min_age_hours=10", ["jd"]),
])
def test_the_queue_filters_by_reason_platform_interest_and_age(desk, query, expected):
    items = {"new": waiting("camping", source=Source.objects.create(name="fresh-blog", platform="web", trust_level=30)),
             "jd": waiting("digital", source=Source.objects.create(name="jd-deals", platform="jd", trust_level=70))}
    Source.objects.filter(name="jd-deals").update(created_at=timezone.now() - timedelta(days=90))
    Item.objects.filter(pk=items["jd"].pk).update(fetched_at=timezone.now() - timedelta(hours=20))
    assert queue_ids(desk, query) == [items[name].pk for name in expected]


@pytest.mark.parametrize("query", ["?reason=bogus", "?min_age_hours=abc", "?min_age_hours=-3", "?platform=nowhere"])
def test_a_bad_queue_filter_is_a_400(desk, query):
    response = desk.get(f"/api/v1/moderation/queue/{query}")
    assert response.status_code == 400 and "error" in response.json()


def test_the_queue_pages_with_a_cursor_without_repeating_items(desk):
    items = [waiting("outdoor", risk=float(n % 4)) for n in range(7)]
    seen, url = [], "/api/v1/moderation/queue/?limit=3"
    while url:
        body = desk.get(url).json()
        seen += [entry["id"] for entry in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(i.pk for i in items) and len(seen) == 7


def test_audit_records_cannot_be_changed_or_deleted(desk, django_capture_on_commit_callbacks):
    item = waiting("outdoor")
    desk.post(f"/api/v1/moderation/items/{item.pk}/decision/", {"action": "approve", "version": 1}, format="json")
    record = AuditRecord.objects.get()
    record.note = "改一下"
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()


def test_the_audit_api_filters_by_editor_and_item(desk, erin):
    first, second = waiting("outdoor"), waiting("outdoor")
    for item in (first, second):
        desk.post(f"/api/v1/moderation/items/{item.pk}/decision/", {"action": "approve", "version": 1}, format="json")
    body = desk.get(f"/api/v1/moderation/audit/?item={second.pk}&actor=erin").json()
    assert [(r["item"], r["actor"], r["action"]) for r in body["results"]] == [(second.pk, "erin", "approve")]


def test_the_public_log_names_the_reason_but_never_who_decided_or_reported(desk, alice, api):
    item = waiting("outdoor", status="approved")
    Feedback.objects.create(user=alice, item=item, kind="complaint", category="advertorial", reason="软文")
    desk.post(f"/api/v1/moderation/items/{item.pk}/decision/", {"action": "reject", "reason": "advertorial",
                                                               "note": "内部备注：商家买的", "version": 1}, format="json")
    desk.post(f"/api/v1/moderation/items/{waiting('food').pk}/decision/", {"action": "approve", "version": 1}, format="json")
    body = api.get("/api/v1/transparency/").json()
    assert [(e["action"], e["reason"], e["item"]) for e in body["results"]] == [("reject", "advertorial", item.pk)]
    text = str(body)
    assert "erin" not in text and "alice" not in text and "内部备注" not in text


def test_an_editor_pins_and_removes_list_entries_with_a_reason_and_the_list_follows_at_once(
        desk, api, django_capture_on_commit_callbacks):
    top, pinned = scored_item("food", worth=95, hours_old=1), scored_item("food", worth=40, hours_old=1)
    lists_refresh()

    def ranks() -> list[int]:
        return [e["item"]["id"] for e in api.get("/api/v1/lists/food/?period=day").json()["results"]]

    assert ranks() == [top.pk, pinned.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post("/api/v1/moderation/lists/overrides/", {"slug": "food", "period": "day", "item": pinned.pk,
                                                                     "action": "pin", "position": 1,
                                                                     "reason": "双12 官方直降"}, format="json")
    assert response.status_code == 201, response.json()
    assert ranks() == [pinned.pk, top.pk]
    with django_capture_on_commit_callbacks(execute=True):
        desk.post("/api/v1/moderation/lists/overrides/", {"slug": "food", "item": top.pk, "action": "remove",
                                                          "reason": "商家刷单", "reason_code": "fake"}, format="json")
    assert ranks() == [pinned.pk]
    log = api.get("/api/v1/transparency/").json()["results"]
    assert [(e["action"], e["list"], e.get("note")) for e in log] == [
        ("list_remove", "food:all", "商家刷单"), ("list_pin", "food:day", "双12 官方直降")]
    override = ListOverride.objects.get(action="pin")
    with django_capture_on_commit_callbacks(execute=True):
        assert desk.delete(f"/api/v1/moderation/lists/overrides/{override.pk}/").status_code == 204
    assert AuditRecord.objects.filter(action="list_unpin").count() == 1


@pytest.mark.parametrize("body, status", [
    ({"slug": "nowhere", "item": 1, "action": "pin", "reason": "x"}, 404),
    ({"slug": "food", "item": 1, "action": "promote", "reason": "x"}, 400),
    ({"slug": "food", "item": 1, "action": "pin", "reason": ""}, 400),
    ({"slug": "food", "item": 1, "action": "pin", "position": 99, "reason": "x"}, 400),
    ({"slug": "food", "item": 424242, "action": "pin", "reason": "x"}, 404),
])
def test_a_bad_list_override_is_refused_clearly(desk, body, status):
    response = desk.post("/api/v1/moderation/lists/overrides/", body, format="json")
    assert response.status_code == status and "error" in response.json()
    assert not ListOverride.objects.exists() and not AuditRecord.objects.exists()


def test_a_rejected_item_cannot_be_pinned(desk):
    item = scored_item("food", status="rejected")
    response = desk.post("/api/v1/moderation/lists/overrides/", {"slug": "food", "item": item.pk, "action": "pin",
                                                                 "reason": "x"}, format="json")
    assert response.status_code == 409


def test_queue_health_counts_the_queue_and_decisions_per_editor(desk):
    waiting("outdoor"), waiting("outdoor")
    desk.post(f"/api/v1/moderation/items/{waiting('food').pk}/decision/", {"action": "approve", "version": 1}, format="json")
    health = desk.get("/api/v1/moderation/health/").json()
    assert health["size"] == 2 and health["oldest_at"]
    assert sum(health["decisions_per_editor"]["erin"].values()) == 1


def test_the_desk_page_sends_visitors_to_sign_in_and_refuses_shoppers(client, db):
    assert client.get("/desk/").status_code == 302
    client.force_login(UserFactory(username="alice"))
    assert client.get("/desk/").status_code == 403
    assert client.post("/desk/items/1/decide/", {"action": "approve"}).status_code == 403
