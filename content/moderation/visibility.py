"""What a decision tells the rest of the platform, at once.

Feeds, candidate pools and rendered cards are cached for minutes. Every decision that changes
what shoppers may see moves the *content epoch* on; the recommender keys those caches by it,
so the very next request computes them afresh. Materialised 值得买 lists are refreshed by the
recommender when `visibility_changed` is sent (after the decision commits): the signal is the
one named place where content tells an upper floor something, without importing it."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

EPOCH_KEY = "content:epoch"
_pinned_epoch: ContextVar[int | None] = ContextVar("pinned_content_epoch", default=None)

# Sent after commit with item_ids (the items whose visibility, placement or tags changed) and
# may_enter_lists (whether they may now enter a list: taking one out needs no refresh, since
# lists drop what is no longer shown when they are read).
visibility_changed = Signal()


def content_epoch() -> int:
    pinned = _pinned_epoch.get()
    return pinned if pinned is not None else (cache.get(EPOCH_KEY) or 0)


@contextmanager
def one_content_epoch(epoch: int | None = None) -> Iterator[int]:
    """Within it, content_epoch() answers one epoch: `epoch` (as the caller read it) or the
    current one, read once. A piece of work that reads many epoch-keyed caches (a feed's pools
    and cards) then makes one cache read for it instead of one per pool, and sees one state."""
    token = _pinned_epoch.set(content_epoch() if epoch is None else epoch)
    try:
        yield _pinned_epoch.get() or 0
    finally:
        _pinned_epoch.reset(token)


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
