"""Campaigns: validation, their items (explicit or proposed by a brand / product match and
confirmed by an editor), and the sponsorship they confer while they run.

How campaign sponsorship composes with the source's flag: Item.sponsored stays the one flag
every surface reads (cards, the item page, the items API, organic pools, 值得买 lists), so a
running campaign's item is labelled 广告 / 推广 everywhere and never ranked organically. The
campaign sets it when it starts and clears it when it ends, undoing only what it set
(CampaignItem.applied): an item its source flagged stays flagged. Only brand content can be in a
campaign: a deal (an offer of the brand's product) or an item its source already flagged as
promotion, of the campaign's brand; a shopper's review, note, article or video that mentions the
brand is never eligible, so organic opinion never becomes sponsored."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from content.models import Item
from content.moderation.visibility import visibility_changed_after_commit
from interests.models import Interest, Scenario
from recommender.brands import brand_names_q
from recommender.models import Brand, Campaign, CampaignItem

RUNNING_KEY = "campaigns:running"
RUNNING_ITEMS_KEY = "campaigns:running-items"
RUNNING_TTL = 60  # seconds a paused, ended or re-capped campaign may still be placed from the cache
BRAND_CONTENT_KINDS = ("deal",)
MAX_NAME = 100
MAX_DAYS = 366


class CampaignError(ValueError):
    """Bad campaign input: `fields` maps each field to its Chinese messages."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__("; ".join(m for ms in fields.values() for m in ms))
        self.fields = fields


@dataclass(frozen=True)
class RunningCampaign:
    pk: int
    brand_id: int
    daily_cap: int
    frequency_cap: int
    targets: frozenset[int]  # target interest ids, children included; empty: everyone
    scenarios: frozenset[int]  # target scenario ids; empty: any moment


# Reads ---------------------------------------------------------------------------------------

def campaign_status(campaign: Campaign, *, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if campaign.ends_on < today:
        return "ended"
    if campaign.starts_on > today:
        return "scheduled"
    return "paused" if campaign.is_paused else "running"


STATUS_NAMES = {"scheduled": "未开始", "running": "进行中", "paused": "已暂停", "ended": "已结束"}


def running_q(today: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_on__lte": today, f"{prefix}ends_on__gte": today, f"{prefix}is_paused": False,
                f"{prefix}brand__is_active": True})


def campaigns_running() -> dict[int, RunningCampaign]:
    """The campaigns running today, from the cache (RUNNING_TTL; cleared on every change)."""
    running = cache.get(RUNNING_KEY)
    if running is None:
        today = timezone.localdate()
        campaigns = list(Campaign.objects.filter(running_q(today)).prefetch_related("target_interests",
                                                                                  "target_scenarios"))
        tops = {i.pk for c in campaigns for i in c.target_interests.all()}
        children = dict(Interest.objects.filter(parent_id__in=tops).values_list("pk", "parent_id"))
        running = {}
        for c in campaigns:
            targets = {i.pk for i in c.target_interests.all()}
            targets |= {child for child, parent in children.items() if parent in targets}
            running[c.pk] = RunningCampaign(c.pk, c.brand_id, c.daily_impression_cap, c.frequency_cap,
                                            frozenset(targets), frozenset(s.pk for s in c.target_scenarios.all()))
        cache.set(RUNNING_KEY, running, RUNNING_TTL)
    return running


def campaign_items_running() -> frozenset[int]:
    """The confirmed items of the running campaigns (cached like campaigns_running): sponsored
    now, so never in organic ranks, even from a pool computed before the campaign started."""
    items = cache.get(RUNNING_ITEMS_KEY)
    if items is None:
        items = frozenset(CampaignItem.objects.filter(running_q(timezone.localdate(), "campaign__"), state="confirmed")
                          .values_list("item_id", flat=True))
        cache.set(RUNNING_ITEMS_KEY, items, RUNNING_TTL)
    return items


def campaigns_changed() -> None:
    """Something placement reads changed (caps, dates, pause, items): read it afresh."""
    cache.delete_many([RUNNING_KEY, RUNNING_ITEMS_KEY])


