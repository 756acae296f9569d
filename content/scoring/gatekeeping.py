"""Gatekeeping after scoring: approve what clearly clears the profile's bar, reject clear spam
and exact copies, and queue the rest for editors with a risk priority. A pure policy."""

from dataclasses import dataclass

from content.scoring.facts import ItemFacts


@dataclass(frozen=True)
class Thresholds:
    approve_min_worth: float
    approve_min_reliability: float
    approve_min_objectivity: float
    reject_max_relevance: float
    reject_max_objectivity: float


@dataclass(frozen=True)
class GateDecision:
    gate: str  # approve | reject | queue
    reason: str
    risk: float  # 0–100: how urgently an editor should look


def decide(scores: dict[str, float], worth: float, facts: ItemFacts, limits: Thresholds) -> GateDecision:
    risk = review_risk(scores, facts)
    if facts.exact_copy:
        return GateDecision("reject", f"与第 {facts.duplicate_of} 条内容完全相同", risk)
    if scores["consumption_relevance"] < limits.reject_max_relevance and scores["objectivity"] < limits.reject_max_objectivity:
        return GateDecision("reject", "与消费无关的推销 / 垃圾内容", risk)
    failing = [
        label
        for label, value, minimum in (
            ("值得买指数", worth, limits.approve_min_worth),
            ("内容可靠性", scores["content_reliability"], limits.approve_min_reliability),
            ("客观度", scores["objectivity"], limits.approve_min_objectivity),
        )
        if value < minimum
    ]
    if not failing:
        return GateDecision("approve", "各项指标达到自动通过标准", risk)
    return GateDecision("queue", "未达自动通过标准：" + "、".join(failing), risk)


def review_risk(scores: dict[str, float], facts: ItemFacts) -> float:
    """Likely harm if this were wrong and shown: advertorial-ness and unreliability, weighted by
    how far it would reach; sponsored content and expired deals get a look sooner."""
    doubt = 0.5 * (100 - scores["objectivity"]) + 0.35 * (100 - scores["content_reliability"])
    doubt += 0.15 * (100 - scores["originality"])
    reach = 0.6 + 0.4 * max(scores["engagement"], scores["author_popularity"]) / 100
    bonus = (10 if facts.sponsored else 0) + (5 if scores["timeliness"] < 5 else 0)
    return round(min(100.0, doubt * reach + bonus), 1)
