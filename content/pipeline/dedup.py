"""Near-duplicate detection: normalised text, MinHash signature, LSH band keys, textual verification.

Pure functions, no Django. Flow: dedup_text -> content_hash (exact copies) and index_keys (the
ItemBand rows: MinHash of character bigrams cut into bands) -> items sharing a key are candidates
-> find_original verifies them on their text (edit similarity). Every parameter below was chosen
by tooling.benchmarks.dedup on 50k real shopping reviews; the figures are in that module.
"""

import hashlib
import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from rapidfuzz.distance import Levenshtein

from content.pipeline.normalize import normalize_line

SHINGLE = 2  # bigrams: trigrams lose 13% of 5%-edited copies at the LSH stage, unigrams give 80x the candidates
BANDS = 24
ROWS = 4  # 24x4: 99% of verifiable copies become candidates, < 1 candidate per lookup per 50k items
SIGNATURE_SIZE = BANDS * ROWS  # only the banded values are worth computing and storing
DUPLICATE_THRESHOLD = 0.7  # edit similarity; at MIN_LENGTH 8 this keeps false merges of real reviews < 2%
VERIFY_CHARS = 3000  # verification compares at most this much of each text
MIN_LENGTH = 8  # shorter dedup texts ("质量很好物流很快" is 8) only match exactly

_BAND_BITS = 6  # top bits of a band key hold the band number: keys of different bands never collide
assert BANDS <= 1 << _BAND_BITS


def _constant(label: str) -> int:
    # From a fixed digest rather than a RNG: identical on every machine and numpy version.
    return int.from_bytes(hashlib.blake2b(label.encode(), digest_size=8).digest(), "little")


# Multiply-add-shift ((a*x + b) mod 2^64) >> 32 of a 32-bit x is strongly universal (Dietzfelbinger
# 1996): one seeded hash function per signature position. 128 are defined for the benchmarks.
_PERM_A = np.array([_constant(f"guide-minhash-a-{i}") for i in range(128)], dtype=np.uint64)
_PERM_B = np.array([_constant(f"guide-minhash-b-{i}") for i in range(128)], dtype=np.uint64)
_SHINGLE_MULT = np.uint64(_constant("guide-shingle") | 1)

# --- normalisation -------------------------------------------------------------------------------
# Emoji and enclosed symbols go before NFKC, which would turn 🉑 into 可 and ㊙ into 秘.
_SYMBOLS = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u3200-\u32ff\ufe0f\u200d]")
_URL = re.compile(r"(?:https?:/*|www\.)[\x21-\x7e]+")  # also "http:t.cn/x" as some scrapers leave it
_TAOBAO_CODE = re.compile(r"[¥$€][a-z0-9]{6,16}[¥$€]")  # 淘口令 differ on every share of one deal
_REPOST_CHAIN = re.compile(r"//\s*@[^:\s]{1,30}:")  # "comment//@a: older comment//@b: oldest"
_REPOST_WORDS = re.compile(r"转发微博|轉發微博|repost")
# #话题#, #话题[话题]#; an open tag ("#tag" without a closing #, as Douyin writes them) only where
# its end is certain: followed by whitespace ("#开箱 正文"), or last in a text after whitespace
# ("正文 #开箱 #数码"). Chinese has no spaces, so "#购物分享质量很好物流很快" has no certain end: only the
# "#" goes, the words stay (an open tag up to the end of the text swallowed whole short reviews).
# Open tags are words (not "&#183;") of at most OPEN_HASHTAG_CHARS characters.
OPEN_HASHTAG_CHARS = 12
_HASHTAG = re.compile(
    rf"#[^#\s]{{1,30}}#|(?<!&)#\w{{1,{OPEN_HASHTAG_CHARS}}}(?=\s)|(?<=\s)#\w{{1,{OPEN_HASHTAG_CHARS}}}$"
)
_EMOJI_CODE = re.compile(r"\[[^\[\]\s]{1,8}\]")  # [笑哭R], [doge], [话题]: platform emoji as text
_MENTION = re.compile(r"@[^\s@#:,.!?;、，。！？；/()\[\]【】]{1,20}")
_PREFIX = re.compile(
    r"^(?:\s|【[^【】]{0,12}】|\[[^\[\]]{0,12}\]|\((?:转|转载|转发)\)"
    r"|(?:转发理由|转发|转载|转自|转|轉發|轉載|搬运|分享|fwd|fw|rt)\s*[:\s])+"
)
_NOT_WORD = re.compile(r"[\W_]+")  # punctuation, symbols, spaces, variation selectors
# One pass over the text for all the noise above (leftmost match wins, URLs listed first so a
# "#" inside a link goes with the link): a third of the time of six passes.
_NOISE = re.compile("|".join(p.pattern for p in (_URL, _TAOBAO_CODE, _REPOST_WORDS, _HASHTAG, _EMOJI_CODE, _MENTION)))


