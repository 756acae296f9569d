"""Scoring control (drafts, preview, audited activation), the admin's doors onto the decision
service, and what editors' decisions teach the objectivity model."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from content.models import AuditRecord, Item, ItemScore, ScoringProfile
from content.moderation.learning import editor_objectivity_labels
from content.scoring.dimensions import DIMENSION_KEYS
from content.scoring.profile import DEFAULT_WEIGHTS, active_profile
from tests.factories import scored_item

THRESHOLDS = {"approve_min_worth": 62, "approve_min_reliability": 45, "approve_min_objectivity": 55,
              "reject_max_relevance": 20, "reject_max_objectivity": 30}


@pytest.fixture
def desk(erin) -> APIClient:
    client = APIClient()
    client.force_login(erin)
    return client


def gated(worth_inputs: float, status: str = "pending", **fields) -> Item:
    """A scored item with every dimension at `worth_inputs` and its gate under the default profile."""
    item = scored_item("outdoor", status=status, **fields)
    ItemScore.objects.filter(item=item).update(**dict.fromkeys(DIMENSION_KEYS, worth_inputs), worth_score=worth_inputs,
                                               profile_version=active_profile().version)
    return item


def draft_body(**changes) -> dict:
    return {"name": "更看重价格", "note": "双12 期间价格力更重要", "weights": {**DEFAULT_WEIGHTS, **changes.pop("weights", {})},
            **THRESHOLDS, **changes}


def test_a_draft_changes_nothing_until_it_is_activated(desk):
    before = active_profile().version
    response = desk.post("/api/v1/moderation/profiles/", draft_body(approve_min_worth=50), format="json")
    assert response.status_code == 201 and response.json()["is_draft"] and response.json()["version"] is None
    assert active_profile().version == before
    assert AuditRecord.objects.filter(action="profile_draft").count() == 1


def test_the_preview_is_exactly_what_activation_then_does(desk, django_capture_on_commit_callbacks):
    borderline = [gated(55) for _ in range(3)]  # below 62: pending today, above a 50 bar
    clear_fail = gated(30)
    editor_kept = gated(56)
    Item.objects.filter(pk=editor_kept.pk).update(moderated_at=clear_fail.fetched_at)  # an editor decided it
    draft = desk.post("/api/v1/moderation/profiles/", draft_body(approve_min_worth=50, approve_min_reliability=40,
                                                                approve_min_objectivity=40), format="json").json()
    preview = desk.get(f"/api/v1/moderation/profiles/{draft['id']}/preview/").json()
    moves = {(m["from"], m["to"]): m["items"] for m in preview["moves"]}
    assert moves == {("pending", "approved"): 3}
    assert {e["id"] for m in preview["moves"] for e in m["examples"]} == {i.pk for i in borderline}
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(f"/api/v1/moderation/profiles/{draft['id']}/activate/")
    assert response.status_code == 200 and response.json()["is_active"]
    statuses = dict(Item.objects.values_list("pk", "status"))
    assert [statuses[i.pk] for i in borderline] == ["approved"] * 3
    assert statuses[clear_fail.pk] == "pending" and statuses[editor_kept.pk] == "pending"
    assert set(ItemScore.objects.values_list("profile_version", flat=True)) == {response.json()["version"]}
    record = AuditRecord.objects.get(action="profile_activate")
    assert record.after["plan"]["moves"][0]["items"] == 3 and record.before["version"] == 1


def test_an_activated_profile_cannot_be_edited_or_activated_again(desk, django_capture_on_commit_callbacks):
    draft = desk.post("/api/v1/moderation/profiles/", draft_body(), format="json").json()
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(f"/api/v1/moderation/profiles/{draft['id']}/activate/")
    assert desk.put(f"/api/v1/moderation/profiles/{draft['id']}/", draft_body(), format="json").status_code == 409
    assert desk.post(f"/api/v1/moderation/profiles/{draft['id']}/activate/").status_code == 409


@pytest.mark.parametrize("body, field", [
    (draft_body(weights={"price_value": -1}), "weights.price_value"),
    ({**draft_body(), "weights": {k: v for k, v in DEFAULT_WEIGHTS.items() if k != "objectivity"}}, "weights.objectivity"),
    (draft_body(weights={"objectivity": "lots"}), "weights.objectivity"),
    (draft_body(weights=dict.fromkeys(DEFAULT_WEIGHTS, 0)), "weights"),
    (draft_body(weights={"beauty": 1}), "weights"),
    (draft_body(approve_min_worth=140), "approve_min_worth"),
    ({**draft_body(), "approve_min_worth": None}, "approve_min_worth"),
    (draft_body(name=""), "name"),
    ({"weights": "all of them"}, "weights"),
])
def test_a_bad_profile_draft_is_a_400_naming_the_field(desk, body, field):
    response = desk.post("/api/v1/moderation/profiles/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not ScoringProfile.objects.filter(is_draft=True).exists()


def test_the_admin_status_is_read_only_and_its_actions_go_through_the_decision_service(erin, django_capture_on_commit_callbacks):
    erin.is_staff = True
    erin.save()
    item = scored_item("outdoor", status="pending")
    client = Client()
    client.force_login(erin)
    page = client.get(f"/admin/content/item/{item.pk}/change/")
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/content/item/", {"action": "decide_reject_advertorial", "_selected_action": [item.pk]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "rejected" and item.moderated_by == erin and item.version == 2
    assert AuditRecord.objects.get(item=item).reason == "advertorial"


def test_deleting_an_item_in_the_admin_leaves_an_audit_record(admin_client):
    item = scored_item("outdoor")
    response = admin_client.post(f"/admin/content/item/{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Item.objects.filter(pk=item.pk).exists()
    record = AuditRecord.objects.get(action="item_delete")
    assert record.target_id == str(item.pk) and record.title == item.title and record.before["status"] == "approved"


def test_editors_rejections_as_advertorial_become_objectivity_labels(desk, django_capture_on_commit_callbacks):
    advertorial = scored_item("beauty", status="pending", title="姐妹们冲！这款精华闭眼入", body_text="效果绝了，限时秒杀")
    genuine = scored_item("beauty", status="pending", title="用了两个月的精华", body_text="保湿一般，价格偏贵")
    untouched = scored_item("beauty", status="approved")
    for item, body in ((advertorial, {"action": "reject", "reason": "advertorial"}), (genuine, {"action": "approve"})):
        desk.post(f"/api/v1/moderation/items/{item.pk}/decision/", {**body, "version": 1}, format="json")
    labels = editor_objectivity_labels()
    assert sorted(labels, key=lambda pair: -pair[1]) == [
        ("姐妹们冲！这款精华闭眼入\n效果绝了，限时秒杀", 1), ("用了两个月的精华\n保湿一般，价格偏贵", 0)]
    assert all(untouched.title not in text for text, _ in labels)


def test_the_desk_pages_draft_preview_and_activate_a_profile(erin, django_capture_on_commit_callbacks):
    gated(55), gated(55)
    client = Client()
    client.force_login(erin)
    response = client.post("/desk/profiles/")
    assert response.status_code == 302
    draft_url = response["Location"]
    form = {"name": "大促方案", "note": "", **{f"weight_{k}": v for k, v in DEFAULT_WEIGHTS.items()}, **THRESHOLDS}
    bad = client.post(draft_url, {**form, "weight_price_value": "-2"})
    assert bad.status_code == 400 and "应在 0 到 10 之间" in bad.content.decode()
    assert client.post(draft_url, {**form, "approve_min_worth": "50", "approve_min_reliability": "40",
                                   "approve_min_objectivity": "40"}).status_code == 302
    preview = client.get(draft_url).content.decode()
    assert "pending → approved" in preview and "启用这个方案" in preview
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(draft_url + "activate/").status_code == 302
    assert active_profile().name == "大促方案"
    assert Item.objects.filter(status="approved").count() == 2
