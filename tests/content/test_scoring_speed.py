"""The scoring pass's shortcuts give exactly what the plain way gives: markers scanned only where
one can start (issue 20, item 2)."""

import re

import pytest

from content.scoring.analysis import MARKER_STARTS, first_characters, scan_markers
from content.scoring.lexicons import MARKER_SCANNER

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

