"""The interest tagger's classifier, and how its top-level guess combines with the lexicon.

The lexicon (interests.tagging) knows every interest editors listed words for but needs the
product named; real reviews often say only "质量很好，物流很快". The classifier is trained on
category-labelled real reviews and editor-confirmed tags (interests.training), so it knows only
those top levels, but reads the whole text. Combined, per item:

- every lexicon tag stays, with its weight and matched words;
- the classifier's most probable top level, when its probability is at least CONFIDENT, is
  added (a tag with `matched=()`) or boosted to that probability if the lexicon's was lower;
- a lexicon tag of at least STRONG_LEXICON for a top level the classifier never saw (露营, 盲盒,
  演唱会 …) keeps the classifier's tag just below it, unless the classifier is SURE: it cannot
  know that topic, so its guess there is a guess among the wrong classes. Real reviews that
  merely mention such a word (带宝宝入住) get p > 0.999 from the text around it; posts about the
  unknown topic rarely pass 0.99 (measured on the held-out reviews and the demo corpus).

The model is one linear stack over the shared matrix `learned.features` (see training): its
coefficients come as one (N_FEATURES, 2K) matrix, so a batch costs one sparse product, plus a
few dense inputs per item (the lexicon's top-level weights and the text length). Loaded lazily
once per process; the artifact's mtime is checked at most every RELOAD_CHECK_SECONDS, so a
retrained tagger is picked up by running processes.
"""

import logging
import math
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

import numpy as np
import scipy.sparse as sp
from scipy.special import softmax

from content.scoring.analysis import Analysis
from content.scoring.learned import N_FEATURES
from interests.lexicon import Lexicon, current_lexicon
from interests.tagging import Tag, interest_tags
from interests.taxonomy import TOP_LEVEL_SLUGS

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
MODEL_FILE, METADATA_FILE = "tagger.npz", "tagger.json"
RELOAD_CHECK_SECONDS = 60.0
# Held-out reviews: the most probable top level is right 24% of the time at p 0.3-0.4, 46% at
# 0.4-0.5 and 95% above 0.5; below 0.4 a tag would mostly be noise.
CONFIDENT = 0.4
SURE = 0.99
STRONG_LEXICON = 0.5  # one strong keyword in the body (see interests.tagging)
BELOW = 0.001  # how far under a strong unknown-topic lexicon tag the classifier's tag stays
LENGTH_BINS = 8  # log2 buckets of the text length: 1, 2-3, 4-7 … 128+ characters
TOP_INDEX = {slug: i for i, slug in enumerate(TOP_LEVEL_SLUGS)}
DENSE_FEATURES = (*(f"lexicon:{slug}" for slug in TOP_LEVEL_SLUGS), *(f"length:{i}" for i in range(LENGTH_BINS)))

logger = logging.getLogger(__name__)


def dense_features(analyses: list[Analysis], lexicon_tags: list[list[Tag]]) -> np.ndarray:
    """Per item: the lexicon's weight for each fixed top level (its evidence, which the
    classifier learns how far to trust), then the one-hot log2 length bucket."""
    dense = np.zeros((len(analyses), len(DENSE_FEATURES)), np.float64)
    rows, cols, weights = [], [], []
    for row, (analysis, tags) in enumerate(zip(analyses, lexicon_tags, strict=True)):
        for tag in tags:
            if tag.level == 1 and tag.slug in TOP_INDEX:
                rows.append(row), cols.append(TOP_INDEX[tag.slug]), weights.append(tag.weight)
        rows.append(row), cols.append(len(TOP_INDEX) + min(LENGTH_BINS - 1, max(0, len(analysis.text).bit_length() - 1)))
        weights.append(1.0)
    dense[rows, cols] = weights
    return dense


@dataclass(frozen=True)
class TaggerModel:
    """softmax(X @ coef[:, :K] + (X @ coef[:, K:]) / ||X * idf|| + dense @ dense_coef + intercept)."""

    classes: tuple[str, ...]  # top-level slugs, K of them
    coef: np.ndarray  # (N_FEATURES, 2K) float32; rows of features never kept are zero
    idf: np.ndarray  # (N_FEATURES,) float32, zero where coef is: the second view's row norm
    dense_coef: np.ndarray  # (len(DENSE_FEATURES), K)
    intercept: np.ndarray  # (K,)
    version: str = ""  # stored with the coefficients, so a reader never pairs one with another's

    def probabilities(self, X: sp.csr_matrix, dense: np.ndarray) -> np.ndarray:
        k = len(self.classes)
        products = np.asarray(X @ self.coef, dtype=np.float64)
        squares = X.copy()
        squares.data **= 2
        norms = np.sqrt(np.asarray(squares @ (self.idf**2), dtype=np.float64))
        norms[norms == 0] = 1.0
        logits = products[:, :k] + products[:, k:] / norms[:, None] + dense @ self.dense_coef + self.intercept
        return softmax(logits, axis=1)

    def save(self, file: BinaryIO) -> None:
        """Only the kept rows, as float16: about a third of the features, small on disk."""
        rows = np.flatnonzero(self.idf)
        np.savez_compressed(
            file, version=np.array(self.version), classes=np.array(self.classes), rows=rows.astype(np.int32),
            coef=self.coef[rows].astype(np.float16), idf=self.idf[rows].astype(np.float16),
            dense_coef=self.dense_coef, intercept=self.intercept, dense_features=np.array(DENSE_FEATURES),
        )

    @classmethod
    def load(cls, path: Path) -> "TaggerModel":
        with np.load(path) as arrays:
            if tuple(arrays["dense_features"]) != DENSE_FEATURES:
                raise ValueError(f"{path} was trained on other dense features: retrain with train_tagger")
            rows, k = arrays["rows"], len(arrays["classes"])
            coef = np.zeros((N_FEATURES, 2 * k), np.float32)
            coef[rows] = arrays["coef"]
            idf = np.zeros(N_FEATURES, np.float32)
            idf[rows] = arrays["idf"]
            return cls(tuple(str(c) for c in arrays["classes"]), coef, idf, arrays["dense_coef"].astype(np.float64),
                       arrays["intercept"].astype(np.float64), str(arrays["version"]))

    def quantised(self) -> "TaggerModel":
        """The model as saved (float16), so training reports the figures the artifact gives."""
        return replace(self, coef=self.coef.astype(np.float16).astype(np.float32),
                       idf=self.idf.astype(np.float16).astype(np.float32))


