"""The jieba user dictionary (content/scoring/data/userdict.txt), generated from the taxonomy,
the scenarios, the brand list, common units and a few shopping phrases; `manage.py build_userdict`
writes it.

Only words that jieba's own dictionary breaks into single characters go in (牧高笛 → 牧/高/笛,
三顿半 → 三顿/半): those are the names it cannot know. A compound of words it already knows
(露营装备 → 露营/装备, 理想汽车 → 理想/汽车) stays out, because kept whole it would hide its
parts (露营, 汽车) from the tagger and from every other reader of the tokens; the tagger finds
such compounds in the text instead.

Each word gets a frequency high enough to win against its pieces in ordinary sentences, but
not so high that it captures characters from its neighbours (猫条 must not eat 猫条纹).
"""

import logging
import re
from collections.abc import Iterable

import jieba

from interests.product_brands import BRANDS
from interests.taxonomy import INTERESTS, SCENARIOS

UNITS = (
    "毫安 毫安时 毫升 英寸 公斤 千克 公里 厘米 毫米 平米 平方米 立方米 千瓦 千瓦时 瓦数 分贝 流明 "
    "赫兹 帧率 克重 斤装 升装 匹数 度电 千卡 大卡"
).split()
# Shopping phrases kept whole although jieba knows their parts, precisely to hide those parts:
# 历史 in 历史低价 is a price, not a history book; 拼 in 拼多多 and 猫 in 天猫 are shops, not
# building blocks and cats.
SHOPPING_PHRASES = "历史低价 历史新低 历史最低 历史最低价 拼多多 百亿补贴 天猫".split()
# jieba keeps a word whole only if every character is in its word alphabet.
JIEBA_WORD = re.compile(r"[\u4e00-\u9fa5a-zA-Z0-9+#&._%\-]+")
HAS_CJK = re.compile(r"[\u4e00-\u9fa5]")
FREQUENCY_FLOOR = 2_000
TAGS = {"keyword": "n", "brand": "nz", "unit": "q", "shopping": "nz"}


def candidate_words() -> dict[str, str]:
    """Every word we would like whole, with its part-of-speech tag (brands win over keywords)."""
    words: dict[str, str] = {}
    for brand_list in BRANDS.values():
        for brand in brand_list:
            words.setdefault(brand, TAGS["brand"])
    for node in (*INTERESTS, *SCENARIOS):
        for word, _weight in node["keywords"]:
            words.setdefault(word, TAGS["keyword"])
    for unit in UNITS:
        words.setdefault(unit, TAGS["unit"])
    for phrase in SHOPPING_PHRASES:
        words.setdefault(phrase, TAGS["shopping"])
    return words


def userdict_lines(words: dict[str, str] | None = None) -> list[str]:
    """`word freq tag` lines, sorted, for the words jieba's own dictionary cannot keep whole."""
    jieba.setLogLevel(logging.WARNING)
    reference = jieba.Tokenizer()  # jieba's bundled dictionary only, never our user dictionary
    reference.initialize()
    lines = []
    for word, tag in sorted((words or candidate_words()).items()):
        if word in SHOPPING_PHRASES or needs_entry(word, reference):
            lines.append(f"{word} {frequency(word, reference)} {tag}")
    return lines


def needs_entry(word: str, reference: jieba.Tokenizer) -> bool:
    if len(word) < 2 or not JIEBA_WORD.fullmatch(word) or not HAS_CJK.search(word):
        return False
    pieces = reference.lcut(word, HMM=False)
    return len(pieces) > 1 and any(len(piece) == 1 and HAS_CJK.match(piece) for piece in pieces)


def frequency(word: str, reference: jieba.Tokenizer) -> int:
    """The larger of the floor and twice what jieba needs to prefer the word to its pieces."""
    return max(FREQUENCY_FLOOR, 2 * reference.suggest_freq(word, tune=False))


def write_userdict(path, lines: Iterable[str]) -> int:
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return text.count("\n")
