"""The learned scores: sentiment (口碑倾向, a blend of a token view and a character view) and
advertorial probability (客观度), their features, the hard-sell phrases quoted in explanations,
and the artifacts' metadata."""

import jieba
import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from sklearn.linear_model import LogisticRegression

from content.scoring import learned, training
from content.scoring.analysis import analyze

ADVERTORIAL = "家人们！这款面膜全网最低价，闭眼入不踩雷，手慢无，链接在评论区！"
BALANCED_REVIEW = "用了两周，补水效果一般，优点是不黏腻，缺点是味道有点冲，129 元不算便宜"


def analyses(*texts: str) -> list:
    return [analyze("", text) for text in texts]


@pytest.mark.parametrize(
    "positive, negative",
    [
        ("这款耳机音质很好，降噪效果出色，戴一天耳朵也不疼，非常满意", "耳机用了三天就断连，客服也不理人，音质还很差，后悔买了"),
        ("酒店位置好，房间干净，前台服务热情，早餐也丰富，下次还会再住", "房间有霉味，空调坏了没人修，隔音很差，一晚上没睡好"),
        ("外卖送得很快，饭菜还是热的，分量足味道好", "等了一个多小时，饭菜全凉了，还少送了一份汤"),
        ("面霜很滋润，用了一个月皮肤细腻了很多，会回购", "用了两天脸上就起疹子，味道刺鼻，已经扔了"),
        ("书的内容很有启发，翻译流畅，印刷也清晰", "印刷模糊，错别字很多，内容东拼西凑，浪费钱"),
        ("手机运行流畅，拍照清晰，电池一天用下来还有剩余", "手机发烫严重，玩十分钟就卡，电池掉电特别快"),
    ],
)
def test_a_clearly_positive_review_scores_higher_than_a_clearly_negative_one(positive, negative):
    p_positive, p_negative = learned.sentiment_probabilities(analyses(positive, negative))
    assert p_positive > p_negative


@pytest.mark.parametrize(
    "text, positive",
    [
        ("这款耳机音质很好，降噪效果出色，戴一天耳朵也不疼，非常满意，推荐购买", True),
        ("质量太差了，用了两天就坏了，客服也不理人，退货还要自己出运费，后悔买了", False),
    ],
)
def test_the_blend_lies_between_its_two_views_and_agrees_with_them_on_a_clear_review(text, positive):
    batch = analyses(text)
    views = learned.sentiment_view_probabilities(batch)
    assert set(views) == set(learned.SENTIMENT_VIEWS)
    blend = learned.sentiment_probabilities(batch)[0]
    low, high = sorted(float(p[0]) for p in views.values())
    assert low - 1e-9 <= blend <= high + 1e-9
    assert all((p[0] > 0.5) == positive for p in views.values()) and (blend > 0.5) == positive


def test_a_hard_sell_advertorial_scores_far_above_a_first_hand_balanced_review():
    p_advertorial, p_review = learned.advertorial_probabilities(analyses(ADVERTORIAL, BALANCED_REVIEW))
    assert p_advertorial > 0.9 and p_review < 0.1


@pytest.mark.parametrize(
    "text",
    [
        "今天终于去了心心念念的演唱会！！！太幸福了😭😭 全场跟唱，嗓子都喊哑了",
        "京东 某品牌电动牙刷 到手 129 元，历史低价，叠加 plus 券再减 10 元",
        "宝贝收到了，质量很好，物流很快，五星好评！",
    ],
)
def test_excitement_or_a_price_alone_does_not_make_an_advertorial(text):
    assert learned.advertorial_probabilities(analyses(text))[0] < 0.5


def test_hard_sell_phrases_lists_each_phrase_once_in_order_of_appearance():
    found = learned.hard_sell_phrases(analyze("", ADVERTORIAL + "手慢无！"))
    assert found == ["家人们", "全网最低价", "闭眼入", "不踩雷", "手慢无", "链接在评论区"]
    assert learned.hard_sell_phrases(analyze("", BALANCED_REVIEW)) == []


def test_hard_sell_phrases_match_full_width_and_upper_case_writing():
    assert learned.hard_sell_phrases(analyze("", "ＹＹＤＳ！宝子们冲")) == ["yyds", "宝子们冲"]


def test_batch_predictions_equal_one_by_one_predictions():
    batch = analyses(ADVERTORIAL, BALANCED_REVIEW, "", "物流快，包装好，宝贝和描述一致", "质量太差，一洗就掉色")
    X = learned.features(batch)
    for predict in (learned.sentiment_probabilities, learned.advertorial_probabilities):
        together = predict(batch, X)
        one_by_one = np.concatenate([predict([a]) for a in batch])
        np.testing.assert_allclose(together, one_by_one, rtol=1e-6)
        np.testing.assert_allclose(together, predict(batch), rtol=1e-6)


