import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from content.pipeline.dedup import (
    BANDS,
    DUPLICATE_THRESHOLD,
    MIN_LENGTH,
    SIGNATURE_SIZE,
    MemoryLshIndex,
    band_key_matrix,
    band_keys,
    batch_index_keys,
    content_hash,
    dedup_text,
    find_original,
    index_keys,
    is_near_duplicate,
    levenshtein,
    normalise,
    signature,
    signature_from_bytes,
    signature_to_bytes,
    signatures,
    similarity,
)

ORIGINAL = "这款耳机音质很好，降噪也不错，通勤路上戴了一个月，续航完全够用。"
INT64 = (-(2**63), 2**63 - 1)
SIG_HEAD = [497102420, 39031145, 594609522]
KEYS_HEAD = [260326651053389064, 428419803724317490, 797681281390277013]


def d(text: str, title: str = "") -> str:
    return dedup_text(title, text)


# --- copies that must be recognised ----------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix",
    ["转发：", "转发:", "转载 ", "【转】", "【好物分享】", "[转]", "(转载)", "//@小红薯12345: ", "Repost: ",
     "分享一下：", "说得太对了//@原博主: ", "转发微博//@数码控: "],
)
def test_a_repost_with_a_prefix_is_a_near_duplicate(prefix):
    assert is_near_duplicate(d(prefix + ORIGINAL), d(ORIGINAL))


@pytest.mark.parametrize("prefix", ["转发：", "【好物分享】", "//@小明: ", "转载 "])
def test_common_repost_prefixes_normalise_away_entirely(prefix):
    assert content_hash(d(prefix + ORIGINAL)) == content_hash(d(ORIGINAL))


@pytest.mark.parametrize(
    "decorated",
    [
        "这款耳机音质很好😍，降噪也不错，通勤路上戴了一个月，续航完全够用。#露营[话题]#",
        "#好物分享# 这款耳机音质很好，降噪也不错，通勤路上戴了一个月，续航完全够用。",
        "这款耳机音质很好[赞R]，降噪也不错👍🏻，通勤路上戴了一个月，续航完全够用✨ #开箱 #数码",
        "这款耳机音质很好🉑，降噪也不错㊙，通勤路上戴了一个月，续航完全够用。",
        "@小红薯 这款耳机音质很好，降噪也不错，通勤路上戴了一个月，续航完全够用。https://t.cn/A6xYz9",
        "这款耳机音质很好，降噪也不错，通勤路上戴了一个月，续航完全够用。￥Ab3dEf5G￥",
    ],
)
def test_emoji_hashtags_mentions_and_links_do_not_change_the_dedup_text(decorated):
    assert d(decorated) == d(ORIGINAL)


@pytest.mark.parametrize(
    "repunctuated",
    [
        "这款耳机音质很好!降噪也不错!!通勤路上戴了一个月~续航完全够用",
        "这款耳机音质很好 降噪也不错 通勤路上戴了一个月 续航完全够用。。。",
        "这款耳机音质很好；降噪也不错……通勤路上戴了一个月，续航完全够用！！！",
        "这款耳机音质很好,降噪也不错,通勤路上戴了一个月,续航完全够用.",
    ],
)
def test_punctuation_changes_are_exact_copies_after_normalisation(repunctuated):
    assert d(repunctuated) == d(ORIGINAL)


@pytest.mark.parametrize(
    "edited",
    [
        "这款耳机音质很棒，降噪也不错，通勤路上戴了一个月，续航完全够用。",  # one character replaced
        "这款耳机音质很好，降噪也还行，通勤路上戴了一个月，续航完全够用。",  # two replaced
        "这款耳机音质好，降噪也不错，通勤路上戴了一月，续航完全够用。",  # two deleted
        "这款耳机的音质很好，降噪也不错，上下班路上戴了一个月，续航完全够用。",  # a few inserted
        "这款耳机音质很好，降噪也不错，通勤路上戴了一个月，续航完全够用了。真香",  # a tail added
        "这款耳机音质很好，降噪也不错，通勤路上戴了一个月，续航完全够用。复制¥Ab3dEf5G¥打开淘宝",
    ],
)
def test_a_copy_with_a_few_characters_changed_is_a_near_duplicate(edited):
    assert is_near_duplicate(d(edited), d(ORIGINAL))


@pytest.mark.parametrize(
    "a, b",
    [
        ("质量很好，物流很快，下次还会再来", "质量很好，物流很快，下次还会再来！！"),
        ("很好，物流很快", "很好，物流很快！！"),
        ("宝贝收到了，和描述的一样，很满意", "转发：宝贝收到了和描述的一样很满意😊"),
    ],
)
def test_generic_reviews_that_normalise_to_the_same_text_are_duplicates(a, b):
    assert is_near_duplicate(d(a), d(b))


