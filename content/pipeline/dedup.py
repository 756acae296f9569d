"""Near-duplicate detection: normalised text, MinHash signature, LSH band keys, textual verification.

Pure functions, no Django. Flow: dedup_text -> content_hash (exact copies) and signature -> band_keys
(rows of ItemBand) -> candidates sharing a key -> is_near_duplicate / find_original on the texts.
Parameters were chosen by content.benchmarks.dedup on 50k real shopping reviews (see that module).
"""

import hashlib
import re
import unicodedata

import numpy as np

SHINGLE = 2  # character bigrams: best recall/false-merge trade-off on short Chinese reviews
SIGNATURE_SIZE = 128
BANDS = 32
ROWS = 4  # 32 x 4 = all 128 values; candidate curve 1-(1-J^4)^32 is ~0.5 at J=0.42
DUPLICATE_THRESHOLD = 0.5
MIN_LENGTH = 10  # dedup texts shorter than this ("很好物流很快") only match exactly

_MASK64 = (1 << 64) - 1
_BAND_BITS = 6  # top bits of a band key hold the band number: keys of different bands never collide
assert BANDS * ROWS <= SIGNATURE_SIZE and BANDS <= 1 << _BAND_BITS


def _constant(label: str) -> int:
    # Constants from a fixed digest rather than a RNG: identical on every machine and numpy version.
    return int.from_bytes(hashlib.blake2b(label.encode(), digest_size=8).digest(), "little")


# Multiply-add-shift hashing ((a*x + b) mod 2^64) >> 32 of a 32-bit x is strongly universal
# (Dietzfelbinger 1996): one seeded "permutation" per signature position.
_PERM_A = np.array([_constant(f"guide-minhash-a-{i}") | 1 for i in range(SIGNATURE_SIZE)], dtype=np.uint64)
_PERM_B = np.array([_constant(f"guide-minhash-b-{i}") for i in range(SIGNATURE_SIZE)], dtype=np.uint64)
_SHINGLE_MULT = np.uint64(_constant("guide-shingle") | 1)
_EMPTY = np.full(SIGNATURE_SIZE, 0xFFFFFFFF, dtype=np.uint32)

# --- normalisation -------------------------------------------------------------------------------
# Emoji and enclosed symbols go before NFKC, which would turn 🉑 into 可 and ㊙ into 秘.
_SYMBOLS = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u3200-\u32FF\uFE0F\u200D]")
_URL = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+")
_TAOBAO_CODE = re.compile(r"[¥$€][a-z0-9]{6,16}[¥$€]")  # 淘口令 differ on every share of the same deal
_REPOST_CHAIN = re.compile(r"//\s*@[^:\s]{1,30}:|转发微博|轉發微博|repost")
_HASHTAG = re.compile(r"#[^#\s]{1,30}#|#[^#\s]{1,30}(?=\s|$)")  # #话题#, #话题[话题]#, "#tag "
_EMOJI_CODE = re.compile(r"\[[^\[\]\s]{1,8}\]")  # [笑哭R], [doge], [话题]: platform emoji as text
_MENTION = re.compile(r"@[^\s@#:,.!?;、，。！？；/()\[\]【】]{1,20}")
_PREFIX = re.compile(
    r"^(?:\s|【[^【】]{0,12}】|\[[^\[\]]{0,12}\]|\((?:转|转载|转发)\)"
    r"|(?:转发|转载|转自|转|轉發|轉載|搬运|分享|fwd|fw|rt)\s*[:\s])+"
)
_NOT_WORD = re.compile(r"[\W_]+")  # punctuation, symbols, emoji, spaces, variation selectors


def normalise(text: str) -> str:
    """The comparable core of a text: NFKC, lower-case, no URLs, mentions, hashtags, emoji,
    repost prefixes, punctuation or whitespace. Only letters and digits remain."""
    text = unicodedata.normalize("NFKC", _SYMBOLS.sub(" ", text)).lower()
    text = _URL.sub(" ", text)
    text = _TAOBAO_CODE.sub(" ", text)
    text = _REPOST_CHAIN.sub(" ", text)
    text = _HASHTAG.sub(" ", text)
    text = _EMOJI_CODE.sub(" ", text)
    text = _MENTION.sub(" ", text)
    text = _PREFIX.sub("", text)
    return _NOT_WORD.sub("", text)


def dedup_text(title: str, body_text: str) -> str:
    """The text that is fingerprinted. The body alone when it is long enough: titles are generic
    ("好物分享") or rewritten by reposters and platforms, and including them made distinct items
    look alike and copies look different (measured, see benchmarks). Short bodies (deals) fall
    back to title + body."""
    body = normalise(body_text or "")
    if len(body) >= MIN_LENGTH:
        return body
    return normalise(title or "") + body


