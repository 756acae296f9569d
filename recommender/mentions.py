"""What the network says about a brand (舆情): organic items that name it — originals whose
brand field is one of the brand's names, not rejected (visible, or still waiting for an editor:
the network said it either way), not sponsored and in no campaign —
with what the scoring pass already computed for them: count, mean sentiment (口碑倾向) and
值得买 index, per time bucket, platform and interest circle, share of voice against the other
brands named in the same circles, and the most positive and most negative items."""

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from content.constants import PLATFORMS, VISIBLE_STATUSES
from content.models import Item
from interests.models import Interest, ItemInterest
from recommender.brand_stats import bucket_of, buckets
from recommender.brands import brand_names_q
from recommender.models import Brand, CampaignItem
from recommender.pools import CIRCLE_MIN_WEIGHT

TOP_ITEMS = 5
TOP_RIVALS = 5
POSITIVE_FROM = 60  # sentiment at or above: a positive voice; below NEGATIVE_BELOW: a negative one
NEGATIVE_BELOW = 40
MENTION_STATUSES = (*VISIBLE_STATUSES, "pending")


def _range(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (datetime.combine(start, time.min, zone), datetime.combine(end + timedelta(days=1), time.min, zone))


def organic_items(start: date, end: date) -> QuerySet[Item]:
    """Scored, organic originals published in the range, visible or pending."""
    since, until = _range(start, end)
    return (Item.objects.filter(status__in=MENTION_STATUSES, duplicate_of__isnull=True, sponsored=False,
                                score__isnull=False, published_at__gte=since, published_at__lt=until)
            .exclude(pk__in=CampaignItem.objects.filter(state="confirmed").values("item_id")))


def brand_mentions(brand: Brand, *, start: date, end: date, interval: str = "day") -> dict:
    items = organic_items(start, end).filter(brand_names_q(brand))
    rows = list(items.values_list("pk", "title", "url", "source__platform", "published_at", "score__sentiment",
                                  "score__worth_score", "status"))
    totals = _summary([(r[5], r[6]) for r in rows])
    series: dict[Any, list] = {day: [] for day in buckets(start, end, interval)}
    platforms: dict[str, list] = defaultdict(list)
    for row in rows:
        series[bucket_of(timezone.localdate(row[4]), start, interval)].append((row[5], row[6]))
        platforms[row[3]].append((row[5], row[6]))
    voices = sorted(rows, key=lambda r: (-r[5], r[0]))
    return {
        "brand": {"name": brand.name, "aliases": brand.names[1:]},
        "start": start.isoformat(), "end": end.isoformat(), "interval": interval,
        "totals": totals,
        "timeseries": [{"date": day.isoformat(), **_summary(values)} for day, values in series.items()],
        "by_platform": sorted(({"platform": p, "name": PLATFORMS.get(p, p), **_summary(v)} for p, v in platforms.items()),
                              key=lambda r: (-r["count"], r["platform"])),
        "by_interest": share_of_voice(brand, {r[0]: (r[5], r[6]) for r in rows}, start=start, end=end),
        "top_positive": [_voice(r) for r in voices if r[5] >= POSITIVE_FROM][:TOP_ITEMS],
        "top_negative": [_voice(r) for r in reversed(voices) if r[5] < NEGATIVE_BELOW][:TOP_ITEMS],
    }


def _summary(values: list[tuple[float, float]]) -> dict:
    n = len(values)
    return {"count": n, "sentiment": round(sum(s for s, _ in values) / n, 1) if n else None,
            "worth": round(sum(w for _, w in values) / n, 1) if n else None}


def _voice(row: tuple) -> dict:
    pk, title, url, platform, published, sentiment, worth, status = row
    return {"id": pk, "title": title, "url": url, "platform": platform, "platform_name": PLATFORMS.get(platform, platform),
            "published_at": published.isoformat(), "sentiment": round(sentiment, 1), "worth": round(worth, 1),
            "visible": status in VISIBLE_STATUSES}


def share_of_voice(brand: Brand, scores: dict[int, tuple[float, float]], *, start: date, end: date) -> list[dict]:
    """Per top-level circle the brand is talked about in: its mentions, mean sentiment and
    worth there, and its share of all organic items naming a brand in that circle, with the
    most-named other brands."""
    tops = dict(Interest.objects.filter(parent__isnull=True).values_list("pk", "slug"))
    parent_of = dict(Interest.objects.filter(parent__isnull=False).values_list("pk", "parent_id"))
    circles_of: dict[int, set[str]] = defaultdict(set)
    for item_id, interest_id in ItemInterest.objects.filter(item_id__in=scores, weight__gte=CIRCLE_MIN_WEIGHT) \
            .values_list("item_id", "interest_id"):
        top = interest_id if interest_id in tops else parent_of.get(interest_id)
        if top in tops:
            circles_of[item_id].add(tops[top])
    circles = {slug for slugs in circles_of.values() for slug in slugs}
    if not circles:
        return []
    ours = {n.casefold() for n in brand.names}
    by_circle: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    circle_ids = {pk: slug for pk, slug in tops.items() if slug in circles}
    circle_ids |= {pk: tops[parent] for pk, parent in parent_of.items() if tops.get(parent) in circles}
    rows = (organic_items(start, end).exclude(brand="").filter(interest_tags__interest__in=circle_ids,
                                                                 interest_tags__weight__gte=CIRCLE_MIN_WEIGHT)
            .values_list("pk", "brand", "interest_tags__interest"))
    items: dict[str, dict[int, str]] = defaultdict(dict)  # a child and its top level tag the same item: once
    for pk, name, interest_id in rows:
        items[circle_ids[interest_id]][pk] = name
    spelling: dict[str, Counter] = defaultdict(Counter)  # 苹果 / Apple / apple: one brand, its commonest spelling
    for slug, brand_names in items.items():
        for name in brand_names.values():
            spelling[name.casefold()][name] += 1
            key = name.casefold()
            by_circle[slug]["__ours__" if key in ours else key] += 1
    shown = {key: counts.most_common(1)[0][0] for key, counts in spelling.items()}
    names: dict[str, str] = dict(Interest.objects.filter(slug__in=circles).values_list("slug", "name"))
    result = []
    for slug in circles:
        mine = [pk for pk, slugs in circles_of.items() if slug in slugs]
        counts = by_circle[slug]
        total = sum(counts.values()) or 1
        rivals = sorted(((name, n) for name, n in counts.items() if name != "__ours__"), key=lambda p: (-p[1], p[0]))
        result.append({"interest": slug, "name": names.get(slug, slug),
                       **_summary([scores[pk] for pk in mine]),
                       "share_of_voice": round(counts.get("__ours__", len(mine)) / total, 4),
                       "branded_items": sum(counts.values()),
                       "rivals": [{"brand": shown[key], "count": n, "share": round(n / total, 4)}
                                  for key, n in rivals[:TOP_RIVALS]]})
    return sorted(result, key=lambda r: (-r["count"], r["interest"]))

