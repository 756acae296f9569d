"""消费相关性's text model: how much more likely a text is as shopping talk than as general Chinese.

Each word of jieba's general dictionary (dict.txt, the word frequencies of jieba's own mixed
corpus, shipped with the package we already tokenise with) carries a weight

    log P(word | shopping reviews) − log P(word | general Chinese)

with additive smoothing on both sides; a text's evidence is the sum over its tokens (naive Bayes
log-likelihood ratio: more words, more evidence, either way). Shopping reviews are positives we
may train on; the general dictionary is the negative side we may train on (jieba is MIT-licensed),
so no news or other evaluation text is ever fitted. Words the general dictionary does not know
(numbers, most Latin words, new names) carry no evidence: neither side can say how common they are,
and counting them let every unknown name look like shopping talk.

The evidence is calibrated on a validation slice (held-out reviews against hand-written
non-consumption sentences, content/scoring/data/relevance_validation.jsonl) to log-odds, which the
scorer turns into a graded 0–100 value. The table lives in artifacts/relevance.npz: 32-bit token
hashes (learned's murmurhash) sorted, with their weights; `manage.py train_models --only relevance`
writes it.
"""

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jieba
import numpy as np

from content.scoring import learned
from content.scoring.analysis import Analysis

ARTIFACT = learned.ARTIFACTS / "relevance.npz"
METADATA = learned.ARTIFACTS / "relevance.json"
VALIDATION_TEXTS = Path(__file__).resolve().parent / "data" / "relevance_validation.jsonl"
SMOOTHING = 0.5  # added to every word count on both sides (0.5 beat 1.0 on the validation slice)
WORD = re.compile(r"\w")


def general_dictionary() -> Path:
    """jieba's own dict.txt (word, frequency, part of speech), not our user dictionary."""
    return Path(jieba.__file__).resolve().parent / "dict.txt"


def read_general_frequencies(path: Path | None = None) -> Counter:
    frequencies: Counter = Counter()
    with open(path or general_dictionary(), encoding="utf-8") as lines:
        for line in lines:
            word, frequency, *_ = line.split()
            frequencies[word] += int(frequency)
    return frequencies


def shopping_word_counts(token_lists: Iterable[list[str]]) -> Counter:
    return Counter(token for tokens in token_lists for token in tokens if WORD.search(token))


def word_weights(shopping: Counter, general: Counter, smoothing: float = SMOOTHING) -> dict[str, float]:
    """Smoothed log-likelihood ratio of every word in the general table; both sides are
    distributions over that one vocabulary (shopping words outside it are not counted)."""
    vocabulary = len(general)
    shopping_total = sum(shopping.get(word, 0) for word in general) + smoothing * vocabulary
    general_total = sum(general.values()) + smoothing * vocabulary
    return {word: math.log((shopping.get(word, 0) + smoothing) / shopping_total)
            - math.log((count + smoothing) / general_total) for word, count in general.items()}


TELLING = 1.0  # a word whose weight is beyond ±this is named in the explanation
WEIGHT_CACHE_LIMIT = 500_000  # tokens whose weight a process keeps (as learned's token hashes)


@dataclass(frozen=True)
class RelevanceModel:
    """Word weights by token hash, and the calibration of their sum to log-odds."""

    hashes: np.ndarray  # uint32, sorted, unique
    weights: np.ndarray  # float32, per hash
    slope: float  # log-odds = slope · evidence + intercept (fitted on the validation slice)
    intercept: float
    # token -> its weight as a Python float: most tokens recur, and a dict lookup per token is a
    # fifth of a binary search of 349k hashes per text (the scorer's largest cost after jieba).
    _by_token: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)
    # The kept tokens that tell (|weight| > TELLING), for the explanation's words.
    _telling: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_weights(cls, weights: dict[str, float], slope: float = 1.0, intercept: float = 0.0) -> "RelevanceModel":
        by_hash: dict[int, float] = {}
        for word, weight in weights.items():
            by_hash.setdefault(learned.token_hash(word), weight)  # the rare colliding pair keeps one weight
        hashes = np.array(sorted(by_hash), dtype=np.uint32)
        return cls(hashes, np.array([by_hash[h] for h in hashes.tolist()], dtype=np.float32), slope, intercept)

    def token_weights(self, tokens: list[str]) -> list[float]:
        """Each token's weight, 0 for tokens the general dictionary does not know."""
        self._know(tokens)
        return list(map(self._by_token.__getitem__, tokens))

    def _know(self, tokens: list[str]) -> None:
        """Keep the weights of the tokens not kept yet, looked up in the table in one search."""
        if all(map(self._by_token.__contains__, tokens)):
            return
        if len(self._by_token) >= WEIGHT_CACHE_LIMIT:
            self._by_token.clear()
            self._telling.clear()
        missing = list(dict.fromkeys(t for t in tokens if t not in self._by_token))
        codes = learned.token_codes(missing, np.uint32)
        found = np.zeros(len(codes), np.float32)
        if len(self.hashes):
            at = np.minimum(np.searchsorted(self.hashes, codes), len(self.hashes) - 1)
            found = np.where(self.hashes[at] == codes, self.weights[at], np.float32(0))
        weights = found.tolist()
        self._by_token.update(zip(missing, weights, strict=True))
        self._telling.update((t, w) for t, w in zip(missing, weights, strict=True) if not -TELLING <= w <= TELLING)

    def evidence(self, tokens: list[str]) -> float:
        return math.fsum(self.token_weights(tokens))

    def log_odds(self, tokens: list[str]) -> float:
        """Calibrated log-odds of shopping talk."""
        return self.slope * self.evidence(tokens) + self.intercept

    def telling_words(self, tokens: list[str], limit: int = 3) -> tuple[list[str], list[str]]:
        """The words that speak most for shopping talk, and most against it, strongest first."""
        self._know(tokens)
        # Only the telling words are sorted (a handful of a review's seventy, picked out by one C
        # loop), each once, in the order of its first mention: a stable sort breaks ties as one of
        # all words did.
        telling = self._telling
        words = list(filter(telling.__contains__, tokens))
        strong = {w: telling[w] for w in words if telling[w] > 0}
        against = {w: telling[w] for w in words if telling[w] < 0}
        return sorted(strong, key=strong.__getitem__)[::-1][:limit], sorted(against, key=against.__getitem__)[:limit]

    def save(self, path: Path) -> None:
        np.savez_compressed(path, hashes=self.hashes, weights=self.weights,
                            calibration=np.array([self.slope, self.intercept], dtype=np.float64))

    @classmethod
    def load(cls, path: Path) -> "RelevanceModel":
        with np.load(path) as arrays:
            slope, intercept = arrays["calibration"].tolist()
            return cls(arrays["hashes"], arrays["weights"], slope, intercept)


@cache
def relevance_model() -> RelevanceModel:
    """The shipped table, loaded once per process."""
    if not ARTIFACT.exists():
        raise FileNotFoundError(f"{ARTIFACT} is missing: run `manage.py train_models --only relevance`")
    return RelevanceModel.load(ARTIFACT)


def text_log_odds(analysis: Analysis) -> float:
    return relevance_model().log_odds(analysis.tokens)


def load_validation_texts(path: Path = VALIDATION_TEXTS) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _read_version() -> str:
    try:
        return json.loads(METADATA.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "missing"


MODEL_VERSION = _read_version()