def ineligibility(item: Item, brand: Brand) -> str:
    """Why the item cannot be in the brand's campaigns ("" when it can)."""
    if not Item.objects.filter(brand_names_q(brand), pk=item.pk).exists():
        return f"这条内容的品牌不是「{brand.name}」。"
    if item.duplicate_of_id:
        return "这是一条转载，请选择原始内容。"
    source_flagged = item.sponsored and not CampaignItem.objects.filter(item=item, applied=True).exists()
    if item.kind not in BRAND_CONTENT_KINDS and not source_flagged:
        return "只有品牌的商品优惠或来源已标注为推广的内容可以参加活动；用户的评测、笔记不会被变成广告。"
    return ""


def proposals_pending() -> QuerySet[CampaignItem]:
    """Items waiting for an editor: oldest first."""
    return (CampaignItem.objects.filter(state="proposed").select_related("campaign__brand", "item__source")
            .order_by("created_at", "pk"))


# Writes --------------------------------------------------------------------------------------

def campaign_validate(*, name: str, starts_on: date, ends_on: date, daily_impression_cap: int,
                      frequency_cap: int) -> None:
    errors: dict[str, list[str]] = {}
    if not name.strip() or len(name) > MAX_NAME:
        errors["name"] = [f"名称不能为空，最多 {MAX_NAME} 个字符。"]
    if ends_on < starts_on:
        errors["ends_on"] = ["结束日期不能早于开始日期。"]
    elif (ends_on - starts_on).days + 1 > MAX_DAYS:
        errors["ends_on"] = [f"一个活动最长 {MAX_DAYS} 天。"]
    if isinstance(daily_impression_cap, bool) or not isinstance(daily_impression_cap, int) \
            or not 1 <= daily_impression_cap <= Campaign.MAX_DAILY_CAP:
        errors["daily_impression_cap"] = [f"每日曝光上限应为 1 到 {Campaign.MAX_DAILY_CAP:,} 的整数。"]
    if isinstance(frequency_cap, bool) or not isinstance(frequency_cap, int) \
            or not 1 <= frequency_cap <= Campaign.MAX_FREQUENCY_CAP:
        errors["frequency_cap"] = [f"每人每日频次上限应为 1 到 {Campaign.MAX_FREQUENCY_CAP} 的整数。"]
    if errors:
        raise CampaignError(errors)


@transaction.atomic
def campaign_create(*, brand: Brand, name: str, starts_on: date, ends_on: date, daily_impression_cap: int = 1000,
                    frequency_cap: int = 3, interests: Sequence[Interest] = (), scenarios: Sequence[Scenario] = (),
                    items: Sequence[Item] = ()) -> Campaign:
    """A campaign with its explicitly chosen items (each must be eligible) and proposals for the
    brand's other eligible items, which wait for an editor."""
    campaign_validate(name=name, starts_on=starts_on, ends_on=ends_on, daily_impression_cap=daily_impression_cap,
                      frequency_cap=frequency_cap)
    refused = {str(item.pk): [why] for item in items if (why := ineligibility(item, brand))}
    if refused:
        raise CampaignError({"items": [f"内容 {pk}：{why[0]}" for pk, why in refused.items()]})
    campaign = Campaign.objects.create(brand=brand, name=name.strip(), starts_on=starts_on, ends_on=ends_on,
                                       daily_impression_cap=daily_impression_cap, frequency_cap=frequency_cap)
    campaign.target_interests.set(interests)
    campaign.target_scenarios.set(scenarios)
    CampaignItem.objects.bulk_create([CampaignItem(campaign=campaign, item=item, origin="explicit", state="confirmed",
                                                   decided_at=timezone.now()) for item in items])
    campaign_items_propose(campaign=campaign)
    transaction.on_commit(sponsorship_sync)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, **changes) -> Campaign:
    """Change name, dates, caps or pause; validated as a whole."""
    for field, value in changes.items():
        setattr(campaign, field, value)
    campaign_validate(name=campaign.name, starts_on=campaign.starts_on, ends_on=campaign.ends_on,
                      daily_impression_cap=campaign.daily_impression_cap, frequency_cap=campaign.frequency_cap)
    campaign.save(update_fields=list(changes))
    transaction.on_commit(sponsorship_sync)
    return campaign


