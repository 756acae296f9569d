"""Behaviour vocabularies defined once: event types, interest states, the profile maths' defaults."""

EVENT_TYPES = {
    "impression": "曝光",
    "click": "点击",
    "dwell": "停留",
    "vote_worth": "投「值」",
    "vote_not_worth": "投「不值」",
    "favorite": "收藏",
    "share": "分享",
    "click_out": "去购买",
    "search": "搜索",
    "hide": "不感兴趣",
}
# Events about an item; a search is about a query instead.
ITEM_EVENT_TYPES = frozenset(EVENT_TYPES) - {"search"}

# How much one event says about interest in the item's topics. Impressions say what we showed,
# not what the shopper wanted; a hide says "not this", strongly.
EVENT_WEIGHTS = {
    "impression": 0.0,
    "click": 1.0,
    "dwell": 1.0,  # scaled by dwell time, see interests.profiles.event_strength
    "vote_worth": 2.0,
    "vote_not_worth": -1.0,
    "favorite": 3.0,
    "share": 2.0,
    "click_out": 2.5,
    "search": 1.5,
    "hide": -3.0,
}

INTEREST_STATES = {
    "auto": "根据行为推断",
    "followed": "我关注的",
    "muted": "已屏蔽",
    "deleted": "已删除",
}
