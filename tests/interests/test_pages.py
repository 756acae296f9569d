"""The shopper's pages: sign up, pick interests, see and control what is held about them."""

import pytest
from django.contrib.auth import get_user_model

from interests.models import Event, Interest, UserInterest
from interests.profiles import profile_for, profile_update
from tests.factories import ItemFactory


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    return client


def test_a_new_shopper_signs_up_picks_interests_and_sees_them_with_reasons(client, db):
    response = client.post("/accounts/signup/",
                           {"username": "carol", "password1": "露营-咖啡-2026!", "password2": "露营-咖啡-2026!"})
    assert response.status_code == 302 and response["Location"] == "/me/onboarding/"
    page = client.get("/me/onboarding/").content.decode()
    assert "运动户外" in page and 'value="camping"' in page
    response = client.post("/me/onboarding/", {"interests": ["camping", "coffee"]}, follow=True)
    assert "已关注 2 个兴趣" in response.content.decode()
    page = client.get("/me/interests/").content.decode()
    assert "你注册时选择了「露营」" in page and "你注册时选择了「咖啡」" in page


def test_signing_up_with_mismatched_passwords_shows_a_readable_error(client, db):
    response = client.post("/accounts/signup/", {"username": "dave", "password1": "a-Long-pass-1", "password2": "other-pass-2"})
    assert response.status_code == 200 and "error" in response.content.decode()
    assert not get_user_model().objects.filter(username="dave").exists()


def test_onboarding_without_a_choice_asks_again(signed_in):
    response = signed_in.post("/me/onboarding/", {})
    assert response.status_code == 400 and "请至少选择一个兴趣" in response.content.decode()


def test_my_interests_sends_visitors_to_sign_in_and_back(client, db):
    response = client.get("/me/interests/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/me/interests/"


def test_inferred_interests_show_why_and_can_be_deleted_followed_and_muted(signed_in, alice):
    item = ItemFactory()
    item.interest_tags.create(interest=Interest.objects.get(slug="blind-boxes"), weight=0.9)
    for _ in range(2):
        Event.objects.create(user=alice, type="favorite", item=item, ts=item.fetched_at)
    profile_update(user_id=alice.pk)
    page = signed_in.get("/me/interests/").content.decode()
    assert "你收藏了 2 篇「盲盒」相关内容" in page
    signed_in.post("/me/interests/blind-boxes/delete/")
    assert "你收藏了 2 篇「盲盒」相关内容" not in signed_in.get("/me/interests/").content.decode()
    assert UserInterest.objects.get(user=alice, interest__slug="blind-boxes").state == "deleted"
    signed_in.post("/me/interests/blind-boxes/follow/")
    signed_in.post("/me/interests/coffee/mute/")
    states = dict(UserInterest.objects.filter(user=alice).values_list("interest__slug", "state"))
    assert states["blind-boxes"] == "followed" and states["coffee"] == "muted"


def test_page_actions_refuse_get_and_unknown_interests(signed_in):
    assert signed_in.get("/me/interests/camping/delete/").status_code == 405
    assert signed_in.post("/me/interests/time-travel/delete/").status_code == 404
    assert signed_in.post("/me/interests/camping/explode/").status_code == 404


def test_personalisation_is_switched_off_and_on_from_the_page(signed_in, alice):
    response = signed_in.post("/me/personalization/", {"enabled": "0"}, follow=True)
    assert "已关闭个性化推荐" in response.content.decode()
    assert profile_for(alice).personalization_enabled is False
    signed_in.post("/me/personalization/", {"enabled": "1"})
    assert profile_for(alice).personalization_enabled is True


def test_the_export_link_downloads_my_data_as_json(signed_in):
    response = signed_in.get("/api/v1/me/export/")
    assert response.status_code == 200 and response.json()["account"]["username"] == "alice"


def test_deleting_the_account_needs_the_password(signed_in, alice):
    wrong = signed_in.post("/me/delete/", {"password": "guess"})
    assert wrong.status_code == 400 and "密码不正确" in wrong.content.decode()
    response = signed_in.post("/me/delete/", {"password": "correct-horse-battery"}, follow=True)
    assert "已删除" in response.content.decode()
    assert not get_user_model().objects.filter(username="alice").exists()


def test_signing_in_on_the_page_merges_the_anonymous_cookie(client, alice, django_capture_on_commit_callbacks):
    item = ItemFactory()
    item.interest_tags.create(interest=Interest.objects.get(slug="coffee"), weight=0.8)
    anonymous_id = client.post("/api/v1/events/", {"events": [{"type": "favorite", "item": item.pk}]},
                               content_type="application/json").json()["anonymous_id"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/login/", {"username": "alice", "password": "correct-horse-battery"})
    assert Event.objects.get().user == alice and anonymous_id
    assert UserInterest.objects.filter(user=alice, interest__slug="coffee").exists()


def test_signing_in_while_the_broker_is_down_still_merges_and_rebuilds_in_process(client, alice, monkeypatch,
                                                                                  django_capture_on_commit_callbacks):
    from kombu.exceptions import OperationalError

    from interests.tasks import rebuild_profile

    def refuse(*args, **kwargs):
        raise OperationalError("broker unreachable")

    monkeypatch.setattr(rebuild_profile, "delay", refuse)
    item = ItemFactory()
    item.interest_tags.create(interest=Interest.objects.get(slug="coffee"), weight=0.8)
    client.post("/api/v1/events/", {"events": [{"type": "favorite", "item": item.pk}]}, content_type="application/json")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/login/", {"username": "alice", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert UserInterest.objects.filter(user=alice, interest__slug="coffee").exists()
