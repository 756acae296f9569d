"""Vocabularies that many places need, defined once: choices, validation and admin derive from them."""

PLATFORMS = {
    "xiaohongshu": "小红书",
    "douyin": "抖音",
    "weibo": "微博",
    "zhihu": "知乎",
    "bilibili": "B站",
    "jd": "京东",
    "taobao": "淘宝",
    "pinduoduo": "拼多多",
    "smzdm": "什么值得买",
    "dianping": "大众点评",
    "rss": "RSS",
    "web": "网页",
    "other": "其他",
}

ITEM_KINDS = {
    "deal": "优惠",
    "review": "评测",
    "note": "笔记",
    "article": "文章",
    "video": "视频",
}

ITEM_STATUSES = {
    "pending": "待审核",
    "approved": "已通过",
    "rejected": "已拒绝",
    "featured": "精选",
}
VISIBLE_STATUSES = ("approved", "featured")

# Why an item is taken down or reported: one list shared by editors' rejections and shoppers'
# reports (DESIGN §6), so that a report and the decision on it speak the same language.
REASON_CODES = {
    "spam": "垃圾信息",
    "advertorial": "软文 / 未标注的推广",
    "fake": "虚假或不实信息",
    "expired": "已过期 / 售罄",
    "off_topic": "与消费无关",
    "duplicate": "重复 / 搬运",
    "unsafe": "违法或不安全",
    "other": "其他",
}

METRIC_KEYS = ("likes", "comments", "favorites", "shares", "views")

CURRENCIES = ("CNY", "HKD", "TWD", "USD", "EUR", "JPY", "KRW", "GBP")


def choices(mapping: dict[str, str]) -> list[tuple[str, str]]:
    return list(mapping.items())

# Each top level's colour (DESIGN §5's fixed slugs): a picture's placeholder, the demo's drawings.
TOP_LEVEL_COLOURS = {
    "digital": "#3b6fd8", "appliances": "#2f9e8f", "beauty": "#d9487c", "fashion": "#8a5cd6", "food": "#e07b39",
    "outdoor": "#4f9a3c", "toys": "#f0a31a", "entertainment": "#c2403a", "games": "#5a4fcf", "books": "#7a5a3a",
    "travel": "#2a8fc4", "home": "#a9784a", "baby": "#e58fb0", "pets": "#b07c2e", "auto": "#4a5a6a",
}

# Bounds of the columns an API input is compared with: a larger number can name no row, and the
# database cannot even compare it (SQLite overflows, PostgreSQL refuses): 400, not 500.
MAX_ROW_ID = 2**63 - 1  # BigAutoField
MAX_VERSION = 2**31 - 1  # PositiveIntegerField
