"""Realistic items for the search and assistant tests: raw push-API items (ingested and scored
through the real pipeline by the `stored` fixture), each a different product."""

from tests.factories import raw_item

SEARCH_CORPUS = [
    dict(title="索尼 WH-1000XM5 降噪耳机实测三个月", brand="索尼", product="WH-1000XM5", price=2099, original_price=2499,
         body="通勤地铁上降噪效果很明显，低频噪音基本听不到；续航实测 28 小时。佩戴久了耳朵有点热。"),
    dict(title="Bose QC45 头戴降噪耳机好价 1599", brand="Bose", product="QC45", price=1599, original_price=2299, kind="deal",
         body="京东自营券后 1599 元，降噪和佩戴都很舒服，适合出差飞机上用。"),
    dict(title="百元蓝牙耳机横评：QCY、漫步者、小米谁更值", brand="漫步者", product="蓝牙耳机", price=129, original_price=199,
         body="五款百元蓝牙耳机对比续航、延迟和通话降噪，学生党通勤够用。"),
    dict(title="牧高笛冷山 2 Pro 帐篷真实分享", brand="牧高笛", product="冷山 2 Pro 帐篷", price=1349, original_price=1599,
         body="周末带娃去营地露营，两个人十分钟搭好，防风防雨表现不错，重量 2.6kg 背着也还行。"),
    dict(title="迪卡侬 Quechua 2 秒速开帐篷 3 人", brand="迪卡侬", product="Quechua 2 秒速开帐篷", price=619, original_price=899,
         kind="deal", body="速开帐篷抛出去就能用，公园野餐和营地过夜都合适，收纳有点大。"),
    dict(title="自动充气睡垫用了一季：露营睡得像在家", brand="挪客", product="自动充气睡垫", price=239, original_price=299,
         body="充气十分钟，侧睡也不会压到地面，防潮垫可以省了。"),
    dict(title="三顿半超即溶咖啡一周喝下来", brand="三顿半", product="超即溶咖啡", price=89, original_price=119,
         body="冷水也能三秒溶解，酸度比较明显，早上通勤路上冲一杯很方便。"),
    dict(title="戴森 V12 吸尘器养猫家庭使用半年", brand="戴森", product="V12 吸尘器", price=3999, original_price=4599,
         body="吸力很足，地毯上的猫毛一遍吸干净，激光显尘很好用，就是价格偏贵。"),
]


def corpus_items(*, start: int = 500) -> list[dict]:
    """The corpus as raw items, numbered from `start` (distinct external ids and URLs)."""
    items = []
    for offset, fields in enumerate(SEARCH_CORPUS):
        n = start + offset
        items.append(raw_item(n, **{"author": {"external_id": f"author-{n}", "name": "真实用户", "followers": 5000,
                                               "verified": True}, **fields}))
    return items
