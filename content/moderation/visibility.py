"""What a decision tells the rest of the platform, at once.

Feeds, candidate pools and rendered cards are cached for minutes. Every decision that changes
what shoppers may see moves the *content epoch* on; the recommender keys those caches by it,
so the very next request computes them afresh. Materialised 值得买 lists are refreshed by the
recommender when `visibility_changed` is sent (after the decision commits): the signal is the
one named place where content tells an upper floor something, without importing it."""

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

EPOCH_KEY = "content:epoch"

# Sent after commit with item_ids (the items whose visibility, placement or tags changed) and
# may_enter_lists (whether they may now enter a list: taking one out needs no refresh, since
# lists drop what is no longer shown when they are read).
visibility_changed = Signal()


def content_epoch() -> int:
    return cache.get(EPOCH_KEY) or 0


def content_epoch_bump() -> None:
    try:
        cache.incr(EPOCH_KEY)
    except ValueError:
        cache.set(EPOCH_KEY, 1, None)


def visibility_changed_after_commit(item_ids: list[int], *, may_enter_lists: bool = True) -> None:
    """Move the epoch on and tell the lists once the surrounding transaction commits (at once
    when there is none), so nobody computes a feed from the state before the decision."""

    def announce() -> None:
        content_epoch_bump()
        visibility_changed.send(sender="content", item_ids=list(item_ids), may_enter_lists=may_enter_lists)

    transaction.on_commit(announce)
