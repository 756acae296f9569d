"""Handing items to the scoring workers so that neither a broker outage nor a killed worker
loses one, and no item is scored twice for one change: the item rows are the outbox.

An item needs scoring while it has no score or changed after it was scored; that is written in
the ingest transaction itself, and the broker only carries the news afterwards. Publishing may
fail (Redis down): ingest still answers 202, and the relay (beat, every 30 s) hands over what
waits as soon as the broker is back, as does a partner re-sending the same batch.

Each item is scored once per change, and nothing waits on a message that will not come:
- queued claims (cache, SET NX) keep the relay, the sweep and a re-sent batch from sending an
  item whose message is on its way. Taken inside the ingest transaction (a minute: so the relay
  never sees it committed and unclaimed before its publish; should the process die in between,
  it is relayed then) and at publish for queued_claim_seconds() (2 × SCORING_TIME_LIMIT, 5 min).
  A message that waits longer (a deep backlog) or never comes (its worker died before starting
  it, the queue was purged) is sent again once that expires; the copy is harmless:
- a message skips the items scored since it was queued (a copy, or the broker's redelivery of
  a dead worker's message after CELERY_VISIBILITY_TIMEOUT), and
- running claims (SET NX, SCORING_TIME_LIMIT + 10 s) keep two copies from scoring an item at
  the same time; a worker killed mid-batch leaves them to expire, then the relay sends the
  batch again: rescored within about 3 minutes (5 at most).

So the visibility timeout stays at 15 minutes: it bounds nothing for scoring, and shorter
would deliver long acknowledged-late stats tasks (neighbours, pools) twice while they run. The
sweep's grace (SWEEP_GRACE) only has to cover a commit whose publish has not landed yet. While
the cache does not answer, the relay waits (re-sending every waiting item each run would
snowball a backlog) and the 5-minute sweep carries on."""

import logging
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q
from django.utils import timezone
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

from content.models import Item, ItemScore
from content.scoring.service import items_score
from guide.faults import BROKER_ERRORS
from guide.queueing import task_named

logger = logging.getLogger(__name__)

SCORING_BATCH = 100
PUBLISHING_CLAIM_SECONDS = 60
RELAY_LIMIT = 5000  # items per relay run (50 tasks)
SWEEP_GRACE = timedelta(minutes=2)
QUEUED, RUNNING = "scoring-queued:", "scoring-running:"

# Unscored, or changed since it was scored (a new engine or profile version is the sweep's job).
AWAITING_SCORING = Q(score__isnull=True) | Q(score__scored_at__lt=F("updated_at"))


def queued_claim_seconds() -> int:
    return 2 * settings.SCORING_TIME_LIMIT


def running_claim_seconds() -> int:
    return settings.SCORING_TIME_LIMIT + 10


def relay_grace() -> timedelta:
    """Let a just-committed batch's own publish land first (it takes milliseconds); half the
    relay's period keeps what waits queued within a minute of the broker being back."""
    return timedelta(seconds=settings.SCORING_RELAY_SECONDS / 2)


def scoring_publish(*, item_ids: Iterable[int], skip_claimed: bool = False) -> int:
    """Queue score_items for these items in batches; how many were handed over. An unreachable
    broker is logged, never raised: the items wait in the database for the relay."""
    score_items = task_named("content.tasks.score_items")
    ids = sorted(set(item_ids))
    if skip_claimed:  # not being scored now; then claimed atomically (SET NX): two relays never both send it
        running = cache.get_many([RUNNING + str(pk) for pk in ids])
        ids = [pk for pk in ids if RUNNING + str(pk) not in running
               and cache.add(QUEUED + str(pk), 1, queued_claim_seconds()) is not False]
    published = 0
    for start in range(0, len(ids), SCORING_BATCH):
        batch = ids[start : start + SCORING_BATCH]
        if not skip_claimed:  # new or changed: sent whatever an older claim says
            # Claimed before publishing: a fast worker may finish (and drop them) before delay() returns.
            scoring_claim(item_ids=batch, seconds=queued_claim_seconds())
        try:
            score_items.delay(batch, queued_at=timezone.now().isoformat())
        except BROKER_ERRORS as exc:
            cache.delete_many([QUEUED + str(pk) for pk in ids[start:]])  # the relay sends them later
            logger.warning("broker unreachable (%s): %d items wait in the database for the scoring relay",
                           type(exc).__name__, len(ids) - published)
            break
        published += len(batch)
    return published


