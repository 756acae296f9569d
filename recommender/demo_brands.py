"""Demo brands for `seed_demo`: 云鲸 (robot vacuums) and 大疆 (drones and cameras), each with a
campaign over its own items in the demo corpus, a member, and a month of served cards and
behaviour rolled up, so that the dashboard and the brand API show real numbers after `make run`.

The behaviour is synthetic but goes the way real traffic does: visitors are served campaign
cards (ServedPlacement), most report seeing them, a few click, fewer go out to buy; some
impressions are of cards never served (they must not count). Seeded once: an existing demo
brand is left alone."""

import random
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from content.models import Item
from interests.models import Event, Interest
from recommender.brands import brand_create, brand_member_add
from recommender.campaigns import campaign_create, sponsorship_sync
from recommender.models import Brand, ServedPlacement
from recommender.rollups import SETTLE, stats_rollup

DEMO_BRANDS = (
    # slug, name, aliases, member, campaign, days running so far, days to go, its circles
    ("narwal", "云鲸", ["Narwal"], "nora", "双12 扫拖机器人节", 24, 10, ["appliances", "robot-vacuums", "home"]),
    ("dji", "大疆", ["DJI"], "dylan", "Mini 4 Pro 畅飞季", 40, 20, ["digital", "cameras", "travel"]),
)
SEED = 20261212


def demo_brands_seed(*, accounts: bool, password: str, write: Callable[[str], None] = print) -> int:
    """Create the demo brands that do not exist yet; how many were created. Members are created
    only with `accounts` (DEBUG or --demo-accounts), and never over an existing account."""
    created = 0
    for slug, name, aliases, member, campaign_name, since, to_go, circles in DEMO_BRANDS:
        if Brand.objects.filter(slug=slug).exists():
            write(f"演示品牌 {name} 已存在，跳过")
            continue
        with transaction.atomic():
            brand = brand_create(name=name, slug=slug, aliases=aliases)
            if accounts:
                _member(brand, member, password, write)
            items = _own_items(brand)
            if not items:
                write(f"演示品牌 {name}：语料里没有它的商品或推广内容，未建活动")
                created += 1
                continue
            today = timezone.localdate()
            campaign = campaign_create(brand=brand, name=campaign_name, starts_on=today - timedelta(days=since),
                                       ends_on=today + timedelta(days=to_go), daily_impression_cap=400, frequency_cap=3,
                                       interests=list(Interest.objects.filter(slug=circles[0])), items=items)
            served, events = _traffic(campaign, items, circles, days=min(since, 30), rng=random.Random(f"{SEED}:{slug}"))
        created += 1
        write(f"演示品牌 {name}：活动「{campaign_name}」，{len(items)} 条内容，{served} 次展示，{events} 个行为事件")
    if created:
        sponsorship_sync()
        # Rows written just now count as settled: nothing else writes while the demo loads.
        stats_rollup(now=timezone.now() + SETTLE + timedelta(seconds=1))
    return created


def _member(brand: Brand, username: str, password: str, write: Callable[[str], None]) -> None:
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        write(f"账号 {username} 已存在，保持原样（不加入品牌）")
        return
    user = users(username=username)
    user.set_password(password)
    user.save()
    brand_member_add(brand=brand, user=user)
    write(f"演示品牌成员 {username}（{brand.name}），密码 {password}")


def _own_items(brand: Brand) -> list[Item]:
    """The brand's deals and the items its sources flagged as promotion (originals)."""
    names = Q()
    for name in brand.names:
        names |= Q(brand__iexact=name)
    return list(Item.objects.filter(names, duplicate_of__isnull=True).filter(Q(kind="deal") | Q(sponsored=True))
                .order_by("pk")[:3])


def _traffic(campaign, items: list[Item], circles: list[str], *, days: int, rng: random.Random) -> tuple[int, int]:
    """`days` of visitors served the campaign's cards, and what they did with them."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    placements, events = [], []
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        visitors = int(rng.gauss(60 + 2 * (days - back), 12))  # growing as the campaign goes on
        for n in range(max(5, visitors)):
            anonymous_id = f"demo{day:%m%d}{n:05d}{rng.randrange(16 ** 4):04x}"
            item = rng.choice(items)
            served_at = datetime.combine(day, time(rng.randrange(8, 23), rng.randrange(60)), zone)
            if served_at > timezone.now():
                continue
            placements.append(ServedPlacement(identity=f"a{anonymous_id}", campaign=campaign, item=item, day=day,
                                              served_at=served_at, interest=rng.choices(circles, weights=(6, 3, 1))[0]))
            events += _behaviour(anonymous_id, item, served_at, rng)
        # Forged: impressions of a card nobody served to these ids. They must count nothing.
        events += [Event(anonymous_id=f"forged{day:%m%d}{n:04d}", type="impression", item=rng.choice(items),
                         ts=datetime.combine(day, time(12), zone)) for n in range(3)]
    ServedPlacement.objects.bulk_create(placements, batch_size=1000)
    Event.objects.bulk_create(events, batch_size=1000)
    return len(placements), len(events)


def _behaviour(anonymous_id: str, item: Item, served_at: datetime, rng: random.Random) -> list[Event]:
    """What one visitor does with a card: seen (about 3 in 4), clicked, out to buy, saved."""
    done = []
    at = served_at
    for kind, chance in (("impression", 0.75), ("click", 0.06), ("click_out", 0.4), ("favorite", 0.25)):
        if rng.random() >= chance:
            break
        at += timedelta(seconds=rng.randrange(2, 90))
        done.append(Event(anonymous_id=anonymous_id, type=kind, item=item, ts=at))
    return done
