"""The twelve AIUC dimensions (DESIGN.md §4): keys fixed, each defined once with its Chinese name
and its weight in the default scoring profile. Choices, serializers, filters, admin columns, the
radar chart, the default ScoringProfile and the shopper's dimension preferences all derive from
DIMENSION_DEFINITIONS.

Adding a dimension: its entry here, its scorer in scorers/, and migrations — the ItemScore column
(makemigrations) and a data migration that gives every stored ScoringProfile its default weight
(RunPython(content.scoring.profile.profiles_add_missing_weights)); a profile lacking a dimension is
refused by worth_score, never read as 0."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    name: str
    default_weight: float  # in the default profile's 值得买 index


# Trust and honesty weigh most: a gatekeeper ranks the reliable, non-advertorial, good-value
# first; reach (author, engagement) counts, but less, so that the loud do not drown the good.
DIMENSION_DEFINITIONS: dict[str, Dimension] = {
    "consumption_relevance": Dimension("消费相关性", 1.0),
    "content_reliability": Dimension("内容可靠性", 1.5),
    "information_density": Dimension("信息密度", 1.0),
    "author_popularity": Dimension("作者影响力", 0.4),
    "timeliness": Dimension("时效性", 0.8),
    "price_value": Dimension("价格力", 1.2),
    "originality": Dimension("原创度", 1.0),
    "engagement": Dimension("互动热度", 0.7),
    "sentiment": Dimension("口碑倾向", 0.8),
    "interest_clarity": Dimension("兴趣明确度", 0.5),
    "objectivity": Dimension("客观度", 1.5),
    "scenario_richness": Dimension("场景化程度", 0.4),
}
DIMENSIONS: dict[str, str] = {key: d.name for key, d in DIMENSION_DEFINITIONS.items()}
DIMENSION_KEYS: tuple[str, ...] = tuple(DIMENSION_DEFINITIONS)
DEFAULT_WEIGHTS: dict[str, float] = {key: d.default_weight for key, d in DIMENSION_DEFINITIONS.items()}