def test_features_are_one_l2_normalised_row_per_item_and_zero_for_empty_text():
    X = learned.features(analyses(ADVERTORIAL, "", "好"))
    assert X.shape == (3, learned.N_FEATURES)
    np.testing.assert_allclose(np.sqrt(X.multiply(X).sum(axis=1)).A1, [1.0, 0.0, 1.0], rtol=1e-5)
    assert learned.features([]).shape == (0, learned.N_FEATURES)


def test_char_features_are_l2_normalised_rows_of_the_text_alone_with_ascii_folded():
    batch = analyses(ADVERTORIAL, "", "好", "Battery LIFE 一般", "battery life 一般")
    X = learned.char_features(batch)
    assert X.shape == (5, learned.CHAR_FEATURES) and X.dtype == np.float32 and X.has_canonical_format
    np.testing.assert_allclose(np.sqrt(X.multiply(X).sum(axis=1)).A1, [1.0, 0.0, 1.0, 1.0, 1.0], rtol=1e-5)
    assert (X[3] != X[4]).nnz == 0  # ASCII letters are lower-cased
    for analysis in batch:
        analysis.tokens = ["不", "相关", "的", "词"]
    assert (learned.char_features(batch) != X).nnz == 0  # the tokens play no part
    assert learned.char_features([]).shape == (0, learned.CHAR_FEATURES)


def test_char_features_of_a_batch_larger_than_one_pass_equal_row_by_row_features():
    texts = [f"第{n}条：味道不错，Delivery 很快" if n % 3 else "" for n in range(learned._CHAR_ROWS_PER_PASS + 5)]
    batch = [analyze("", text) for text in texts]
    X = learned.char_features(batch)
    for row in (0, 1, learned._CHAR_ROWS_PER_PASS - 1, learned._CHAR_ROWS_PER_PASS, len(batch) - 1):
        one = learned.char_features([batch[row]])
        assert (X[row] != one).nnz == 0 and np.array_equal(X[row].indices, one.indices)


def test_prediction_never_tokenises_again(monkeypatch):
    batch = analyses(ADVERTORIAL, BALANCED_REVIEW)

    def refuse(*args, **kwargs):
        raise AssertionError("tokenised at prediction time")

    monkeypatch.setattr(jieba.Tokenizer, "cut", refuse)
    X = learned.features(batch)
    learned.sentiment_probabilities(batch, X), learned.advertorial_probabilities(batch, X)
    learned.hard_sell_phrases(batch[0])


@pytest.mark.parametrize(
    "title, body",
    [
        ("", ""),
        ("😀😍🔥", "🎉🎉🎉"),
        ("", "这款耳机音质不错，续航也长，就是有点夹头。" * 7000),  # about 200 KB
        ("這家餐廳的服務態度很好", "菜色也很精緻，價格合理，下次還會再來"),
        ("iPhone 15 Pro review", "camera 真的很 nice，battery life 一般般，price 有点 high"),
        ("！！！？？？", "   \n\t "),
        ("坏数据\ud800", "孤立的代理字符\udfff也不能让评分失败"),
    ],
)
def test_awkward_texts_do_not_crash_and_give_probabilities_between_0_and_1(title, body):
    batch = [analyze(title, body)]
    for p in (learned.sentiment_probabilities(batch), learned.advertorial_probabilities(batch)):
        assert p.shape == (1,) and 0.0 <= p[0] <= 1.0
    assert isinstance(learned.hard_sell_phrases(batch[0]), list)


@pytest.mark.parametrize("name", learned.MODEL_NAMES)
def test_artifacts_carry_the_metadata_that_reproduces_them(name):
    meta = learned.metadata(name)
    for key in ("version", "created_at", "command", "seed", "inputs", "samples", "metrics", "software", "artifact"):
        assert key in meta, key
    assert meta["version"] == learned.MODEL_VERSIONS[name] and meta["version"].startswith(f"{name}-")
    assert "train_models" in meta["command"] and meta["software"]["sklearn"]
    assert meta["inputs"]["reviews"]["sha256"] and all(len(i["sha256"]) == 64 for i in meta["inputs"].values())
    assert 0.5 < meta["metrics"]["held_out"]["auc"] <= 1.0 and meta["samples"]["train"] > 0
    files = meta["artifact"].get("files", {meta["artifact"]["file"]: {}})
    sizes = [(learned.ARTIFACTS / file).stat().st_size for file in files]
    assert max(sizes) < 2_500_000 and sum(sizes) < 3_500_000


def test_the_sentiment_artifacts_are_one_version_of_both_views_and_their_blend_weight():
    meta = learned.metadata("sentiment")
    assert set(meta["artifact"]["files"]) == {f"{stem}.npz" for stem in learned.SENTIMENT_VIEWS.values()}
    assert 0.0 <= meta["blend"]["token_weight"] <= 1.0
    assert meta["blend"]["token_weight"] + meta["blend"]["chars_weight"] == pytest.approx(1.0)
    model = learned.sentiment_model()
    assert model.token_weight == meta["blend"]["token_weight"]
    assert model.tokens.coef.shape == (learned.N_FEATURES,) and model.chars.coef.shape == (learned.CHAR_FEATURES,)


