"""A campaign's statistics, read from the daily roll-ups (recommender.rollups): totals, a
zero-filled time series by day or week, a breakdown by interest circle, item or platform with
small cells suppressed, rates, and the comparison with the period before. A few queries over
at most 366 days × the campaign's cells, whatever the traffic was.

Metrics: `served` (cards the server served, once per shopper, item and day), `impressions`
(served cards the shopper's page reported seen), `clicks`, `click_outs` (去购买),
`engagements` (favourites, shares and 值 votes on served cards), `shoppers` (distinct shoppers
served on each day, summed over the days: a shopper served on three days counts three times),
`ctr` = clicks / impressions, `click_out_rate` = click_outs / impressions."""

import csv
import io
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone

from content.constants import PLATFORMS
from content.models import Item
from interests.models import Interest
from recommender.models import Campaign, CampaignReach, CampaignStat
from recommender.rollups import closed_through

COUNTERS = ("served", "impressions", "clicks", "click_outs", "engagements")
METRICS = (*COUNTERS, "shoppers", "ctr", "click_out_rate")
INTERVALS = ("day", "week")
BREAKDOWNS = ("interest", "item", "platform")
COMPARES = ("previous_period",)
FORMATS = ("json", "csv")
MAX_DAYS = 366
DEFAULT_DAYS = 30
MIN_SHOPPERS = 5  # a breakdown cell with fewer distinct shoppers is suppressed
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class StatsQueryError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class StatsQuery:
    start: date
    end: date
    interval: str = "day"
    breakdown: str = ""
    compare: str = ""
    format: str = "json"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _date(params: Mapping[str, str], name: str) -> date | None:
    raw = params.get(name, "")
    if not raw:
        return None
    try:
        if not ISO_DATE.match(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise StatsQueryError(name, f"{name} 不是有效的日期：{raw[:40]}（应为 YYYY-MM-DD）。") from None


def _choice(params: Mapping[str, str], name: str, choices: tuple[str, ...], default: str) -> str:
    value = params.get(name, default)
    if value not in (*choices, default):
        raise StatsQueryError(name, f"未知的 {name}：{value[:40]}，应为：{'、'.join(choices)}。")
    return value


def stats_query(params: Mapping[str, str], *, today: date | None = None, time_only: bool = False) -> StatsQuery:
    """The query's valid parameters (default: the last 30 days to today, by day), or
    StatsQueryError naming the first bad one. `time_only` for endpoints without breakdowns."""
    today = today or timezone.localdate()
    start, end = _date(params, "start"), _date(params, "end")
    end = end or (min(today, start + timedelta(days=DEFAULT_DAYS - 1)) if start else today)
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise StatsQueryError("start", f"开始日期 {start} 晚于结束日期 {end}。")
    if (end - start).days + 1 > MAX_DAYS:
        raise StatsQueryError("end", f"时间范围最长 {MAX_DAYS} 天，现在是 {(end - start).days + 1} 天。")
    interval = _choice(params, "interval", INTERVALS, "day")
    if time_only:
        return StatsQuery(start, end, interval)
    return StatsQuery(start, end, interval, _choice(params, "breakdown", BREAKDOWNS, ""),
                      _choice(params, "compare", COMPARES, ""), _choice(params, "format", FORMATS, "json"))


def buckets(start: date, end: date, interval: str) -> list[date]:
    """The first day of every bucket: each day, or each ISO week (Monday; the range's first
    week starts at `start`)."""
    if interval == "day":
        return [start + timedelta(days=n) for n in range((end - start).days + 1)]
    first = [start]
    monday = start - timedelta(days=start.weekday()) + timedelta(days=7)
    while monday <= end:
        first.append(monday)
        monday += timedelta(days=7)
    return first


def bucket_of(day: date, start: date, interval: str) -> date:
    return day if interval == "day" else max(start, day - timedelta(days=day.weekday()))


def with_rates(row: dict) -> dict:
    impressions = row.get("impressions") or 0
    row["ctr"] = round(row["clicks"] / impressions, 4) if impressions else None
    row["click_out_rate"] = round(row["click_outs"] / impressions, 4) if impressions else None
    return row


def _zero() -> dict:
    return dict.fromkeys((*COUNTERS, "shoppers"), 0)


def campaign_stats(campaign: Campaign, query: StatsQuery) -> dict:
    """The whole answer of the statistics endpoint, as plain data."""
    series, totals = _series(campaign, query.start, query.end, query.interval)
    body = {
        "campaign": {"id": campaign.pk, "name": campaign.name},
        "start": query.start.isoformat(), "end": query.end.isoformat(), "interval": query.interval,
        "closed_through": closed_through().isoformat(),
        "totals": totals,
        "timeseries": series,
    }
    if query.breakdown:
        body["breakdown"] = {"by": query.breakdown, "min_shoppers": MIN_SHOPPERS,
                             "results": campaign_breakdown(campaign, query.start, query.end, query.breakdown)}
    if query.compare:
        before_end = query.start - timedelta(days=1)
        before_start = before_end - timedelta(days=query.days - 1)
        _, before = _series(campaign, before_start, before_end, "day")
        body["comparison"] = {"start": before_start.isoformat(), "end": before_end.isoformat(), "totals": before,
                              "change": {m: _change(totals[m], before[m]) for m in METRICS}}
    return body


def _change(now: float | None, before: float | None) -> float | None:
    """Relative change (0.25 = +25%); None where there is nothing to compare with."""
    if now is None or not before:
        return None
    return round((now - before) / before, 4)


def _series(campaign: Campaign, start: date, end: date, interval: str) -> tuple[list[dict], dict]:
    rows: dict[date, dict] = {day: _zero() for day in buckets(start, end, interval)}
    daily = (CampaignStat.objects.filter(campaign=campaign, day__range=(start, end)).values("day")
             .annotate(**{c: Sum(c) for c in COUNTERS}).values_list("day", *COUNTERS))
    for day, *counts in daily:
        row = rows[bucket_of(day, start, interval)]
        for column, n in zip(COUNTERS, counts, strict=True):
            row[column] += n or 0
    for day, shoppers in CampaignReach.objects.filter(campaign=campaign, day__range=(start, end), dimension="total") \
            .values_list("day", "shoppers"):
        rows[bucket_of(day, start, interval)]["shoppers"] += shoppers
    totals = _zero()
    for row in rows.values():
        for column in totals:
            totals[column] += row[column]
    return [with_rates({"date": day.isoformat(), **row}) for day, row in rows.items()], with_rates(totals)


def campaign_breakdown(campaign: Campaign, start: date, end: date, by: str) -> list[dict]:
    """One row per interest circle, item or platform, most served first; rows with fewer than
    MIN_SHOPPERS shoppers are suppressed (and, when only one would be, the next smallest too,
    so that it cannot be worked out from the totals)."""
    field = {"interest": "interest", "item": "item_id", "platform": "platform"}[by]
    rows: dict = defaultdict(_zero)
    for key, *counts in (CampaignStat.objects.filter(campaign=campaign, day__range=(start, end)).values(field)
                         .annotate(**{c: Sum(c) for c in COUNTERS}).values_list(field, *COUNTERS)):
        rows[key].update(zip(COUNTERS, counts, strict=True))
    if by == "item":  # at this grain every served card is a distinct shopper of that day
        for row in rows.values():
            row["shoppers"] = row["served"]
    else:
        for key, shoppers in (CampaignReach.objects.filter(campaign=campaign, day__range=(start, end), dimension=by)
                              .values("key").annotate(n=Sum("shoppers")).values_list("key", "n")):
            if key in rows:
                rows[key]["shoppers"] = shoppers
    names = _names(by, set(rows))
    result = sorted(({"key": key, "name": names.get(key, str(key) or "未归类"), **with_rates(row), "suppressed": False}
                     for key, row in rows.items()), key=lambda r: (-r["served"], str(r["key"])))
    return _suppress(result)


def _names(by: str, keys: set) -> dict:
    if by == "interest":
        return dict(Interest.objects.filter(slug__in=keys).values_list("slug", "name"))
    if by == "item":
        return dict(Item.objects.filter(pk__in=keys).values_list("pk", "title"))
    return {key: PLATFORMS.get(key, key) for key in keys}


def _suppress(rows: list[dict]) -> list[dict]:
    small = [r for r in rows if r["shoppers"] < MIN_SHOPPERS]
    if len(small) == 1 and len(rows) > 1:
        small.append(min((r for r in rows if r not in small), key=lambda r: (r["shoppers"], r["served"])))
    for row in small:
        row.update(dict.fromkeys(METRICS, None), suppressed=True)
    return rows


def stats_csv(body: dict) -> str:
    """The answer as CSV: the breakdown's rows when one was asked for, else the time series;
    with the comparison's totals as a last row when asked for."""
    out = io.StringIO()
    writer = csv.writer(out)
    breakdown = body.get("breakdown")
    if breakdown:
        writer.writerow([breakdown["by"], "name", *METRICS, "suppressed"])
        for row in breakdown["results"]:
            writer.writerow([row["key"], row["name"], *(_cell(row[m]) for m in METRICS), int(row["suppressed"])])
    else:
        writer.writerow(["date", *METRICS])
        for row in body["timeseries"]:
            writer.writerow([row["date"], *(_cell(row[m]) for m in METRICS)])
    writer.writerow(["total", *([""] if breakdown else []), *(_cell(body["totals"][m]) for m in METRICS)])
    if "comparison" in body:
        writer.writerow([f"previous_period {body['comparison']['start']}..{body['comparison']['end']}",
                         *([""] if breakdown else []), *(_cell(body["comparison"]["totals"][m]) for m in METRICS)])
    return out.getvalue()


def _cell(value) -> str:
    return "" if value is None else str(value)
