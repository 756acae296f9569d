"""How well 消费相关性 (consumption_relevance) separates shopping text from text that is not about
consumption, on text alone: every item gets the same kind and no price, brand or product, so only
the words can tell them apart.

Positives are the held-out 20% of the shopping reviews (the seeded split train_models keeps out of
the relevance table); negatives are news titles (../shared/data/news_titles, evaluation only:
read and measured, never fitted, nothing from them is written anywhere). Both are scored through
the scoring pass (content.scoring.engine.score_batch) twice: as bare text, and as items arrive
(title = the text's first TITLE_CHARS characters, body = the text). The baseline is the scorer
this project shipped before the text model (PURCHASE_WORDS, prices and the interest tags, as it
was), measured on the same run.
"""

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.utils import timezone
from sklearn.metrics import roc_auc_score

from content.scoring.analysis import Analysis, analyze
from content.scoring.engine import score_batch
from content.scoring.facts import ItemFacts, Signals
from content.scoring.lexicons import PURCHASE_WORDS

TITLE_CHARS = 28  # how platforms without titles cut one from the text (as evaluate_tagger does)
BATCH = 500


@dataclass(frozen=True)
class Labelled:
    text: str
    label: int  # 1 shopping, 0 not
    group: str  # news class, "reviews", or a hand-written kind


def load_news(path: Path) -> list[Labelled]:
    with open(path, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [Labelled(row["text"], 0, row["category"]) for row in rows]


def previous_relevance(a: Analysis, facts: ItemFacts, signals: Signals) -> float:
    """The consumption_relevance scorer before the text model (text-2), value only: purchase words,
    price mentions and facts as evidence, the interest tags' top weight when a keyword matched or
    the classifier was sure, saturating at 4."""
    purchase = set(t for t in a.tokens if t in PURCHASE_WORDS)
    evidence = len(purchase) * 0.8 + min(a.price_mentions, 3) * 0.6
    if facts.price is not None:
        evidence += 1.5
    if facts.brand or facts.product:
        evidence += 1.2
    if facts.kind in ("deal", "review"):
        evidence += 0.8
    if signals.interests:
        best = signals.interests[0]
        if best.matched or best.weight >= 0.5:
            evidence += best.weight * (1.5 if best.matched else 0.75)
    return round(min(100.0, 100.0 * (1.0 - math.exp(-max(0.0, evidence) / 4.0))), 1)


def score_texts(items: list[Labelled], kind: str, product_path: bool) -> dict[str, np.ndarray]:
    """Stored (rounded) consumption_relevance of the shipped scorer, and the previous scorer's value,
    for every text; as bare text or as title + body."""
    now = timezone.now()
    shipped, previous = [], []
    for start in range(0, len(items), BATCH):
        chunk = items[start:start + BATCH]
        pairs = [(item.text[:TITLE_CHARS], item.text) if product_path else ("", item.text) for item in chunk]
        facts = [ItemFacts(kind=kind, platform="evaluation", source_trust=50, now=now) for _ in chunk]
        for pair, fact, scored in zip(pairs, facts, score_batch(pairs, facts), strict=True):
            shipped.append(scored.scores["consumption_relevance"])
            previous.append(previous_relevance(analyze(*pair), fact, scored.signals))
    return {"shipped": np.array(shipped), "previous": np.array(previous)}


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    y = np.r_[np.ones(len(positive)), np.zeros(len(negative))]
    return round(float(roc_auc_score(y, np.r_[positive, negative])), 4)


def separation(items: list[Labelled], scores: np.ndarray) -> dict:
    """AUC overall and per negative group; the floor (lowest value given) and who sits on it."""
    labels = np.array([item.label for item in items])
    groups = np.array([item.group for item in items])
    positive, negative = scores[labels == 1], scores[labels == 0]
    floor = float(scores.min())
    by_group = {group: auc(positive, scores[(groups == group) & (labels == 0)])
                for group in sorted(set(groups[labels == 0]))}
    return {
        "auc": auc(positive, negative),
        "by_class": by_group,
        "floor": floor,
        "negatives_at_floor": round(float(np.mean(negative == floor)), 4),
        "positives_at_floor": round(float(np.mean(positive == floor)), 4),
        # how many news titles score below the 2nd percentile of reviews (the old floor held 51%)
        "negatives_below_2pct_positives": round(float(np.mean(negative < np.percentile(positive, 2))), 4),
        "distinct_values": int(len(np.unique(scores))),
        "n": {"positives": int(len(positive)), "negatives": int(len(negative))},
    }


def evaluate(reviews: list[Labelled], news: list[Labelled], complaints: list[Labelled], kind: str) -> dict:
    """Both scorers, bare text and product path, on reviews + news; and the hand-written delivery
    and after-sales complaints against the same news."""
    report: dict = defaultdict(dict)
    items = reviews + news
    for path_name, product_path in (("text", False), ("title_and_body", True)):
        scored = score_texts(items, kind, product_path)
        for scorer, scores in scored.items():
            report[path_name][scorer] = separation(items, scores)
    complaint_scores = score_texts(complaints + news, kind, product_path=False)
    for scorer, scores in complaint_scores.items():
        report["complaints"][scorer] = {
            "auc_against_news": auc(scores[: len(complaints)], scores[len(complaints):]),
            "median": float(np.median(scores[: len(complaints)])),
            "news_median": float(np.median(scores[len(complaints):])),
            "n": len(complaints),
        }
    return dict(report)