def normalise(text: str) -> str:
    """The comparable core of a text: NFKC, lower-case, no URLs, mentions, hashtags, emoji,
    repost prefixes, punctuation or whitespace. Only letters and digits remain."""
    text = unicodedata.normalize("NFKC", _SYMBOLS.sub(" ", text)).lower()
    if "//" in text:  # a repost chain keeps its oldest layer: after the last "//@name:" with content
        layers = [layer for layer in _REPOST_CHAIN.split(text) if _NOT_WORD.sub("", layer)]
        text = layers[-1] if layers else ""
    return _NOT_WORD.sub("", _PREFIX.sub("", _NOISE.sub(" ", text)))


def dedup_text(title: str, body_text: str) -> str:
    """The body alone when it has MIN_LENGTH characters, else title + body (deals, captions).
    Measured on reviews given realistic titles (generic ones, or the body's start) that reposters
    and platforms rewrite: title + body found 8-13 points fewer copies of every kind."""
    body = normalise(body_text or "")
    # Titles are stored as written; compare them as they were compared when stored normalised.
    return body if len(body) >= MIN_LENGTH else normalise(normalize_line(title or "")) + body


def content_hash(text: str) -> str:
    """SHA-1 (40 hex) of the dedup text: equal for copies that differ only in what normalise drops.
    An empty dedup text (only emoji, links...) has a hash too: never match on that one."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# --- MinHash and bands -----------------------------------------------------------------------------
def _shingle_ids(text: str, k: int) -> np.ndarray:
    # Code points packed 21 bits each (k <= 3), multiply-shift hashed to 32 bits: no Python call per
    # shingle. A text shorter than k is one shingle, so "好" still gets a signature.
    points = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    k = min(k, len(points))
    packed = points[: len(points) - k + 1].copy()
    for j in range(1, k):
        packed |= points[j : len(points) - k + 1 + j] << np.uint64(21 * j)
    return (packed * _SHINGLE_MULT) >> np.uint64(32)


def signature(text: str, k: int = SHINGLE, size: int = SIGNATURE_SIZE) -> np.ndarray:
    """MinHash (uint32[size]) of the character k-shingles of a dedup text. Our numpy version runs
    in ~16 us for a median review vs ~40 us for datasketch.MinHash with shared permutations and ~170
    us with fresh ones (measure_signature_speed); it is also explicit about byte order and seeds."""
    if not text:
        return np.full(size, 0xFFFFFFFF, dtype=np.uint32)
    hashed = np.multiply.outer(_PERM_A[:size], _shingle_ids(text, k))
    hashed += _PERM_B[:size, None]
    # The top 32 bits are the hash: shifting after the min gives the same values, cheaper.
    return (hashed.min(axis=1) >> np.uint64(32)).astype(np.uint32)


SIGNATURE_CHUNK = 4096  # shingles hashed at once by signatures(): 96 x 4096 x 8 bytes = 3 MB (fastest measured)


def signatures(texts: Sequence[str], k: int = SHINGLE, size: int = SIGNATURE_SIZE) -> np.ndarray:
    """signature() of many texts at once, uint32 (len(texts), size), equal row by row: the
    shingles of the whole batch hashed in a few large numpy operations instead of a dozen small
    ones per text (a 500-item batch in about a tenth of the time). Memory stays bounded by
    SIGNATURE_CHUNK whatever the texts' lengths (a 200 KB article spans several chunks)."""
    out = np.full((len(texts), size), 0xFFFFFFFF, dtype=np.uint32)
    shingles, owners = _batch_shingle_ids(texts, k)
    mins = np.full((len(texts), size), 0xFFFFFFFFFFFFFFFF, dtype=np.uint64)
    perm_a, perm_b = _PERM_A[:size, None], _PERM_B[:size, None]
    for start in range(0, len(shingles), SIGNATURE_CHUNK):
        part, who = shingles[start : start + SIGNATURE_CHUNK], owners[start : start + SIGNATURE_CHUNK]
        hashed = np.multiply(perm_a, part[None, :])
        hashed += perm_b
        first = np.flatnonzero(np.r_[True, who[1:] != who[:-1]])  # each owner's run in this chunk
        rows = who[first]
        mins[rows] = np.minimum(mins[rows], np.minimum.reduceat(hashed, first, axis=1).T)
    filled = np.unique(owners)
    out[filled] = (mins[filled] >> np.uint64(32)).astype(np.uint32)
    return out


