"""The scoring pass over a batch, as plain data: analyse each text once, run the learned models
(the interest classifier too) on one shared feature matrix, tag interests and scenarios, then
the twelve dimensions (the near-duplicate fingerprint is ingest's: content.ingest_plan stores it).
No database here (content.scoring.service reads facts and writes results)."""

import hashlib
import json
from dataclasses import dataclass, field

from content.scoring import learned
from content.scoring.analysis import MAX_ANALYSED_CHARS, Analysis, analyze
from content.scoring.facts import ItemFacts, Signals
from content.scoring.scorers import SCORER_VERSIONS, SCORERS
from interests.classifier import TaggerModel, interest_tags_batch, tagger_version
from interests.lexicon import Lexicon, current_lexicon
from interests.tagging import scenario_tags, title_token_count

ENGINE = "aiuc-1"


def engine_version() -> str:
    """Changes whenever a scorer or a model changes (the interest tagger too, as the scorers read
    its tags): items scored by another version are stale."""
    parts = json.dumps([ENGINE, SCORER_VERSIONS, sorted(learned.MODEL_VERSIONS.items()), tagger_version()])
    return f"{ENGINE}-{hashlib.sha1(parts.encode()).hexdigest()[:10]}"


@dataclass
class ScoredText:
    scores: dict[str, float]
    explanations: dict[str, str]
    signals: Signals
    notes: list[str] = field(default_factory=list)
    # The analysis' tokens, the first `title_tokens` of them the title's: the search document
    # is written from them (content.search), so text is segmented once per pass.
    tokens: list[str] = field(default_factory=list)
    title_tokens: int = 0


def score_batch(texts: list[tuple[str, str]], facts: list[ItemFacts], lexicon: Lexicon | None = None,
                tagger: TaggerModel | None = None) -> list[ScoredText]:
    """Score (title, body_text) pairs with their facts; one result per pair, in order. The
    lexicon defaults to the taxonomy as editors left it in the database, the interest tagger to
    the artifact in use (evaluations pass a refitted one)."""
    lexicon = lexicon or current_lexicon()
    analyses = [analyze(title, body) for title, body in texts]
    matrix = learned.features(analyses)
    positive = learned.sentiment_probabilities(analyses, matrix)
    advertorial = learned.advertorial_probabilities(analyses, matrix)
    interests = interest_tags_batch(analyses, matrix, lexicon, tagger)
    results = []
    for index, (analysis, item_facts) in enumerate(zip(analyses, facts, strict=True)):
        signals = Signals(
            positive_probability=float(positive[index]),
            advertorial_probability=float(advertorial[index]),
            hard_sell=learned.hard_sell_phrases(analysis),
            interests=interests[index],
            scenarios=scenario_tags(analysis, lexicon),
        )
        results.append(_score_one(analysis, item_facts, signals))
    return results


def _score_one(analysis: Analysis, facts: ItemFacts, signals: Signals) -> ScoredText:
    scores, explanations = {}, {}
    for key, scorer in SCORERS.items():
        value, explanations[key] = scorer(analysis, facts, signals)
        scores[key] = round(min(100.0, max(0.0, value)), 1)
    notes = []
    if analysis.truncated:
        notes.append(f"正文过长，只分析了前 {MAX_ANALYSED_CHARS} 个字符")
    if not analysis.words:
        notes.append("没有可分析的文字（可能只有图片或表情），各维度按缺少信息计分")
    return ScoredText(scores, explanations, signals, notes, analysis.tokens, title_token_count(analysis))
