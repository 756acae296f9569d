"""Dimensions of the market: price value, timeliness, engagement; and the model-backed
sentiment."""

import math
import re
from datetime import timedelta
from decimal import Decimal

from content.scoring.analysis import Analysis
from content.scoring.facts import ItemFacts, Score, Signals

VERSION = "market-1"

# How long an item stays fresh, by kind: a deal is news for a day, a review for weeks.
HALF_LIFE = {"deal": timedelta(days=1), "note": timedelta(days=10), "video": timedelta(days=10),
             "review": timedelta(days=30), "article": timedelta(days=45)}
TEXT_DISCOUNT = re.compile(r"(\d(?:\.\d)?)\s*折")
Z = 1.96  # Wilson lower bound at 95%


def _saving(price: Decimal, reference: Decimal | None) -> float | None:
    if reference is None or reference <= 0:
        return None
    return float(1 - price / reference)


def price_value(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    """Honest savings: the claimed list price only counts as far as the market and the
    product's own price history bear it out."""
    if facts.price is None:
        text_discounts = [float(m) for d in a.discounts for m in TEXT_DISCOUNT.findall(d) if 0 < float(m) < 10]
        if text_discounts:
            saving = 1 - min(text_discounts) / 10
            return Score(30 + 100 * saving, f"文中提到 {min(text_discounts):g} 折，但没有给出具体价格")
        if a.price_mentions:
            return Score(20, "提到了价格，但没有结构化的价格信息")
        return Score(5, "没有提到价格")
    claimed = _saving(facts.price, facts.original_price)
    history = _saving(facts.price, facts.price_facts.historical_low)
    market = _saving(facts.price, facts.price_facts.best_elsewhere)
    honest = claimed if claimed is not None and claimed > 0 else 0.0
    parts = [f"现价 {facts.price} {facts.currency}"]
    if claimed and claimed > 0:
        parts.append(f"标称比原价低 {claimed:.0%}")
    if history is not None and history >= 0:  # at or below the lowest price seen: a real low
        honest = max(honest, history) + 0.05
        parts.append("达到或低于历史最低价")
    elif history is not None:  # it has been cheaper before: the claimed discount is not the whole truth
        honest = min(honest, history)
        parts.append(f"高于历史最低价 {facts.price_facts.historical_low}")
    if market is not None and market < 0:
        honest = min(honest, market)
        parts.append(f"{facts.price_facts.best_elsewhere_merchant or '其他商家'}现价更低（{facts.price_facts.best_elsewhere}）")
    if a.markers["hype"]:
        honest += 0.03
    return Score(30 + 140 * honest, "，".join(parts))


def timeliness(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    if facts.published_at is None:
        return Score(40, "发布时间未知")
    age = max(timedelta(0), facts.now - facts.published_at)
    half_life = HALF_LIFE.get(facts.kind, timedelta(days=14))
    value = 100 * 0.5 ** (age / half_life)
    hours = age.total_seconds() / 3600
    explanation = f"发布于 {hours:.0f} 小时前" if hours < 48 else f"发布于 {hours / 24:.0f} 天前"
    if facts.expires_at is not None:
        left = facts.expires_at - facts.now
        if left <= timedelta(0):
            return Score(min(value, 3), explanation + "，优惠已过期")
        if left < timedelta(hours=6):
            value *= 0.6
            explanation += f"，优惠将在 {max(1, int(left.total_seconds() // 3600))} 小时内结束"
    return Score(value, explanation)


def wilson_lower_bound(positive: float, total: float) -> float:
    """Lower bound of the 95% Wilson interval of positive/total: few votes count for little."""
    if total == 0:
        return 0.0
    p = positive / total
    centre = p + Z * Z / (2 * total)
    spread = Z * math.sqrt((p * (1 - p) + Z * Z / (4 * total)) / total)
    return (centre - spread) / (1 + Z * Z / total)


def engagement(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    m = facts.metrics
    raw: float = m.get("likes", 0) + 2 * m.get("comments", 0) + 2 * m.get("favorites", 0) + 3 * m.get("shares", 0)
    raw += m.get("views", 0) / 100
    platform = 100 * min(1.0, math.log1p(raw) / math.log1p(facts.engagement_scale))
    votes = facts.votes_worth + facts.votes_not_worth
    parts = [f"平台互动 {int(raw)}"]
    if votes:
        wilson = wilson_lower_bound(facts.votes_worth, votes)
        weight = votes / (votes + 10)  # on-site votes count more as they accumulate
        platform = (1 - weight) * platform + weight * 100 * wilson
        parts.append(f"站内 {facts.votes_worth} 值 / {facts.votes_not_worth} 不值（威尔逊下限 {wilson:.2f}）")
    return Score(platform, "，".join(parts))


def sentiment(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    p = signals.positive_probability
    if not a.words:
        return Score(50, "没有文字，无法判断口碑")
    if p >= 0.7:
        label = "体验以正面为主"
    elif p <= 0.3:
        label = "体验以负面为主"
    else:
        label = "褒贬参半"
    return Score(100 * p, f"{label}（模型判断正面概率 {p:.0%}）")