def combine(tags: list[Tag], probabilities: np.ndarray, classes: tuple[str, ...], names: dict[str, str]) -> list[Tag]:
    """The lexicon's tags plus the classifier's confident top level (see the module doc)."""
    best = int(probabilities.argmax())
    probability, slug = float(probabilities[best]), classes[best]
    if probability < CONFIDENT or slug not in names:  # not confident, or editors retired it
        return tags
    ceiling = max((t.weight for t in tags if t.level == 1 and t.slug not in classes), default=0.0)
    held_below = ceiling >= STRONG_LEXICON and probability < SURE
    weight = round(min(probability, ceiling - BELOW) if held_below else probability, 4)
    current = next((t for t in tags if t.slug == slug), None)
    if current is not None and current.weight >= weight:
        return tags
    boosted = current._replace(weight=weight) if current else Tag(slug, names[slug], weight, 1, "", ())
    merged = [t for t in tags if t.slug != slug] + [boosted]
    merged.sort(key=lambda tag: (-tag.weight, tag.level, tag.slug))
    return merged


def top_level_names(lexicon: Lexicon) -> dict[str, str]:
    return {node.slug: node.name for node in lexicon.interests.nodes if node.level == 1}


def interest_tags_batch(analyses: list[Analysis], X: sp.csr_matrix, lexicon: Lexicon | None = None,
                        model: "TaggerModel | None" = None) -> list[list[Tag]]:
    """Interest tags of each analysed item, strongest first: the lexicon's, combined with the
    classifier's top level. X is `learned.features(analyses)`, shared with the other models.
    Without a trained artifact the lexicon's tags are returned unchanged."""
    lexicon = lexicon or current_lexicon()
    lexicon_tags = [interest_tags(analysis, lexicon) for analysis in analyses]
    model = model or current_model()
    if model is None or not analyses:
        return lexicon_tags
    probabilities = model.probabilities(X, dense_features(analyses, lexicon_tags))
    names = top_level_names(lexicon)
    return [combine(tags, row, model.classes, names) for tags, row in zip(lexicon_tags, probabilities, strict=True)]


# ---------------------------------------------------------------- loaded once per process


@dataclass(frozen=True)
class _Loaded:
    model: TaggerModel | None
    version: str
    mtime: float
    checked_at: float


_loaded: _Loaded | None = None
_lock = threading.Lock()


def current_model(directory: Path = ARTIFACTS) -> TaggerModel | None:
    """The shipped model, reloaded when its file changed (checked at most once a minute)."""
    global _loaded
    loaded, now = _loaded, time.monotonic()
    if loaded is not None and now - loaded.checked_at < RELOAD_CHECK_SECONDS:
        return loaded.model
    with _lock:
        path = directory / MODEL_FILE
        mtime = path.stat().st_mtime if path.exists() else math.nan
        if loaded is not None and (mtime == loaded.mtime or math.isnan(mtime)):
            _loaded = _Loaded(loaded.model, loaded.version, loaded.mtime, now)
        else:
            _loaded = _Loaded(*_read(directory), mtime, now)
        return _loaded.model


def _read(directory: Path) -> tuple[TaggerModel | None, str]:
    try:
        model = TaggerModel.load(directory / MODEL_FILE)
        return model, model.version
    except (OSError, ValueError, KeyError) as error:
        logger.warning("interest classifier unavailable, lexicon tags only: %s", error)
        return None, "missing"


def tagger_version() -> str:
    """The version of the model this process uses now ("missing" without an artifact)."""
    current_model()
    return _loaded.version if _loaded else "missing"


def __getattr__(name: str) -> str:
    # TAGGER_VERSION is read when asked for, so a retrained tagger shows its own version.
    if name == "TAGGER_VERSION":
        return tagger_version()
    raise AttributeError(name)


