"""Profile maths and the shopper's control: decay, negatives, follow / mute / delete, reasons,
personalisation, anonymous merge, export and erasure."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from content.models import Favorite, Feedback, Vote
from interests.models import Event, Interest, ItemInterest, UserInterest
from interests.profiles import profile_rebuild, profile_update
from interests.shopper import held_interests
from tests.factories import ItemFactory, UserFactory


def tagged_item(*slugs: str, weight: float = 0.9):
    item = ItemFactory()
    for slug in slugs:
        ItemInterest.objects.create(item=item, interest=Interest.objects.get(slug=slug), weight=weight)
    return item


def record(user, kind, item=None, when=None, **extra):
    return Event.objects.create(user=user, type=kind, item=item, ts=when or timezone.now(), **extra)


def scores(user) -> dict[str, float]:
    return {h.slug: h.score for h in held_interests(user=user)}


@pytest.fixture
def camping(db):
    return tagged_item("camping", "outdoor")


@pytest.fixture
def blind_box(db):
    return tagged_item("blind-boxes", "toys")


def test_engaging_with_camping_builds_a_camping_interest_with_a_reason(alice, camping):
    for _ in range(3):
        record(alice, "favorite", camping)
    record(alice, "click", camping)
    assert profile_update(user_id=alice.pk) == 4
    held = {h.slug: h for h in held_interests(user=alice)}
    # The strongest, yet below what following it would weigh: behaviour alone never equals a follow.
    assert held["camping"].weight == max(h.weight for h in held.values()) and 0.5 < held["camping"].weight < 1.0
    assert held["outdoor"].score > 0
    assert held["camping"].reason.startswith("你收藏了 3 篇「露营」相关内容")


def test_stronger_signals_weigh_more_and_impressions_nothing(alice, camping, blind_box):
    record(alice, "favorite", camping)
    record(alice, "click", blind_box)
    record(alice, "impression", blind_box)
    record(alice, "impression", blind_box)
    profile_update(user_id=alice.pk)
    result = scores(alice)
    assert result["camping"] == pytest.approx(3 * result["blind-boxes"])


def test_dwell_counts_by_reading_time(alice, camping, blind_box):
    record(alice, "dwell", camping, dwell_ms=60_000)
    record(alice, "dwell", blind_box, dwell_ms=3_000)
    profile_update(user_id=alice.pk)
    result = scores(alice)
    assert result["camping"] == pytest.approx(20 * result["blind-boxes"])


def test_interest_fades_with_a_half_life(alice, camping, settings):
    settings.INTEREST_HALF_LIFE_DAYS = 14
    record(alice, "favorite", camping)
    profile_update(user_id=alice.pk)
    fresh = scores(alice)["camping"]
    with time_machine.travel(timezone.now() + timedelta(days=14)):
        assert scores(alice)["camping"] == pytest.approx(fresh / 2, rel=1e-3)


def test_old_events_count_less_than_new_ones(alice, camping, blind_box):
    record(alice, "favorite", camping, when=timezone.now() - timedelta(days=6))
    record(alice, "favorite", blind_box)
    profile_update(user_id=alice.pk)
    result = scores(alice)
    assert result["blind-boxes"] > result["camping"] > 0


def test_hiding_items_pushes_an_interest_below_zero(alice, camping):
    record(alice, "click", camping)
    record(alice, "hide", camping)
    record(alice, "hide", camping)
    profile_update(user_id=alice.pk)
    held = {h.slug: h for h in held_interests(user=alice)}
    assert held["camping"].score < 0 and held["camping"].weight == 0
    assert "不感兴趣" in held["camping"].reason


def test_updates_are_incremental_and_never_count_an_event_twice(alice, camping):
    record(alice, "favorite", camping)
    profile_update(user_id=alice.pk)
    once = scores(alice)["camping"]
    assert profile_update(user_id=alice.pk) == 0
    assert scores(alice)["camping"] == pytest.approx(once, rel=1e-3)
    record(alice, "favorite", camping)
    profile_update(user_id=alice.pk)
    assert scores(alice)["camping"] == pytest.approx(2 * once, rel=1e-3)


def test_a_rebuild_gives_the_same_profile_as_incremental_updates(alice, camping, blind_box):
    record(alice, "favorite", camping)
    profile_update(user_id=alice.pk)
    record(alice, "click", blind_box)
    record(alice, "share", camping)
    profile_update(user_id=alice.pk)
    incremental = scores(alice)
    profile_rebuild(user_id=alice.pk)
    assert scores(alice) == pytest.approx(incremental, rel=1e-3)


def test_searches_are_mapped_to_interests(alice):
    record(alice, "search", query="周末露营帐篷推荐")
    profile_update(user_id=alice.pk)
    held = {h.slug: h for h in held_interests(user=alice)}
    assert "camping" in held and "露营帐篷" in held["camping"].reason


def test_a_deleted_interest_stays_deleted_until_followed_again(api, alice, camping):
    record(alice, "favorite", camping)
    profile_update(user_id=alice.pk)
    api.force_authenticate(alice)
    assert api.delete("/api/v1/me/interests/camping/").status_code == 204
    record(alice, "favorite", camping)
    record(alice, "favorite", camping)
    profile_update(user_id=alice.pk)
    assert "camping" not in scores(alice)
    assert UserInterest.objects.get(user=alice, interest__slug="camping").state == "deleted"
    assert api.post("/api/v1/me/interests/camping/follow/").json()["state"] == "followed"
    assert "camping" in scores(alice)


def test_a_muted_interest_takes_no_behaviour_and_says_so(api, alice, camping):
    api.force_authenticate(alice)
    assert api.post("/api/v1/me/interests/camping/mute/").json()["reason"].startswith("你屏蔽了")
    record(alice, "favorite", camping)
    profile_update(user_id=alice.pk)
    held = {h.slug: h for h in held_interests(user=alice)}
    assert held["camping"].state == "muted" and held["camping"].score == 0


def test_onboarding_follows_the_chosen_interests(api, alice):
    api.force_authenticate(alice)
    response = api.post("/api/v1/me/interests/", {"follow": ["camping", "coffee"]}, format="json")
    assert response.status_code == 201
    held = {h["slug"]: h for h in response.json()["results"]}
    assert held["camping"]["state"] == "followed" and "注册时选择" in held["camping"]["reason"]


@pytest.mark.parametrize("body", [{"follow": ["camping", "time-travel"]}, {"follow": []}, {"follow": "camping"}, {}])
def test_following_unknown_or_malformed_interests_gets_400(api, alice, body):
    api.force_authenticate(alice)
    assert api.post("/api/v1/me/interests/", body, format="json").status_code == 400
    assert not UserInterest.objects.filter(user=alice).exists()


def test_my_interests_need_a_signed_in_shopper(api, db):
    assert api.get("/api/v1/me/interests/").status_code in (401, 403)
    assert api.delete("/api/v1/me/interests/camping/").status_code in (401, 403)


def test_deleting_an_unknown_interest_is_a_404(api, alice):
    api.force_authenticate(alice)
    assert api.delete("/api/v1/me/interests/time-travel/").status_code == 404


def test_personalisation_can_be_switched_off_and_on(api, alice):
    api.force_authenticate(alice)
    assert api.get("/api/v1/me/settings/").json() == {"personalization": True}
    assert api.put("/api/v1/me/settings/", {"personalization": False}, format="json").json() == {"personalization": False}
    assert api.get("/api/v1/me/settings/").json() == {"personalization": False}
    assert api.put("/api/v1/me/settings/", {"personalization": "no"}, format="json").status_code == 400


def test_signing_in_brings_anonymous_behaviour_into_the_account(api, alice, camping, django_capture_on_commit_callbacks):
    anonymous = api.post("/api/v1/events/", {"events": [{"type": "favorite", "item": camping.pk}]}, format="json")
    anonymous_id = anonymous.json()["anonymous_id"]
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/auth/token/", {"username": "alice", "password": "correct-horse-battery",
                                                    "anonymous_id": anonymous_id}, format="json")
    assert response.status_code == 201
    assert Event.objects.filter(user=alice).count() == 1
    assert "camping" in scores(alice)


def test_the_export_holds_everything_about_me(api, alice, camping, blind_box):
    record(alice, "favorite", camping)
    profile_update(user_id=alice.pk)
    Vote.objects.create(user=alice, item=camping, value=1)
    Vote.objects.create(user=alice, item=blind_box, value=-1)
    Favorite.objects.create(user=alice, item=camping)
    Feedback.objects.create(user=alice, item=blind_box, kind="complaint", category="advertorial",
                            reason="测评里全是购买链接，没有标广告", status="answered", answer="已核实，补上了广告标注。",
                            answered_at=timezone.now())
    Feedback.objects.create(user=alice, item=camping, kind="appeal", category="other", reason="我的笔记被误判为广告")
    Favorite.objects.create(user=UserFactory(username="bob"), item=blind_box)  # not alice's: not in her export
    api.force_authenticate(alice)
    response = api.get("/api/v1/me/export/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["account"]["username"] == "alice"
    assert data["events"][0]["type"] == "favorite"
    assert [(v["item"], v["value"]) for v in data["votes"]] == [(camping.pk, "值"), (blind_box.pk, "不值")]
    assert all(v["at"] for v in data["votes"])
    assert [f["item"] for f in data["favorites"]] == [camping.pk] and data["favorites"][0]["at"]
    complaint, appeal = data["feedback"]
    assert complaint == {"item": blind_box.pk, "kind": "举报", "category": "软文 / 未标注的推广",
                         "reason": "测评里全是购买链接，没有标广告", "status": "已答复",
                         "created_at": complaint["created_at"], "answer": "已核实，补上了广告标注。",
                         "answered_at": complaint["answered_at"]}
    assert complaint["created_at"] and complaint["answered_at"]
    assert (appeal["kind"], appeal["status"], appeal["answer"], appeal["answered_at"]) == ("申诉", "待处理", "", None)
    assert {i["slug"] for i in data["interests"]} >= {"camping", "outdoor"}


def test_erasing_my_account_removes_my_events_votes_favourites_and_feedback_but_not_others(api, alice, camping):
    bob = UserFactory(username="bob")
    record(alice, "click", camping)
    record(bob, "click", camping)
    for user in (alice, bob):
        Vote.objects.create(user=user, item=camping, value=1)
        Favorite.objects.create(user=user, item=camping)
        Feedback.objects.create(user=user, item=camping, reason="价格写错了", category="fake")
    api.force_authenticate(alice)
    assert api.delete("/api/v1/me/", {}, format="json").status_code == 400  # needs confirmation
    assert api.delete("/api/v1/me/", {"confirm": True}, format="json").status_code == 204
    assert not type(alice).objects.filter(username="alice").exists()
    assert list(Event.objects.values_list("user__username", flat=True)) == ["bob"]
    for model in (Vote, Favorite, Feedback):
        assert list(model.objects.values_list("user__username", flat=True)) == ["bob"], model.__name__


def test_the_rebuild_command_recomputes_profiles_from_the_log(alice, camping):
    from io import StringIO

    from django.core.management import call_command

    record(alice, "favorite", camping)
    UserInterest.objects.all().delete()
    out = StringIO()
    call_command("rebuild_profiles", "--no-progress", stdout=out)
    assert "1 个画像" in out.getvalue() and "camping" in scores(alice)
    with pytest.raises(Exception, match="没有这些用户"):
        call_command("rebuild_profiles", "--user", "nobody", stdout=out)


def test_a_weak_secondary_tag_does_not_become_an_interest(alice):
    item = tagged_item("cats")
    ItemInterest.objects.create(item=item, interest=Interest.objects.get(slug="concerts"), weight=0.2)
    record(alice, "favorite", item)
    profile_rebuild(user_id=alice.pk)
    assert "cats" in scores(alice) and "concerts" not in scores(alice)


def test_my_interests_shows_a_followed_interest_above_one_i_only_clicked(alice, camping):
    from interests.shopper import interest_follow

    for _ in range(3):
        record(alice, "favorite", camping)
    profile_update(user_id=alice.pk)
    interest_follow(user=alice, interest=Interest.objects.get(slug="coffee"))
    held = [h.slug for h in held_interests(user=alice)]
    assert held[0] == "coffee" and held.index("camping") > 0
