"""Word lists the rule-based dimensions read. Sets of jieba tokens (lookups are O(1)) and a few
phrases matched on the text. Kept small and explicit: each list says what it is evidence of."""

import re

# Buying and using: evidence that a text is about consumption.
PURCHASE_WORDS = frozenset(
    "买 购买 入手 下单 剁手 拔草 种草 回购 复购 囤货 开箱 试用 使用 用了 用过 值得 值不值 性价比 优惠 "
    "券 领券 包邮 到手 价格 价位 原价 售价 便宜 贵 划算 好价 折扣 打折 满减 秒杀 预售 定金 尾款 店铺 "
    "旗舰店 自营 京东 天猫 淘宝 拼多多 抖音 商城 客服 物流 快递 发货 退货 退款 售后 保修 质保 型号 "
    "规格 尺码 颜色 版本 配置 套餐 门票 票价 抢票 订房 房价 预订 推荐 评测 测评 对比 选购 攻略 清单".split()
)
# First-hand evidence: the author actually bought, used or measured it.
FIRST_HAND = (
    r"实测|亲测|入手|用了\s*\d|用了[一两三四五六七八九十半]|开箱|实拍|晒单|自费|自己买|已购|购买了|"
    r"测了|测试了|我买的|我用的|上手|体验了|住了|吃了|喝了|穿了|戴了|去了|到货|收到"
)
# Exaggeration and absolutes: a warning sign for reliability.
EXAGGERATION = (
    r"史上最|全网最|绝对|100%|百分百|第一名|吊打|碾压|秒杀一切|神器|天花板|封神|无敌|完美无缺|"
    r"必买|必入|闭眼入|闭眼买|不买后悔|错过再等|一定要买|所有人都"
)
# Comparisons and measured specifics: information, not filler.
COMPARISON = (r"对比|相比|比起|比较|优于|不如|强于|弱于|(?i:\bvs\b|pk)|区别|差距|升级|换代|上一代")
FILLER_TOKENS = frozenset(
    "啊 呀 吧 呢 哦 嘛 哈 哈哈 哈哈哈 嘿嘿 嗯 真的 超级 超 巨 绝绝子 yyds 太 好 很 非常 特别 "
    "姐妹们 家人们 宝子们 集美们 冲 冲冲冲 救命 爱了 爱死 绝了 无语".split()
)


def is_informative(word: str) -> bool:
    """A word that says something: two characters or more, not filler (information density
    counts them; the interest classifier speaks only for texts with one)."""
    return len(word) >= 2 and word not in FILLER_TOKENS

# "不踩雷" is a hype phrase, not a drawback.
DRAWBACK = (r"缺点|不足|一般|但是|不过|可惜|遗憾|不太|有点|(?<!不)踩雷|失望|差评|槽点|吐槽")
HYPE_GOOD = (r"好价|神价|史低|历史低价|新低|白菜价|骨折价|值得买|速度|手慢无")
REPOST_MARK = (r"转发|转载|转自|来源[:：]|原文|搬运|//@")


# Every marker family above, found in one pass over the text by content.scoring.analysis (the
# scorers read the matches instead of scanning the text again, once per family).
MARKERS = {
    "first_hand": FIRST_HAND,
    "exaggeration": EXAGGERATION,
    "comparison": COMPARISON,
    "drawback": DRAWBACK,
    "hype": HYPE_GOOD,
    "repost": REPOST_MARK,
}
MARKER_SCANNER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in MARKERS.items()))