def test_the_sentiment_blend_beat_each_view_and_the_baseline_measured_in_the_same_run():
    metrics = learned.metadata("sentiment")["metrics"]
    views = metrics["held_out"]["by_view"]
    assert set(views) == set(learned.SENTIMENT_VIEWS)
    assert metrics["held_out"]["auc"] > metrics["baseline_tfidf_logreg"]["auc"]
    assert metrics["held_out"]["auc"] >= max(view["auc"] for view in views.values())
    assert {"leave_hotels_out", "food_delivery"} <= set(metrics)
    assert set(metrics["leave_hotels_out"]["by_view"]) == set(metrics["food_delivery"]["by_view"]) == set(views)


def test_save_artifacts_writes_both_views_and_the_blend_weight_that_load_back(tmp_path):
    texts = ["很好用，推荐", "太差了，退货", "质量不错，满意", "坏了，失望", "非常喜欢", "不好用"] * 3
    y = np.array([1, 0, 1, 0, 1, 0] * 3)
    X = training.view_matrices([training.Example(text, int(label), "test") for text, label in zip(texts, y, strict=True)])
    model = training.fit_sentiment(X, y, {"tokens": 1.0, "chars": 1.0}, token_weight=0.3, seed=0)
    inputs = {"reviews": training.FOOD_DELIVERY_EVAL}
    meta = training.save_artifacts("sentiment", model, {"samples": {"train": 18}, "held_out": {"auc": 1.0}},
                                   out_dir=tmp_path, command="train_models (test)", inputs=inputs, seed=0)
    assert meta["blend"]["token_weight"] == learned.metadata("sentiment", tmp_path)["blend"]["token_weight"] == 0.3
    loaded = learned.SentimentBlend(learned.LinearModel.load(tmp_path / "sentiment.npz"),
                                    learned.LinearModel.load(tmp_path / "sentiment_chars.npz"), 0.3)
    batch = analyses(*texts[:6])
    np.testing.assert_allclose(loaded.probabilities(batch), model.probabilities(batch), rtol=1e-6)
    again = training.save_artifacts("sentiment", model, {"samples": {"train": 18}}, out_dir=tmp_path,
                                    command="train_models (test)", inputs=inputs, seed=0)
    assert again["version"] == meta["version"]  # same coefficients and weight, same version


def test_fit_linear_folds_the_idf_into_coefficients_without_changing_predictions():
    texts = ["很好用，推荐", "太差了，退货", "质量不错，满意", "坏了，失望", "非常喜欢", "不好用"] * 3
    y = np.array([1, 0, 1, 0, 1, 0] * 3)
    X = learned.features(analyses(*texts))
    model = training.fit_linear(X, y, C=1.0, seed=0)
    idf = np.log((1 + X.shape[0]) / (1 + np.bincount(X.indices, minlength=X.shape[1]))) + 1
    reference = LogisticRegression(C=1.0, max_iter=3000, random_state=0).fit(X.multiply(idf).tocsr(), y)
    np.testing.assert_allclose(model.probabilities(X), reference.predict_proba(X.multiply(idf).tocsr())[:, 1], rtol=1e-4)


def test_the_split_keeps_one_text_on_one_side_and_drops_texts_given_both_labels():
    examples = [training.Example(f"第{n}条评论，东西不错", 1, "书籍") for n in range(200)]
    examples += [training.Example("第7条评论， 东西不错", 1, "书籍"), training.Example("第８条评论，东西不错", 0, "书籍")]
    train, test = training.seeded_split(examples, seed=7)
    keys_train, keys_test = ({training.text_key(e.text) for e in side} for side in (train, test))
    assert not keys_train & keys_test and len(train) + len(test) == 199
    assert training.seeded_split(examples, seed=7) == (train, test)


def test_train_models_refuses_a_missing_reviews_file():
    with pytest.raises(CommandError, match="--reviews"):
        call_command("train_models", "--reviews", "/nonexistent/reviews.jsonl")


def test_editor_labels_join_both_the_objectivity_training_and_its_held_out_figures():
    reviews = [training.Example(f"第{n}次买了，质量不错，物流也快", 1, "衣服") for n in range(60)]
    editor = [(f"编辑标注的推广文案{n}号，家人们冲，链接在评论区", 1) for n in range(20)]
    editor += [(f"编辑标注的真实体验{n}号，用了一周，缺点是有点重", 0) for n in range(20)]
    model, report = training.train_objectivity(reviews, seed=7, extra_labelled=iter(editor))
    held_out_editor = report["held_out_flagged_by_kind"].get("editor", {"n": 0})["n"]
    assert report["samples"]["editor_labels"] == 40
    assert report["samples"]["train_by_kind"]["editor"] + held_out_editor == 40 and held_out_editor > 0
    assert model.coef.shape == (learned.N_FEATURES,) and model.dense_coef.shape == (len(learned.DENSE_SIGNALS),)