def campaign_items_propose(*, campaign: Campaign) -> int:
    """Propose the brand's eligible items (by brand / product match) that are not in the
    campaign yet; editors confirm or reject them."""
    candidates = (Item.objects.filter(brand_names_q(campaign.brand), duplicate_of__isnull=True)
                  .filter(Q(kind__in=BRAND_CONTENT_KINDS) | Q(sponsored=True))
                  .exclude(campaign_entries__campaign=campaign).exclude(status="rejected"))
    # An item flagged only because another campaign applied it is not the source's promotion.
    applied_elsewhere = CampaignItem.objects.filter(applied=True).values("item_id")
    candidates = candidates.filter(Q(kind__in=BRAND_CONTENT_KINDS) | ~Q(pk__in=applied_elsewhere))
    rows = [CampaignItem(campaign=campaign, item_id=pk, origin="match", state="proposed")
            for pk in candidates.values_list("pk", flat=True)]
    return len(CampaignItem.objects.bulk_create(rows, ignore_conflicts=True))


def campaigns_propose_all() -> int:
    """Beat: proposals for every campaign that has not ended (new deals of the brand arrive)."""
    today = timezone.localdate()
    return sum(campaign_items_propose(campaign=c)
               for c in Campaign.objects.filter(ends_on__gte=today, brand__is_active=True).select_related("brand"))


@transaction.atomic
def campaign_item_decide(*, entry: CampaignItem, editor: AbstractBaseUser, confirm: bool) -> CampaignItem:
    """An editor confirms or rejects a proposed item (a confirmed one is checked again first)."""
    if confirm and (why := ineligibility(entry.item, entry.campaign.brand)):
        raise CampaignError({"item": [why]})
    entry.state = "confirmed" if confirm else "rejected"
    entry.decided_by, entry.decided_at = editor, timezone.now()
    entry.save(update_fields=["state", "decided_by", "decided_at"])
    transaction.on_commit(sponsorship_sync)
    return entry


@transaction.atomic
def sponsorship_sync(*, today: date | None = None) -> int:
    """Make Item.sponsored follow the running campaigns: set it on their confirmed items, clear
    it where a campaign that set it no longer runs (or dropped the item). Returns how many
    items changed. Run by beat every minute and after every campaign change."""
    today = today or timezone.localdate()
    running = list(CampaignItem.objects.filter(running_q(today, "campaign__"), state="confirmed")
                   .values_list("pk", "item_id", "item__sponsored", "applied"))
    running_items = {item for _, item, _, _ in running}
    applied_items = set(CampaignItem.objects.filter(applied=True).values_list("item_id", flat=True))
    # Flagged by the source (not by a campaign): the source's flag, left alone.
    to_apply = [pk for pk, item, sponsored, applied in running
                if not applied and (not sponsored or item in applied_items)]
    CampaignItem.objects.filter(pk__in=to_apply).update(applied=True)
    ours = CampaignItem.objects.filter(pk__in=[p for p, *_ in running], applied=True).values("item_id")
    flagged = list(Item.objects.filter(pk__in=ours, sponsored=False).values_list("pk", flat=True))
    Item.objects.filter(pk__in=flagged).update(sponsored=True)
    ended = CampaignItem.objects.filter(applied=True).exclude(pk__in=[p for p, *_ in running])
    released = set(ended.values_list("item_id", flat=True)) - running_items
    ended.update(applied=False)
    cleared = list(Item.objects.filter(pk__in=released, sponsored=True).values_list("pk", flat=True))
    Item.objects.filter(pk__in=cleared).update(sponsored=False)
    campaigns_changed()
    if flagged or cleared:
        # Feeds, pools and cards are keyed by the content epoch: the next request sees the
        # item as sponsored (or organic again), and the 值得买 lists are refreshed at once.
        visibility_changed_after_commit(flagged + cleared)
    return len(flagged) + len(cleared)


def campaign_days(campaign: Campaign) -> int:
    return (campaign.ends_on - campaign.starts_on).days + 1


def campaign_default_range(campaign: Campaign, *, today: date | None = None) -> tuple[date, date]:
    """The campaign's days up to today (at most the last 30), for the dashboard's first view."""
    today = today or timezone.localdate()
    end = min(campaign.ends_on, today)
    start = max(campaign.starts_on, end - timedelta(days=29))
    return (start, end) if start <= end else (today - timedelta(days=29), today)
