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


def test_the_stored_neighbours_are_the_served_model_the_evaluation_measures(db):
    from recommender.collaborative import served_similarity
    from recommender.neighbors import interaction_matrix

    items = [scored_item("camping", "outdoor") for _ in range(6)]
    for n in range(8):  # two overlapping tastes, so the model has positive and negative weights
        user = UserFactory(username=f"shopper-{n}")
        for item in items[:4] if n % 2 else items[2:]:
            Event.objects.create(user=user, type="favorite" if n % 3 else "click", item=item, ts=timezone.now())
    now = timezone.now()
    stored = neighbors_recompute(now=now)
    matrix, item_ids = interaction_matrix(now=now)
    served = served_similarity(matrix).tocoo()
    expected = {(int(item_ids[r]), int(item_ids[c])): s for r, c, s in zip(served.row, served.col, served.data, strict=True) if s}
    rows = {(a, b): s for a, b, s in ItemNeighbor.objects.values_list("item_id", "neighbor_id", "score")}
    assert stored == len(rows) == len(expected) and rows.keys() == expected.keys()
    assert all(abs(rows[key] - expected[key]) < 1e-9 for key in rows)
    assert min(rows.values()) < 0 < max(rows.values())  # EASE's negative weights are kept


def test_an_item_that_goes_badly_with_the_history_is_never_a_cooccurrence_candidate(db):
    from recommender.candidates import cooccurring

    stove, tent, lipstick = (scored_item("camping", "outdoor") for _ in range(3))
    ItemNeighbor.objects.create(item=stove, neighbor=tent, score=0.4)
    ItemNeighbor.objects.create(item=stove, neighbor=lipstick, score=-0.3)
    assert set(cooccurring({stove.pk: 1.0})) == {tent.pk}


def test_cooccurrence_candidates_are_only_items_still_shown_and_hidden_ones_leave_room_for_the_next(db):
    from datetime import timedelta

    from recommender.candidates import cooccurring

    stove = scored_item("camping", "outdoor")
    now = timezone.now()
    ended = scored_item("camping", "outdoor", kind="deal", expires_at=now - timedelta(hours=1))
    rejected = scored_item("camping", "outdoor", status="rejected")
    tent, lamp, chair = (scored_item("camping", "outdoor") for _ in range(3))
    for neighbour, score in ((ended, 0.9), (rejected, 0.8), (tent, 0.7), (lamp, 0.6), (chair, 0.5)):
        ItemNeighbor.objects.create(item=stove, neighbor=neighbour, score=score)
    # The two strongest are not shown: the next ones, strongest first, take their places.
    assert list(cooccurring({stove.pk: 1.0}, limit=3)) == [tent.pk, lamp.pk, chair.pk]
    assert list(cooccurring({stove.pk: 1.0}, limit=2)) == [tent.pk, lamp.pk]
