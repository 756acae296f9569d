"""消费相关性 on text: the text model (content.scoring.relevance), the scorer built on it, its
training and the evaluate_scoring command (issue 19, item 2). Engine-level tests need no database."""

import json
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from content.scoring import engine, relevance, training
from content.scoring.analysis import analyze
from content.scoring.facts import ItemFacts
from interests.lexicon import Lexicon

TAXONOMY = Lexicon.from_taxonomy()
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
# Written for these tests, in the style of the evaluation's news titles (none of them).
NEWS_LIKE = [
    "央行宣布下调存款准备金率 释放长期资金",
    "男篮亚洲杯小组赛 中国队力克对手取得两连胜",
    "研究团队在深海发现新的热液生物群落",
    "外交部发言人就地区局势回答记者提问",
    "多地出台措施稳定楼市 首套房贷利率下调",
]
REVIEWS = [
    "质量很好，物流很快，包装也很仔细，下次还来买",
    "屏幕显示效果不错，运行流畅，就是电池不太耐用",
    "房间干净，前台服务热情，早餐种类有点少",
    "洗完头发很顺滑，味道也好闻，已经回购第三瓶了",
    "衣服尺码偏小，面料一般，和图片有色差，退货了",
]
COMPLAINTS = ["4天了都没有收到货", "申请退款三天了商家还没处理", "快递盒子压扁了，客服一直不回复"]


def facts(**overrides) -> ItemFacts:
    return ItemFacts(**{"kind": "note", "platform": "weibo", "source_trust": 50, "now": NOW} | overrides)


def relevance_of(texts: list[tuple[str, str]], **overrides) -> list[float]:
    scored = engine.score_batch(texts, [facts(**overrides) for _ in texts], TAXONOMY)
    return [s.scores["consumption_relevance"] for s in scored]


def test_reviews_and_delivery_complaints_score_above_news_titles():
    news = relevance_of([("", t) for t in NEWS_LIKE])
    reviews = relevance_of([("", t) for t in REVIEWS])
    complaints = relevance_of([("", t) for t in COMPLAINTS])
    assert max(news) < 40 < 60 < min(reviews)  # science titles come closest (the evaluation's hardest class)
    assert min(complaints) > 60, "delivery and after-sales complaints are about consumption"


def test_unrelated_texts_are_graded_not_piled_on_one_floor():
    news = relevance_of([("", t) for t in NEWS_LIKE])
    assert len(set(news)) == len(news) and min(news) > 0


def test_an_item_as_it_arrives_scores_like_its_bare_text():
    texts = REVIEWS + COMPLAINTS + NEWS_LIKE
    bare = relevance_of([("", t) for t in texts])
    cut_title = relevance_of([(t[:28], t) for t in texts])  # platforms without titles cut one
    short_title = relevance_of([(t[:12] + "…", t) for t in texts])
    assert cut_title == bare and short_title == bare


def test_an_interest_circle_the_reviews_never_covered_still_counts():
    camping = relevance_of([("周末露营装备清单", "带娃去营地露营，帐篷、天幕、睡袋、卡式炉都齐了，送给新手的入门清单。")])[0]
    assert camping > 50


def test_facts_add_to_the_text_and_the_explanation_says_why():
    text = [("", "这款耳机降噪效果很好，通勤路上很安静")]
    plain = engine.score_batch(text, [facts()], TAXONOMY)[0]
    priced = engine.score_batch(text, [facts(price=Decimal("899"), brand="索尼", kind="review")], TAXONOMY)[0]
    assert priced.scores["consumption_relevance"] > plain.scores["consumption_relevance"]
    assert "标明价格" in priced.explanations["consumption_relevance"] and "索尼" in priced.explanations["consumption_relevance"]
    news = engine.score_batch([("", NEWS_LIKE[2])], [facts()], TAXONOMY)[0]
    assert news.explanations["consumption_relevance"].startswith("用词更像新闻或其他话题")


def test_word_weights_favour_shopping_words_and_ignore_unknown_ones():
    shopping = Counter({"物流": 40, "质量": 30, "的": 100, "4": 50})
    general = Counter({"物流": 10, "质量": 100, "的": 1000, "政府": 500})
    weights = relevance.word_weights(shopping, general, smoothing=0.5)
    assert set(weights) == set(general), "only words the general dictionary knows are weighted"
    assert weights["物流"] > weights["质量"] > 0 > weights["政府"]
    model = relevance.RelevanceModel.from_weights(weights, slope=0.5, intercept=-1.0)
    assert model.evidence(["物流", "4", "陌生词"]) == pytest.approx(weights["物流"])
    assert model.log_odds(["政府"]) == pytest.approx(0.5 * weights["政府"] - 1.0)
    assert model.telling_words(["政府", "物流", "质量"]) == (["物流", "质量"], ["政府"])


