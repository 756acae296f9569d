"""Sponsored placement: at most one sponsored item in every ten entries, at a fixed slot, always
flagged so that every page labels it 广告 / 推广. Sponsored items never take organic ranks."""

from datetime import datetime, timedelta

from content.constants import VISIBLE_STATUSES
from content.models import Item

SLOT, EVERY = 3, 10  # the fourth entry of every ten
RECENT = timedelta(days=14)


def place_sponsored(entries: list[dict], *, now: datetime, circles: set[str]) -> list[dict]:
    candidates = (Item.objects.filter(sponsored=True, status__in=VISIBLE_STATUSES, duplicate_of__isnull=True,
                                      score__isnull=False, published_at__gte=now - RECENT)
                  .order_by("-score__worth_score", "pk"))
    if circles:  # prefer sponsored items in the circles this feed is about
        matching = list(candidates.filter(interest_tags__interest__slug__in=circles).distinct().values_list("pk", "score__worth_score")[:10])
        chosen = matching or list(candidates.values_list("pk", "score__worth_score")[:10])
    else:
        chosen = list(candidates.values_list("pk", "score__worth_score")[:10])
    result = list(entries)
    for n, (item_id, worth) in enumerate(chosen):
        position = n * EVERY + SLOT
        if position > len(result):
            break
        result.insert(position, {"item": item_id, "reason": f"推广 · 值得买指数 {round(worth)}", "sponsored": True})
    return result
