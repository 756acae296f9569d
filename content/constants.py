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

# How a source's items reach us.
SOURCE_ADAPTERS = {
    "rss": "RSS / Atom 订阅",
    "page": "商品 / 文章页面",
    "file": "批量文件",
    "push": "推送 API",
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

METRIC_KEYS = ("likes", "comments", "favorites", "shares", "views")

CURRENCIES = ("CNY", "HKD", "TWD", "USD", "EUR", "JPY", "KRW", "GBP")


def choices(mapping: dict[str, str]) -> list[tuple[str, str]]:
    return list(mapping.items())
