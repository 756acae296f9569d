"""The feed's candidate facts kept in the process (recommender.candidate_facts): a second
shopper's cold feed reads only what the first did not, an editor's decision shows at once, a
rescored item's worth within FACTS_TTL, and an item that stops being shown drops out."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from time_machine import travel

from content.models import ItemScore
from content.moderation.decisions import Decision, item_decide
from content.scoring.service import items_score
from recommender import candidate_facts
from recommender.pools import RECENT
from tests.factories import UserFactory, scored_item

URL = "/api/v1/feed/"


@pytest.fixture
def shelf(db):
    return [scored_item("coffee", "food", worth=60 + n, hours_old=n + 1) for n in range(6)]


def feed_ids(api) -> list[int]:
    return [row["item"]["id"] for row in api.get(URL, {"limit": 50}).json()["results"]]


def score_reads(api, user) -> tuple[list[int], int]:
    """The user's feed, and how many times it read candidates' scores by id (pools and cards read their own)."""
    api.force_authenticate(user)
    with CaptureQueriesContext(connection) as queries:
        ids = feed_ids(api)
    return ids, sum(q["sql"].startswith('SELECT "content_itemscore"."item_id"') for q in queries.captured_queries)


def test_a_second_shoppers_cold_feed_reads_no_facts_the_first_one_read(api, alice, shelf):
    first, reads = score_reads(api, alice)
    assert reads == 1 and set(first) == {item.pk for item in shelf}
    second, reads = score_reads(api, UserFactory(username="bob"))
    assert reads == 0, "every candidate's facts were kept from alice's feed"
    assert second == first
    candidate_facts.forget_candidate_facts()  # as in a fresh process: read again
    _, reads = score_reads(api, UserFactory(username="carol"))
    assert reads == 1


def test_an_editors_decision_shows_in_the_next_feed_at_once(api, erin, shelf, django_capture_on_commit_callbacks):
    assert shelf[0].pk in feed_ids(api)
    assert candidate_facts.candidate_facts([shelf[1].pk])[0][shelf[1].pk].circle == "food"
    with django_capture_on_commit_callbacks(execute=True):  # the decisions' transactions commit
        item_decide(item_id=shelf[0].pk, decision=Decision("reject", reason="spam"), version=None, editor=erin)
        item_decide(item_id=shelf[1].pk, decision=Decision("retag", interests=["camping"]), version=None, editor=erin)
    assert shelf[0].pk not in feed_ids(api)
    facts, tags = candidate_facts.candidate_facts([shelf[1].pk])
    assert facts[shelf[1].pk].circle == "outdoor", "kept facts are per content epoch: a retag moves it on"


def test_a_rescored_items_new_worth_is_ranked_once_its_kept_facts_are_older_than_the_ttl(api, shelf, monkeypatch):
    best = max(shelf, key=lambda item: item.score.worth_score)
    assert feed_ids(api)[0] == best.pk
    kept = candidate_facts.candidate_facts([best.pk])[0][best.pk].worth
    items_score(item_ids=[best.pk])  # the scoring pass scores it again, from its own text
    rescored = ItemScore.objects.get(item=best).worth_score
    assert rescored != kept
    assert candidate_facts.candidate_facts([best.pk])[0][best.pk].worth == kept, "kept within FACTS_TTL"
    clock = candidate_facts.time.monotonic()
    monkeypatch.setattr(candidate_facts.time, "monotonic", lambda: clock + candidate_facts.FACTS_TTL + 1)
    assert candidate_facts.candidate_facts([best.pk])[0][best.pk].worth == rescored


def test_kept_facts_of_an_item_that_expires_or_grows_too_old_for_feeds_are_not_used(db):
    now = timezone.now()
    ending = scored_item("coffee", "food", kind="deal", hours_old=2, expires_at=now + timedelta(minutes=30))
    ageing = scored_item("coffee", "food", published_at=now - RECENT + timedelta(minutes=30))
    facts, tags = candidate_facts.candidate_facts([ending.pk, ageing.pk])
    assert set(facts) == set(tags) == {ending.pk, ageing.pk}
    with travel(now + timedelta(hours=1)):  # well within FACTS_TTL of the process's clock
        assert candidate_facts.candidate_facts([ending.pk, ageing.pk]) == ({}, {})