@pytest.mark.parametrize(
    "tagged, review",
    [
        ("#购物分享质量很好物流很快下次还来买", "质量很好物流很快下次还来买"),  # glued: only the "#" goes
        ("#好物分享 质量很好，物流很快，下次还来买", "质量很好，物流很快，下次还来买"),
        ("质量很好，物流很快，下次还来买 #好物分享 #开箱", "质量很好，物流很快，下次还来买"),
        ("质量很好，物流很快，下次还来买✨#好物分享", "质量很好，物流很快，下次还来买"),
        ("#好物分享# 衣服很漂亮，尺码也合适", "衣服很漂亮，尺码也合适"),
        ("苹果很甜，#水果 个头也大", "苹果很甜，个头也大"),
    ],
)
def test_a_short_review_with_an_open_hashtag_keeps_its_words(tagged, review):
    assert d(review) in d(tagged)
    assert len(d(tagged)) >= len(d(review)) >= MIN_LENGTH


def test_a_hashtag_without_a_closing_mark_no_longer_swallows_the_review():
    assert dedup_text("", "#购物分享质量很好物流很快下次还来买") == "购物分享质量很好物流很快下次还来买"
    assert is_near_duplicate(d("#购物分享质量很好物流很快下次还来买"), d("质量很好物流很快下次还来买"))


@pytest.mark.parametrize(
    "a, b",
    [
        ("#购物分享质量很好物流很快下次还来买", "#购物分享衣服很漂亮尺码也合适"),
        ("#好物推荐热水器安装师傅很专业", "#好物推荐洗发水味道好闻很顺滑"),
        ("#开箱手机拍照清晰电池耐用", "#开箱手机发热严重玩游戏卡顿"),
    ],
)
def test_two_reviews_behind_the_same_open_hashtag_are_not_merged(a, b):
    assert d(a) and d(b) and d(a) != d(b)
    assert not is_near_duplicate(d(a), d(b))
    # nor, with the same title, do they fall back to comparing the title alone
    assert dedup_text("好物分享", a) != dedup_text("好物分享", b)


@pytest.mark.parametrize(
    "text, kept",
    [
        ("质量很好 #购物分享质量很好物流很快下次还来买", "质量很好购物分享质量很好物流很快下次还来买"),  # too long to be a tag
        ("我觉得一般 &#183;没什么实际的内容 &#183;", "我觉得一般183没什么实际的内容183"),  # an HTML entity, not a tag
        ("和小金条方管口红 #1966比，颜值高", "和小金条方管口红1966比颜值高"),  # a shade number inside a sentence
    ],
)
def test_what_only_looks_like_an_open_hashtag_stays(text, kept):
    assert d(text) == kept


# --- distinct items that must not be merged --------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("这款耳机音质很好，降噪也不错", "这款耳机续航一般，佩戴不舒服"),
        ("这件羽绒服很暖和，版型也好看", "这件羽绒服掉毛严重，做工很差"),
        ("酒店位置方便，早餐丰富，服务热情", "酒店隔音太差，空调还坏了，不推荐"),
        ("苹果很甜很脆，个头也大，下次还买", "苹果不新鲜，有好几个烂的，很失望"),
        ("洗发水味道好闻，洗完头发很顺滑", "洗发水用了头皮痒，还掉头发，差评"),
        ("手机拍照清晰，电池也耐用，很满意", "手机发热严重，玩游戏卡顿，退货了"),
    ],
)
def test_two_different_short_reviews_of_the_same_product_are_not_duplicates(a, b):
    assert not is_near_duplicate(d(a), d(b))


@pytest.mark.parametrize("a, b", [("很好", "不好"), ("不错", "不错哦"), ("好评", "差评"), ("物流很快", "物流很慢")])
def test_texts_shorter_than_the_minimum_only_match_exactly(a, b):
    assert min(len(d(a)), len(d(b))) < MIN_LENGTH
    assert not is_near_duplicate(d(a), d(b))
    assert is_near_duplicate(d(a), d(a + "！"))


def test_empty_texts_are_never_duplicates():
    assert not is_near_duplicate("", "")
    assert d("😀😀 #话题# !!!") == ""


def test_a_much_longer_text_is_not_a_duplicate_of_a_short_quote_from_it():
    assert not is_near_duplicate(d(ORIGINAL), d(ORIGINAL[:12]))


# --- dedup text ------------------------------------------------------------------------------------


def test_the_title_is_left_out_when_the_body_is_long_enough():
    assert dedup_text("【好物分享】超好用的耳机", ORIGINAL) == d(ORIGINAL)
    assert dedup_text("完全不同的标题", ORIGINAL) == dedup_text("好物分享", ORIGINAL)


