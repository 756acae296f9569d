"""Editors' decisions through the API: they stick (rescoring and the sweep never undo them),
they take effect at once on every surface, they are audited, and a stale or impossible
decision is refused without changing anything."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from rest_framework.test import APIClient

from content.models import AuditRecord, Feedback, Item
from content.scoring.service import items_score
from content.tasks import sweep_unscored_items
from interests.models import ItemInterest, ItemScenario
from recommender.lists import lists_refresh
from tests.factories import UserFactory, raw_item, scored_item


@pytest.fixture
def desk(erin) -> APIClient:
    client = APIClient()
    client.force_login(erin)
    return client


@pytest.fixture
def decide(desk, django_capture_on_commit_callbacks):
    """POST a decision as erin and run what happens after commit (caches, lists)."""

    def post(item: Item, action: str, *, version: int | None = None, **fields):
        item.refresh_from_db()
        body = {"action": action, "version": item.version if version is None else version, **fields}
        with django_capture_on_commit_callbacks(execute=True):
            return desk.post(f"/api/v1/moderation/items/{item.pk}/decision/", body, format="json")

    return post


REVIEW = raw_item(
    7, title="牧高笛冷山 2 帐篷实测：两个人五分钟搭好",
    body="自费入手三个月，周末露营用了六次。重量 2.1kg，两个人五分钟就能搭好；暴雨一夜不漏。缺点是前厅小，"
         "雨天放装备不够。到手价 899 元，比首发便宜 200 元。",
)


@pytest.mark.parametrize("action, fields, status", [
    ("reject", {"reason": "advertorial"}, "rejected"),
    ("approve", {}, "approved"),
    ("feature", {}, "featured"),
])
def test_a_decision_made_through_the_api_survives_rescoring_and_the_sweep(stored, decide, action, fields, status):
    [item] = stored(REVIEW)
    item.status = "pending"  # as gatekeeping leaves a borderline item
    Item.objects.filter(pk=item.pk).update(status="pending")
    response = decide(item, action, **fields)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == status
    items_score(item_ids=[item.pk])
    call_command("rescore", "--in-process", "--no-progress", stdout=open("/dev/null", "w"))
    Item.objects.filter(pk=item.pk).update(updated_at=item.updated_at)  # as if changed long ago
    sweep_unscored_items()
    item.refresh_from_db()
    assert item.status == status
    assert item.moderated_at is not None and item.moderated_by.username == "erin"


@pytest.mark.parametrize("door", ["api", "desk page", "bulk api", "admin action"])
def test_a_rejection_through_every_door_survives_rescoring_and_the_sweep(stored, erin, door,
                                                                        django_capture_on_commit_callbacks):
    [item] = stored(REVIEW)
    Item.objects.filter(pk=item.pk).update(status="approved")
    client = APIClient()
    erin.is_staff = door == "admin action"
    erin.save()
    client.force_login(erin)
    posts = {
        "api": (f"/api/v1/moderation/items/{item.pk}/decision/", {"action": "reject", "reason": "spam", "version": 1}, "json"),
        "desk page": (f"/desk/items/{item.pk}/decide/", {"action": "reject", "reason": "spam", "version": 1}, None),
        "bulk api": ("/api/v1/moderation/decisions/", {"action": "reject", "reason": "spam",
                                                       "items": [{"id": item.pk, "version": 1}]}, "json"),
        "admin action": ("/admin/content/item/", {"action": "decide_reject_spam", "_selected_action": [item.pk]}, None),
    }
    path, body, fmt = posts[door]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, body, format=fmt) if fmt else client.post(path, body)
    assert response.status_code in (200, 302)
    call_command("rescore", "--in-process", "--no-progress", stdout=open("/dev/null", "w"))
    sweep_unscored_items()
    item.refresh_from_db()
    assert item.status == "rejected" and item.moderation_reason == "spam" and item.moderated_by == erin


def test_every_decision_bumps_the_version_and_writes_one_audit_record_with_before_and_after(decide):
    item = scored_item("outdoor", status="pending")
    assert decide(item, "approve").status_code == 200
    assert decide(item, "feature").status_code == 200
    assert decide(item, "reject", reason="fake", note="价格截图是 P 的").status_code == 200
    item.refresh_from_db()
    assert item.version == 4
    records = list(AuditRecord.objects.filter(item=item).order_by("pk"))
    assert [(r.action, r.before["status"], r.after["status"]) for r in records] == [
        ("approve", "pending", "approved"), ("feature", "approved", "featured"), ("reject", "featured", "rejected")]
    assert records[-1].reason == "fake" and records[-1].note == "价格截图是 P 的" and records[-1].actor_name == "erin"


def test_a_stale_version_is_refused_with_409_and_changes_nothing(decide):
    item = scored_item("outdoor", status="pending")
    assert decide(item, "approve").status_code == 200
    response = decide(item, "reject", version=1, reason="spam")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stale_version"
    item.refresh_from_db()
    assert item.status == "approved" and item.version == 2
    assert AuditRecord.objects.filter(item=item).count() == 1


@pytest.mark.parametrize("action", ["reject", "merge"])
def test_a_rejected_or_merged_item_disappears_from_every_surface_on_the_very_next_request(decide, alice, api, action):
    taken_down = scored_item("outdoor", worth=95, hours_old=1)
    others = [scored_item("outdoor", worth=60, hours_old=2 + n) for n in range(3)]
    lists_refresh()
    shopper = APIClient()
    shopper.force_login(alice)

    def shown() -> dict[str, set[int]]:
        def ids(client, url):
            body = client.get(url).json()
            return {entry["item"]["id"] for entry in body["results"]}
        return {"visitor feed": ids(api, "/api/v1/feed/"), "shopper feed": ids(shopper, "/api/v1/feed/"),
                "circle": ids(api, "/api/v1/feed/?interest=outdoor"),
                "list": {entry["item"]["id"] for entry in api.get("/api/v1/lists/overall/?period=day").json()["results"]},
                "circle list": {e["item"]["id"] for e in api.get("/api/v1/lists/outdoor/?period=day").json()["results"]}}

    before = shown()
    assert all(taken_down.pk in ids for ids in before.values()), before
    fields = {"reason": "advertorial"} if action == "reject" else {"duplicate_of": others[1].pk}
    assert decide(taken_down, action, **fields).status_code == 200
    after = shown()
    assert all(taken_down.pk not in ids for ids in after.values()), after
    assert all(others[0].pk in ids for ids in after.values())
    if action == "reject":
        assert api.get(f"/api/v1/items/{taken_down.pk}/").status_code == 404


def test_the_list_ranks_close_up_when_an_entry_is_taken_down(decide, api):
    first, second = scored_item("food", worth=95, hours_old=1), scored_item("food", worth=70, hours_old=1)
    lists_refresh()
    decide(first, "reject", reason="spam")
    results = api.get("/api/v1/lists/overall/?period=day").json()["results"]
    assert [(r["rank"], r["item"]["id"]) for r in results] == [(1, second.pk)]


def test_an_approved_item_enters_the_visitor_feed_and_the_lists_at_once(decide, api):
    scored_item("outdoor", worth=60, hours_old=3)
    waiting = scored_item("outdoor", worth=90, hours_old=1, status="pending")
    lists_refresh()
    assert waiting.pk not in {e["item"]["id"] for e in api.get("/api/v1/feed/").json()["results"]}
    decide(waiting, "approve")
    assert waiting.pk in {e["item"]["id"] for e in api.get("/api/v1/feed/").json()["results"]}
    assert waiting.pk in {e["item"]["id"] for e in api.get("/api/v1/lists/overall/?period=day").json()["results"]}


def test_merging_folds_the_item_and_its_copies_into_the_original(decide):
    original = scored_item("digital")
    copy = scored_item("digital", status="pending")
    copy_of_copy = scored_item("digital", duplicate_of=copy)
    response = decide(copy, "merge", duplicate_of=original.pk)
    assert response.status_code == 200 and response.json()["duplicate_of"] == original.pk
    copy.refresh_from_db(), copy_of_copy.refresh_from_db()
    assert copy.duplicate_of_id == original.pk and copy_of_copy.duplicate_of_id == original.pk
    assert copy.status == "approved"  # folded: one of the original's sources


@pytest.mark.parametrize("target, code", [("self", "merge_into_itself"), ("own copy", "merge_into_own_duplicate"),
                                          ("rejected", "merge_into_rejected"), ("missing", "target_not_found")])
def test_impossible_merges_are_refused_and_change_nothing(decide, target, code):
    item = scored_item("digital", status="pending")
    targets = {"self": item.pk, "own copy": scored_item("digital", duplicate_of=item).pk,
               "rejected": scored_item("digital", status="rejected").pk, "missing": 999_999}
    response = decide(item, "merge", duplicate_of=targets[target])
    assert response.status_code in (404, 409)
    assert response.json()["error"]["code"] == code
    item.refresh_from_db()
    assert item.duplicate_of_id is None and item.version == 1 and not AuditRecord.objects.exists()


def test_retagging_replaces_interests_and_scenarios_and_survives_rescoring(stored, decide):
    [item] = stored(REVIEW)
    assert item.interest_tags.filter(interest__slug="outdoor").exists()
    response = decide(item, "retag", interests=["coffee"], scenarios=["gifting"])
    assert response.status_code == 200, response.json()
    items_score(item_ids=[item.pk])
    tags = set(ItemInterest.objects.filter(item=item).values_list("interest__slug", "origin"))
    assert tags == {("coffee", "editor"), ("food", "editor")}  # the child brings its top level
    assert set(ItemScenario.objects.filter(item=item).values_list("scenario__slug", "origin")) == {("gifting", "editor")}
    record = AuditRecord.objects.get(item=item, action="retag")
    assert "outdoor" in record.before["interests"] and record.after["interests"] == ["coffee", "food"]


def test_retagging_only_the_interests_leaves_the_scenarios_to_scoring(stored, decide):
    [item] = stored(REVIEW)
    scenarios = set(ItemScenario.objects.filter(item=item).values_list("scenario__slug", flat=True))
    decide(item, "retag", interests=["camping"])
    items_score(item_ids=[item.pk])
    assert set(ItemScenario.objects.filter(item=item).values_list("scenario__slug", flat=True)) == scenarios


@pytest.mark.parametrize("body, code", [
    ({"action": "explode"}, "invalid"),
    ({"action": "reject"}, "reason_required"),
    ({"action": "reject", "reason": "boring"}, "invalid"),
    ({"action": "retag", "interests": ["no-such-interest"]}, "unknown_tag"),
    ({"action": "retag", "scenarios": ["no-such-scenario"]}, "unknown_tag"),
    ({"action": "retag", "interests": []}, "interests_required"),
    ({"action": "merge"}, "target_required"),
])
def test_a_malformed_decision_is_a_400_that_changes_nothing(decide, body, code):
    item = scored_item("outdoor", status="pending")
    response = decide(item, **body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    item.refresh_from_db()
    assert item.version == 1 and item.status == "pending"


def test_a_decision_without_a_version_is_a_400(desk):
    item = scored_item("outdoor", status="pending")
    response = desk.post(f"/api/v1/moderation/items/{item.pk}/decision/", {"action": "approve"}, format="json")
    assert response.status_code == 400 and "version" in response.json()["error"]["fields"]


@pytest.mark.parametrize("status, action", [("rejected", "reject"), ("approved", "approve"), ("approved", "unfeature"),
                                            ("rejected", "feature")])
def test_an_action_the_status_does_not_allow_is_a_409(decide, status, action):
    item = scored_item("outdoor", status=status)
    response = decide(item, action, **({"reason": "spam"} if action == "reject" else {}))
    assert response.status_code == 409 and response.json()["error"]["code"] == "wrong_status"


def test_deciding_an_item_that_does_not_exist_is_a_404(desk):
    response = desk.post("/api/v1/moderation/items/424242/decision/", {"action": "approve", "version": 1}, format="json")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_a_bulk_decision_is_all_or_nothing(desk, django_capture_on_commit_callbacks):
    items = [scored_item("outdoor", status="pending") for _ in range(3)]
    selection = [{"id": i.pk, "version": 1} for i in items]
    bad = desk.post("/api/v1/moderation/decisions/", {"action": "approve", "items": [*selection, {"id": 999_999, "version": 1}]},
                    format="json")
    assert bad.status_code == 404 and bad.json()["error"]["fields"]["ids"] == [999_999]
    assert set(Item.objects.values_list("status", flat=True)) == {"pending"}
    stale = desk.post("/api/v1/moderation/decisions/",
                      {"action": "approve", "items": [*selection[:2], {"id": items[2].pk, "version": 7}]}, format="json")
    assert stale.status_code == 409 and set(Item.objects.values_list("status", flat=True)) == {"pending"}
    with django_capture_on_commit_callbacks(execute=True):
        done = desk.post("/api/v1/moderation/decisions/", {"action": "reject", "reason": "spam", "items": selection},
                         format="json")
    assert done.status_code == 200 and [r["status"] for r in done.json()["results"]] == ["rejected"] * 3
    assert AuditRecord.objects.filter(action="reject").count() == 3


@pytest.mark.parametrize("entry", [{"id": 2**63, "version": 1}, {"id": 1, "version": 2**31}])
def test_an_id_or_version_no_column_can_hold_is_a_400_not_a_500(desk, entry):
    # Found by the schema fuzz test: SQLite could not even compare such an id (OverflowError).
    response = desk.post("/api/v1/moderation/decisions/", {"action": "approve", "items": [entry]}, format="json")
    assert response.status_code == 400 and "items" in response.json()["error"]["fields"]


def test_a_bulk_selection_over_500_is_refused(desk):
    response = desk.post("/api/v1/moderation/decisions/",
                         {"action": "approve", "items": [{"id": n, "version": 1} for n in range(1, 502)]}, format="json")
    assert response.status_code == 400 and "items" in response.json()["error"]["fields"]


def test_marking_sponsored_sticks_and_the_item_leaves_organic_ranks(decide, api):
    item = scored_item("outdoor", worth=90, hours_old=1)
    decide(item, "sponsor")
    item.refresh_from_db()
    assert item.sponsored
    lists_refresh()
    assert item.pk not in {e["item"]["id"] for e in api.get("/api/v1/lists/overall/?period=day").json()["results"]}


@pytest.mark.parametrize("who", ["anonymous", "shopper", "brand member"])
@pytest.mark.parametrize("method, path", [
    ("get", "/api/v1/moderation/queue/"), ("post", "/api/v1/moderation/items/1/decision/"),
    ("post", "/api/v1/moderation/decisions/"), ("get", "/api/v1/moderation/audit/"),
    ("get", "/api/v1/moderation/health/"), ("get", "/api/v1/moderation/profiles/"),
    ("post", "/api/v1/moderation/profiles/"), ("get", "/api/v1/moderation/profiles/1/preview/"),
    ("post", "/api/v1/moderation/profiles/1/activate/"),
])
def test_only_editors_may_use_the_moderation_api(db, who, method, path):
    client = APIClient()
    if who == "shopper":
        client.force_login(UserFactory(username="alice"))
    elif who == "brand member":
        bob = UserFactory(username="bob")
        bob.groups.add(Group.objects.get(name="brand_members"))
        client.force_login(bob)
    response = getattr(client, method)(path, {}, format="json")
    assert response.status_code == (401 if who == "anonymous" else 403)
    assert response.json()["error"]["code"] in ("not_authenticated", "permission_denied")


def test_the_editors_group_alone_grants_the_whole_workflow(erin):
    assert not erin.is_superuser
    for permission in ("content.moderate_item", "content.activate_scoringprofile", "content.view_auditrecord",
                       "recommender.add_listoverride", "content.change_feedback"):
        assert erin.has_perm(permission), permission
    assert not erin.has_perm("content.delete_item") and not erin.has_perm("content.change_auditrecord")


def test_a_report_settled_by_a_rejection_is_answered(decide, alice):
    item = scored_item("outdoor")
    Feedback.objects.create(user=alice, item=item, kind="complaint", category="advertorial", reason="通篇都是广告词")
    decide(item, "reject", reason="advertorial")
    feedback = Feedback.objects.get(item=item)
    assert feedback.status == "answered" and "软文" in feedback.answer


def test_a_sources_update_does_not_undo_an_editors_decision_and_makes_an_older_decision_stale(stored, decide, partner):
    from django.utils import timezone

    from content.ingest import items_ingest

    deal = raw_item(8, kind="deal", sponsored=False, expires_at=(timezone.now() + timedelta(days=10)).isoformat())
    [item] = stored(deal)
    assert decide(item, "sponsor").status_code == 200
    assert decide(item, "expire").status_code == 200
    item.refresh_from_db()
    seen_version, ended_at = item.version, item.expires_at
    items_ingest(source=partner[0], raw_items=[{**deal, "body": deal["body"] + "<p>补货了！</p>"}])
    item.refresh_from_db()
    assert item.sponsored and item.expires_at == ended_at and "补货了" in item.body_text
    assert item.version == seen_version + 1
    assert decide(item, "feature", version=seen_version).status_code == 409
