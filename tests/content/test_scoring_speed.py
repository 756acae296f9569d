"""The scoring pass's shortcuts give exactly what the plain way gives: markers scanned only where
one can start, fingerprints of the whole batch at once (issue 20, item 2)."""

import re

import pytest
from django.utils import timezone

from content.pipeline import dedup
from content.scoring.analysis import MARKER_STARTS, first_characters, scan_markers
from content.scoring.engine import score_batch
from content.scoring.facts import ItemFacts
from content.scoring.lexicons import MARKER_SCANNER
from interests.lexicon import Lexicon

TEXTS = [
    ("", "实测续航一天，对比上一代提升明显，不过有点重。"),
    ("史上最好用的吹风机！闭眼入", "姐妹们必买！全网最低，手慢无，VS 戴森 pk 一下，吊打一切"),
    ("转载", "来源：某论坛 //@小王: 亲测好用，不踩雷，缺点是贵"),
    ("", "用了3天，用了两周，100%满意，住了一晚，穿了一天，Vs 老款"),
    ("", ""),
    ("", "没有任何标记的一句话"),
]


def test_markers_found_only_where_one_can_start_are_the_markers_found_everywhere():
    for title, body in TEXTS:
        text = f"{title}\n{body}"
        plain = [(m.lastgroup, m.group()) for m in MARKER_SCANNER.finditer(text)]
        assert [(m.lastgroup, m.group()) for m in MARKER_STARTS.finditer(text)] == plain
    assert scan_markers(TEXTS[1][1])["exaggeration"][:2] == ["必买", "全网最"]


@pytest.mark.parametrize("pattern, starts", [
    ("实测|亲测", {"实", "亲"}),
    (r"(?i:\bvs\b|pk)", {"v", "V", "p", "P"}),
    ("(?<!不)踩雷|用了\\s*\\d", {"踩", "用"}),
])
def test_the_first_characters_of_a_marker_pattern(pattern, starts):
    assert first_characters(pattern) == starts


@pytest.mark.parametrize("pattern", [r"\d+倍", "[好超]价", "好?价", "(?:a|b)*c"])
def test_a_pattern_whose_start_cannot_be_told_is_refused(pattern):
    with pytest.raises(ValueError, match="cannot tell how"):
        first_characters(pattern)
    re.compile(pattern)  # a valid regex all the same


def test_a_batch_is_fingerprinted_as_each_text_alone():
    texts = [*TEXTS, ("只有标题", ""), ("", "短")]
    facts = [ItemFacts(kind="note", platform="web", source_trust=50, now=timezone.now())] * len(texts)
    for (title, body), scored in zip(texts, score_batch(texts, facts, Lexicon.from_taxonomy()), strict=True):
        assert scored.fingerprint == dedup.signature_to_bytes(dedup.signature(dedup.dedup_text(title, body)))
