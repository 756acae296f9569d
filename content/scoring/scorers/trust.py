"""Dimensions of trust: content reliability, originality, objectivity, author popularity."""

import math

from content.scoring.analysis import Analysis
from content.scoring.facts import ItemFacts, Score, Signals
from content.scoring.scorers.text import quote, saturating

VERSION = "trust-1"


def content_reliability(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    first_hand, exaggeration = a.markers["first_hand"], a.markers["exaggeration"]
    evidence = len(first_hand) * 1.0 + min(len(a.numbers_with_units), 5) * 0.5 + min(facts.images, 4) * 0.3
    if a.markers["drawback"]:
        evidence += 1.0  # naming a drawback is what honest first-hand reports do
    value = 0.35 * facts.source_trust + 0.30 * saturating(evidence, 3.0)
    parts = [f"来源可信度 {facts.source_trust}"]
    author = facts.author
    if author is not None:
        history = (1 - author.rejected / author.items) if author.items else 0.5
        value += (10 if author.verified else 0) + 10 * history * min(1.0, author.items / 5)
        parts.append("认证作者" if author.verified else f"作者已有 {author.items} 篇内容")
    value += min(15.0, 6.0 * facts.corroborating_sources)
    value -= min(30.0, 8.0 * len(exaggeration) + 6.0 * len(signals.hard_sell))
    if first_hand:
        parts.append(f"有亲身使用证据{quote(first_hand)}")
    if facts.corroborating_sources:
        parts.append(f"另有 {facts.corroborating_sources} 个来源佐证")
    if exaggeration:
        parts.append(f"有夸大用语{quote(exaggeration)}")
    return Score(value, "，".join(parts))


def originality(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    if facts.exact_copy:
        return Score(3, "与已收录的内容完全相同，是转载")
    if facts.duplicate_of is not None:
        similarity = facts.duplicate_similarity or 0.9
        return Score(100 * (1 - similarity) * 1.5,
                     f"与已收录的第 {facts.duplicate_of} 条内容高度相似（{similarity:.0%}），疑似洗稿或转载")
    if a.markers["repost"]:
        return Score(55, "未找到原文，但文中有转载标记")
    if facts.corroborating_sources:
        return Score(96, f"原创，已被 {facts.corroborating_sources} 个其他来源转载")
    return Score(90, "未发现相似的已收录内容")


def objectivity(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    value = 100 * (1 - signals.advertorial_probability)
    if signals.hard_sell:
        explanation = f"出现{quote(signals.hard_sell)}等强推销用语"
    elif value >= 70:
        explanation = "叙述平实，不像软文"
    else:
        explanation = "语气有推销倾向"
    if a.markers["drawback"]:
        value += 5
        explanation += "，也谈到了不足"
    if facts.sponsored:
        explanation += "（已声明为推广内容）"
    return Score(value, explanation + f"（软文概率 {signals.advertorial_probability:.0%}）")


def author_popularity(a: Analysis, facts: ItemFacts, signals: Signals) -> Score:
    author = facts.author
    if author is None:
        return Score(0, "没有作者信息")
    # Log scale, relative to what counts as a large following on this platform.
    reach = math.log10(author.followers + 1) / math.log10(author.follower_scale + 1)
    value = 85 * min(1.0, reach) + (10 if author.verified else 0) + min(5.0, author.items * 0.5)
    followers = f"{author.followers / 10000:.1f} 万" if author.followers >= 10000 else str(author.followers)
    return Score(value, f"粉丝 {followers}" + ("，认证作者" if author.verified else ""))
