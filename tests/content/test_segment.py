"""Our segmenter gives exactly jieba's precise-mode tokens (HMM off), only faster."""

import json
from pathlib import Path

import pytest

from content.scoring.analysis import segmenter, tokenizer

DEMO = Path(__file__).resolve().parents[2] / "content" / "demo" / "demo_items.jsonl"
TRICKY = [
    "",
    "   \n\t ",
    "牧高笛冷山2帐篷实测，重量2.1kg，防水3000mm！",
    "iPhone 16 Pro Max 256GB 到手价 ¥8999，A18 Pro chip 很快",
    "這款耳機音質很好，降噪效果也不錯",
    "😍🔥 姐妹们冲！！！#露营装备[话题]# @露营达人小王",
    "abc123def 4.5折 100% 50%off C++ C# .NET node.js a-b_c",
    "\r\n第一行\r\n\r\n第二行",
    "王者荣耀 荣耀手机 小米粥 小米SU7 泡泡玛特Labubu隐藏款",
    "ｆｕｌｌ－ｗｉｄｔｈ　ＡＢＣ１２３",
]


def expected(text: str) -> list[str]:
    return tokenizer().lcut(text, HMM=False)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_are_cut_exactly_as_jieba_cuts_them(text):
    assert list(segmenter().cut(text)) == expected(text)


def test_the_whole_demo_corpus_is_cut_exactly_as_jieba_cuts_it():
    for line in DEMO.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = f"{row['title']}\n{row['body']}"
        assert list(segmenter().cut(text)) == expected(text), row["title"]