def content_hash(text: str) -> str:
    """SHA-1 of the dedup text: equal for exact copies after normalisation."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# --- MinHash -------------------------------------------------------------------------------------
def _mix64(x: np.ndarray) -> np.ndarray:
    # splitmix64 finaliser: a stable bijection on uint64 (numpy arrays wrap on overflow).
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _shingle_ids(text: str, k: int = SHINGLE) -> np.ndarray:
    """32-bit ids of the character k-shingles: code points packed into 64 bits (21 bits each,
    k <= 3), then multiply-shift hashed. Vectorised: no Python call per shingle. A text shorter
    than k is one shingle."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    k = min(k, len(points))
    packed = points[: len(points) - k + 1].copy()
    for j in range(1, k):
        packed |= points[j : len(points) - k + 1 + j] << np.uint64(21 * j)
    return (packed * _SHINGLE_MULT) >> np.uint64(32)


def signature(text: str, k: int = SHINGLE) -> np.ndarray:
    """MinHash (SIGNATURE_SIZE uint32) of the character k-shingles of a dedup text.

    Own numpy MinHash: ~12 us per review vs ~95 us for datasketch.MinHash + update_batch
    (median review, measured by the benchmark), and no per-process salt."""
    if not text:
        return _EMPTY.copy()
    hashed = np.multiply.outer(_PERM_A, _shingle_ids(text, k))
    hashed += _PERM_B[:, None]
    # The top 32 bits are the hash; taking them after the min is equivalent and cheaper.
    return (hashed.min(axis=1) >> np.uint64(32)).astype(np.uint32)


def signature_to_bytes(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def signature_from_bytes(b: bytes) -> np.ndarray:
    sig = np.frombuffer(b, dtype="<u4").astype(np.uint32)
    if sig.shape != (SIGNATURE_SIZE,):
        raise ValueError(f"expected {SIGNATURE_SIZE * 4} bytes, got {len(b)}")
    return sig


def band_key_matrix(sigs: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """int64 band keys of a (n, SIGNATURE_SIZE) batch of signatures: (n, bands)."""
    sigs = np.atleast_2d(sigs)
    cells = sigs[:, : bands * rows].reshape(len(sigs), bands, rows).astype(np.uint64)
    h = np.full(cells.shape[:2], _constant(f"guide-band-{rows}"), dtype=np.uint64)
    for j in range(rows):
        h = _mix64(h ^ cells[:, :, j])
    band_no = np.arange(bands, dtype=np.uint64) << np.uint64(64 - _BAND_BITS)
    return ((h >> np.uint64(_BAND_BITS)) | band_no).view(np.int64)


def band_keys(sig: np.ndarray) -> list[int]:
    """BANDS signed 64-bit keys (PostgreSQL BIGINT), stable across processes and machines."""
    return band_key_matrix(np.asarray(sig, dtype=np.uint32))[0].tolist()


def index_keys(text: str) -> list[int]:
    """Band keys to store and look up for a dedup text; none below MIN_LENGTH, since such texts
    only match exactly (content_hash) and "很好很好" would otherwise collect huge buckets."""
    return band_keys(signature(text)) if len(text) >= MIN_LENGTH else []


# --- verification ---------------------------------------------------------------------------------
def _shingles(text: str, k: int = SHINGLE) -> set[str]:
    if len(text) <= k:
        return {text}
    return {text[i : i + k] for i in range(len(text) - k + 1)}


def similarity(text_a: str, text_b: str) -> float:
    """Jaccard similarity of the bigram sets of two dedup texts."""
    if text_a == text_b:
        return 1.0
    a, b = _shingles(text_a), _shingles(text_b)
    return len(a & b) / len(a | b)


def is_near_duplicate(text_a: str, text_b: str) -> bool:
    if text_a == text_b:
        return bool(text_a)
    if min(len(text_a), len(text_b)) < MIN_LENGTH:
        return False
    return similarity(text_a, text_b) >= DUPLICATE_THRESHOLD


def find_original(text: str, keys: list[int], candidate_texts: dict[int, str]) -> tuple[int, float] | None:
    """Best verified candidate as (item_id, similarity): highest similarity, ties to the smallest
    (earliest) id. `text` and the candidate texts are dedup texts."""
    best: tuple[int, float] | None = None
    for item_id in sorted(candidate_texts):
        other = candidate_texts[item_id]
        if not is_near_duplicate(text, other):
            continue
        score = similarity(text, other)
        if best is None or score > best[1]:
            best = (item_id, score)
    return best


class MemoryLshIndex:
    """In-memory band-key index: key -> item ids. See the benchmark for RSS at 1M items."""

    def __init__(self) -> None:
        self._buckets: dict[int, int | list[int]] = {}
        self._count = 0

    def add(self, item_id: int, keys: list[int]) -> None:
        for key in keys:
            held = self._buckets.get(key)
            if held is None:
                self._buckets[key] = item_id  # most keys are unique: a bare int, no list
            elif isinstance(held, int):
                self._buckets[key] = [held, item_id]
            else:
                held.append(item_id)
        self._count += 1

    def candidates(self, keys: list[int]) -> set[int]:
        found: set[int] = set()
        for key in keys:
            held = self._buckets.get(key)
            if held is None:
                continue
            if isinstance(held, int):
                found.add(held)
            else:
                found.update(held)
        return found

    def __len__(self) -> int:
        return self._count
