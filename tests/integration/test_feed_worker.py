"""A shopper's action through a real Celery worker on Redis and PostgreSQL: the events commit,
the worker updates the profile, the feed generation moves on, the worker precomputes the next
first page; the shopper's first request after the profile update is served that page, warm,
and it reflects the update."""

from unittest import mock

import pytest

from interests.feed_generation import feed_generation
from interests.models import UserInterest
from recommender import feed
from recommender.feed import first_page_kept
from tests.factories import UserFactory
from tests.recommender.test_feed import make_catalogue
from tests.worker import wait_for

pytestmark = pytest.mark.integration
URL = "/api/v1/feed/"


def test_the_first_page_after_the_profile_update_reflects_it_and_is_served_warm(celery_worker, api):
    shopper = UserFactory(username="camper")
    catalogue = make_catalogue()  # camping is not the best by worth: only the profile lifts it
    camping = {item.pk for item in catalogue["camping"]}
    api.force_authenticate(shopper)
    assert api.get(URL, {"limit": 20}).json()["results"][0]["item"]["id"] not in camping
    events = [{"type": "favorite", "item": pk} for pk in sorted(camping)[:3]]
    assert api.post("/api/v1/events/", {"events": events}, format="json").status_code == 202

    def precomputed_after_the_profile_update() -> bool:
        return (UserInterest.objects.filter(user=shopper, interest__slug="camping").exists()
                and feed_generation(shopper.pk) >= 2 and first_page_kept(shopper.pk, limit=20))

    wait_for(precomputed_after_the_profile_update, timeout=60, what="the worker to update the profile and precompute")
    with mock.patch.object(feed, "compute_feed", side_effect=AssertionError("computed for the request")):
        page = api.get(URL, {"limit": 20}).json()
    assert page["personalized"] is True
    assert page["results"][0]["item"]["id"] in camping
