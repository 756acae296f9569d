"""Learned text scores for two AIUC dimensions: P(positive experience) for 口碑倾向 (sentiment)
and P(hard-sell advertorial) for 客观度 (objectivity).

Contracts:
- Everything takes `Analysis` objects and never tokenises: token features come from
  `Analysis.tokens`, character n-grams and lexicon hits from `Analysis.text`.
- `features()` is the one shared sparse representation (also meant for the interest tagger):
  hashed token unigrams, token bigrams and character bigrams, sublinear tf, rows L2-normalised.
  It has no fitted vocabulary, so it depends on nothing but the text; each model folds its own
  idf weights into its coefficients.
- `char_features()` is sentiment's second view: signed hashed character 1-, 2- and 3-grams of
  the text alone (no tokens), the same weighting. Sentiment blends the logits of a model over each
  view (`SentimentBlend`); the two views err differently, and the blend beats either alone.
- Models are linear (logistic regression) over these features, plus for objectivity a few dense
  interpretable signals; coefficients are read lazily, once per process, from `artifacts/`
  (written by `manage.py train_models`). Rows are independent: a batch gives the same
  probabilities as one item at a time.
"""

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.utils import murmurhash3_32

from content.scoring.analysis import Analysis

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LEXICON = Path(__file__).resolve().parent / "data" / "hard_sell_lexicon.txt"
MODEL_NAMES = ("sentiment", "objectivity", "relevance")  # relevance: content.scoring.relevance
N_FEATURES = 2**18
CHAR_FEATURES = 2**19  # buckets of char_features(); 2**18 lost 0.001 AUC to collisions
# The sentiment blend's artifacts, by view: token view (over features()) and character view.
SENTIMENT_VIEWS = {"tokens": "sentiment", "chars": "sentiment_chars"}
HARD_SELL_SECTIONS = ("hype", "urgency", "call_to_action", "promo_address")
DENSE_SIGNALS = (
    "hard_sell_phrases", "call_to_action", "audience_address",
    "exclamations_per_sentence", "emoji_per_100_chars", "no_drawback_words",
)

# 64-bit mixing (splitmix64 finaliser) of two codes into one bucket; the salts keep token
# bigrams and character bigrams apart. Changing any of these invalidates the artifacts.
_MIX1, _MIX2, _MIX3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_TOKEN_PAIR_SALT, _CHAR_PAIR_SALT = np.uint64(0x5EED70CE), np.uint64(0xC4A2B16)
# Character n-grams: code points (< 2**21) packed three to a uint64 (a unigram is its code point,
# a bigram c1 << 21 | c2, a trigram c1 << 42 | c2 << 21 | c3: the orders cannot meet, as no code
# point in a text is 0), multiplied by an odd constant, top bits kept (Fibonacci hashing): the
# bucket, then one more bit for the sign. Changing any of these invalidates the artifacts.
_CODE_BITS = np.uint64(21)
_CHAR_GRAM_BITS = CHAR_FEATURES.bit_length()  # bucket << 1 | sign bit
_CHAR_GRAM_SHIFT = np.uint64(64 - _CHAR_GRAM_BITS)
# Both feature functions count (row, bucket) pairs as uint32 keys row << bits | bucket (see
# _distinct_counts), so they take at most this many rows per pass; bigger batches are stacked.
_FEATURE_ROWS_PER_PASS = 2 ** (32 - (N_FEATURES.bit_length() - 1))
_CHAR_ROWS_PER_PASS = 2 ** (31 - _CHAR_GRAM_BITS)  # 31: _NO_GRAM stays above every real key
_NO_GRAM = np.uint32(0xFFFFFFFF)  # key of a gram that crosses a text boundary: sorts last
_TOKEN_HASHES: dict[str, int] = {}  # murmurhash per token: most tokens recur, hashing is the slow part
_TOKEN_HASH_CACHE_LIMIT = 500_000


def _token_hash(token: str) -> int:
    if len(_TOKEN_HASHES) >= _TOKEN_HASH_CACHE_LIMIT:
        _TOKEN_HASHES.clear()
    # surrogatepass: a lone surrogate from bad input must not fail; other text hashes as UTF-8
    code = _TOKEN_HASHES[token] = murmurhash3_32(token.encode("utf-8", "surrogatepass"), seed=0, positive=True)
    return code