def test_the_title_stands_in_for_a_short_or_missing_body():
    assert dedup_text("京东 AirPods Pro 2 到手价1499元", "") == "京东airpodspro2到手价1499元"
    assert dedup_text("AirPods Pro 2 好价", "速冲") == "airpodspro2好价速冲"


def test_normalise_folds_width_and_case_and_drops_a_stray_bom():
    assert normalise("\ufeffＡｉｒＰｏｄｓ　Ｐｒｏ，１４９９元！") == "airpodspro1499元"


def test_content_hash_is_forty_hex_characters_and_equal_for_exact_copies():
    digest = content_hash(d(ORIGINAL))
    assert len(digest) == 40 and int(digest, 16) >= 0
    assert digest == content_hash(d("转发：" + ORIGINAL + "😍"))
    assert digest != content_hash(d(ORIGINAL + "就是有点贵"))


# --- signature and bands ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "好", "很好", d(ORIGINAL), d(ORIGINAL) * 50])
def test_every_text_gets_a_uint32_signature_of_the_fixed_size(text):
    sig = signature(text)
    assert sig.dtype == np.uint32 and sig.shape == (SIGNATURE_SIZE,)
    assert np.array_equal(sig, signature(text))


def test_similar_texts_share_more_signature_values_than_different_ones():
    same = (signature(d(ORIGINAL)) == signature(d("转发：" + ORIGINAL + "真香"))).mean()
    other = (signature(d(ORIGINAL)) == signature(d("酒店隔音太差，空调还坏了，前台态度也不好，不推荐"))).mean()
    assert same > 0.7 > 0.1 > other


def test_signature_bytes_round_trip():
    sig = signature(d(ORIGINAL))
    raw = signature_to_bytes(sig)
    assert len(raw) == SIGNATURE_SIZE * 4
    back = signature_from_bytes(raw)
    assert back.dtype == np.uint32 and np.array_equal(back, sig)
    back[0] = 1  # a writable copy, not a view of the bytes


def test_signature_from_bytes_rejects_a_wrong_length():
    with pytest.raises(ValueError):
        signature_from_bytes(b"\x00" * 12)


def test_band_keys_are_bands_signed_64_bit_ints():
    keys = band_keys(signature(d(ORIGINAL)))
    assert len(keys) == BANDS
    assert all(type(key) is int and INT64[0] <= key <= INT64[1] for key in keys)
    assert len(set(keys)) == BANDS


def test_signature_and_band_keys_are_pinned_so_stored_ones_stay_valid():
    # If this fails, every stored fingerprint and ItemBand row must be recomputed.
    sig = signature("这款耳机音质很好降噪也不错")
    assert sig[:3].tolist() == SIG_HEAD
    assert band_keys(sig)[:3] == KEYS_HEAD


