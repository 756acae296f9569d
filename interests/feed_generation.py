"""The shopper's feed generation: a number that moves on whenever what their feed is made of
changes — an action of theirs (a vote, a hide, a follow…) once it commits, and again when
profile_update has applied their new events. The recommender keys a shopper's computed feeds
by it and only reads it; interests owns it and moves it on.

Moved on after commit (at once when there is no transaction): a feed computed between the
bump and the commit would read the state before the action and be kept under the new number.
`profile_applied` is the one named place where interests tells an upper floor that a profile
changed, without importing it (the recommender precomputes the shopper's next first page)."""

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

# Sent after commit with user_id, once profile_update applied new events of that shopper and
# their generation moved on.
profile_applied = Signal()


def feed_generation_key(user_id: int) -> str:
    """The cache entry of the shopper's generation (the feed reads it in the same round trip
    as its own entries)."""
    return f"feed-gen:{user_id}"


def feed_generation(user_id: int | None) -> int:
    """0 for visitors, for shoppers who never acted, and while the cache does not answer."""
    return (cache.get(feed_generation_key(user_id)) or 0) if user_id else 0


def feed_generation_bump(user_id: int) -> None:
    """The shopper acted: once the surrounding transaction commits, their next first page is
    computed afresh."""
    transaction.on_commit(lambda: _bump(user_id))


def profile_applied_announce(user_id: int) -> None:
    """profile_update applied the shopper's new events: the feed, which ranks by the profile,
    moves on again, and whoever precomputes feeds hears of it."""

    def announce() -> None:
        _bump(user_id)
        profile_applied.send(sender="interests", user_id=user_id)

    transaction.on_commit(announce)


def _bump(user_id: int) -> None:
    try:
        cache.incr(feed_generation_key(user_id))
    except ValueError:  # never acted yet (or the entry was evicted): start above the implicit 0
        cache.set(feed_generation_key(user_id), 1, None)
