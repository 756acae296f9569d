"""One text analysis per item per scoring pass. Every dimension, the learned models and the
interest tagger read this; none of them tokenises again.

Tokenisation is jieba's precise mode with a user dictionary of brands, products, interest and
scenario words and units, without HMM new-word discovery: the dictionary covers the names that
matter here, and HMM costs about 30% more time per item (measured on the real reviews). The
segmentation itself runs in content.scoring.segment: jieba's dictionary and algorithm, identical
tokens, about twice as fast.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jieba
import numpy as np

from content.pipeline.normalize import normalize_line, normalize_text
from content.scoring.lexicons import MARKER_SCANNER, MARKERS
from content.scoring.segment import Segmenter

USER_DICTIONARY = Path(__file__).resolve().parent / "data" / "userdict.txt"
# Beyond this many characters an item is analysed on its opening only (a 200 KB post would
# otherwise cost a second of tokenising for no better score); `truncated` says so.
MAX_ANALYSED_CHARS = 20_000

CJK = re.compile(r"[\u4e00-\u9fff]")
CONTROL_OR_SPACE_RUNS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff\t\u3000\xa0]|  |\n\s*\n\s*\n| \n|\n ")
WORD = re.compile(r"\w")
NUMBER_WITH_UNIT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:mah|毫安|mm|cm|km|kg|g|ml|l|hz|w|v|gb|tb|mb|寸|英寸|小时|分钟|秒|天|年|个月|"
    r"毫米|厘米|米|公里|公斤|千克|克|斤|毫升|升|瓦|伏|度|核|倍|档|层|片|颗|瓶|支|袋|包|盒|罐|件|次|人|寸|元|块|折|%)",
    re.IGNORECASE,
)
PRICE_MENTION = re.compile(r"(?:[¥￥$]\s*\d|\d+(?:\.\d+)?\s*(?:元|块|rmb)|到手|券后|折后|原价|售价|价格|好价)", re.I)
DISCOUNT = re.compile(r"(\d(?:\.\d)?)\s*折|半价|立减\s*\d+|满\s*\d+\s*减\s*\d+|直降\s*\d+|打\s*(\d)\s*折")
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf]")
SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


@dataclass(slots=True)
class Analysis:
    text: str  # title + body, normalised, possibly truncated
    tokens: list[str]  # jieba tokens without whitespace
    words: list[str] = field(default_factory=list)  # tokens with letters or digits (no punctuation)
    title_length: int = 0
    # The title is only the body's opening (platforms without titles cut one from the text): the
    # text holds it once, and its first title_length characters are that title.
    title_echo: bool = False
    truncated: bool = False
    numbers_with_units: list[str] = field(default_factory=list)
    price_mentions: int = 0
    discounts: list[str] = field(default_factory=list)
    emoji: int = 0
    exclamations: int = 0
    sentence_count: int = 0  # non-empty runs between sentence ends (。！？!?；; and line breaks)
    markers: dict[str, list[str]] = field(default_factory=dict)  # family -> matches, see lexicons.MARKERS
    # Filled on first use by content.scoring.learned, then shared by the model and explanations.
    lexicon_hits: list[str] | None = None
    # The tokens' hashes (learned.analysis_token_codes), computed once for the feature matrix.
    token_codes: np.ndarray | None = None

    @property
    def length(self) -> int:
        return len(self.text)

    @property
    def cjk_ratio(self) -> float:
        return len(CJK.findall(self.text)) / max(1, len(self.text))


@cache
def tokenizer() -> jieba.Tokenizer:
    """jieba's tokenizer with our user dictionary, loaded once per process."""
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    if USER_DICTIONARY.exists():
        jieba.load_userdict(str(USER_DICTIONARY))
    return jieba.dt


@cache
def segmenter() -> Segmenter:
    return Segmenter(tokenizer())


def tokenize(text: str) -> list[str]:
    """jieba.lcut(text, HMM=False) without the whitespace tokens."""
    return segmenter().cut(text, keep_space=False)


