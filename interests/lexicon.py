"""The keyword lexicon the tagger matches: built from the database (active Interests and
Scenarios) or from the seed data in `interests.taxonomy` (tests without a database).

A keyword is matched in one of two ways, decided once when the lexicon is built:
- a Chinese word that our tokenizer keeps whole (almost all of them, thanks to the user
  dictionary) is looked up token by token in a dict; matching whole tokens keeps 小米 out of
  小米粥 and 游戏本 out of 游戏本身;
- everything else (Latin names and models such as "Snow Peak", "iPhone", "618", mixed words
  such as 小米SU7, and Chinese words the tokenizer splits, e.g. an editor's new keyword not yet
  in the user dictionary) is found in the lower-cased text by one compiled regular expression,
  written as a trie so `re` rejects most positions on the first character.

The lexicon is loaded once per process and rebuilt when the version stamp in Django's cache
changes (see `interests.signals`); the stamp is read at most once every STAMP_CHECK_SECONDS.
"""

import re
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.cache import cache

VERSION_KEY = "interests:lexicon-version"
STAMP_CHECK_SECONDS = 5.0
PURE_CJK = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True, slots=True)
class Node:
    slug: str
    name: str
    level: int  # 1 top level (and every scenario), 2 child
    parent: str  # the parent's slug, "" at the top level


@dataclass(frozen=True, slots=True)
class Keyword:
    word: str  # as matched: NFKC, lower case
    label: str  # as an editor spelled it, for explanations ("命中「iPhone」")
    # (node index, weight) for every node listing it and each of their ancestors: a child
    # hit is also evidence for its top level, expanded here so tagging just adds up.
    targets: tuple[tuple[int, float], ...]
    # A phrase's pieces that are token keywords themselves: 王者荣耀 covers 荣耀, 蓝牙耳机
    # covers 蓝牙 and 耳机. A phrase match takes their mentions back, so the longest wins.
    covers: tuple["Keyword", ...] = ()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    nodes: tuple[Node, ...]
    ancestors: tuple[tuple[int, ...], ...]  # per node: its parent, grandparent ... (indexes)
    by_token: dict[str, Keyword]
    by_phrase: dict[str, Keyword]
    phrase_pattern: re.Pattern | None


@dataclass(frozen=True, slots=True)
class Lexicon:
    interests: Vocabulary
    scenarios: Vocabulary

    @classmethod
    def from_taxonomy(cls) -> "Lexicon":
        from interests import taxonomy

        return cls(build_vocabulary(taxonomy.INTERESTS), build_vocabulary(taxonomy.SCENARIOS))

    @classmethod
    def from_database(cls) -> "Lexicon":
        from interests.models import Interest, Scenario

        interests = (
            Interest.objects.filter(is_active=True)
            .exclude(parent__is_active=False)
            .order_by("sort_order", "slug")
            .values("slug", "name", "parent__slug", "keywords")
        )
        nodes = [{**row, "parent": row["parent__slug"]} for row in interests]
        scenarios = Scenario.objects.filter(is_active=True).order_by("sort_order", "slug")
        return cls(
            build_vocabulary(nodes),
            build_vocabulary(scenarios.values("slug", "name", "keywords")),
        )


def build_vocabulary(specs: Iterable[dict], split: Callable[[str], list[str]] | None = None) -> Vocabulary:
    """Index the keywords of nodes given as dicts with slug, name, keywords and optional parent.

    `split(word)` tokenizes a keyword; by default with the project's jieba tokenizer (loaded
    once per process, shared with `analyze`), so the index agrees with `Analysis.tokens`.
    """
    split = split or _tokenize
    specs = list(specs)
    index_of = {spec["slug"]: i for i, spec in enumerate(specs)}
    parents = [index_of.get(spec.get("parent") or "", -1) for spec in specs]
    ancestors = tuple(_ancestors(parents, i) for i in range(len(specs)))
    nodes = tuple(
        Node(spec["slug"], spec["name"], 1 + len(ancestors[i]), specs[parents[i]]["slug"] if ancestors[i] else "")
        for i, spec in enumerate(specs)
    )
    targets: dict[str, dict[int, float]] = {}
    labels: dict[str, str] = {}
    for i, spec in enumerate(specs):
        for label, word, weight in keyword_pairs(spec.get("keywords")):
            labels.setdefault(word, label)
            targets.setdefault(word, {}).setdefault(i, weight)
    pieces = {word: split(word) for word in targets}
    expanded = {word: _with_ancestors(weights, ancestors) for word, weights in targets.items()}
    by_token = {
        word: Keyword(word, labels[word], expanded[word])
        for word in targets
        if PURE_CJK.fullmatch(word) and pieces[word] == [word]
    }
    by_phrase = {
        word: Keyword(word, labels[word], expanded[word], _covered(pieces[word], by_token))
        for word in targets
        if word not in by_token
    }
    return Vocabulary(nodes, ancestors, by_token, by_phrase, trie_pattern(by_phrase))