def test_the_table_survives_a_save_and_load(tmp_path):
    model = relevance.RelevanceModel.from_weights({"物流": 2.5, "政府": -3.0}, slope=0.3, intercept=-1.2)
    model.save(tmp_path / "relevance.npz")
    loaded = relevance.RelevanceModel.load(tmp_path / "relevance.npz")
    assert loaded.log_odds(["物流", "政府"]) == pytest.approx(model.log_odds(["物流", "政府"]))


def test_training_calibrates_on_validation_and_reports_held_out_figures():
    reviews = [training.Example(f"{text}，第{n}次买", 1, "衣服") for n in range(30) for text in REVIEWS]
    written = [{"text": t, "label": 0} for t in NEWS_LIKE] + [{"text": t, "label": 1} for t in COMPLAINTS]
    general = Counter({"物流": 50, "质量": 200, "快递": 40, "央行": 300, "记者": 400, "研究": 500, "政府": 800, "买": 300})
    model, report = training.train_relevance(reviews, seed=7, general=general, written=written)
    assert model.slope > 0
    assert report["held_out"]["auc"] > 0.9 and report["samples"]["train"] > report["samples"]["test"] > 0
    assert set(report["validation_auc_by_smoothing"]) == {str(s) for s in training.RELEVANCE_SMOOTHING_GRID}


def test_the_shipped_table_was_trained_on_reviews_and_the_general_dictionary_only():
    meta = json.loads(relevance.METADATA.read_text(encoding="utf-8"))
    assert set(meta["inputs"]) <= {"reviews", "general_dictionary", "relevance_validation", "userdict"}
    assert meta["version"] == relevance.MODEL_VERSION
    assert "evaluate" not in json.dumps(meta["inputs"]) and "news" not in json.dumps(meta["inputs"])


@pytest.fixture
def small_files(tmp_path):
    reviews = tmp_path / "reviews.jsonl"
    rows = [{"id": f"r{n}", "category": "衣服", "label": 1, "text": f"{text}，第{n}次买"}
            for n in range(12) for text in REVIEWS]
    reviews.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    news = tmp_path / "news.jsonl"
    rows = [{"id": f"n{i}", "category": cls, "text": text}
            for i, (cls, text) in enumerate(zip(["finance", "sports", "science", "politics", "realty"], NEWS_LIKE, strict=True))]
    news.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return reviews, news


@pytest.mark.django_db
def test_evaluate_scoring_prints_the_auc_per_news_class_beside_the_baseline(small_files, capsys):
    reviews, news = small_files
    call_command("evaluate_scoring", "--reviews", str(reviews), "--news", str(news))
    out = capsys.readouterr().out
    assert "shipped, bare text" in out and "shipped, title + body" in out and "baseline (previous)" in out
    assert "science" in out and "news@floor" in out and "complaints" in out
    shipped = next(line for line in out.splitlines() if "shipped, bare text" in line)
    assert float(shipped.split()[3]) == 1.0  # these few are told apart perfectly


@pytest.mark.django_db
def test_evaluate_scoring_says_what_is_wrong_with_its_inputs(small_files, tmp_path):
    reviews, _ = small_files
    with pytest.raises(CommandError, match="--news: no file"):
        call_command("evaluate_scoring", "--reviews", str(reviews), "--news", str(tmp_path / "missing.jsonl"))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "没有类别"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="--news: not one JSON object"):
        call_command("evaluate_scoring", "--reviews", str(reviews), "--news", str(broken))


def test_analysis_of_an_empty_text_still_gets_a_low_graded_value():
    [empty] = relevance_of([("", "")])
    assert 0 < empty < 40
    assert analyze("", "").words == []


def test_kept_token_weights_equal_the_tables_also_when_the_kept_ones_are_dropped(monkeypatch):
    weights = {"物流": 2.5, "政府": -3.0, "质量": 0.4}
    model = relevance.RelevanceModel.from_weights(weights)
    monkeypatch.setattr(relevance, "WEIGHT_CACHE_LIMIT", 3)  # every few texts the kept weights go
    texts = [["物流", "陌生词", "政府"], ["质量", "物流", "新词"], ["政府", "另一个", "质量", "物流"], ["物流"]]
    for _ in range(2):
        for tokens in texts:
            assert model.token_weights(tokens) == [pytest.approx(weights.get(t, 0.0)) for t in tokens]
    assert len(model._by_token) <= 3 + 4
