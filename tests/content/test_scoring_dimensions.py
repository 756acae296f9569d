"""Each dimension moves the right way on realistic Chinese examples (engine only, no database)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from content.scoring import engine
from content.scoring.dimensions import DIMENSION_KEYS
from content.scoring.facts import AuthorFacts, ItemFacts, PriceFacts
from interests.lexicon import Lexicon

TAXONOMY = Lexicon.from_taxonomy()  # the seed taxonomy, without a database


def score_batch(texts, facts_list):
    return engine.score_batch(texts, facts_list, TAXONOMY)

NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)

FIRST_HAND = (
    "索尼 WH-1000XM5 实测三个月：降噪、续航和佩戴",
    "自费入手三个月，通勤每天用 2 小时。降噪比上一代 XM4 强，地铁里低频噪音基本听不到；"
    "续航实测 28 小时，充电 10 分钟能用 5 小时。重量 250g，头梁夹力比 XM4 小。"
    "缺点是不能折叠，收纳盒比 XM4 大一圈；触控在冬天戴手套时不灵。2099 元入手，比首发便宜 400 元。",
)
VAGUE = ("好东西", "这个真的很好用，推荐推荐！！姐妹们冲😍😍")
ADVERTORIAL = (
    "家人们谁懂啊！这款面膜真的绝绝子",
    "家人们！这款面膜全网最低价，闭眼入不踩雷，手慢无！用了一次皮肤就嫩到发光，史上最好用的面膜，"
    "不买后悔一辈子！链接在评论区，赶紧冲！",
)
BALANCED = (
    "珀莱雅双抗精华用了两周的感受",
    "用了两周，补水效果一般，优点是质地清爽不黏腻，早上用也不搓泥；缺点是味道有点冲，敏感肌第一周有点刺痛。"
    "30ml 要 129 元，不算便宜，等大促再囤。",
)


def facts(**overrides) -> ItemFacts:
    values = dict(kind="review", platform="xiaohongshu", source_trust=50, now=NOW, published_at=NOW - timedelta(hours=3))
    values.update(overrides)
    return ItemFacts(**values)


def score(text: tuple[str, str], **fact_overrides):
    return score_batch([text], [facts(**fact_overrides)])[0]


def test_a_first_hand_review_with_specs_beats_a_vague_post_on_density_and_reliability():
    review, vague = score_batch([FIRST_HAND, VAGUE], [facts(), facts()])
    assert review.scores["information_density"] > vague.scores["information_density"] + 25
    assert review.scores["content_reliability"] > vague.scores["content_reliability"] + 10
    assert "亲身使用" in review.explanations["content_reliability"]


def test_an_advertorial_scores_lower_on_objectivity_than_a_balanced_review():
    ad, balanced = score_batch([ADVERTORIAL, BALANCED], [facts(), facts()])
    assert balanced.scores["objectivity"] > ad.scores["objectivity"] + 30
    assert "强推销用语" in ad.explanations["objectivity"] and "全网最低" in ad.explanations["objectivity"]
    assert "谈到了不足" in balanced.explanations["objectivity"]


def test_a_half_price_deal_beats_a_full_price_mention_on_price_value():
    deal_text = ("戴森 V12 吸尘器 5 折", "戴森 V12 轻量吸尘器，京东自营到手 2249 元，原价 4499 元，5 折好价。")
    full_text = ("戴森 V12 吸尘器", "戴森 V12 轻量吸尘器，官方售价 4499 元。")
    half = score(deal_text, kind="deal", price=Decimal("2249"), original_price=Decimal("4499"))
    full = score(full_text, kind="deal", price=Decimal("4499"), original_price=Decimal("4499"))
    assert half.scores["price_value"] > full.scores["price_value"] + 40


def test_a_claimed_discount_counts_less_when_another_merchant_sells_it_cheaper():
    claims = dict(kind="deal", price=Decimal("2249"), original_price=Decimal("4499"))
    honest = score(FIRST_HAND, **claims)
    cheaper_elsewhere = score(FIRST_HAND, **claims,
                              price_facts=PriceFacts(best_elsewhere=Decimal("1999"), best_elsewhere_merchant="天猫旗舰店"))
    been_cheaper = score(FIRST_HAND, **claims, price_facts=PriceFacts(historical_low=Decimal("1899")))
    assert cheaper_elsewhere.scores["price_value"] < honest.scores["price_value"] - 30
    assert been_cheaper.scores["price_value"] < honest.scores["price_value"] - 30
    assert "天猫旗舰店" in cheaper_elsewhere.explanations["price_value"]


def test_a_rewritten_copy_scores_lower_on_originality_than_its_original():
    original = score(FIRST_HAND, corroborating_sources=2)
    copy = score(("转发：" + FIRST_HAND[0], FIRST_HAND[1]), duplicate_of=17, duplicate_similarity=0.93)
    exact = score(FIRST_HAND, duplicate_of=17, duplicate_similarity=1.0, exact_copy=True)
    assert original.scores["originality"] > 90
    assert copy.scores["originality"] < 20 and "第 17 条" in copy.explanations["originality"]
    assert exact.scores["originality"] < copy.scores["originality"]


def test_an_expired_deal_loses_timeliness():
    text = ("AirPods Pro 2 好价", "AirPods Pro 2 到手 1399 元，比双11还低。")
    live = score(text, kind="deal", expires_at=NOW + timedelta(days=2))
    expired = score(text, kind="deal", expires_at=NOW - timedelta(hours=1))
    assert live.scores["timeliness"] > 80 and expired.scores["timeliness"] <= 3
    assert "过期" in expired.explanations["timeliness"]


def test_freshness_decays_with_age_faster_for_deals_than_reviews():
    text = ("好价", "到手 99 元")
    new_deal, old_deal = score(text, kind="deal"), score(text, kind="deal", published_at=NOW - timedelta(days=3))
    old_review = score(text, kind="review", published_at=NOW - timedelta(days=3))
    assert new_deal.scores["timeliness"] > old_deal.scores["timeliness"]
    assert old_review.scores["timeliness"] > old_deal.scores["timeliness"] + 50


def test_on_site_votes_move_engagement_by_their_wilson_lower_bound():
    loved = score(FIRST_HAND, votes_worth=40, votes_not_worth=2)
    hated = score(FIRST_HAND, votes_worth=2, votes_not_worth=40)
    one_vote = score(FIRST_HAND, votes_worth=1)
    assert loved.scores["engagement"] > hated.scores["engagement"] + 40
    assert one_vote.scores["engagement"] < loved.scores["engagement"]
    assert "威尔逊" in loved.explanations["engagement"]


def test_author_popularity_is_log_scaled_per_platform():
    small = score(FIRST_HAND, author=AuthorFacts(followers=800, follower_scale=200_000))
    big = score(FIRST_HAND, author=AuthorFacts(followers=150_000, follower_scale=200_000))
    same_on_weibo = score(FIRST_HAND, author=AuthorFacts(followers=150_000, follower_scale=1_000_000))
    assert big.scores["author_popularity"] > same_on_weibo.scores["author_popularity"] > small.scores["author_popularity"]
    assert score(FIRST_HAND).scores["author_popularity"] == 0


def test_positive_and_negative_experiences_are_told_apart():
    happy, unhappy = score_batch(
        [("好评", "质量很好，做工精细，物流也快，用了一个月很满意，会回购。"),
         ("差评", "用了三天就坏了，客服推来推去不给退，太失望了，千万别买。")],
        [facts(), facts()],
    )
    assert happy.scores["sentiment"] > 75 and unhappy.scores["sentiment"] < 25


def test_interest_clarity_and_scenarios_come_from_the_tags():
    camping = score(("周末露营装备清单", "带娃去营地露营，帐篷、天幕、睡袋、卡式炉都齐了，送给新手的入门清单。"))
    nothing = score(("今天", "今天天气不错，心情也很好。"))
    assert camping.scores["interest_clarity"] > 50 and "露营" in camping.explanations["interest_clarity"]
    assert camping.scores["scenario_richness"] > 30
    assert nothing.scores["interest_clarity"] < camping.scores["interest_clarity"]
    # 消费相关性 reads everyday praise ("天气不错，心情很好") as review talk; the camping kit list is
    # still clearly about consumption (tests/content/test_consumption_relevance.py for the rest)
    assert camping.scores["consumption_relevance"] > 50


HARD_INPUTS = {
    "empty body": ("只有标题", ""),
    "only emoji": ("🔥🔥🔥", "😍😍😍👍👍"),
    "only an image": ("图", '<img src="https://img.example.com/a.jpg">'),
    "200 KB of text": ("长文", "露营帐篷实测" * 35_000),
    "mixed Chinese and English": ("iPhone 16 Pro review", "The camera is great，续航 also 不错，A18 Pro chip 很快，price ¥7999."),
    "traditional characters": ("開箱", "這款耳機音質很好，降噪效果也不錯，價格是 1999 元，推薦給通勤族。"),
    "HTML remnants": ("残留", "&lt;p&gt;好价&amp;nbsp;<div class='x'>到手 99 元</div>&lt;/p&gt; javascript:void(0)"),
    "whitespace only": ("   ", "\n\t \u3000"),
    "control characters": ("控制", "好\x00价\x07\u200b 到手 99"),
}


@pytest.mark.parametrize("text", HARD_INPUTS.values(), ids=HARD_INPUTS.keys())
def test_awkward_inputs_get_a_full_valid_set_of_twelve_scores(text):
    result = score(text)
    assert set(result.scores) == set(DIMENSION_KEYS) == set(result.explanations)
    assert all(0 <= value <= 100 for value in result.scores.values())
    assert all(isinstance(e, str) and e for e in result.explanations.values())


def test_a_200_kb_text_says_it_was_analysed_on_its_opening():
    assert any("只分析了前" in note for note in score(HARD_INPUTS["200 KB of text"]).notes)