def token_hash(token: str) -> int:
    """The murmurhash of a token that features() uses, cached (also content.scoring.relevance's word key)."""
    code = _TOKEN_HASHES.get(token)
    return _token_hash(token) if code is None else code


def _mix(left: np.ndarray, right: np.ndarray, salt: np.uint64) -> np.ndarray:
    x = left * _MIX1 + right + salt  # uint64 arithmetic wraps, as intended
    x ^= x >> np.uint64(30)
    x *= _MIX2
    x ^= x >> np.uint64(27)
    x *= _MIX3
    return x ^ (x >> np.uint64(31))


def _pair_buckets(codes: np.ndarray, docs: np.ndarray, salt: np.uint64) -> tuple[np.ndarray, np.ndarray]:
    """(row, bucket) of every adjacent pair of codes that lies within one document."""
    same = (docs[1:] == docs[:-1]) & (docs[1:] >= 0)
    return docs[1:][same], _mix(codes[:-1][same], codes[1:][same], salt) % np.uint64(N_FEATURES)


def token_codes(tokens: list[str], dtype: type = np.uint64) -> np.ndarray:
    """token_hash of each token, as an array: cached hashes looked up in one pass."""
    codes = list(map(_TOKEN_HASHES.get, tokens))
    if None in codes:
        codes = [_token_hash(t) if c is None else c for c, t in zip(codes, tokens, strict=True)]
    return np.fromiter(codes, dtype=dtype, count=len(codes))


def analysis_token_codes(analysis: Analysis) -> np.ndarray:
    """token_codes of the analysis's tokens, kept on it: the features and the relevance table read them."""
    if analysis.token_codes is None:
        analysis.token_codes = token_codes(analysis.tokens)
    return analysis.token_codes


def _token_codes(analyses: list[Analysis]) -> tuple[np.ndarray, np.ndarray]:
    docs = np.repeat(np.arange(len(analyses)), [len(a.tokens) for a in analyses])
    codes = [analysis_token_codes(a) for a in analyses]
    return (np.concatenate(codes) if codes else np.zeros(0, np.uint64)), docs


