"""The twelve AIUC dimensions (DESIGN.md §4): keys fixed, defined once. Choices, serializers,
filters, admin columns and the radar chart all derive from DIMENSIONS."""

DIMENSIONS: dict[str, str] = {
    "consumption_relevance": "消费相关性",
    "content_reliability": "内容可靠性",
    "information_density": "信息密度",
    "author_popularity": "作者影响力",
    "timeliness": "时效性",
    "price_value": "价格力",
    "originality": "原创度",
    "engagement": "互动热度",
    "sentiment": "口碑倾向",
    "interest_clarity": "兴趣明确度",
    "objectivity": "客观度",
    "scenario_richness": "场景化程度",
}
DIMENSION_KEYS: tuple[str, ...] = tuple(DIMENSIONS)
