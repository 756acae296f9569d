"""Feeds computed before the shopper asks, so that a returning shopper's first page is served
warm: once their profile has taken in what they did (interests' profile_applied), and by a
periodic sweep over the shoppers active in the last days (bounded: the most recently active
first, at most SWEEP_MAX a run). Both compute only what is cold — a first page still kept for
the shopper's current generation, switch, hour and content epoch is left alone — and a shopper
is queued at most once at a time."""

import logging
import time
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from guide.faults import BROKER_ERRORS
from guide.queueing import task_named
from interests.models import ShopperProfile
from recommender.feed import feed_rendered_page

logger = logging.getLogger(__name__)

FIRST_PAGE_LIMIT = 20  # the API's default page size: what a returning shopper's app asks for first
ACTIVE_DAYS = 3  # a shopper whose profile changed within these days is expected back
SWEEP_MAX = 200  # shoppers one sweep looks at, at most (about 70 ms each when cold)
SWEEP_SECONDS = 120  # a sweep stops starting new shoppers after this long
QUEUED_GRACE_SECONDS = 30  # a queued precompute covers a burst of profile updates


def feed_precompute(*, user_id: int) -> bool:
    """Compute and keep the shopper's first page (the personal feed as FeedView serves it)
    unless it is kept already; True when it was computed."""
    page = feed_rendered_page(user_id, mode="personal", interest="", scenario="", cursor=None, limit=FIRST_PAGE_LIMIT)
    return page.computed


def precompute_queue(*, user_id: int) -> None:
    """Precompute the shopper's feed soon, once: a precompute already queued covers this one.
    An unreachable broker is logged, not raised: the shopper's next request computes it."""
    # None: the cache did not answer; queue anyway (a duplicate computes nothing when warm).
    if cache.add(_queued_key(user_id), 1, QUEUED_GRACE_SECONDS) is not False:
        try:
            task_named("recommender.tasks.precompute_feed").apply_async((user_id,))
        except BROKER_ERRORS as exc:
            cache.delete(_queued_key(user_id))
            logger.warning("feed precompute for user %s not queued, broker unreachable (%s)", user_id, type(exc).__name__)


def precompute_started(*, user_id: int) -> None:
    """The queued precompute runs: a profile update from now on queues another."""
    cache.delete(_queued_key(user_id))


def profile_applied_received(sender: object, *, user_id: int, **kwargs: object) -> None:
    precompute_queue(user_id=user_id)


def feeds_precompute_sweep(*, limit: int = SWEEP_MAX, days: int = ACTIVE_DAYS,
                           seconds: float = SWEEP_SECONDS) -> dict[str, int]:
    """Precompute the cold first pages of the shoppers active in the last `days`, the most
    recently active first, at most `limit` of them and for at most `seconds`."""
    since = timezone.now() - timedelta(days=days)
    active = (ShopperProfile.objects.filter(updated_at__gte=since).order_by("-updated_at")
              .values_list("user_id", flat=True)[:limit])
    stop_at = time.monotonic() + seconds
    counts = {"looked_at": 0, "computed": 0}
    for user_id in active:
        if time.monotonic() >= stop_at:
            break
        counts["looked_at"] += 1
        counts["computed"] += feed_precompute(user_id=user_id)
    return counts


def _queued_key(user_id: int) -> str:
    return f"feed-precompute-queued:{user_id}"
