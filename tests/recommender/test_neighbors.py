"""The co-occurrence model learned from events feeds "similar to what you engaged with"."""

from django.utils import timezone

from interests.models import Event
from recommender.models import ItemNeighbor
from recommender.neighbors import neighbors_recompute
from tests.factories import UserFactory, scored_item


def test_items_engaged_with_together_become_neighbours_and_feed_the_feed(api, db):
    tent, stove, lamp, lipstick = (scored_item("camping", "outdoor", worth=50) for _ in range(4))
    campers = [UserFactory(username=f"camper-{n}") for n in range(6)]
    for user in campers:
        for item in (tent, stove, lamp):
            Event.objects.create(user=user, type="favorite", item=item, ts=timezone.now())
    others = [UserFactory(username=f"other-{n}") for n in range(3)]
    for user in others:
        Event.objects.create(user=user, type="favorite", item=lipstick, ts=timezone.now())
        Event.objects.create(user=user, type="click", item=tent, ts=timezone.now())
    assert neighbors_recompute() > 0
    stove_neighbours = list(ItemNeighbor.objects.filter(item=stove).order_by("-score").values_list("neighbor_id", flat=True))
    assert set(stove_neighbours[:2]) == {tent.pk, lamp.pk}

    newcomer = UserFactory(username="newcomer")
    Event.objects.create(user=newcomer, type="favorite", item=stove, ts=timezone.now())
    api.force_authenticate(newcomer)
    rows = api.get("/api/v1/feed/").json()["results"]
    reasons = {r["item"]["id"]: r["reason"] for r in rows}
    assert any(reasons.get(i, "").startswith("和你看过的") for i in (tent.pk, lamp.pk))


def test_recomputing_without_events_empties_the_model(db):
    assert neighbors_recompute() == 0 and not ItemNeighbor.objects.exists()