def scoring_claim(*, item_ids: Iterable[int], seconds: int = PUBLISHING_CLAIM_SECONDS) -> None:
    """Claim items about to be published. Called from inside the transaction that stores them
    (so that once it commits the relay does not take them for items whose publish failed), for
    a minute only: should the process die between commit and publish, they are relayed then."""
    cache.set_many({QUEUED + str(pk): 1 for pk in item_ids}, seconds)


def scoring_run(*, item_ids: list[int], queued_at: datetime | None = None, holder: str = "") -> int:
    """The worker's side: score the items of the batch that no other task is scoring now and
    that were not scored since the message was queued; how many were scored. `holder` names
    the message (its task id): delivered again after its worker died, it takes its own claims
    back instead of waiting for them to expire."""
    holder = holder or uuid.uuid4().hex
    mine = _take_running(item_ids, holder)
    done: set[int] = set()
    if queued_at is not None:
        since = ItemScore.objects.filter(item_id__in=mine, scored_at__gte=queued_at)
        done = set(since.filter(scored_at__gte=F("item__updated_at")).values_list("item_id", flat=True))
    todo = [pk for pk in mine if pk not in done]
    if len(todo) < len(item_ids):
        logger.info("scoring batch %s…%s: %d items being scored by another task, %d scored since it was "
                    "queued: skipped", item_ids[0], item_ids[-1], len(item_ids) - len(mine), len(done))
    scored = items_score(item_ids=todo) if todo else 0
    cache.delete_many([RUNNING + str(pk) for pk in mine] + [QUEUED + str(pk) for pk in mine])
    return scored


def _take_running(item_ids: list[int], holder: str) -> list[int]:
    """The items this message may score: the ones nobody holds, and the ones this very message
    holds (delivered again: its first worker died), whose claims it takes back."""
    keys = {pk: RUNNING + str(pk) for pk in item_ids}
    added = _add_each(dict.fromkeys(keys.values(), holder), running_claim_seconds())
    held = cache.get_many([key for key in keys.values() if not added[key]])
    mine = {key: holder for key, value in held.items() if value == holder}
    if mine:
        cache.set_many(mine, running_claim_seconds())
    return [pk for pk, key in keys.items() if added[key] or key in mine]


def _add_each(values: dict[str, str], seconds: int) -> dict[str, bool]:
    """cache.add of each key, on Redis in one round trip (a batch's hundred claims one by one cost
    0.18 ms of the worker's CPU per item); True where added, and where the cache did not answer,
    as cache.add's None is taken: an outage never holds up scoring."""
    client = getattr(cache, "client", None)
    if not isinstance(client, DefaultClient):
        return {key: cache.add(key, value, seconds) is not False for key, value in values.items()}
    try:
        pipeline = client.get_client(write=True).pipeline(transaction=False)
        for key, value in values.items():
            client.set(key, value, seconds, nx=True, client=pipeline)
        return dict(zip(values, map(bool, pipeline.execute()), strict=True))
    except (ConnectionInterrupted, RedisError) as exc:
        logger.warning("scoring claims not taken, the cache does not answer (%s)", type(exc).__name__)
        return dict.fromkeys(values, True)


def items_awaiting_scoring(*, now: datetime, grace: timedelta, limit: int) -> list[int]:
    """Ids of items unscored or changed since scoring, last changed before now - grace."""
    query = Item.objects.filter(AWAITING_SCORING, updated_at__lt=now - grace)
    return list(query.order_by("pk").values_list("pk", flat=True)[:limit])


def scoring_relay(*, now: datetime | None = None) -> int:
    """Queue what waits unclaimed (its publish failed, its worker died, its message was lost);
    how many items were queued. Does nothing while the cache cannot say what is claimed:
    re-queueing every waiting item each run would snowball a backlog."""
    if not _cache_answers():
        logger.warning("scoring relay skipped: the cache does not answer, so claims cannot be read")
        return 0
    waiting = items_awaiting_scoring(now=now or timezone.now(), grace=relay_grace(), limit=RELAY_LIMIT)
    return scoring_publish(item_ids=waiting, skip_claimed=True) if waiting else 0


def _cache_answers() -> bool:
    probe = f"{QUEUED}probe"
    cache.set(probe, 1, 60)
    return cache.get(probe) == 1