def _char_codes(analyses: list[Analysis]) -> tuple[np.ndarray, np.ndarray]:
    """Code points of all texts joined by NUL (normalize_text removes NUL from texts)."""
    codes = np.frombuffer("\x00".join(a.text for a in analyses).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    docs = np.cumsum(codes == 0)
    docs[codes == 0] = -1  # separators pair with nothing (see _pair_buckets)
    return codes.astype(np.uint64), docs


def features(analyses: list[Analysis]) -> sp.csr_matrix:
    """The shared sparse features, one row per analysis: (len(analyses), N_FEATURES) float32."""
    return _in_passes(_feature_rows, analyses, _FEATURE_ROWS_PER_PASS, N_FEATURES)


def _feature_rows(analyses: list[Analysis]) -> sp.csr_matrix:
    token_codes, token_docs = _token_codes(analyses)
    char_codes, char_docs = _char_codes(analyses)
    pair_rows, pair_cols = _pair_buckets(token_codes, token_docs, _TOKEN_PAIR_SALT)
    char_rows, char_cols = _pair_buckets(char_codes, char_docs, _CHAR_PAIR_SALT)
    rows = np.concatenate([token_docs, pair_rows, char_rows]).astype(np.uint32)
    cols = np.concatenate([token_codes % np.uint64(N_FEATURES), pair_cols, char_cols]).astype(np.uint32)
    keys, counts = _distinct_counts(rows << np.uint32(N_FEATURES.bit_length() - 1) | cols)
    return _sublinear_l2(_key_matrix(keys, counts.astype(np.float32), len(analyses), N_FEATURES))


def _in_passes(build, analyses: list[Analysis], rows_per_pass: int, n_features: int) -> sp.csr_matrix:
    parts = [build(analyses[start:start + rows_per_pass]) for start in range(0, len(analyses), rows_per_pass)]
    if len(parts) == 1:
        return parts[0]
    return sp.vstack(parts, format="csr") if parts else sp.csr_matrix((0, n_features), dtype=np.float32)


def _distinct_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of uint32 keys in ascending order, and how often each occurs. Sorted in
    two stable 16-bit passes, low half first (numpy's radix sort): faster than np.sort on uint32,
    and than scipy's sum_duplicates."""
    order = np.argsort(keys.astype(np.uint16), kind="stable")
    order = order[np.argsort((keys >> np.uint32(16)).astype(np.uint16)[order], kind="stable")]
    keys = keys[order]
    starts = _run_starts(keys)
    return keys[starts], np.diff(starts, append=len(keys))


def _run_starts(sorted_keys: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in a sorted array."""
    if not len(sorted_keys):
        return np.zeros(0, np.intp)
    return np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))


def _key_matrix(keys: np.ndarray, values: np.ndarray, n_rows: int, n_features: int) -> sp.csr_matrix:
    """The CSR matrix of sorted, distinct keys row << log2(n_features) | column."""
    bits = np.uint32(n_features.bit_length() - 1)
    indptr = np.zeros(n_rows + 1, np.int32)
    np.cumsum(np.bincount(keys >> bits, minlength=n_rows), out=indptr[1:])
    matrix = sp.csr_matrix(
        (values, (keys & np.uint32(n_features - 1)).astype(np.int32), indptr), shape=(n_rows, n_features)
    )
    matrix.has_canonical_format = True  # sorted, no duplicates: nothing for scipy to check
    return matrix


def char_features(analyses: list[Analysis]) -> sp.csr_matrix:
    """Sentiment's character view, one row per analysis: (len(analyses), CHAR_FEATURES) float32.
    Character 1-, 2- and 3-grams of `analysis.text` with ASCII letters lower-cased, each adding
    ±(1 + log count) to its bucket (a hash bit picks the sign, so grams that share a bucket
    partly cancel instead of adding up: 0.0006 validation AUC over unsigned), rows
    L2-normalised; reads no tokens."""
    return _in_passes(_char_gram_rows, analyses, _CHAR_ROWS_PER_PASS, CHAR_FEATURES)


def _char_gram_keys(analyses: list[Analysis]) -> np.ndarray:
    """row << _CHAR_GRAM_BITS | bucket << 1 | sign of every character n-gram (all unigrams, then
    bigrams, then trigrams), with _NO_GRAM for the grams that would cross a text boundary."""
    text = "\x00".join(a.text for a in analyses)  # normalize_text removes NUL from texts
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = len(points)
    codes = np.zeros(n + 2, np.uint64)
    codes[:n] = points
    codes[:n] += ((points - np.uint32(ord("A"))) < np.uint32(26)) * np.uint64(32)  # A-Z -> a-z
    grams = np.empty((3, n), np.uint64)  # the unigram, bigram and trigram starting at each position
    grams[0] = codes[:n]
    np.bitwise_or(codes[:n] << _CODE_BITS, codes[1:n + 1], out=grams[1])
    np.bitwise_or(grams[1] << _CODE_BITS, codes[2:], out=grams[2])
    grams *= _MIX1  # uint64 arithmetic wraps, as intended
    grams >>= _CHAR_GRAM_SHIFT
    keys = grams.astype(np.uint32)
    separator = points == 0
    keys |= np.cumsum(separator, dtype=np.uint32) << np.uint32(_CHAR_GRAM_BITS)
    ends = np.append(np.flatnonzero(separator), n)  # where each text ends
    for length, row in enumerate(keys, start=1):
        for back in range(length):  # a gram of `length` starting at end - back reaches the end
            crossing = ends - back
            row[crossing[(crossing >= 0) & (crossing < n)]] = _NO_GRAM
    return keys.ravel()


def _char_gram_rows(analyses: list[Analysis]) -> sp.csr_matrix:
    keys, counts = _distinct_counts(_char_gram_keys(analyses))
    if len(keys) and keys[-1] == _NO_GRAM:
        keys, counts = keys[:-1], counts[:-1]
    values = 1 + np.log(counts.astype(np.float32))  # per distinct (row, gram)
    values *= (keys & np.uint32(1)).astype(np.float32) * 2 - 1  # the sign bit: 1 is +, 0 is −
    keys >>= np.uint32(1)  # row << bucket bits | bucket: a bucket's two signs are neighbours, sum them
    starts = _run_starts(keys)
    if len(starts) < len(keys):
        keys, values = keys[starts], np.add.reduceat(values, starts)
    return _l2_rows(_key_matrix(keys, values, len(analyses), CHAR_FEATURES))


def _sublinear_l2(counts: sp.csr_matrix) -> sp.csr_matrix:
    counts.data = 1 + np.log(counts.data)
    return _l2_rows(counts)


def _l2_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Each row divided by its L2 norm, in place; rows whose norm is 0 are left as they are."""
    lengths = np.diff(matrix.indptr)
    norms: np.ndarray | list = np.sqrt(np.add.reduceat(matrix.data**2, matrix.indptr[:-1][lengths > 0])) if matrix.nnz else []
    row_norms = np.ones(matrix.shape[0], np.float32)
    row_norms[lengths > 0] = norms
    row_norms[row_norms == 0] = 1
    matrix.data /= np.repeat(row_norms, lengths)
    return matrix


@dataclass(frozen=True)
class HardSellLexicon:
    pattern: re.Pattern  # every phrase, as a trie so the longest phrase at a position wins
    section_of: dict[str, str]


@cache
def hard_sell_lexicon(path: Path = LEXICON) -> HardSellLexicon:
    """The sectioned phrase list of hard_sell_lexicon.txt (see its header)."""
    section_of: dict[str, str] = {}
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif line and not line.startswith("#"):
            section_of.setdefault(line.lower(), section)
    return HardSellLexicon(re.compile(_trie_pattern(section_of)), section_of)


def _trie_pattern(phrases) -> str:
    """A regex equivalent to longest-first alternation of `phrases`, about 40% faster to run
    because shared prefixes are matched once."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alternatives = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        group = "(?:" + "|".join(alternatives) + ")"
        return group + "?" if "" in node else group

    return branch(trie)


def _lexicon_matches(analysis: Analysis) -> list[str]:
    """Every non-overlapping lexicon phrase in the text, in text order (matched once per item)."""
    if analysis.lexicon_hits is None:
        analysis.lexicon_hits = hard_sell_lexicon().pattern.findall(analysis.text.lower())
    return analysis.lexicon_hits


def hard_sell_phrases(analysis: Analysis) -> list[str]:
    """Hard-sell, urgency, call-to-action and promotional-address phrases found, each once, in
    order of first appearance (for explanations such as 出现「闭眼入」「手慢无」等强推销用语)."""
    section_of = hard_sell_lexicon().section_of
    found = [phrase for phrase in _lexicon_matches(analysis) if section_of[phrase] in HARD_SELL_SECTIONS]
    return list(dict.fromkeys(found))


def objectivity_signals(analysis: Analysis) -> list[float]:
    """The dense, interpretable advertorial signals, in DENSE_SIGNALS order."""
    section_of = hard_sell_lexicon().section_of
    sections = Counter(section_of[phrase] for phrase in _lexicon_matches(analysis))
    return [
        math.log1p(sum(sections[section] for section in HARD_SELL_SECTIONS)),
        math.log1p(sections["call_to_action"]),
        math.log1p(sections["promo_address"] + sections["second_person"]),
        min(analysis.exclamations / max(1, analysis.sentence_count), 2.0),
        min(100.0 * analysis.emoji / max(1, len(analysis.text)), 10.0),
        float(sections["drawback"] == 0),
    ]


@dataclass(frozen=True)
class LinearModel:
    """sigmoid(features · coef + standardised dense signals · dense_coef + intercept)."""

    coef: np.ndarray  # (N_FEATURES,) float32, the model's idf weights folded in
    intercept: float
    dense_coef: np.ndarray  # empty when the model uses features() only
    dense_mean: np.ndarray
    dense_scale: np.ndarray

    def logits(self, X: sp.csr_matrix, dense: np.ndarray | None = None) -> np.ndarray:
        logits = (X @ self.coef + self.intercept).astype(np.float64)
        if self.dense_coef.size:
            logits += ((dense - self.dense_mean) / self.dense_scale) @ self.dense_coef
        return logits

    def probabilities(self, X: sp.csr_matrix, dense: np.ndarray | None = None) -> np.ndarray:
        return expit(self.logits(X, dense))

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, coef=self.coef.astype(np.float32), intercept=np.float64(self.intercept),
            dense_coef=self.dense_coef, dense_mean=self.dense_mean, dense_scale=self.dense_scale,
        )

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        with np.load(path) as arrays:
            return cls(
                coef=arrays["coef"], intercept=float(arrays["intercept"]), dense_coef=arrays["dense_coef"],
                dense_mean=arrays["dense_mean"], dense_scale=arrays["dense_scale"],
            )


@dataclass(frozen=True)
class SentimentBlend:
    """sigmoid(token_weight · token-view logit + (1 − token_weight) · character-view logit)."""

    tokens: LinearModel  # over features()
    chars: LinearModel  # over char_features()
    token_weight: float  # chosen on a validation slice of the training side

    def view_logits(self, analyses: list[Analysis], X: sp.csr_matrix | None = None) -> dict[str, np.ndarray]:
        """Each view's own logit, by view name (see SENTIMENT_VIEWS). X: features(analyses)."""
        return {"tokens": self.tokens.logits(features(analyses) if X is None else X),
                "chars": self.chars.logits(char_features(analyses))}

    def blend(self, view_logits: dict[str, np.ndarray]) -> np.ndarray:
        """The blended probability from view_logits()."""
        return expit(self.token_weight * view_logits["tokens"] + (1 - self.token_weight) * view_logits["chars"])

    def probabilities(self, analyses: list[Analysis], X: sp.csr_matrix | None = None) -> np.ndarray:
        return self.blend(self.view_logits(analyses, X))


@cache
def sentiment_model() -> SentimentBlend:
    """The shipped sentiment blend: both views' coefficients and the weight in the metadata."""
    try:
        token_weight = float(metadata("sentiment")["blend"]["token_weight"])
    except (OSError, ValueError, KeyError) as error:
        raise FileNotFoundError(f"{ARTIFACTS / 'sentiment.json'} has no blend weight: run `manage.py "
                                "train_models` (see its --help)") from error
    return SentimentBlend(model(SENTIMENT_VIEWS["tokens"]), model(SENTIMENT_VIEWS["chars"]), token_weight)


@cache
def model(name: str) -> LinearModel:
    """The shipped linear model `name` (a file stem in artifacts/), loaded once per process."""
    path = ARTIFACTS / f"{name}.npz"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `manage.py train_models` (see its --help)")
    return LinearModel.load(path)


def metadata(name: str, directory: Path = ARTIFACTS) -> dict:
    """The training metadata written beside the model (version, command, inputs, metrics…)."""
    return json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))


def sentiment_probabilities(analyses: list[Analysis], X: sp.csr_matrix | None = None) -> np.ndarray:
    """P(the text describes a positive experience), one per analysis: the blend of the token and
    character views. X: features(analyses)."""
    return sentiment_model().probabilities(analyses, X)


def sentiment_view_probabilities(analyses: list[Analysis], X: sp.csr_matrix | None = None) -> dict[str, np.ndarray]:
    """Each sentiment view's own P(positive), by view name; for inspection and tests."""
    return {view: expit(logits) for view, logits in sentiment_model().view_logits(analyses, X).items()}


def advertorial_probabilities(analyses: list[Analysis], X: sp.csr_matrix | None = None) -> np.ndarray:
    """P(the text is a hard-sell advertorial or undisclosed promotion), one per analysis."""
    dense = np.array([objectivity_signals(a) for a in analyses], dtype=np.float64).reshape(-1, len(DENSE_SIGNALS))
    return model("objectivity").probabilities(features(analyses) if X is None else X, dense)


def _read_versions() -> dict[str, str]:
    versions = {}
    for name in MODEL_NAMES:
        try:
            versions[name] = metadata(name)["version"]
        except (OSError, ValueError, KeyError):
            versions[name] = "missing"
    return versions


MODEL_VERSIONS: dict[str, str] = _read_versions()
