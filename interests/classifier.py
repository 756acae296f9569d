"""The interest tagger's classifier, and how its top-level guess combines with the lexicon.

The lexicon (interests.tagging) knows every interest editors listed words for but needs the
product named; real reviews often say only "质量很好，物流很快". The classifier is trained on
category-labelled real reviews and editor-confirmed tags (interests.training), so it knows only
those top levels, but reads the whole text. Combined, per item:

- every lexicon tag stays, with its weight and matched words;
- the classifier's most probable top level, when its probability is at least CONFIDENT and the
  text has an informative word (not only 哈哈, emoji or filler), is added (a tag with `matched=()`) or
  boosted to that probability if the lexicon's was lower; a weak lexicon tag (under
  STRONG_LEXICON) of another top level the classifier knows is lowered just below it: the
  classifier read the lexicon's weights as inputs and still chose otherwise (a hotel review
  that mentions 手机 is travel). A strong lexicon tag (the product named) is never overruled:
  trained on reviews, the classifier misreads posts and deals (美妆横评 as 数码 at 0.61), and
  overruling strong tags cost 5 points of accuracy on the demo corpus;
- a lexicon tag of at least STRONG_LEXICON for a top level the classifier never saw (露营, 宠物,
  演唱会 …) means no classifier tag, unless the classifier is SURE: it cannot know that topic,
  so its guess there is a guess among the wrong classes (a cat-food deal read as 美妆 at 0.91).
  Real reviews that merely mention such a word (带宝宝入住) get p > 0.999 from the text around
  it, and then the classifier's tag leads; posts about the unknown topic rarely pass 0.99
  (measured on the held-out reviews and the demo corpus).

The model is two linear stacks over the shared matrix `learned.features` (see training), one
over the top levels and one over the top levels split by polarity, whose probabilities are
averaged: their coefficients come as one (N_FEATURES, 2C) matrix, so a batch costs one sparse
product, plus a few dense inputs per item (the lexicon's top-level weights and the text length). Loaded lazily
once per process; the artifact's mtime is checked at most every RELOAD_CHECK_SECONDS, so a
retrained tagger is picked up by running processes.
"""

import logging
import math
import threading
import time
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO

import numpy as np
import scipy.sparse as sp
from scipy.special import softmax

from content.scoring.analysis import Analysis
from content.scoring.learned import N_FEATURES
from content.scoring.lexicons import is_informative
from interests.lexicon import Lexicon, current_lexicon
from interests.tagging import Tag, interest_tags
from interests.taxonomy import TOP_LEVEL_SLUGS

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
MODEL_FILE, METADATA_FILE = "tagger.npz", "tagger.json"
RELOAD_CHECK_SECONDS = 60.0
# Held-out reviews: the most probable top level is right 34% of the time below p 0.4, 46% at
# 0.4-0.5, 58% at 0.5-0.7 and 99% above 0.9; the tag's weight is that probability, so a weak
# guess weighs little wherever tags are used.
CONFIDENT = 0.3
SURE = 0.999
# Trained on shopping reviews only, the classifier calls anything some shopping category
# ("哈哈哈哈" reads as 数码 at 0.71): it speaks only for texts with an informative word.
STRONG_LEXICON = 0.5  # one strong keyword in the body (see interests.tagging)
BELOW = 0.001  # how far under the classifier's tag a lexicon tag it overruled goes
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
                rows.append(row)
                cols.append(TOP_INDEX[tag.slug])
                weights.append(tag.weight)
        rows.append(row)
        cols.append(len(TOP_INDEX) + min(LENGTH_BINS - 1, max(0, len(analysis.text).bit_length() - 1)))
        weights.append(1.0)
    dense[rows, cols] = weights
    return dense