def analyze(title: str, body_text: str) -> Analysis:
    """Analyse an item's text once: tokens and the surface signals the dimensions need."""
    # Stored titles are kept as written (pages show them so), bodies' text was normalised at
    # ingest: the short title is normalised here on its own; other text pays for its body.
    if not unicodedata.is_normalized("NFKC", title) or CONTROL_OR_SPACE_RUNS.search(title):
        title = normalize_line(title)
    if not unicodedata.is_normalized("NFKC", body_text) or CONTROL_OR_SPACE_RUNS.search(body_text):
        body_text = normalize_text(body_text)
    echo = bool(body_text) and title_echoes(title, body_text)
    # Without a title, or with one that echoes the body's opening, the text is the body alone (an
    # empty title line used to stay in front only of bodies that needed no normalising: the same
    # review was read two ways).
    text = f"{title}\n{body_text}" if title and body_text and not echo else body_text or title
    truncated = len(text) > MAX_ANALYSED_CHARS
    if truncated:
        text = text[:MAX_ANALYSED_CHARS]
    folded = text.lower()  # normalize_text has already applied NFKC
    tokens = tokenize(text)
    return Analysis(
        text=text,
        tokens=tokens,
        words=[t for t in tokens if t.isalnum() or WORD.search(t)],  # isalnum: the C fast path
        title_length=echo_length(title, text) if echo else len(title),
        title_echo=echo,
        truncated=truncated,
        numbers_with_units=[m.group(0) for m in NUMBER_WITH_UNIT.finditer(folded)],
        price_mentions=len(PRICE_MENTION.findall(folded)),
        discounts=[m.group(0) for m in DISCOUNT.finditer(folded)],
        emoji=len(EMOJI.findall(text)),
        exclamations=text.count("!") + text.count("！"),
        sentence_count=sum(1 for s in SENTENCE_END.split(text) if s and not s.isspace()),
        markers=scan_markers(text),
    )


ELLIPSIS = re.compile(r"(?:…+|\.{2,}|。{2,})$")


def title_echoes(title: str, body_text: str) -> bool:
    """The title is the body's opening, cut short or whole ("质量很好物流很快下…" over the review):
    read twice, the opening would count double for every model and the tagger (measured on the
    product path: a point of accuracy lost)."""
    cut = ELLIPSIS.sub("", title).replace(" ", "")
    if not cut:
        return False
    opening = body_text[: len(title) + 16]  # the same characters, spaces and line breaks aside
    return "".join(opening.split()).startswith(cut)


def echo_length(title: str, text: str) -> int:
    """How many characters of the text the echoed title covers (spaces inside it included)."""
    wanted, seen = len(ELLIPSIS.sub("", title).replace(" ", "")), 0
    for end, char in enumerate(text):
        if not char.isspace():
            seen += 1
            if seen == wanted:
                return end + 1
    return len(text)


REGEX_SYNTAX = set("\\[].^$*+?{}()|")


def first_characters(pattern: str) -> set[str]:
    """The characters a match of `pattern` can start with, both cases of a letter: a superset,
    for patterns that are '|'-lists of words and short regexes (lexicons.MARKERS). Splitting at
    every '|' also splits groups, which only adds starts. A branch that could start with a
    class, an escape or an optional character is refused rather than guessed."""
    if re.search(r"\)[?*{]", pattern):  # an optional group: what follows it can start a match
        raise ValueError(f"cannot tell how {pattern!r} starts: keep marker patterns to words")
    starts = set()
    for branch in pattern.split("|"):
        branch = re.sub(r"^(?:\((?:\?[:i]+|\?P<\w+>|\?<[!=][^)]*\))?|\\b)*", "", branch)
        if not branch or branch[0] in REGEX_SYNTAX or branch[1:2] in ("?", "*", "{"):
            raise ValueError(f"cannot tell how {branch!r} starts: keep marker patterns to words")
        starts |= {branch[0].lower(), branch[0].upper()}
    return starts


# The marker scanner tried at a text's positions where a marker can start only: the same matches
# in a quarter of the time (a regex of ~90 alternatives otherwise tries each at every character).
MARKER_FIRST_CHARACTERS = "".join(sorted(first_characters(MARKER_SCANNER.pattern)))
MARKER_STARTS = re.compile(
    f"(?=[{re.escape(MARKER_FIRST_CHARACTERS)}])(?:{MARKER_SCANNER.pattern})", MARKER_SCANNER.flags
)


def scan_markers(text: str) -> dict[str, list[str]]:
    """All scorer marker families in one pass; each family's distinct matches in text order."""
    found: dict[str, list[str]] = {name: [] for name in MARKERS}
    for match in MARKER_STARTS.finditer(text):
        family = found[str(match.lastgroup)]  # every alternative is a named family
        if match.group() not in family:
            family.append(match.group())
    return found
