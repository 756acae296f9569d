"""值得买 lists: overall and per top-level interest, for today and this week.

    list_score = (0.45 · worth_score/100 + 0.30 · community + 0.25 · engagement/100) · ½^(age / half_life)

- worth_score and engagement are the item's AIUC scores;
- community is the Wilson lower bound (95%) of its 值 share among effective 值 / 不值 votes:
  votes from brand accounts never count; votes from accounts younger than a week count a quarter;
  and when an item gets a burst of votes from young accounts within an hour, those count nothing;
- age runs from publication; the half-life is 18 hours for today's list, 3.5 days for the week's.
Only approved or featured originals (not copies) that are not sponsored enter organic ranks; an
editor may pin an item at a position or remove one. Materialised as snapshots by Celery beat,
so reading a list is one query."""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from content.constants import VISIBLE_STATUSES
from content.models import Item, Vote
from content.scoring.scorers.market import wilson_lower_bound
from guide.faults import BROKER_ERRORS
from guide.queueing import task_named
from guide.roles import BRAND_MEMBERS_GROUP
from interests.models import Interest, ItemInterest
from recommender.models import OVERALL, PERIODS, ListOverride, WorthList, WorthListEntry

logger = logging.getLogger(__name__)
LENGTH = 50
WINDOW = {"day": timedelta(hours=36), "week": timedelta(days=7)}
HALF_LIFE = {"day": timedelta(hours=18), "week": timedelta(days=3.5)}
WEIGHTS = {"worth": 0.45, "community": 0.30, "engagement": 0.25}
YOUNG_ACCOUNT = timedelta(days=7)
YOUNG_VOTE_WEIGHT = 0.25
BURST_WINDOW, BURST_SIZE = timedelta(hours=1), 10
MIN_INTEREST_WEIGHT = 0.3
KEEP_SNAPSHOTS = 3


@dataclass
class Candidate:
    item_id: int
    worth: float
    engagement: float
    published_at: datetime
    circles: set[str] = field(default_factory=set)
    worth_votes: float = 0.0
    not_worth_votes: float = 0.0


def list_formula() -> str:
    """The formula as the lists' API and pages state it, built from the numbers it describes."""
    day, week = HALF_LIFE["day"].total_seconds() / 3600, HALF_LIFE["week"].total_seconds() / 86400
    return (f"list_score = ({WEIGHTS['worth']:g} · worth_score/100 + {WEIGHTS['community']:g} · community + "
            f"{WEIGHTS['engagement']:g} · engagement/100) · ½^(age / half_life)；half_life：今日榜 {day:g} 小时，"
            f"本周榜 {week:g} 天；community 为有效「值」占比的 Wilson 下限（95%）")


def effective_votes(votes: list[tuple[int, int, datetime, datetime, bool]], now: datetime) -> dict[int, tuple[float, float]]:
    """(值, 不值) per item after the anti-manipulation rules. Each vote is
    (item_id, value, voted_at, account_created_at, is_brand_account)."""
    young_recent: dict[int, int] = defaultdict(int)
    for item_id, _, voted_at, joined, brand in votes:
        if not brand and voted_at - joined < YOUNG_ACCOUNT and now - voted_at < BURST_WINDOW:
            young_recent[item_id] += 1
    totals: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for item_id, value, voted_at, joined, brand in votes:
        if brand:
            continue
        weight = 1.0
        if voted_at - joined < YOUNG_ACCOUNT:
            weight = 0.0 if young_recent[item_id] >= BURST_SIZE else YOUNG_VOTE_WEIGHT
        totals[item_id][0 if value > 0 else 1] += weight
    return {item_id: (worth, not_worth) for item_id, (worth, not_worth) in totals.items()}


def list_score(candidate: Candidate, period: str, now: datetime) -> tuple[float, dict]:
    votes = candidate.worth_votes + candidate.not_worth_votes
    community = wilson_lower_bound(candidate.worth_votes, votes) if votes else 0.0
    age = max(timedelta(0), now - candidate.published_at)
    decay = 0.5 ** (age / HALF_LIFE[period])
    base = (WEIGHTS["worth"] * candidate.worth / 100 + WEIGHTS["community"] * community
            + WEIGHTS["engagement"] * candidate.engagement / 100)
    components = {"worth_score": candidate.worth, "community": round(community, 3), "engagement": candidate.engagement,
                  "votes": [round(candidate.worth_votes, 2), round(candidate.not_worth_votes, 2)],
                  "decay": round(decay, 3)}
    return round(base * decay * 100, 2), components


