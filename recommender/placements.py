"""Serving sponsored cards: the caps, and the served-placement record that counting rests on.

A campaign's card is served only to an identity (a user id, or a visitor's anonymous id), and
each time it is, the server records it (ServedPlacement: once per identity, item and day).
Impressions, clicks and click-outs count only when they match such a record
(recommender.rollups), so a client cannot report views of cards it was never served, nor
report them for somebody else.

Caps are checked where a page is served, not only where its feed was computed, so feeds and
pages cached before a cap was reached cannot carry a campaign past it:
- the daily cap counts served placements (distinct identity × item) per campaign and day, in an
  atomic cache counter, initialised from the table when missing; a new placement that would
  pass the cap is not served. The only overshoot is a counter lost from the cache
  while rows were in flight (the count restarts from the committed rows).
- the frequency cap counts how often an identity was served the campaign today (every page
  that carried it); at the cap, its cards are left out of that identity's pages.
A left-out card leaves its slot empty: the page has one card fewer, never an organic card in a
sponsored slot. Pages without campaign cards cost nothing here: no cache read, no query."""

from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError
from django.utils import timezone

from interests.models import Event, UserInterest
from recommender.campaigns import campaigns_running
from recommender.models import ServedPlacement

COUNTER_TTL = 2 * 24 * 3600
BLOCKS_TTL = 3600


def identity_of(*, user_id: int | None, anonymous_id: str = "") -> str | None:
    if user_id:
        return f"u{user_id}"
    return f"a{anonymous_id}" if anonymous_id else None


def _served_key(campaign_id: int, day: date) -> str:
    return f"ad-served:{campaign_id}:{day:%Y%m%d}"


def _frequency_key(identity: str, campaign_id: int, day: date) -> str:
    return f"ad-freq:{identity}:{campaign_id}:{day:%Y%m%d}"


def _placed_key(identity: str, item_id: int, day: date) -> str:
    return f"ad-placed:{identity}:{item_id}:{day:%Y%m%d}"


def shopper_ad_blocks(user_id: int) -> tuple[frozenset[int], frozenset[int]]:
    """(hidden item ids, muted interest ids) of a shopper, cached per feed generation (hiding,
    muting and the personalisation switch all move it on)."""
    from interests.feed_generation import feed_generation

    key = f"ad-blocks:{user_id}:{feed_generation(user_id)}"
    blocks = cache.get(key)
    if blocks is None:
        hidden = frozenset(Event.objects.filter(user_id=user_id, type="hide", item__isnull=False)
                           .values_list("item_id", flat=True))
        muted = frozenset(UserInterest.objects.filter(user_id=user_id, state="muted").values_list("interest_id", flat=True))
        blocks = (hidden, muted)
        cache.set(key, blocks, BLOCKS_TTL)
    return blocks


def campaigns_over_cap(campaign_ids: set[int], *, identity: str | None, now: datetime) -> set[int]:
    """The campaigns among these that reached their daily cap today, or the frequency cap for
    this identity. One cache read."""
    if not campaign_ids:
        return set()
    running, day = campaigns_running(), timezone.localdate(now)
    keys = {c: (_served_key(c, day), _frequency_key(identity, c, day) if identity else "") for c in campaign_ids}
    found = cache.get_many([k for pair in keys.values() for k in pair if k])
    return {c for c, (served, frequency) in keys.items() if c not in running
            or found.get(served, 0) >= running[c].daily_cap or found.get(frequency, 0) >= running[c].frequency_cap}


def placements_serve(*, entries: list[dict], user_id: int | None, anonymous_id: str = "",
                     now: datetime | None = None) -> list[dict]:
    """The page's entries as this identity may be served them, recording each campaign card it
    is served for the first time today. Campaign cards are dropped for a request without an
    identity, for a campaign no longer running, over its daily cap or this identity's frequency
    cap, and for a shopper who hid the item or muted one of its interests."""
    ads = [e for e in entries if e.get("campaign")]
    if not ads:
        return entries
    identity = identity_of(user_id=user_id, anonymous_id=anonymous_id)
    if identity is None:
        return [e for e in entries if not e.get("campaign")]
    now = now or timezone.now()
    day, running = timezone.localdate(now), campaigns_running()
    hidden, muted = shopper_ad_blocks(user_id) if user_id else (frozenset(), frozenset())
    keys = [k for e in ads for k in (_served_key(e["campaign"], day), _frequency_key(identity, e["campaign"], day),
                                     _placed_key(identity, e["item"], day))]
    found = cache.get_many(keys)
    kept, new = set(), []
    for entry in ads:
        campaign = running.get(entry["campaign"])
        if campaign is None or entry["item"] in hidden or muted.intersection(entry.get("tags", ())):
            continue
        if found.get(_frequency_key(identity, campaign.pk, day), 0) >= campaign.frequency_cap:
            continue
        if _placed_key(identity, entry["item"], day) not in found:
            if _count_served(campaign.pk, day) > campaign.daily_cap:
                cache.decr(_served_key(campaign.pk, day))
                continue
            new.append(entry)
        _count(_frequency_key(identity, campaign.pk, day))
        kept.add(id(entry))
    if new:
        _record(new, identity=identity, user_id=user_id, day=day, now=now)
    return [e for e in entries if not e.get("campaign") or id(e) in kept]


def _count_served(campaign_id: int, day: date) -> int:
    """One more served placement today; the new count (read from the table when the cache lost it)."""
    key = _served_key(campaign_id, day)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.add(key, ServedPlacement.objects.filter(campaign_id=campaign_id, day=day).count(), COUNTER_TTL)
        count = cache.incr(key)
    if count is None:  # the cache does not answer (Redis down): the table counts, slower but right
        count = ServedPlacement.objects.filter(campaign_id=campaign_id, day=day).count() + 1
    return count


def _count(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        if not cache.add(key, 1, COUNTER_TTL):
            cache.incr(key)


def _record(entries: list[dict], *, identity: str, user_id: int | None, day: date, now: datetime) -> None:
    rows = [ServedPlacement(identity=identity, user_id=user_id, campaign_id=e["campaign"], item_id=e["item"], day=day,
                            served_at=now, interest=e.get("interest") or "") for e in entries]
    try:
        ServedPlacement.objects.bulk_create(rows, ignore_conflicts=True)
    except IntegrityError:  # the user or item went away meanwhile: nothing to count
        return
    cache.set_many({_placed_key(identity, e["item"], day): 1 for e in entries}, COUNTER_TTL)


def placements_purge(*, now: datetime | None = None, keep_days: int = 14) -> int:
    """Forget served placements older than `keep_days` (personal data kept only while events
    may still arrive for them: the events API takes events up to 7 days old)."""
    cutoff = timezone.localdate(now or timezone.now()) - timedelta(days=keep_days)
    return ServedPlacement.objects.filter(day__lt=cutoff).delete()[0]
