"""Campaign roll-ups: served placements and behaviour events into daily aggregates per campaign
× interest circle × item (CampaignStat) and distinct shoppers per day (CampaignReach).

- Incremental: two cursors (StatsCursor) over the served-placement and event logs, in id order;
  every row is read once, whenever it arrives, so a late event is counted once, on the day of
  the placement it matches. Rows younger than SETTLE are left for the next run (a transaction
  may commit an id after a larger one was read).
- Unforgeable: an impression, click, click-out or engagement counts only when it matches a
  placement the server recorded for the same identity and item (served that day or the day
  before, not after the event), and only once per placement and kind. Impressions of cards
  never served, events under somebody else's id and resubmitted batches count nothing.
- Anonymous and final: aggregates name no shopper. Placements (personal data) are purged after
  recommender.placements' retention; a day older than OPEN_DAYS can no longer change, since no
  event that old is accepted. Erasing a shopper deletes their placements and events, never
  what was already rolled up.
- One run at a time: the cursors are locked for the transaction."""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from content.models import Item
from interests.events import MAX_AGE
from interests.models import Event
from recommender.models import CampaignReach, CampaignStat, ServedPlacement, StatsCursor
from recommender.placements import placements_purge

BATCH = 5000
MAX_BATCHES = 200  # per run; the next run goes on from the cursor
SETTLE = timedelta(seconds=30)
MAX_SKEW = timedelta(minutes=5)  # a client clock a little behind the server's
OPEN_DAYS = MAX_AGE.days + 2  # an event up to MAX_AGE old may match a placement of the day before
# Event type → (placement flag, aggregate column): each counted once per placement.
COUNTED = {
    "impression": ("impressed", "impressions"),
    "click": ("clicked", "clicks"),
    "click_out": ("clicked_out", "click_outs"),
    "favorite": ("engaged", "engagements"),
    "share": ("engaged", "engagements"),
    "vote_worth": ("engaged", "engagements"),
}
CellKey = tuple[int, date, str, int]  # campaign, day, interest, item


def closed_through(now: datetime | None = None) -> date:
    """The last day whose aggregates can no longer change."""
    return timezone.localdate(now or timezone.now()) - timedelta(days=OPEN_DAYS)


def stats_rollup(*, now: datetime | None = None, batch: int = BATCH) -> dict[str, int]:
    """Bring the aggregates up to date; how many placements and events were read."""
    now = now or timezone.now()
    served = events = 0
    for _ in range(MAX_BATCHES):
        read = _roll_served(now, batch)
        served += read
        if read < batch:
            break
    for _ in range(MAX_BATCHES):
        read = _roll_events(now, batch)
        events += read
        if read < batch:
            break
    placements_purge(now=now)
    return {"placements": served, "events": events}


def _read(log: str, rows: QuerySet, fields: tuple[str, ...], *, now: datetime, batch: int) -> tuple[StatsCursor, list]:
    """The log's cursor (locked until the transaction ends) and its next rows in id order, up
    to the first one too young to be read yet (the last field is when it was written)."""
    StatsCursor.objects.get_or_create(name=log)
    cursor = StatsCursor.objects.select_for_update().get(name=log)
    found = list(rows.filter(pk__gt=cursor.position).order_by("pk").values_list("pk", *fields)[:batch])
    for n, row in enumerate(found):
        if row[-1] > now - SETTLE:
            return cursor, found[:n]
    return cursor, found


def _advance(cursor: StatsCursor, rows: list[tuple]) -> int:
    cursor.position = rows[-1][0]
    cursor.save(update_fields=["position", "updated_at"])
    return len(rows)