def candidates_for(period: str, now: datetime) -> list[Candidate]:
    items = (
        Item.objects.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now), status__in=VISIBLE_STATUSES,
                            duplicate_of__isnull=True, sponsored=False, score__isnull=False,
                            published_at__gte=now - WINDOW[period])
        .values_list("pk", "score__worth_score", "score__engagement", "published_at")
    )
    found = {pk: Candidate(pk, worth, engagement, published) for pk, worth, engagement, published in items}
    tops = dict(Interest.objects.filter(parent__isnull=True).values_list("pk", "slug"))
    for item_id, interest_id in ItemInterest.objects.filter(
        item__in=found, interest__in=tops, weight__gte=MIN_INTEREST_WEIGHT
    ).values_list("item_id", "interest_id"):
        found[item_id].circles.add(tops[interest_id])
    # Brand accounts looked up apart: joining groups would repeat a vote per group of its voter.
    brands = set(get_user_model().objects.filter(groups__name=BRAND_MEMBERS_GROUP).values_list("pk", flat=True))
    votes = Vote.objects.filter(item__in=found).values_list("item_id", "value", "created_at", "user_id", "user__date_joined")
    rows = [(i, v, at, joined, user_id in brands) for i, v, at, user_id, joined in votes]
    for item_id, (worth, not_worth) in effective_votes(rows, now).items():
        found[item_id].worth_votes, found[item_id].not_worth_votes = worth, not_worth
    return list(found.values())


def ranked(candidates: list[Candidate], slug: str, period: str, now: datetime,
           overrides: list[ListOverride]) -> list[tuple[int, float, dict, bool]]:
    """(item_id, score, components, pinned) in rank order, overrides applied."""
    removed = {o.item_id for o in overrides if o.action == "remove"}
    pool = [c for c in candidates if (slug == OVERALL or slug in c.circles) and c.item_id not in removed]
    scored = sorted(((c.item_id, *list_score(c, period, now)) for c in pool), key=lambda row: (-row[1], row[0]))
    entries = [(item_id, score, components, False) for item_id, score, components in scored]
    for pin in sorted((o for o in overrides if o.action == "pin"), key=lambda o: o.position):
        entries = [e for e in entries if e[0] != pin.item_id]
        entries.insert(min(pin.position - 1, len(entries)), (pin.item_id, 0.0, {"pinned_by_editor": pin.reason}, True))
    return entries[:LENGTH]


@transaction.atomic  # one commit for all the lists (each list's own was most of the time on SQLite)
def lists_refresh(*, now: datetime | None = None) -> int:
    """Materialise every list (overall and each top level, today and this week)."""
    cache.delete(REFRESH_QUEUED_KEY)  # changes from here on need another refresh
    now = now or timezone.now()
    slugs = [OVERALL, *Interest.objects.filter(parent__isnull=True, is_active=True).values_list("slug", flat=True)]
    overrides = list(ListOverride.objects.all())
    for period in PERIODS:
        candidates = candidates_for(period, now)
        for slug in slugs:
            applicable = [o for o in overrides if o.slug == slug and o.period in ("", period)]
            _store(slug, period, ranked(candidates, slug, period, now, applicable))
    return len(slugs) * len(PERIODS)


REFRESH_QUEUED_KEY = "lists:refresh-queued"


def lists_refresh_soon(*, may_enter_lists: bool = True, **kwargs: object) -> None:
    """Queue one refresh of every list (several decisions in a row share it): the receiver of
    content's visibility_changed, sent after an editor's decision commits. A decision that can
    only take items out needs none: current_entries leaves out what is no longer shown."""
    if may_enter_lists and cache.add(REFRESH_QUEUED_KEY, 1, 60) is not False:
        try:
            task_named("recommender.tasks.refresh_lists").apply_async(countdown=1)
        except BROKER_ERRORS:  # the decision is made; the lists follow at the next beat refresh
            logger.warning("lists refresh not queued: the broker does not answer")
            cache.delete(REFRESH_QUEUED_KEY)


@transaction.atomic
def _store(slug: str, period: str, entries: list[tuple[int, float, dict, bool]]) -> WorthList:
    WorthList.objects.filter(slug=slug, period=period, is_current=True).update(is_current=False)
    snapshot = WorthList.objects.create(slug=slug, period=period)
    WorthListEntry.objects.bulk_create(
        WorthListEntry(worth_list=snapshot, rank=rank, item_id=item_id, score=score, components=components, pinned=pinned)
        for rank, (item_id, score, components, pinned) in enumerate(entries, start=1)
    )
    old = WorthList.objects.filter(slug=slug, period=period).order_by("-created_at").values_list("pk", flat=True)[KEEP_SNAPSHOTS:]
    WorthList.objects.filter(pk__in=list(old)).delete()
    return snapshot


def current_entries(slug: str, period: str) -> list[WorthListEntry]:
    """The current snapshot's entries that are still shown, ranked 1, 2, 3 … in order: one
    query. An item taken down, merged or ended since the snapshot leaves the list at once
    (the next refresh fills its place)."""
    now = timezone.now()
    entries = list(
        WorthListEntry.objects.filter(worth_list__slug=slug, worth_list__period=period, worth_list__is_current=True,
                                      item__status__in=VISIBLE_STATUSES, item__duplicate_of__isnull=True,
                                      item__sponsored=False)
        .filter(Q(item__expires_at__isnull=True) | Q(item__expires_at__gt=now))
        .select_related("worth_list")
        .order_by("rank")
    )
    for rank, entry in enumerate(entries, start=1):
        entry.rank = rank
    return entries