def _batch_shingle_ids(texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """The hashed shingles of every text, concatenated, and the index of the text each came from
    (ascending): the same values as _shingle_ids(text, k) text by text."""
    lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    starts = np.cumsum(lengths) - lengths
    packed = points.copy()
    for j in range(1, k):  # shingles starting near a text's end are cut off below
        packed[: len(points) - j] |= points[j:] << np.uint64(21 * j)
    owner = np.repeat(np.arange(len(texts)), lengths)
    offset = np.arange(len(points)) - np.repeat(starts, lengths)
    # A text shorter than k is one shingle of all its characters (as _shingle_ids takes it).
    short = lengths[owner] < k
    keep = (offset <= lengths[owner] - k) | (short & (offset == 0))
    if short.any():
        for index in np.unique(owner[short]).tolist():
            packed[starts[index]] = _pack(points[starts[index] : starts[index] + lengths[index]])
    return (packed[keep] * _SHINGLE_MULT) >> np.uint64(32), owner[keep]


def _pack(points: np.ndarray) -> np.uint64:
    value = np.uint64(0)
    for j, point in enumerate(points):
        value |= point << np.uint64(21 * j)
    return value


def batch_index_keys(texts: Sequence[str], sigs: np.ndarray) -> list[list[int]]:
    """index_keys() of many texts from their signatures (signatures(texts)), in one pass."""
    keys = band_key_matrix(sigs).tolist() if len(texts) else []
    return [row if len(text) >= MIN_LENGTH else [] for text, row in zip(texts, keys, strict=True)]


def signature_to_bytes(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def signature_from_bytes(b: bytes) -> np.ndarray:
    if len(b) != SIGNATURE_SIZE * 4:
        raise ValueError(f"a signature is {SIGNATURE_SIZE * 4} bytes, got {len(b)}")
    return np.frombuffer(b, dtype="<u4").astype(np.uint32)


def _mix64(x: np.ndarray) -> np.ndarray:
    # splitmix64 finaliser: a fixed bijection of uint64 (numpy arrays wrap on overflow).
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def band_key_matrix(sigs: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """int64 keys (n, bands) of a batch of signatures (n, >= bands*rows): the rows of each band
    hashed to 58 bits, the band number in the top 6 bits."""
    sigs = np.atleast_2d(sigs)
    cells = sigs[:, : bands * rows].reshape(len(sigs), bands, rows).astype(np.uint64)
    h = np.full((len(sigs), bands), _constant(f"guide-band-{rows}"), dtype=np.uint64)
    for j in range(0, rows, 2):  # two 32-bit values per 64-bit mixing round
        word = cells[:, :, j] if j + 1 == rows else cells[:, :, j] | (cells[:, :, j + 1] << np.uint64(32))
        h = _mix64(h ^ word)
    band_no = np.arange(bands, dtype=np.uint64) << np.uint64(64 - _BAND_BITS)
    return ((h >> np.uint64(_BAND_BITS)) | band_no).view(np.int64)


def band_keys(sig: np.ndarray) -> list[int]:
    """BANDS signed 64-bit keys (PostgreSQL BIGINT), stable across processes and machines."""
    return band_key_matrix(np.asarray(sig, dtype=np.uint32))[0].tolist()


def index_keys(text: str) -> list[int]:
    """The band keys to store and look up for a dedup text: none below MIN_LENGTH, because such
    texts only match exactly (content_hash) and would only crowd the buckets."""
    return band_keys(signature(text)) if len(text) >= MIN_LENGTH else []


# --- verification ----------------------------------------------------------------------------------
def levenshtein(a: str, b: str) -> int:
    """Edit distance: rapidfuzz's bit-parallel one (Myers 1999 / Hyyrö) in C++. The same
    algorithm in Python big-int operations took 0.4 ms per pair of reviews, 15% of an ingest
    batch's CPU once a catalogue of 50,000 items gave each new item a candidate or two."""
    return Levenshtein.distance(a, b)


def similarity(text_a: str, text_b: str) -> float:
    """1 - edit distance / longer length, on dedup texts. Chosen over bigram Jaccard: one changed
    character costs one edit here but two bigrams there, so at the same false-merge rate it keeps
    96% instead of 86% of 5%-edited copies; prefix reposts do about as well with either."""
    if text_a == text_b:
        return 1.0
    # Long articles are compared on their opening: enough to tell a repost, and it keeps the
    # bit-parallel distance (big-int ops as wide as the shorter text) fast for a 200 KB body.
    text_a, text_b = text_a[:VERIFY_CHARS], text_b[:VERIFY_CHARS]
    return 1.0 - levenshtein(text_a, text_b) / max(len(text_a), len(text_b))


def is_near_duplicate(text_a: str, text_b: str) -> bool:
    return near_duplicate_similarity(text_a, text_b) is not None


def near_duplicate_similarity(text_a: str, text_b: str) -> float | None:
    """The similarity of two dedup texts if they are near-duplicates, else None."""
    if text_a == text_b:
        return 1.0 if text_a else None
    shorter, longer = sorted((len(text_a), len(text_b)))
    # Short texts match exactly only; the length ratio bounds the similarity from above.
    if shorter < MIN_LENGTH or shorter < DUPLICATE_THRESHOLD * longer:
        return None
    score = similarity(text_a, text_b)
    return score if score >= DUPLICATE_THRESHOLD else None


def find_original(text: str, keys: list[int], candidate_texts: dict[int, str]) -> tuple[int, float] | None:
    """Best verified candidate as (item_id, similarity): highest similarity, ties to the smallest
    (earliest) id. `text` and the candidate texts are dedup texts; `keys` are the text's band keys
    (what the candidates were fetched with) and play no part in the verification."""
    best: tuple[int, float] | None = None
    for item_id in sorted(candidate_texts):
        score = near_duplicate_similarity(text, candidate_texts[item_id])
        if score is not None and (best is None or score > best[1]):
            best = (item_id, score)
    return best


class MemoryLshIndex:
    """Band key -> item ids. Recent additions sit in a dict; they are merged into two sorted numpy
    arrays (key, id: 16 bytes per key) once they reach 1/16 of them. A plain dict took 2.4 GB RSS
    for 1M items x 24 bands; this takes about a quarter of that (measure_index_lookup)."""

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.int64)
        self._ids = np.empty(0, dtype=np.int64)
        self._recent: dict[int, list[int]] = {}
        self._recent_size = 0
        self._count = 0

    def add(self, item_id: int, keys: list[int]) -> None:
        for key in keys:
            self._recent.setdefault(key, []).append(item_id)
        self._recent_size += len(keys)
        self._count += 1
        if self._recent_size >= max(1 << 16, len(self._keys) >> 4):
            self._merge()

    def _merge(self) -> None:
        size = self._recent_size
        keys = np.fromiter((k for k, ids in self._recent.items() for _ in ids), np.int64, size)
        ids = np.fromiter((i for ids in self._recent.values() for i in ids), np.int64, size)
        order = np.argsort(keys, kind="stable")
        keys, ids = keys[order], ids[order]
        at = np.searchsorted(self._keys, keys)
        self._keys = np.insert(self._keys, at, keys)
        self._ids = np.insert(self._ids, at, ids)
        self._recent, self._recent_size = {}, 0

    def candidates(self, keys: list[int]) -> set[int]:
        found = {item_id for key in keys for item_id in self._recent.get(key, ())}
        if keys and len(self._keys):
            wanted = np.asarray(keys, dtype=np.int64)
            starts = np.searchsorted(self._keys, wanted, side="left").tolist()
            ends = np.searchsorted(self._keys, wanted, side="right").tolist()
            for start, end in zip(starts, ends, strict=True):
                if start < end:
                    found.update(self._ids[start:end].tolist())
        return found

    def __len__(self) -> int:
        return self._count
