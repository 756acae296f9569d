"""What the shopper said outranks what she clicked: followed interests lead her feed after a
click and a favourite elsewhere, and the reason names what she did."""

from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import scored_item

URL = "/api/v1/feed/"


def test_follows_lead_the_top_ten_after_one_click_and_one_favourite_elsewhere(alice, django_capture_on_commit_callbacks):
    camping = [scored_item("camping", "outdoor", worth=58, hours_old=n + 1) for n in range(6)]
    coffee = [scored_item("coffee", "food", worth=58, hours_old=n + 1) for n in range(6)]
    cookers = [scored_item("kitchen-appliances", "appliances", worth=72, hours_old=n + 1) for n in range(12)]
    shopper = APIClient()
    shopper.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        assert shopper.post("/api/v1/me/interests/", {"follow": ["camping", "coffee"]}, format="json").status_code in (200, 201)
        shopper.post("/api/v1/events/", {"events": [{"type": "click", "item": cookers[0].pk,
                                                     "ts": timezone.now().isoformat()}]}, format="json")
        assert shopper.post(f"/api/v1/items/{cookers[0].pk}/favorite/", {"favorite": True}, format="json").status_code == 200
    results = shopper.get(URL).json()["results"]
    top = [row["item"]["id"] for row in results[:10]]
    followed = {i.pk for i in camping + coffee}
    assert top[0] in followed
    assert sum(pk in followed for pk in top) >= 6, [row["reason"] for row in results[:10]]
    assert results[0]["reason"].startswith(("你关注了「露营」", "你关注了「咖啡」"))


def test_a_followed_interest_says_followed_even_if_it_was_first_picked_at_sign_up_and_muted_since(alice, client):
    from interests.models import Interest
    from interests.shopper import held_interests, interest_follow, interest_mute, onboarding_complete

    camping = Interest.objects.get(slug="camping")
    onboarding_complete(user=alice, interests=[camping])
    interest_mute(user=alice, interest=camping)
    interest_follow(user=alice, interest=camping)
    [held] = [h for h in held_interests(user=alice) if h.slug == "camping"]
    assert held.reason.startswith("你关注了「露营」")