@dataclass(frozen=True)
class TaggerModel:
    """C logit columns, logits = X @ coef[:, :C] + (X @ coef[:, C:]) / ||X * idf|| + dense @ dense_coef
    + intercept, cut into softmax heads (`heads`, their sizes in column order). Each column is
    about one top level (`columns`); a head's probabilities are summed per top level, and the
    heads' are averaged. The shipped tagger has two heads: one over the K top levels, one over
    the top levels split by the polarity of the experience (see training)."""

    classes: tuple[str, ...]  # top-level slugs, K of them
    coef: np.ndarray  # (N_FEATURES, 2C) float32; rows of features never kept are zero
    idf: np.ndarray  # (N_FEATURES,) float32, zero where coef is: the second view's row norm
    dense_coef: np.ndarray  # (len(DENSE_FEATURES), C)
    intercept: np.ndarray  # (C,)
    version: str = ""  # stored with the coefficients, so a reader never pairs one with another's
    columns: tuple[str, ...] = ()  # the top level of each column; () is one column per class
    heads: tuple[int, ...] = ()  # softmax head sizes, summing to C; () is one head over all

    @property
    def column_classes(self) -> tuple[str, ...]:
        return self.columns or self.classes

    @property
    def head_sizes(self) -> tuple[int, ...]:
        return self.heads or (len(self.column_classes),)

    @cached_property
    def onto_classes(self) -> np.ndarray:
        """(C, K) 0/1: which top level each column's probability adds to (once per model, not per batch)."""
        matrix = np.zeros((len(self.column_classes), len(self.classes)))
        matrix[np.arange(len(self.column_classes)), [self.classes.index(slug) for slug in self.column_classes]] = 1.0
        return matrix

    def probabilities(self, X: sp.csr_matrix, dense: np.ndarray) -> np.ndarray:
        c = len(self.column_classes)
        products = np.asarray(X @ self.coef, dtype=np.float64)
        # ||row * idf||, touching only the stored entries (X is CSR)
        rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
        weighted = X.data.astype(np.float64) * self.idf[X.indices]
        norms = np.sqrt(np.bincount(rows, weights=weighted * weighted, minlength=X.shape[0]))
        norms[norms == 0] = 1.0
        logits = products[:, :c] + products[:, c:] / norms[:, None] + dense @ self.dense_coef + self.intercept
        bounds = np.cumsum((0, *self.head_sizes))
        heads = [softmax(logits[:, start:end], axis=1) @ self.onto_classes[start:end] for start, end in pairwise(bounds)]
        return sum(heads) / len(heads)

    def save(self, file: BinaryIO) -> None:
        """The kept rows only, each coefficient as one byte into its column's 256 levels."""
        kept = self.idf > 0
        codes, levels = encode_columns(self.coef[kept])
        np.savez_compressed(
            file, version=np.array(self.version), classes=np.array(self.classes), kept=np.packbits(kept),
            codes=codes, levels=levels, idf=self.idf[kept].astype(np.float16), dense_coef=self.dense_coef,
            intercept=self.intercept, dense_features=np.array(DENSE_FEATURES),
            columns=np.array(self.column_classes), heads=np.array(self.head_sizes),
        )

    @classmethod
    def load(cls, path: Path) -> "TaggerModel":
        with np.load(path) as arrays:
            if tuple(arrays["dense_features"]) != DENSE_FEATURES:
                raise ValueError(f"{path} was trained on other dense features: retrain with train_tagger")
            kept = np.unpackbits(arrays["kept"])[:N_FEATURES].astype(bool)
            codes, levels = arrays["codes"], arrays["levels"]
            coef = np.zeros((N_FEATURES, levels.shape[1]), np.float32)
            coef[kept] = np.take_along_axis(levels, codes.astype(np.intp), axis=0)
            idf = np.zeros(N_FEATURES, np.float32)
            idf[kept] = arrays["idf"]
            classes = tuple(str(c) for c in arrays["classes"])
            columns = tuple(str(c) for c in arrays["columns"]) if "columns" in arrays else classes  # older artifacts: one head
            heads = tuple(int(n) for n in arrays["heads"]) if "heads" in arrays else (len(columns),)
            if sum(heads) != len(columns) or coef.shape[1] != 2 * len(columns) or not set(columns) <= set(classes):
                raise ValueError(f"{path} has inconsistent columns: retrain with train_tagger")
            return cls(classes, coef, idf, arrays["dense_coef"].astype(np.float64), arrays["intercept"].astype(np.float64),
                       str(arrays["version"]), columns, heads)

    def quantised(self) -> "TaggerModel":
        """The model as saved, so training reports the figures the artifact gives."""
        kept = self.idf > 0
        codes, levels = encode_columns(self.coef[kept])
        coef = np.zeros_like(self.coef, dtype=np.float32)
        coef[kept] = np.take_along_axis(levels, codes.astype(np.intp), axis=0)
        return replace(self, coef=coef, idf=np.where(kept, self.idf.astype(np.float16), 0).astype(np.float32))


