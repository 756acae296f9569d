"""Factories for rows the tests need; realistic Chinese content by default."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from content.models import Author, Item, ItemScore, Source
from content.scoring.dimensions import DIMENSION_KEYS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"shopper{n}")
    password = factory.django.Password("correct-horse-battery")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"source-{n}")
    title = "什么值得买 · 好价"
    platform = "smzdm"
    adapter = "push"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    platform = "xiaohongshu"
    external_id = factory.Sequence(lambda n: f"author-{n}")
    name = "露营的阿May"
    followers = 12000


PRODUCTS = [
    ("牧高笛", "冷山 2 帐篷"), ("索尼", "WH-1000XM5 耳机"), ("戴森", "V12 吸尘器"), ("三顿半", "超即溶咖啡"),
    ("泡泡玛特", "Molly 盲盒"), ("小米", "手环 9"), ("李宁", "赤兔 7 跑鞋"), ("珀莱雅", "双抗精华"),
    ("华为", "MatePad Air"), ("美的", "电热水器 60 升"), ("迪卡侬", "自动充气睡垫"), ("任天堂", "Switch 游戏卡"),
    ("伊利", "金典有机奶"), ("皇家", "室内成猫粮"), ("大疆", "Pocket 3 相机"), ("优衣库", "摇粒绒外套"),
    ("Snow Peak", "钛金属马克杯"), ("理想", "L6 车载冰箱"), ("中信出版", "《置身事内》"),
]
OPENERS = [
    "入手三个月，说说真实感受。", "双11 蹲了很久才下单。", "朋友推荐买的，用了两周。", "第一次写测评，轻喷。",
    "对比了三家店的价格才买。", "老婆送的生日礼物。", "公司年会抽中的，意外好用。", "换掉用了五年的旧款。",
    "看了很多博主的推荐才决定。", "直播间下单，到货很快。", "这是我买的第二个了。",
]
DETAILS = [
    "重量 2.1kg，两个人五分钟就能搭好。", "续航实测 28 小时，通勤一周充一次。", "吸力很足，地毯上的猫毛一遍吸干净。",
    "冷水也能三秒溶解，酸度比较明显。", "拆到了隐藏款，做工比上一代细致。", "睡眠监测挺准，和医院的结果差不多。",
    "鞋底回弹好，配速跑 5 分没有压力。", "质地清爽不黏腻，一周后闭口少了。", "屏幕素质不错，看剧追番很舒服。",
    "加热速度快，冬天洗澡水温很稳定。", "充气十分钟，侧睡也不会压到地面。", "剧情很长，周末能玩一整天。",
    "奶味浓郁，冷藏后口感更好。",
]
VERDICTS = [
    "缺点是前厅小，雨天放装备不够。", "唯一不满意的是颜色有点色差。", "价格偏贵，建议等大促再入。",
    "客服态度一般，发货慢了两天。", "包装简陋，送人不太合适。", "总体值这个价，会回购。", "说明书写得太简单。",
    "噪音有点大，晚上用会吵到家人。", "配件要另外买，有点坑。", "性价比很高，推荐给预算有限的人。",
    "耐用性还要再观察。", "和官网图片有差距。", "颜值很高，拍照出片。", "赠品很实用。", "物流很快，第二天就到。",
    "已经推荐给同事了。", "售后换货很爽快。",
]


# Fixed once per test run: relative, so test items never age out of what the tests expect of
# fresh posts, yet the same within a run, so re-sending an item is byte-for-byte the same item.
RAW_ITEM_PUBLISHED_AT = (timezone.now() - timedelta(days=2)).isoformat(timespec="seconds")


def raw_item(n: int = 1, **overrides) -> dict:
    """A push-API item as a partner platform would send it. Different n give clearly
    different texts (not near-duplicates of each other) for n below 143."""
    brand, product = PRODUCTS[n % len(PRODUCTS)]
    body = OPENERS[n % 11] + DETAILS[n % 13] + VERDICTS[n % 17]
    item = {
        "external_id": f"note-{n}",
        "url": f"https://www.xiaohongshu.com/explore/{n:024d}?xsec_token=abc&utm_source=share",
        "title": f"{brand}{product}：{OPENERS[(n + 5) % 11][:-1]}",
        "body": f"<p>{body}</p><p>到手价 {800 + n} 元。</p>",
        "kind": "review",
        "published_at": RAW_ITEM_PUBLISHED_AT,
        "author": {"external_id": "may-camping", "name": "露营的阿May", "followers": 12800, "verified": True},
        "price": f"到手价{800 + n}元",
        "original_price": 999 + n,
        "brand": brand,
        "product": product,
        "merchant": "天猫旗舰店",
        "images": [f"https://img.example.com/item-{n}.jpg"],
        "metrics": {"likes": 230, "comments": 41, "favorites": 310},
    }
    item.update(overrides)
    return item


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    source = factory.SubFactory(SourceFactory)
    external_id = factory.Sequence(lambda n: f"item-{n}")
    title = factory.Sequence(lambda n: f"第{n}款值得买的好物")
    body_text = "入手一个月，实测续航 12 小时。"
    url = factory.Sequence(lambda n: f"https://example.com/items/{n}")
    canonical_url = factory.SelfAttribute("url")
    canonical_url_hash = factory.Sequence(lambda n: f"{n:040x}")
    status = "approved"


def scored_item(*slugs: str, worth: float = 60.0, hours_old: float = 5, **fields) -> Item:
    """An approved item as the scoring pass leaves it: every dimension 50, the given 值得买
    index, tagged with these interests (weight 0.9), published `hours_old` hours ago."""
    from interests.models import Interest, ItemInterest

    fields.setdefault("published_at", timezone.now() - timedelta(hours=hours_old))
    item = ItemFactory(**fields)
    ItemScore.objects.create(item=item, worth_score=worth, scorer_version="test", profile_version=1,
                             scored_at=timezone.now(), gate="approve", **dict.fromkeys(DIMENSION_KEYS, 50.0))
    for slug in slugs:
        ItemInterest.objects.create(item=item, interest=Interest.objects.get(slug=slug), weight=0.9)
    return item
