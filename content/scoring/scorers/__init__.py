"""The twelve dimension scorers, by key. Each is a plain function
(analysis, facts, signals) -> Score, and each module carries a VERSION."""

from collections.abc import Callable

from content.scoring.analysis import Analysis
from content.scoring.dimensions import DIMENSION_KEYS
from content.scoring.facts import ItemFacts, Score, Signals
from content.scoring.scorers import market, text, trust

Scorer = Callable[[Analysis, ItemFacts, Signals], Score]

SCORERS: dict[str, Scorer] = {
    "consumption_relevance": text.consumption_relevance,
    "content_reliability": trust.content_reliability,
    "information_density": text.information_density,
    "author_popularity": trust.author_popularity,
    "timeliness": market.timeliness,
    "price_value": market.price_value,
    "originality": trust.originality,
    "engagement": market.engagement,
    "sentiment": market.sentiment,
    "interest_clarity": text.interest_clarity,
    "objectivity": trust.objectivity,
    "scenario_richness": text.scenario_richness,
}
SCORER_VERSIONS = (text.VERSION, trust.VERSION, market.VERSION)

assert tuple(SCORERS) == DIMENSION_KEYS, "every dimension needs exactly one scorer, in order"
