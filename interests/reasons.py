"""Why an interest is held about a shopper, in words they can check ("你收藏了 3 篇「露营」相关内容")."""

PHRASES = {  # in order of how much they say
    "favorite": "你收藏了 {n} 篇「{name}」相关内容",
    "click_out": "你去购买过 {n} 次「{name}」相关商品",
    "vote_worth": "你给 {n} 篇「{name}」相关内容投了「值」",
    "share": "你分享了 {n} 篇「{name}」相关内容",
    "dwell": "你认真读了 {n} 篇「{name}」相关内容",
    "click": "你看过 {n} 篇「{name}」相关内容",
    "hide": "你对 {n} 篇「{name}」相关内容点了「不感兴趣」",
    "vote_not_worth": "你给 {n} 篇「{name}」相关内容投了「不值」",
}


def interest_reason(*, name: str, state: str, origin: str, evidence: dict) -> str:
    if state == "muted":
        return f"你屏蔽了「{name}」，不会再为你推荐"
    if state == "deleted":
        return f"你删除了「{name}」"
    parts = []
    if state == "followed":
        parts.append(f"你注册时选择了「{name}」" if origin == "onboarding" else f"你关注了「{name}」")
    parts += [phrase.format(n=evidence[kind], name=name) for kind, phrase in PHRASES.items() if evidence.get(kind)]
    if evidence.get("queries"):
        parts.append("你搜索过" + "".join(f"「{q}」" for q in evidence["queries"][-2:]))
    return "，".join(parts[:3]) or f"与「{name}」有关的浏览行为"
