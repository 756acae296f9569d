"""Take ambiguous and shopping-jargon keywords out of the seeded lexicon (interests/taxonomy.py).

An audit tagging the demo corpus and a sample of labelled shopping reviews found single words
that fire on the wrong topic: 返场 (the post-双11 encore sale, not an encore at a concert), 历史 in
历史低价, 拼 in 拼多多, 鱼 in 六种鱼猫粮, 颗粒 (kibble), 配方 (any recipe), 保护套, 关节 (a figure's
joints), shop names such as 网易严选 ... They are removed, re-tiered or replaced by longer forms.

Editors own the database lexicon, so this changes an entry only while it still is what the seed
wrote: a keyword is removed or re-weighed only if its weight is still the seed's, and a new one
is added only if the node does not list that word already. Reversible the same way.
Frozen data, not read from taxonomy.py, so later edits there cannot change what this does.
"""

from django.db import migrations

from interests.migrations._keyword_edits import keyword_edits

# slug -> {"remove": {word: seed weight}, "add": {word: weight}, "reweigh": {word: (old, new)}}
INTERESTS = {
    "digital": {"remove": {"评测": 0.3, "测评": 0.3, "参数": 0.3}, "add": {}, "reweigh": {}},
    "phones": {"remove": {"苹果": 0.3}, "add": {}, "reweigh": {}},
    "tablets": {"remove": {"保护套": 0.6}, "add": {"平板保护套": 0.6, "平板壳": 0.6}, "reweigh": {}},
    "digital-accessories": {"remove": {"配件": 0.3}, "add": {}, "reweigh": {}},
    "kitchen-appliances": {"remove": {}, "add": {}, "reweigh": {"预约": (0.6, 0.3)}},
    "fridges-washers": {"remove": {}, "add": {}, "reweigh": {"冷藏": (0.6, 0.3)}},
    "tvs": {
        "remove": {},
        "add": {},
        "reweigh": {
            "MiniLED": (1.0, 0.6),
            "OLED": (1.0, 0.3),
            "4K": (0.6, 0.3),
            "8K": (0.6, 0.3),
            "HDR": (0.6, 0.3),
        },
    },
    "fashion": {"remove": {"时尚": 0.3}, "add": {}, "reweigh": {}},
    "clothing": {"remove": {"厚": 0.3, "薄": 0.3}, "add": {}, "reweigh": {}},
    "bags": {"remove": {"容量": 0.3}, "add": {}, "reweigh": {}},
    "food": {"remove": {"早餐": 0.3}, "add": {}, "reweigh": {}},
    "fresh-fruit": {"remove": {"烂": 0.3}, "add": {}, "reweigh": {}},
    "dairy": {"remove": {"蛋白质": 0.6}, "add": {}, "reweigh": {}},
    "instant-food": {"remove": {"懒人": 0.3}, "add": {}, "reweigh": {}},
    "fishing": {"remove": {"鱼": 0.3}, "add": {}, "reweigh": {}},
    "running": {"remove": {"公里": 0.6}, "add": {}, "reweigh": {}},
    "hiking": {"remove": {"穿越": 0.6}, "add": {"重装穿越": 0.6}, "reweigh": {}},
    "toys": {"remove": {"周边": 0.6, "开箱": 0.3, "正版": 0.3}, "add": {}, "reweigh": {}},
    "figures": {"remove": {"预定": 0.6}, "add": {}, "reweigh": {}},
    "building-blocks": {
        "remove": {"颗粒": 0.6, "说明书": 0.6, "拼": 0.3},
        "add": {"拼插颗粒": 0.6, "积木颗粒": 0.6},
        "reweigh": {"颗粒度": (0.6, 0.3)},
    },
    "anime-merch": {"remove": {"周边": 0.6}, "add": {"谷子周边": 0.6, "动漫周边": 0.6}, "reweigh": {}},
    "concerts": {"remove": {"返场": 0.6}, "add": {}, "reweigh": {}},
    "livehouse": {"remove": {"返场": 0.6}, "add": {}, "reweigh": {}},
    "exhibitions": {"remove": {"预约": 0.6}, "add": {}, "reweigh": {}},
    "comedy": {"remove": {"互动": 0.6}, "add": {}, "reweigh": {}},
    "consoles": {"remove": {"会员": 0.3}, "add": {}, "reweigh": {}},
    "pc-games": {"remove": {"史低": 0.6}, "add": {}, "reweigh": {}},
    "books": {"remove": {"内容": 0.3}, "add": {}, "reweigh": {}},
    "humanities": {
        "remove": {"深度": 0.6, "角度": 0.3},
        "add": {},
        "reweigh": {"历史": (1.0, 0.6), "观点": (0.6, 0.3), "启发": (0.6, 0.3)},
    },
    "business-books": {"remove": {"企业": 0.6}, "add": {}, "reweigh": {}},
    "home": {"remove": {"网易严选": 0.8, "小米有品": 0.8}, "add": {}, "reweigh": {}},
    "formula": {
        "remove": {"一段": 1.0, "配方": 0.6},
        "add": {"配方奶": 1.0, "奶粉配方": 1.0, "一段奶粉": 1.0, "二段奶粉": 1.0, "三段奶粉": 1.0},
        "reweigh": {"二段": (1.0, 0.6), "三段": (1.0, 0.6)},
    },
    "maternity": {"remove": {"修复": 0.6}, "add": {"产后修复": 0.6}, "reweigh": {}},
    "dogs": {"remove": {}, "add": {}, "reweigh": {"狗": (0.6, 0.3)}},
    "pet-health": {"remove": {"关节": 1.0}, "add": {"宠物关节": 1.0}, "reweigh": {}},
    "small-pets": {"remove": {"鱼": 0.3}, "add": {}, "reweigh": {}},
    "auto": {"remove": {"车": 0.3}, "add": {}, "reweigh": {}},
    "car-care": {"remove": {"门店": 0.6, "维修": 0.6}, "add": {}, "reweigh": {}},
}

SCENARIOS = {
    "commute": {"remove": {}, "add": {}, "reweigh": {"打工人": (1.0, 0.3)}},
    "gifting": {"remove": {"包装": 0.3}, "add": {"礼品包装": 0.3}, "reweigh": {}},
    "festival": {
        "remove": {"活动": 0.3, "优惠券": 0.3, "限时": 0.3},
        "add": {},
        "reweigh": {"百亿补贴": (1.0, 0.3), "秒杀": (0.6, 0.3)},
    },
    "dorm": {"remove": {}, "add": {}, "reweigh": {"学生党": (1.0, 0.6)}},
    "rainy-day": {"remove": {"防水": 0.6}, "add": {}, "reweigh": {}},
}


forward, backward = keyword_edits(INTERESTS, SCENARIOS)


class Migration(migrations.Migration):
    dependencies = [("interests", "0004_events_and_profiles")]

    operations = [migrations.RunPython(forward, backward)]