def _with_ancestors(weights: dict[int, float], ancestors: tuple[tuple[int, ...], ...]) -> tuple[tuple[int, float], ...]:
    return tuple((target, weight) for node, weight in weights.items() for target in (node, *ancestors[node]))


def _covered(pieces: list[str], by_token: dict[str, Keyword]) -> tuple[Keyword, ...]:
    return tuple(by_token[piece] for piece in pieces if piece in by_token)


def _ancestors(parents: list[int], node: int) -> tuple[int, ...]:
    chain: list[int] = []
    parent = parents[node]
    while parent >= 0 and parent != node and parent not in chain:  # editors can make cycles
        chain.append(parent)
        parent = parents[parent]
    return tuple(chain)


def keyword_pairs(raw: object) -> list[tuple[str, str, float]]:
    """[(label, word, weight)] from a stored keyword list, tolerant of hand-edited data: an entry may be
    "word" (weight 1) or [word, weight]; blank words and weights outside (0, 1] are skipped."""
    pairs = []
    for entry in raw if isinstance(raw, list | tuple) else ():
        if isinstance(entry, str):
            word, weight = entry, 1.0
        elif isinstance(entry, list | tuple) and len(entry) == 2:
            word, weight = entry
        else:
            continue
        if not isinstance(word, str) or isinstance(weight, bool) or not isinstance(weight, int | float):
            continue
        if (matched := normalize_keyword(word)) and 0 < weight <= 1:
            pairs.append((" ".join(word.split()), matched, float(weight)))
    return pairs


def normalize_keyword(word: str) -> str:
    """Keywords compare like `Analysis.text` after NFKC and lower-casing, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", word).lower().split())


def trie_pattern(words: Iterable[str]) -> re.Pattern | None:
    """One regex for many literal words, shaped as a trie. Every branch starts with a plain
    character, so `re` skips positions whose character starts no word without trying any
    branch (a look-behind at the start would defeat that: 57 µs instead of 3 µs per item).
    A word ending in a Latin letter or digit must not run on into another (mate is not in
    mates); `starts_inside_word` does the same check at the start, on the few matches."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = word
    body = _trie_regex(trie)
    return re.compile(body) if body else None


def _trie_regex(node: dict, previous: str = "") -> str:
    branches = [re.escape(char) + _trie_regex(node[char], char) for char in sorted(c for c in node if c)]
    if "" in node:  # a word ends here; the longer words before it are tried first
        branches.append(f"(?!{_same_class(previous)})" if _is_latin_or_digit(previous) else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" if branches else ""


def starts_inside_word(text: str, start: int) -> bool:
    """Whether a match at `start` continues a Latin word or a number (618 in 2618)."""
    if start == 0 or not _is_latin_or_digit(text[start]):
        return False
    before = text[start - 1]
    return _is_latin_or_digit(before) and before.isdigit() == text[start].isdigit()


def _is_latin_or_digit(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _same_class(char: str) -> str:
    return "[0-9]" if char.isdigit() else "[a-z]"


def _tokenize(word: str) -> list[str]:
    from content.scoring.analysis import tokenize

    return tokenize(word)


# ---------------------------------------------------------------- loaded once per process


@dataclass(frozen=True, slots=True)
class _Loaded:
    lexicon: Lexicon
    stamp: object
    checked_at: float


_loaded: _Loaded | None = None


def current_lexicon() -> Lexicon:
    """The database lexicon of this process, rebuilt when another process bumped the stamp."""
    global _loaded
    loaded, now = _loaded, time.monotonic()
    if loaded is not None and now - loaded.checked_at < STAMP_CHECK_SECONDS:
        return loaded.lexicon
    stamp = cache.get(VERSION_KEY)  # read before the rows, so a bump in between reloads again
    if loaded is None or stamp != loaded.stamp:
        _loaded = _Loaded(Lexicon.from_database(), stamp, now)
    else:
        _loaded = _Loaded(loaded.lexicon, stamp, now)
    return _loaded.lexicon


def bump_lexicon_version() -> None:
    """Tell every process that interests or scenarios changed."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
