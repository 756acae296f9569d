"""The scoring hand-off under faults: the broker down at ingest, the relay once it is back, a
re-sent batch, claims that keep backlogs from snowballing, second deliveries, deadlocks and
batches that cannot finish in time."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerDown

from content.ingest import items_ingest
from content.models import Item, ItemScore
from content.outbox import RUNNING, scoring_publish, scoring_relay, scoring_run
from content.tasks import score_items
from tests.factories import raw_item

URL = "/api/v1/ingest/"
LATER = timedelta(minutes=1)  # past the relay's grace


def refuse(*args, **kwargs):
    raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture
def broker_down(monkeypatch):
    monkeypatch.setattr(score_items, "delay", refuse)
    return monkeypatch


@pytest.fixture
def broken_cache(settings):
    """A Redis cache that does not answer, configured as in production (errors ignored)."""
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }}


def push(client, items, callbacks):
    with callbacks(execute=True):
        return client.post(URL, {"items": items}, format="json")


def test_ingest_stores_the_batch_and_answers_202_while_the_broker_is_down(
        partner_api, broker_down, django_capture_on_commit_callbacks):
    response = push(partner_api, [raw_item(1), raw_item(2)], django_capture_on_commit_callbacks)
    assert response.status_code == 202
    assert [r["outcome"] for r in response.json()["results"]] == ["accepted", "accepted"]
    assert Item.objects.count() == 2 and not ItemScore.objects.exists()


def test_the_relay_queues_what_waits_once_the_broker_is_back(
        partner_api, broker_down, django_capture_on_commit_callbacks):
    push(partner_api, [raw_item(n) for n in range(1, 4)], django_capture_on_commit_callbacks)
    assert scoring_relay(now=timezone.now() + LATER) == 0  # still down: nothing handed over, nothing lost
    broker_down.undo()
    assert scoring_relay(now=timezone.now()) == 0  # too fresh: their own publish may still land
    assert scoring_relay(now=timezone.now() + LATER) == 3
    assert ItemScore.objects.count() == 3
    assert scoring_relay(now=timezone.now() + LATER) == 0


def test_a_batch_of_several_hundred_refused_by_the_broker_is_all_relayed_later(
        partner_api, broker_down, django_capture_on_commit_callbacks):
    push(partner_api, [raw_item(n) for n in range(1, 251)], django_capture_on_commit_callbacks)
    broker_down.undo()
    assert scoring_relay(now=timezone.now() + LATER) == 250  # none left claimed by the failed publish
    assert ItemScore.objects.count() == 250


def test_a_resent_unchanged_batch_whose_items_are_unscored_queues_them_again(
        partner_api, broker_down, django_capture_on_commit_callbacks):
    batch = [raw_item(1), raw_item(2)]
    push(partner_api, batch, django_capture_on_commit_callbacks)
    broker_down.undo()
    again = push(partner_api, batch, django_capture_on_commit_callbacks)
    assert [r["changed"] for r in again.json()["results"]] == [False, False]
    assert ItemScore.objects.count() == 2


def test_items_whose_message_is_on_its_way_are_not_queued_twice(partner, monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(score_items, "delay", lambda ids, **kwargs: sent.append(ids))  # waiting in the queue
    with django_capture_on_commit_callbacks(execute=True):
        items_ingest(source=partner[0], raw_items=[raw_item(1), raw_item(2)])
    with django_capture_on_commit_callbacks(execute=True):
        items_ingest(source=partner[0], raw_items=[raw_item(1), raw_item(2)])  # re-sent meanwhile
    assert scoring_relay(now=timezone.now() + LATER) == 0
    assert len(sent) == 1


def test_the_relay_waits_while_the_cache_cannot_say_what_is_claimed(partner, broker_down, broken_cache):
    items_ingest(source=partner[0], raw_items=[raw_item(1)])
    broker_down.undo()
    assert scoring_relay(now=timezone.now() + LATER) == 0  # re-queueing blind would snowball a backlog
    assert Item.objects.count() == 1 and not ItemScore.objects.exists()


def test_a_second_delivery_skips_items_scored_since_it_was_queued(partner, django_capture_on_commit_callbacks):
    queued_at = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        [outcome] = items_ingest(source=partner[0], raw_items=[raw_item(1)])
    scored_at = ItemScore.objects.get().scored_at
    assert score_items.apply(args=[[outcome.id]], kwargs={"queued_at": queued_at.isoformat()}).get() == 0
    assert ItemScore.objects.get().scored_at == scored_at
    # a message queued after that scoring (a rescore) does its work
    assert score_items.apply(args=[[outcome.id]], kwargs={"queued_at": timezone.now().isoformat()}).get() == 1


def test_an_item_another_task_is_scoring_right_now_is_left_to_it(partner):
    [first, second] = [o.id for o in items_ingest(source=partner[0], raw_items=[raw_item(1), raw_item(2)])]
    cache.add(f"{RUNNING}{first}", 1, 60)  # a copy of the message is at it on another worker
    assert score_items.apply(args=[[first, second]]).get() == 1
    assert list(ItemScore.objects.values_list("item_id", flat=True)) == [second]


def test_a_message_delivered_again_after_its_worker_died_takes_its_own_claims_back(partner):
    [item_id] = [o.id for o in items_ingest(source=partner[0], raw_items=[raw_item(1)])]
    cache.add(f"{RUNNING}{item_id}", "task-1", 60)  # its first delivery died holding the item
    assert scoring_run(item_ids=[item_id], holder="task-1") == 1


def test_a_claim_is_held_by_its_message_alone_until_it_is_dropped(partner):
    from content.outbox import _take_running

    first, second = [o.id for o in items_ingest(source=partner[0], raw_items=[raw_item(1), raw_item(2)])]
    assert _take_running([first, second], "task-1") == [first, second]
    assert cache.get(f"{RUNNING}{first}") == "task-1"  # readable as the holder by any client
    assert _take_running([first, second], "task-2") == []  # another message leaves them alone
    assert _take_running([second, first], "task-1") == [second, first]  # its own delivery again
    assert scoring_run(item_ids=[first], holder="task-1") == 1
    assert _take_running([first, second], "task-2") == [first]  # dropped once scored


def test_items_are_scored_while_the_cache_cannot_hold_claims(partner, broken_cache):
    ids = [o.id for o in items_ingest(source=partner[0], raw_items=[raw_item(1), raw_item(2)])]
    assert scoring_run(item_ids=ids) == 2  # an outage of the cache never holds up scoring
    assert ItemScore.objects.count() == 2


def test_publishing_stops_at_the_first_refusal_and_says_how_many_went(partner, monkeypatch):
    calls = []

    def first_only(ids, **kwargs):
        if calls:
            refuse()
        calls.append(ids)

    monkeypatch.setattr(score_items, "delay", first_only)
    assert scoring_publish(item_ids=range(1, 251)) == 100
    assert len(calls) == 1


class Deadlock(Exception):
    pgcode = "40P01"


def test_a_batch_chosen_as_a_deadlock_victim_is_retried_and_stored_once(partner, monkeypatch):
    from content import ingest

    real, attempts = ingest.authors_upsert, []

    def deadlock_once(**kwargs):
        attempts.append(1)
        if len(attempts) == 1:
            raise OperationalError("deadlock detected") from Deadlock()
        return real(**kwargs)

    monkeypatch.setattr(ingest, "authors_upsert", deadlock_once)
    outcomes = items_ingest(source=partner[0], raw_items=[raw_item(1), raw_item(2)])
    assert [o.outcome for o in outcomes] == ["accepted", "accepted"] and len(attempts) == 2
    assert Item.objects.count() == 2


def test_other_database_errors_are_not_retried(partner, monkeypatch):
    def broken(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("content.ingest.authors_upsert", broken)
    with pytest.raises(OperationalError):
        items_ingest(source=partner[0], raw_items=[raw_item(1)])


def test_a_batch_that_cannot_finish_in_time_is_refused_whole_with_503(partner_api, settings):
    settings.INGEST_DEADLINE_SECONDS = 0
    response = partner_api.post(URL, {"items": [raw_item(1), raw_item(2)]}, format="json")
    assert response.status_code == 503 and response["Retry-After"] == str(settings.RETRY_AFTER_SECONDS)
    error = response.json()["error"]
    assert error["code"] == "ingest_timeout" and "没有写入任何内容" in error["message"]
    assert not Item.objects.exists()
