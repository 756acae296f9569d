"""Dimensions read from the text analysis and its tags: consumption relevance, information
density, interest clarity, scenario richness."""

import math
from collections.abc import Sequence

from scipy.special import expit

from content.scoring import relevance
from content.scoring.analysis import Analysis
from content.scoring.facts import ItemFacts, Score, Signals
from content.scoring.lexicons import FILLER_TOKENS, is_informative

VERSION = f"text-3+{relevance.MODEL_VERSION}"  # the relevance table is part of this scorer


def saturating(x: float, scale: float) -> float:
    """0 at x=0, about 63% at x=scale, approaching 100 — diminishing returns of more evidence."""
    return 100.0 * (1.0 - math.exp(-max(0.0, x) / scale))


def quote(words: Sequence[str], limit: int = 3) -> str:
    return "".join(f"「{w}」" for w in words[:limit])


# How facts that are not text speak for consumption, as log-odds added to the text model's: a
# structured price, a named brand or product, a deal or a review (kinds partners set).
FACT_LOG_ODDS = {"price": 1.5, "brand_or_product": 1.2, "shopping_kind": 0.8}
# A keyword of the interest lexicon (camping, pets, concerts...: circles the shopping reviews the
# text model learnt from do not cover) adds this times the tag's weight. 3 was the smallest of the
# best on hand-written consumption texts of every circle (objectivity_labels.jsonl) against
# hand-written non-consumption sentences: AUC 0.983 without, 0.988 / 0.991 / 0.992 / 0.992 at 1-4.
MATCHED_INTEREST_LOG_ODDS = 3.0
# Calibrated log-odds are divided by this before the sigmoid, so that real text stays graded above
# the 0.1 rounding of stored scores: the least relevant hand-written sentences land near 3, not on 0.
RELEVANCE_SPREAD = 2.5


def consumption_relevance(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    """The text model's calibrated log-odds that this is shopping talk (content.scoring.relevance:
    shopping reviews against general Chinese, delivery and after-sales complaints included), plus
    the facts; graded, never a floor shared by all unrelated texts."""
    model = relevance.relevance_model()
    log_odds = model.log_odds(a.tokens) if a.words else model.intercept - 1.0
    reasons = []
    if facts.price is not None:
        log_odds += FACT_LOG_ODDS["price"]
        reasons.append("标明价格")
    if facts.brand or facts.product:
        log_odds += FACT_LOG_ODDS["brand_or_product"]
        reasons.append(f"品牌 / 商品「{facts.brand or facts.product}」")
    if facts.kind in ("deal", "review"):
        log_odds += FACT_LOG_ODDS["shopping_kind"]
    matched = signals.interests[0] if signals.interests and signals.interests[0].matched else None
    if matched:
        log_odds += MATCHED_INTEREST_LOG_ODDS * matched.weight
        reasons.append(f"属于「{matched.name}」（命中{quote(matched.matched)}）")
    value = 100.0 * float(expit(log_odds / RELEVANCE_SPREAD))  # expit: no overflow on a 200 KB text
    for_words, against_words = model.telling_words(a.tokens)
    if not a.words:
        reasons.insert(0, "没有可分析的文字")
    elif value >= 50:
        reasons.insert(0, f"用词像购物和使用体验的讨论（{quote(for_words) or '多处消费用语'}）")
    else:
        reasons.insert(0, f"用词更像新闻或其他话题（{quote(against_words) or '几乎没有消费用语'}）")
    return Score(value, "，".join(reasons))


def information_density(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    words = a.words
    if not words:
        return Score(0, "没有可分析的文字内容")
    distinct = sum(1 for w in set(words) if is_informative(w))  # each distinct word judged once
    filler = sum(1 for w in words if w in FILLER_TOKENS) + a.emoji + a.exclamations
    specifics = len(a.numbers_with_units) + len(a.markers["comparison"])
    ratio = distinct / max(len(words), 8)  # distinct informative words per word
    per_100_chars = specifics * 100 / max(a.length, 40)
    # Too short to inform, however dense: a one-liner cannot describe a product.
    length_factor = min(1.0, a.length / 80)
    value = (55 * ratio + 12 * min(per_100_chars, 3.5)) * (0.35 + 0.65 * length_factor)
    value -= min(25.0, filler * 60 / max(len(words), 10))
    parts = [f"{distinct} 个实义词"]
    if specifics:
        parts.append(f"{specifics} 处数据或对比（如{quote(a.numbers_with_units, 2) or '对比'}）")
    if filler > 3:
        parts.append(f"语气词、表情和感叹偏多（{filler} 处）")
    if a.length < 40:
        parts.append("篇幅很短")
    return Score(value, "，".join(parts))


def interest_clarity(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    top = [t for t in signals.interests if t.level == 1]
    if not top:
        return Score(0, "看不出属于哪个兴趣圈")
    best = top[0]
    runner_up = top[1].weight if len(top) > 1 else 0.0
    margin = 1.0 - runner_up / max(best.weight, 1e-6)
    children = [t for t in signals.interests if t.level == 2 and t.parent == best.slug]
    value = 100 * best.weight * (0.55 + 0.35 * margin + (0.1 if children else 0))
    label = children[0].name if children else best.name
    evidence = f"命中{quote(best.matched)}" if best.matched else f"模型判断，把握 {best.weight:.0%}"
    explanation = f"明确属于「{label}」（{evidence}）"
    if runner_up > 0.5 * best.weight:
        explanation += f"，也涉及「{top[1].name}」"
    return Score(value, explanation)


def scenario_richness(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    if not signals.scenarios:
        return Score(0, "没有提到具体的使用场景")
    total = sum(t.weight for t in signals.scenarios)
    names = "".join(f"「{t.name}」" for t in signals.scenarios[:3])
    return Score(saturating(total, 1.2), f"适合{names}等场景")
