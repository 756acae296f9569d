"""Dimensions read from the text analysis and its tags: consumption relevance, information
density, interest clarity, scenario richness."""

import math

from content.scoring.analysis import Analysis
from content.scoring.facts import ItemFacts, Score, Signals
from content.scoring.lexicons import FILLER_TOKENS, PURCHASE_WORDS, is_informative

VERSION = "text-2"
CLASSIFIER_EVIDENCE = 0.5


def saturating(x: float, scale: float) -> float:
    """0 at x=0, about 63% at x=scale, approaching 100 — diminishing returns of more evidence."""
    return 100.0 * (1.0 - math.exp(-max(0.0, x) / scale))


def quote(words: list[str], limit: int = 3) -> str:
    return "".join(f"「{w}」" for w in words[:limit])


def consumption_relevance(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    purchase = list(dict.fromkeys(t for t in a.tokens if t in PURCHASE_WORDS))
    evidence = len(purchase) * 0.8 + min(a.price_mentions, 3) * 0.6
    reasons = []
    if facts.price is not None:
        evidence += 1.5
        reasons.append("标明价格")
    if facts.brand or facts.product:
        evidence += 1.2
        reasons.append(f"品牌 / 商品「{facts.brand or facts.product}」")
    if facts.kind in ("deal", "review"):
        evidence += 0.8
    if signals.interests:
        # A keyword the lexicon matched is direct evidence. The classifier's top level (no
        # matched words) says the text reads like a shopping review; trained on reviews only,
        # it half-believes that of anything, so only a sure call (p >= 0.5) counts, for half.
        best = signals.interests[0]
        if best.matched or best.weight >= CLASSIFIER_EVIDENCE:
            evidence += best.weight * (1.5 if best.matched else 0.75)
    if purchase:
        reasons.append(f"含{quote(purchase)}等消费用语")
    if not reasons:
        return Score(saturating(evidence, 4.0), "几乎没有谈到商品、价格或购买使用")
    return Score(saturating(evidence, 4.0), "，".join(reasons))


def information_density(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    words = a.words
    if not words:
        return Score(0, "没有可分析的文字内容")
    informative = [w for w in words if is_informative(w)]
    filler = sum(1 for w in words if w in FILLER_TOKENS) + a.emoji + a.exclamations
    specifics = len(a.numbers_with_units) + len(a.markers["comparison"])
    ratio = len(set(informative)) / max(len(words), 8)  # distinct informative words per word
    per_100_chars = specifics * 100 / max(a.length, 40)
    # Too short to inform, however dense: a one-liner cannot describe a product.
    length_factor = min(1.0, a.length / 80)
    value = (55 * ratio + 12 * min(per_100_chars, 3.5)) * (0.35 + 0.65 * length_factor)
    value -= min(25.0, filler * 60 / max(len(words), 10))
    parts = [f"{len(set(informative))} 个实义词"]
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
