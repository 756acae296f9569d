"""A small shop for the assistant's tests: realistic camping and commuting items with prices,
ingested and scored through the real pipeline, then given fixed statuses and 值得买指数 so the
expected kits do not depend on the scoring models' exact figures."""

from datetime import timedelta

from django.utils import timezone

from content.models import Item, ItemScore
from tests.factories import raw_item

# (title, body, price, worth, brand, extra fields)
SHOP = [
    ("牧高笛冷山 2 Pro 双人帐篷实测", "防风防雨，两个人十分钟搭好，重量 2.6kg。", 1349, 86, "牧高笛", {}),
    ("迪卡侬 Quechua 二秒速开帐篷 3 人", "抛出去就能用，公园野餐和营地过夜都合适。", 619, 72, "迪卡侬", {"kind": "deal"}),
    ("挪客云尚轻量化帐篷 1.5kg 徒步", "轻量化设计，徒步背着不累，单人双人都能住。", 899, 78, "挪客", {}),
    ("限时！超值家庭帐篷 4 人", "官方旗舰店限时特惠，立即抢购。", 299, 95, "某品牌", {"sponsored": True}),
    ("好价帐篷 今晚截止", "速开帐篷清仓价，库存不多。", 199, 90, "山之客", {"kind": "deal", "expired": True}),
    ("新品帐篷 待审核", "刚上架的帐篷，还没有人用过。", 150, 99, "新牌子", {"pending": True}),
    ("黑冰羽绒睡袋 零下 5 度可用", "充绒量 600g，秋天营地过夜很暖和。", 699, 80, "黑冰", {}),
    ("迪卡侬信封睡袋 夏季款", "夏天露营够用，可以拼接成双人。", 149, 66, "迪卡侬", {}),
    ("挪客自动充气睡垫 加厚 5cm", "充气十分钟，侧睡也不会压到地面。", 239, 70, "挪客", {}),
    ("铝膜防潮垫 加厚款", "便宜好用，铺在帐篷里隔潮。", 59, 60, "山之客", {}),
    ("黑鹿营地灯 可充电 暖光", "续航十二小时，挂在天幕下很亮。", 129, 75, "黑鹿", {}),
    ("复古露营灯 马灯款", "氛围感很好，亮度一般。", 69, 62, "山之客", {}),
    ("火枫卡式炉 户外便携", "风大也能点着，煮火锅很方便。", 199, 77, "火枫", {}),
    ("分体式炉头 超轻", "一个人徒步煮面够用。", 89, 64, "火枫", {}),
    ("索尼 WH-1000XM5 降噪耳机 通勤实测", "地铁里降噪很明显，续航 30 小时。", 2099, 85, "索尼", {}),
    ("漫步者蓝牙耳机 百元通勤", "通话降噪够用，学生党通勤推荐。", 199, 70, "漫步者", {}),
]
NOTE = ("第一次露营踩坑总结：帐篷、睡袋、防潮垫怎么选", "自费买了三套装备，实测对比了帐篷的防风和睡袋的温标，附照片和参数。")


def shop(stored) -> dict[str, Item]:
    """The shop, by title; every item approved unless marked pending, expired or sponsored."""
    raws = [raw_item(900 + n, title=title, body=body, price=price, original_price=price + 100, brand=brand,
                     product=title[:20], kind=extra.get("kind", "review"), sponsored=extra.get("sponsored", False))
            for n, (title, body, price, worth, brand, extra) in enumerate(SHOP)]
    raws.append(raw_item(990, title=NOTE[0], body=NOTE[1], price=None, original_price=None, kind="review"))
    items = {item.title: item for item in stored(*raws)}
    now = timezone.now()
    for title, _, _, worth, _, extra in SHOP:
        item = next(i for t, i in items.items() if t.startswith(title[:8]))
        status = "pending" if extra.get("pending") else "approved"
        expires = now - timedelta(hours=1) if extra.get("expired") else None
        Item.objects.filter(pk=item.pk).update(status=status, expires_at=expires, sponsored=bool(extra.get("sponsored")))
        ItemScore.objects.filter(item=item).update(worth_score=worth)
    note = next(i for t, i in items.items() if t.startswith(NOTE[0][:8]))
    Item.objects.filter(pk=note.pk).update(status="approved")
    ItemScore.objects.filter(item=note).update(content_reliability=95, worth_score=80)
    return {item.title: item for item in Item.objects.all()}