def test_band_keys_are_the_same_in_another_process_with_another_hash_seed():
    code = (
        "from content.pipeline.dedup import band_keys, signature, dedup_text;"
        f"print(band_keys(signature(dedup_text('', {ORIGINAL!r}))))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    ).stdout
    assert out.strip() == str(band_keys(signature(d(ORIGINAL))))


def test_equal_rows_in_different_bands_never_give_the_same_key():
    keys = band_keys(np.full(SIGNATURE_SIZE, 7, dtype=np.uint32))
    assert len(set(keys)) == BANDS


def test_the_batch_band_keys_equal_the_single_ones():
    sigs = np.stack([signature(d(text)) for text in (ORIGINAL, "酒店位置方便早餐丰富", "很好很好很好")])
    assert [band_keys(sig) for sig in sigs] == band_key_matrix(sigs).tolist()


BATCH_TEXTS = ["", "好", "很好", d(ORIGINAL), "", "x", d("酒店位置方便早餐丰富"), d(ORIGINAL) * 50,
               "".join(random.Random(5).choice("露营帐篷天幕睡袋防潮垫炉头咖啡") for _ in range(20_000))]


@pytest.mark.parametrize("k", [1, 2, 3])
def test_the_batch_signatures_equal_the_single_ones_whatever_the_lengths(k):
    single = np.stack([signature(text, k) for text in BATCH_TEXTS])
    assert np.array_equal(signatures(BATCH_TEXTS, k), single)


def test_the_batch_signatures_of_real_reviews_span_chunks_and_equal_the_single_ones(monkeypatch):
    monkeypatch.setattr("content.pipeline.dedup.SIGNATURE_CHUNK", 64)  # every text crosses a chunk edge
    texts = [d(text) for text in (
        ORIGINAL, "质量很好，物流很快，下次还会再来", "酒店位置方便，早餐丰富，服务热情", "好", "",
        "手机拍照清晰，电池也耐用，很满意", "#购物分享质量很好物流很快下次还来买", ORIGINAL * 3)]
    assert np.array_equal(signatures(texts), np.stack([signature(text) for text in texts]))


def test_the_batch_index_keys_equal_the_single_ones_and_short_texts_get_none():
    keys = batch_index_keys(BATCH_TEXTS, signatures(BATCH_TEXTS))
    assert keys == [index_keys(text) for text in BATCH_TEXTS]
    assert keys[1] == [] and len(keys[3]) == BANDS
    assert signatures([]).shape == (0, SIGNATURE_SIZE) and batch_index_keys([], signatures([])) == []


def test_short_texts_get_no_index_keys():
    assert index_keys(d("很好")) == []
    assert index_keys(d(ORIGINAL)) == band_keys(signature(d(ORIGINAL)))


# --- verification ----------------------------------------------------------------------------------


def _reference_levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def test_the_bit_parallel_edit_distance_equals_the_textbook_one():
    rng = random.Random(3)
    for _ in range(2000):
        a = "".join(rng.choice("好很物流快慢") for _ in range(rng.randint(0, 15)))
        b = "".join(rng.choice("好很物流快慢") for _ in range(rng.randint(0, 15)))
        assert levenshtein(a, b) == _reference_levenshtein(a, b)
    long_a, long_b = "质量" * 80 + "很好", "质量" * 70 + "不好"
    assert levenshtein(long_a, long_b) == _reference_levenshtein(long_a, long_b)


def test_similarity_is_symmetric_and_between_zero_and_one():
    a, b = d(ORIGINAL), d("这款耳机续航一般，佩戴不舒服")
    assert similarity(a, a) == 1.0
    assert 0.0 <= similarity(a, b) == similarity(b, a) < DUPLICATE_THRESHOLD
    assert similarity("很好", "") == 0.0


def test_find_original_returns_the_most_similar_verified_candidate():
    copy = d("转发：" + ORIGINAL.replace("很好", "很棒"))
    candidates = {
        5: d("这款耳机续航一般，佩戴不舒服，通勤路上戴了一个月就坏了"),
        9: d(ORIGINAL.replace("不错", "还行")),
        3: d(ORIGINAL),
    }
    item_id, score = find_original(copy, index_keys(copy), candidates)
    assert item_id == 3 and DUPLICATE_THRESHOLD <= score <= 1.0


def test_find_original_breaks_ties_towards_the_earliest_item():
    assert find_original(d(ORIGINAL), [], {8: d(ORIGINAL), 2: d(ORIGINAL), 4: d(ORIGINAL)}) == (2, 1.0)


def test_find_original_returns_none_without_a_verified_candidate():
    assert find_original(d(ORIGINAL), [], {1: d("酒店隔音太差，空调还坏了，不推荐")}) is None
    assert find_original(d(ORIGINAL), [], {}) is None


# --- the in-memory index ---------------------------------------------------------------------------


def test_the_memory_index_finds_a_repost_among_other_reviews():
    reviews = {
        1: "这款耳机续航一般，佩戴不舒服，戴久了耳朵疼",
        2: ORIGINAL,
        3: "酒店位置方便，早餐丰富，服务热情，下次还住",
        4: "苹果很甜很脆，个头也大，物流也快，下次还买",
    }
    index = MemoryLshIndex()
    for item_id, text in reviews.items():
        index.add(item_id, index_keys(d(text)))
    assert len(index) == 4
    copy = d("【好物分享】" + ORIGINAL.replace("很好", "超好") + " #耳机[话题]#")
    keys = index_keys(copy)
    candidates = index.candidates(keys)
    assert 2 in candidates
    assert find_original(copy, keys, {c: d(reviews[c]) for c in candidates})[0] == 2


def test_the_memory_index_returns_nothing_for_unknown_keys():
    index = MemoryLshIndex()
    assert index.candidates([1, 2, 3]) == set() and len(index) == 0
    index.add(7, [1, 2])
    assert index.candidates([]) == set()
    assert index.candidates([2, 99]) == {7}


def test_the_memory_index_agrees_with_a_plain_dict_across_its_merges():
    rng = np.random.default_rng(5)
    index, reference = MemoryLshIndex(), {}
    for item_id in range(12_000):  # 12,000 x 8 keys: past the first merge into the sorted arrays
        keys = rng.integers(-(2**40), 2**40, size=8).tolist() + [item_id % 500]
        index.add(item_id, keys)
        for key in keys:
            reference.setdefault(key, set()).add(item_id)
    for probe in ([0, 1, 499], list(reference)[:40], list(reference)[-40:], [123456789]):
        assert index.candidates(probe) == set().union(*(reference.get(k, set()) for k in probe))