@transaction.atomic
def _roll_served(now: datetime, batch: int) -> int:
    cursor, rows = _read("served-placements", ServedPlacement.objects.all(),
                         ("identity", "campaign_id", "item_id", "day", "interest", "served_at"), now=now, batch=batch)
    if not rows:
        return 0
    platforms = _platforms({row[3] for row in rows})
    cells: dict[CellKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    reach: dict[tuple[int, date, str, str], int] = defaultdict(int)
    seen = _reached_before(rows, cursor.position, platforms)
    for _, identity, campaign, item, day, interest, _ in rows:
        cells[(campaign, day, interest, item)]["served"] += 1
        for dimension, key in (("total", ""), ("interest", interest), ("platform", platforms.get(item, ""))):
            if (dimension, key) not in seen[(campaign, day, identity)]:
                seen[(campaign, day, identity)].add((dimension, key))
                reach[(campaign, day, dimension, key)] += 1
    _add_cells(cells, platforms)
    _add_reach(reach)
    return _advance(cursor, rows)


def _reached_before(rows: list[tuple], position: int, platforms: dict[int, str]) -> dict[tuple, set]:
    """For each (campaign, day, identity) of the batch, the (dimension, key) cells it was
    already counted in by earlier placements."""
    seen: dict[tuple, set] = defaultdict(set)
    wanted = {(campaign, day, identity) for _, identity, campaign, _, day, _, _ in rows}
    earlier = ServedPlacement.objects.filter(
        pk__lte=position, campaign_id__in={w[0] for w in wanted}, day__in={w[1] for w in wanted},
        identity__in={w[2] for w in wanted}).values_list("campaign_id", "day", "identity", "interest", "item_id")
    earlier = [row for row in earlier if row[:3] in wanted]
    platforms.update(_platforms({row[4] for row in earlier} - set(platforms)))
    for campaign, day, identity, interest, item in earlier:
        seen[(campaign, day, identity)] |= {("total", ""), ("interest", interest), ("platform", platforms.get(item, ""))}
    return seen


@transaction.atomic
def _roll_events(now: datetime, batch: int) -> int:
    cursor, rows = _read("events", Event.objects.all(), ("user_id", "anonymous_id", "type", "item_id", "ts", "received_at"),
                         now=now, batch=batch)
    if not rows:
        return 0
    counted = [(f"u{user}" if user else f"a{anonymous}", kind, item, ts)
               for _, user, anonymous, kind, item, ts, _ in rows if kind in COUNTED and item and (user or anonymous)]
    placements = _placements_for(counted)
    cells: dict[CellKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    flagged: dict[str, list[int]] = defaultdict(list)
    for identity, kind, item, ts in counted:
        placement = _matching(placements.get((identity, item), []), ts)
        flag, column = COUNTED[kind]
        if placement is None or placement[flag]:
            continue  # never served to this identity (forged or someone else's), or counted already
        placement[flag] = True
        flagged[flag].append(placement["pk"])
        cells[(placement["campaign_id"], placement["day"], placement["interest"], item)][column] += 1
    for flag, pks in flagged.items():
        ServedPlacement.objects.filter(pk__in=pks).update(**{flag: True})
    _add_cells(cells, _platforms({key[3] for key in cells}))
    return _advance(cursor, rows)


def _placements_for(counted: list[tuple]) -> dict[tuple[str, int], list[dict]]:
    if not counted:
        return {}
    days = {timezone.localdate(ts) - timedelta(days=back) for *_, ts in counted for back in (0, 1)}
    found: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for row in ServedPlacement.objects.filter(identity__in={c[0] for c in counted}, item_id__in={c[2] for c in counted},
                                              day__in=days).values("pk", "identity", "item_id", "campaign_id", "day",
                                                                   "interest", "served_at", *_flags()):
        found[(row["identity"], row["item_id"])].append(row)
    return found


def _flags() -> set[str]:
    return {flag for flag, _ in COUNTED.values()}


def _matching(placements: list[dict], ts: datetime) -> dict | None:
    """The placement an event at `ts` answers: served that day or the day before, not after
    the event; the latest such."""
    day = timezone.localdate(ts)
    fitting = [p for p in placements if p["served_at"] - MAX_SKEW <= ts and (day - p["day"]).days in (0, 1)]
    return max(fitting, key=lambda p: p["served_at"], default=None)


def _platforms(item_ids: set[int]) -> dict[int, str]:
    return dict(Item.objects.filter(pk__in=item_ids).values_list("pk", "source__platform")) if item_ids else {}


def _add_cells(cells: dict[CellKey, dict[str, int]], platforms: dict[int, str]) -> None:
    if not cells:
        return
    existing = {(s.campaign_id, s.day, s.interest, s.item_id): s for s in CampaignStat.objects.filter(
        campaign_id__in={k[0] for k in cells}, day__in={k[1] for k in cells}, item_id__in={k[3] for k in cells})}
    changed, new = [], []
    for key, counts in cells.items():
        stat = existing.get(key)
        if stat is None:
            stat = CampaignStat(campaign_id=key[0], day=key[1], interest=key[2], item_id=key[3],
                                platform=platforms.get(key[3], ""))
            new.append(stat)
        else:
            changed.append(stat)
        for column, n in counts.items():
            setattr(stat, column, getattr(stat, column) + n)
    CampaignStat.objects.bulk_create(new)
    CampaignStat.objects.bulk_update(changed, ["served", "impressions", "clicks", "click_outs", "engagements"])


def _add_reach(reach: dict[tuple[int, date, str, str], int]) -> None:
    existing = {(r.campaign_id, r.day, r.dimension, r.key): r for r in CampaignReach.objects.filter(
        campaign_id__in={k[0] for k in reach}, day__in={k[1] for k in reach})}
    changed, new = [], []
    for key, n in reach.items():
        row = existing.get(key)
        if row is None:
            new.append(CampaignReach(campaign_id=key[0], day=key[1], dimension=key[2], key=key[3], shoppers=n))
        else:
            row.shoppers += n
            changed.append(row)
    CampaignReach.objects.bulk_create(new)
    CampaignReach.objects.bulk_update(changed, ["shoppers"])
