"""The demo shopper's life, played through the same services shoppers use: alice picked 露营 and
咖啡 when she signed up, read, voted on and saved a few things over the last days, so right after
`make run` her feed, 我的兴趣 (with its reasons) and 我的收藏 differ from a visitor's."""

from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from content.constants import VISIBLE_STATUSES
from content.models import Item, Vote
from interests.actions import item_favorite, item_vote
from interests.events import events_record
from interests.models import Event, Interest
from interests.profiles import profile_rebuild
from interests.shopper import onboarding_complete

PICKED = ("camping", "coffee")
READ = {"camping": 4, "coffee": 3, "cameras": 2, "skincare": 1}  # items read per interest
SAVED, VOTED = 3, 2
PASSED = 16  # items shown to her and not opened


def shopper_history_play(*, username: str, write: Callable[[str], None]) -> None:
    shopper = get_user_model().objects.filter(username=username).first()
    if shopper is None:
        write("没有演示购物者账号，跳过她的浏览历史")
        return
    if Event.objects.filter(user=shopper).exists():
        return  # her history is there already: never played twice
    onboarding_complete(user=shopper, interests=list(Interest.objects.filter(slug__in=PICKED)))
    now = timezone.now()
    read: list = []
    for slug, count in READ.items():
        read += list(Item.objects.filter(status__in=VISIBLE_STATUSES, duplicate_of__isnull=True,
                                         interest_tags__interest__slug=slug, interest_tags__weight__gte=0.5)
                     .exclude(pk__in=read).order_by("-score__worth_score").values_list("pk", flat=True)[:count])
    events = []
    for n, item_id in enumerate(read):  # spread over the last three days, newest first
        ts = (now - timedelta(hours=3 + 7 * n)).isoformat()
        events += [{"type": "impression", "item": item_id, "ts": ts}, {"type": "click", "item": item_id, "ts": ts},
                   {"type": "dwell", "item": item_id, "ts": ts, "dwell_ms": 20_000 + 5_000 * (n % 4)}]
    # What her feed also showed her and she scrolled past: the weaker items of the same circles.
    # With them what she values can be learned (opened against passed over), as for any shopper.
    passed = (Item.objects.filter(status__in=VISIBLE_STATUSES, duplicate_of__isnull=True,
                                  interest_tags__interest__slug__in=list(READ), interest_tags__weight__gte=0.5)
              .exclude(pk__in=read).order_by("score__worth_score").values_list("pk", flat=True).distinct()[:PASSED])
    for n, item_id in enumerate(passed):
        events.append({"type": "impression", "item": item_id, "ts": (now - timedelta(hours=3 + 3 * n)).isoformat()})
    events_record(user=shopper, anonymous_id="", raw_events=events)
    items = Item.objects.in_bulk(read)
    for item_id in read[:SAVED]:
        item_favorite(user=shopper, item=items[item_id], on=True)
    for item_id in read[SAVED:SAVED + VOTED]:
        item_vote(user=shopper, item=items[item_id], value=Vote.WORTH)
    profile_rebuild(user_id=shopper.pk)
    write(f"演示购物者 {username}：注册时选了 {'、'.join(PICKED)}，看过 {len(read)} 条，收藏 {min(SAVED, len(read))} 条，"
          f"投了 {max(0, min(VOTED, len(read) - SAVED))} 个「值」")