LEVELS = 256


def encode_columns(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(uint8 codes, (LEVELS, columns) float32 levels): per column, 1-D k-means (Lloyd, from
    quantiles) fits 256 levels; a column with at most 256 distinct values is kept exactly, so
    encoding a decoded matrix gives it back. float16 would take twice the space."""
    codes = np.zeros(matrix.shape, np.uint8)
    levels = np.zeros((LEVELS, matrix.shape[1]), np.float32)
    for j, column in enumerate(matrix.T.astype(np.float64)):
        distinct = np.unique(column)
        if len(distinct) <= LEVELS:
            centres = distinct
        else:
            centres = np.quantile(column, np.linspace(0, 1, LEVELS))
            for _ in range(12):
                nearest = _nearest(column, centres)
                sums = np.bincount(nearest, weights=column, minlength=LEVELS)
                counts = np.bincount(nearest, minlength=LEVELS)
                centres = np.sort(np.where(counts > 0, sums / np.maximum(counts, 1), centres))
        levels[: len(centres), j] = centres
        codes[:, j] = _nearest(column, levels[: len(centres), j].astype(np.float64))
    return codes, levels


def _nearest(values: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Index of the nearest of the sorted centres."""
    right = np.searchsorted(centres, values).clip(1, len(centres) - 1) if len(centres) > 1 else np.zeros(len(values), int)
    if len(centres) == 1:
        return right
    left_is_nearer = values - centres[right - 1] <= centres[right] - values
    return right - left_is_nearer


def has_informative_word(analysis: Analysis) -> bool:
    return any(is_informative(w) for w in analysis.words)


def combine(tags: list[Tag], probabilities: np.ndarray, classes: tuple[str, ...], names: dict[str, str]) -> list[Tag]:
    """The lexicon's tags plus the classifier's confident top level (see the module doc)."""
    best = int(probabilities.argmax())
    probability, slug = float(probabilities[best]), classes[best]
    if probability < CONFIDENT or slug not in names:  # not confident enough, or editors retired it
        return tags
    unknown_topic = max((t.weight for t in tags if t.level == 1 and t.slug not in classes), default=0.0)
    if unknown_topic >= STRONG_LEXICON and probability < SURE:
        return tags
    weight = round(probability, 4)
    current = next((t for t in tags if t.slug == slug), None)
    chosen = current._replace(weight=max(weight, current.weight)) if current else Tag(slug, names[slug], weight, 1, "", ())
    merged = [chosen] + [_below(t, chosen.weight) if t.level == 1 and t.slug in classes and t.weight < STRONG_LEXICON else t
                         for t in tags if t.slug != slug]
    merged.sort(key=lambda tag: (-tag.weight, tag.level, tag.slug))
    return merged


def _below(tag: Tag, weight: float) -> Tag:
    return tag._replace(weight=round(max(weight - BELOW, BELOW), 4)) if tag.weight >= weight else tag


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
    return [combine(tags, row, model.classes, names) if has_informative_word(analysis) else tags
            for analysis, tags, row in zip(analyses, lexicon_tags, probabilities, strict=True)]


# ---------------------------------------------------------------- loaded once per process


@dataclass(frozen=True)
class _Loaded:
    model: TaggerModel | None
    version: str
    mtime: float
    checked_at: float
    directory: Path


_loaded: _Loaded | None = None
_lock = threading.Lock()


def current_model(directory: Path | None = None) -> TaggerModel | None:
    """The model in `directory` (default ARTIFACTS), reloaded when its file changed (checked at
    most once a minute)."""
    global _loaded
    directory = directory or ARTIFACTS
    loaded, now = _loaded, time.monotonic()
    if loaded is not None and loaded.directory == directory and now - loaded.checked_at < RELOAD_CHECK_SECONDS:
        return loaded.model
    with _lock:
        path = directory / MODEL_FILE
        mtime = path.stat().st_mtime if path.exists() else math.nan
        if loaded is not None and loaded.directory == directory and (mtime == loaded.mtime or math.isnan(mtime)):
            _loaded = replace(loaded, checked_at=now)
        else:
            _loaded = _Loaded(*_read(directory), mtime, now, directory)
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
