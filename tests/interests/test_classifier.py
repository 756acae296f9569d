"""The interest classifier: how its top level combines with the lexicon, the shipped artifact on
realistic texts, the artifact format, training, evaluate_tagger and the retraining task."""

import json
import shutil
from io import StringIO
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from content.scoring import engine, learned
from content.scoring.analysis import analyze
from content.scoring.training import sha256_file
from interests import classifier, training
from interests.classifier import TaggerModel, combine, interest_tags_batch
from interests.lexicon import Lexicon
from interests.tagging import Tag, interest_tags

CLASSES = ("beauty", "digital", "fashion", "travel")
NAMES = {"beauty": "美妆个护", "digital": "数码", "fashion": "服饰", "travel": "旅行", "outdoor": "户外"}


def probabilities(**by_slug: float) -> np.ndarray:
    return np.array([by_slug.get(slug, 0.0) for slug in CLASSES])


def top(tags: list[Tag]) -> str:
    return training.first_top_level(tags)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_taxonomy()


# ---------------------------------------------------------------- combining with the lexicon


def test_a_confident_guess_is_added_when_the_lexicon_found_nothing():
    tags = combine([], probabilities(fashion=0.9, beauty=0.1), CLASSES, NAMES)
    assert [(t.slug, t.weight, t.level, t.matched) for t in tags] == [("fashion", 0.9, 1, ())]


def test_an_unsure_guess_adds_nothing():
    assert combine([], probabilities(fashion=0.25, beauty=0.25, digital=0.25, travel=0.25), CLASSES, NAMES) == []


def test_the_classifier_overrules_a_weak_lexicon_hint_of_a_class_it_knows():
    # It read the lexicon's weights as inputs, so its confident answer is ranked first.
    lexicon_tags = [Tag("digital", "数码", 0.33, 1, "", ("手机",))]
    tags = combine(lexicon_tags, probabilities(travel=0.3, digital=0.2, beauty=0.25, fashion=0.25), CLASSES, NAMES)
    assert top(tags) == "travel"
    assert {t.slug for t in tags} == {"travel", "digital"}  # the lexicon's tag stays, below it
    digital = next(t for t in tags if t.slug == "digital")
    assert digital.matched == ("手机",) and digital.weight < 0.3


def test_a_named_product_is_never_overruled():
    lexicon_tags = [Tag("beauty", "美妆个护", 1.0, 1, "", ("彩妆", "横评"))]
    tags = combine(lexicon_tags, probabilities(digital=0.61, beauty=0.39), CLASSES, NAMES)
    assert top(tags) == "beauty" and tags[0].weight == 1.0
    assert next(t for t in tags if t.slug == "digital").weight == 0.61


def test_a_strong_tag_of_a_topic_the_classifier_never_saw_stays_first():
    camping = Tag("outdoor", "户外", 0.9, 1, "", ("帐篷",))
    assert combine([camping], probabilities(travel=0.95, fashion=0.05), CLASSES, NAMES) == [camping]
    sure = combine([camping], probabilities(travel=0.9995, fashion=0.0005), CLASSES, NAMES)
    assert top(sure) == "travel" and camping in sure  # 带宝宝入住: a hotel review that names another topic


def test_a_retired_top_level_is_never_added():
    assert combine([], probabilities(fashion=0.95), CLASSES, {"beauty": "美妆个护"}) == []


# ---------------------------------------------------------------- the shipped artifact


@pytest.fixture(scope="module")
def shipped() -> TaggerModel:
    model = TaggerModel.load(classifier.ARTIFACTS / classifier.MODEL_FILE)
    metadata = json.loads((classifier.ARTIFACTS / classifier.METADATA_FILE).read_text(encoding="utf-8"))
    assert model.version == metadata["version"]
    return model


def tagged(analysis, lexicon, model) -> list:
    """One item's tags as the scoring pass gives them."""
    [tags] = interest_tags_batch([analysis], learned.features([analysis]), lexicon, model)
    return tags


@pytest.mark.parametrize("title, body, expected", [
    ("", "物流很快，面料摸着很舒服，尺码标准，洗了一次没有缩水，颜色和图片一样。", "fashion"),
    ("", "房间干净整洁，前台服务热情，早餐种类丰富，离地铁站走路五分钟，下次还住这里。", "travel"),
    ("", "用了两周头皮不油了，泡沫细腻，味道清香，洗完头发很顺滑。", "beauty"),
    ("", "屏幕显示细腻，运行速度很快，电池续航一天没问题，系统流畅不卡顿。", "digital"),
    ("", "很甜很新鲜，个头均匀，没有坏果，冷链送到还是凉的。", "food"),
])
def test_reviews_that_name_no_product_get_their_top_level(shipped, lexicon, title, body, expected):
    assert top(tagged(analyze(title, body), lexicon, shipped)) == expected


@pytest.mark.parametrize("title, body, expected", [
    ("周末带娃露营｜牧高笛冷山帐篷+天幕开箱", "营地在湖边，风有点大，天幕要多打几根地钉。蛋卷桌和卡式炉都是新入的。", "outdoor"),
    ("泡泡玛特新系列端盒｜抽到隐藏款啦", "Labubu 这一季做工比上次好，12 个里出了一个隐藏款。", "toys"),
    ("周杰伦演唱会抢票攻略", "大麦开票前一晚设好实名观演人，看台视野其实比内场后排好。", "entertainment"),
    ("恋与深空新卡面太好看了", "乙游玩家的快乐！这次的思念抽了 80 抽出金，女性向游戏天花板。", "games"),
])
def test_topics_the_reviews_never_mention_keep_their_lexicon_tag_first(shipped, lexicon, title, body, expected):
    analysis = analyze(title, body)
    tags = tagged(analysis, lexicon, shipped)
    assert top(tags) == expected
    assert top(tags) == top(interest_tags(analysis, lexicon))


def test_a_batch_tags_each_item_as_alone(shipped, lexicon):
    texts = [("", "质量很好，穿着合身"), ("小米14 Pro 体验", "续航一天一充，拍照很稳"), ("", "")]
    analyses = [analyze(*text) for text in texts]
    together = interest_tags_batch(analyses, learned.features(analyses), lexicon, shipped)
    alone = [tagged(a, lexicon, shipped) for a in analyses]
    assert together == alone


def test_the_artifact_reads_back_to_the_same_probabilities(shipped, tmp_path):
    path = tmp_path / "tagger.npz"
    with open(path, "wb") as file:
        shipped.save(file)
    again = TaggerModel.load(path)
    analyses = [analyze("", "房间很大，服务周到"), analyze("", "屏幕清晰")]
    X = learned.features(analyses)
    dense = classifier.dense_features(analyses, [[] for _ in analyses])
    assert again.classes == shipped.classes and again.version == shipped.version
    assert np.allclose(again.probabilities(X, dense), shipped.probabilities(X, dense), atol=1e-6)


def test_a_damaged_or_missing_artifact_leaves_the_lexicon_tags(tmp_path, lexicon, monkeypatch):
    (tmp_path / classifier.MODEL_FILE).write_bytes(b"not a model")
    monkeypatch.setattr(classifier, "ARTIFACTS", tmp_path)
    monkeypatch.setattr(classifier, "_loaded", None)
    assert classifier.current_model() is None and classifier.tagger_version() == "missing"
    analysis = analyze("", "面料柔软，尺码标准")
    tags = interest_tags_batch([analysis], learned.features([analysis]), lexicon)
    assert tags == [interest_tags(analysis, lexicon)]


def intercept_only_model(classes, intercept, columns=(), heads=()) -> TaggerModel:
    """A model whose logits are its intercepts: every text gets the same probabilities."""
    n = len(intercept)
    return TaggerModel(tuple(classes), np.zeros((learned.N_FEATURES, 2 * n), np.float32),
                       np.zeros(learned.N_FEATURES, np.float32), np.zeros((len(classifier.DENSE_FEATURES), n)),
                       np.log(np.array(intercept, dtype=np.float64)), "test", tuple(columns), tuple(heads))


def model_probabilities(model: TaggerModel) -> np.ndarray:
    analyses = [analyze("", "房间很大，服务周到")]
    return model.probabilities(learned.features(analyses), classifier.dense_features(analyses, [[]]))[0]


def test_the_heads_are_averaged_over_the_top_levels_of_their_columns(tmp_path):
    # head 1 over (a, b): 1/2, 1/2; head 2 over (a+, a-, b): 3/5, 1/5, 1/5, so a 4/5 and b 1/5
    model = intercept_only_model(("a", "b"), [1, 1, 3, 1, 1], columns=("a", "b", "a", "a", "b"), heads=(2, 3))
    assert np.allclose(model_probabilities(model), [0.65, 0.35])

    with open(tmp_path / "tagger.npz", "wb") as file:
        model.save(file)
    again = TaggerModel.load(tmp_path / "tagger.npz")
    assert (again.columns, again.heads) == (model.columns, model.heads)
    assert np.allclose(model_probabilities(again), [0.65, 0.35])


def test_an_artifact_from_before_the_heads_reads_as_one_head(tmp_path):
    with open(tmp_path / "full.npz", "wb") as file:
        intercept_only_model(("a", "b"), [3, 1]).save(file)
    with np.load(tmp_path / "full.npz") as arrays:
        older = {key: arrays[key] for key in arrays.files if key not in ("columns", "heads")}
    np.savez_compressed(tmp_path / "older.npz", **older)

    model = TaggerModel.load(tmp_path / "older.npz")
    assert model.head_sizes == (2,) and model.column_classes == ("a", "b")
    assert np.allclose(model_probabilities(model), [0.75, 0.25])


def test_an_artifact_whose_columns_do_not_add_up_is_refused(tmp_path):
    with open(tmp_path / "tagger.npz", "wb") as file:
        intercept_only_model(("a", "b"), [1, 1, 1], columns=("a", "b", "a"), heads=(2, 2)).save(file)
    with pytest.raises(ValueError, match="inconsistent columns"):
        TaggerModel.load(tmp_path / "tagger.npz")


def test_the_polarity_head_splits_each_top_level_by_its_rows_labels_or_the_sentiment_models_reading():
    happy, unhappy = "非常好，很满意，下次还买", "太差了，很失望，再也不买"
    examples = ([training.LabelledText("", f"{happy}{i}", "books", "书籍", 1) for i in range(25)]
                + [training.LabelledText("", f"{unhappy}{i}", "books", "书籍", 0) for i in range(25)]
                + [training.LabelledText("", f"{happy}{i}", "travel", "酒店", 1) for i in range(30)]
                + [training.LabelledText("", f"{unhappy}{i}", "travel", "酒店", 0) for i in range(3)]  # too few to split
                + [training.LabelledText("", f"{happy}{i}", "fashion", "editor") for i in range(25)]  # no label: read
                + [training.LabelledText("", f"{unhappy}{i}", "fashion", "editor") for i in range(25)])
    X = learned.features(training.analyses(examples))

    keys, y = training.polarity_head(examples, X, ("books", "fashion", "travel"))

    assert keys == [("books", 0), ("books", 1), ("fashion", 0), ("fashion", 1), ("travel", None)]
    assert list(y) == [1] * 25 + [0] * 25 + [4] * 33 + [3] * 25 + [2] * 25


@pytest.mark.parametrize("label, polarity", [(1, 1), (0, 0), (2, None), ("1", None), (True, None), (1.0, None), (None, None)])
def test_only_a_label_of_integer_1_or_0_is_a_polarity_anything_else_is_read_by_the_sentiment_model(label, polarity):
    row = {"category": "书籍", "text": "印刷清楚，内容不错", **({} if label is None else {"label": label})}
    assert training.example_from_row(row, "reviews").polarity == polarity


def test_the_scoring_engine_version_follows_the_tagger(monkeypatch):
    before = engine.engine_version()
    monkeypatch.setattr(engine, "tagger_version", lambda: "tagger-retrained")
    assert engine.engine_version() != before


# ---------------------------------------------------------------- training, evaluation, retraining

PHRASES = {
    "书籍": ["这本书印刷清晰", "作者文笔细腻", "情节引人入胜", "纸张厚实", "值得一读的小说"],
    "衣服": ["面料柔软舒服", "尺码标准合身", "裤子版型好看", "衣服没有色差", "洗后不起球"],
    "酒店": ["房间干净整洁", "前台服务热情", "早餐丰富", "离地铁很近", "入住体验很好"],
    "洗发水": ["洗完头发顺滑", "泡沫细腻清香", "头皮不再发痒", "去屑效果明显", "发质变软了"],
}
EXTRA = ["物流很快", "包装完好", "客服耐心", "下次还买", "性价比高", "有点贵", "还行吧"]


def write_reviews(path: Path, per_category: int, seed: int = 3) -> Path:
    """Small labelled reviews shaped like shopping_reviews.jsonl, learnable but not trivially."""
    rng = np.random.default_rng(seed)
    rows = []
    for category, phrases in PHRASES.items():
        for i in range(per_category):
            words = list(rng.choice(phrases, 2, replace=False)) + list(rng.choice(EXTRA, 2, replace=False))
            rng.shuffle(words)
            rows.append({"id": f"{category}-{i}", "category": category, "label": 1, "text": "，".join(words) + f"。第{i}次"})
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def use_artifact(directory: Path, monkeypatch) -> None:
    """Make the artifact in `directory` the tagger's."""
    monkeypatch.setattr(classifier, "ARTIFACTS", directory)
    monkeypatch.setattr(classifier, "_loaded", None)


def record_refits(monkeypatch) -> list[tuple[int, list]]:
    """(seed, training examples) of every train_model call from now on."""
    refits, real = [], training.train_model
    monkeypatch.setattr(training, "train_model",
                        lambda train, lexicon, seed: refits.append((seed, train)) or real(train, lexicon, seed))
    return refits


@pytest.fixture(scope="module")
def small_reviews(tmp_path_factory) -> Path:
    return write_reviews(tmp_path_factory.mktemp("reviews") / "reviews.jsonl", 60)


# Fitting is most of this file's time: each artifact below is trained once for the module (the
# tests only read them), as train_tagger trains it: on the test database's taxonomy and labels.


@pytest.fixture(scope="module")
def artifacts(
    small_reviews, tmp_path_factory, django_db_setup, django_db_blocker
) -> dict[bool, tuple[Path, dict]]:
    """fit_all -> (folder, metadata) of the small set's artifact: refitted on every text as
    shipped (True), or the 80% fit itself (False); seed 5."""
    found = {}
    with django_db_blocker.unblock():
        for fit_all in (True, False):
            folder = tmp_path_factory.mktemp("artifact")
            metadata = training.train_and_save(small_reviews, folder, seed=5, command="test", fit_all=fit_all)
            found[fit_all] = folder, metadata
    return found


@pytest.fixture
def shipped_artifact(artifacts) -> Path:
    return artifacts[True][0]


def add_camping_labels() -> None:
    """25 items an editor tagged 露营."""
    from interests.models import Interest, ItemInterest
    from tests.factories import ItemFactory

    camping = Interest.objects.get(slug="camping")
    for i in range(25):
        item = ItemFactory(title=f"露营第{i}次", body_text=f"天幕地钉营地，带娃过周末，第{i}晚")
        ItemInterest.objects.create(item=item, interest=camping, weight=1.0, origin="editor")


@pytest.fixture(scope="module")
def artifact_with_camping_labels(
    small_reviews, tmp_path_factory, django_db_setup, django_db_blocker
) -> tuple[Path, dict]:
    """(folder, metadata) of the small set's artifact trained with 25 editor labels of 露营 (rolled
    back afterwards: the tests that read it add the same labels with `camping_labels`)."""
    folder = tmp_path_factory.mktemp("artifact")
    with django_db_blocker.unblock(), transaction.atomic():
        add_camping_labels()
        metadata = training.train_and_save(small_reviews, folder, seed=5, command="test")
        transaction.set_rollback(True)
    return folder, metadata


@pytest.mark.django_db
def test_training_is_reproducible_and_learns_the_small_set(small_reviews, artifacts):
    folder, first = artifacts[True]
    every_text = training.dedupe(training.load_labelled(small_reviews))
    again = training.train_model(every_text, training.training_lexicon()[0], 5)[0]
    assert training.coefficients_digest(again) == first["artifact"]["coefficients_sha256"]
    assert first["classes"] == ["beauty", "books", "fashion", "travel"]
    assert first["metrics"]["held_out"]["classifier"]["accuracy"] >= 0.9
    assert first["inputs"]["reviews"]["sha256"] == sha256_file(small_reviews)
    model = TaggerModel.load(folder / classifier.MODEL_FILE)
    assert model.version == first["version"]


def test_the_shipped_model_is_refitted_on_every_text_after_its_held_out_evaluation(small_reviews, artifacts):
    shipped, split_only = artifacts[True][1], artifacts[False][1]
    total = len(training.dedupe(training.load_labelled(small_reviews)))
    assert shipped["samples"]["fitted_on"] == "all" and shipped["samples"]["final_fit"] == total
    assert split_only["samples"]["fitted_on"] == "train_split" and "final_fit" not in split_only["samples"]
    assert shipped["samples"]["train"] == split_only["samples"]["train"] < total
    assert shipped["metrics"] == split_only["metrics"]  # the figures are the 80% fit's in both
    assert shipped["artifact"]["coefficients_sha256"] != split_only["artifact"]["coefficients_sha256"]


@pytest.mark.django_db
@pytest.mark.parametrize("fit_all", [True, False])
def test_evaluate_tagger_prints_held_out_accuracy_and_macro_f1(small_reviews, artifacts, monkeypatch,
                                                                fit_all):
    use_artifact(artifacts[fit_all][0], monkeypatch)
    refits = record_refits(monkeypatch)
    out = StringIO()
    call_command("evaluate_tagger", "--data", str(small_reviews), stdout=out)
    text = out.getvalue()
    assert "held-out rows for seed 5" in text  # the artifact's own training file: only its held-out side
    # a model fitted on every row is not scored on any of them: the training side is refitted
    assert ("refitted on the training side" in text) is fit_all and len(refits) == fit_all
    held_out_keys = {e.key for e in training.split(training.load_labelled(small_reviews), 5)[1]}
    assert all(e.key not in held_out_keys for _, train in refits for e in train)
    assert "accuracy" in text and "macro-F1" in text
    for label in ("title = first 28 chars", "no title", "title = first 12 chars", "title = whole text",
                  "tagger on the labelled text alone", "classifier alone", "char TF-IDF + LinearSVC"):
        line = next(line for line in text.splitlines() if label in line)
        assert float(line.split()[-4]) >= 0.9, line
    assert text.index("product path, title = first 28 chars") < text.index("classifier alone")


@pytest.mark.django_db
def test_evaluate_tagger_uses_every_row_of_a_file_it_was_not_trained_on(shipped_artifact, tmp_path,
                                                                         monkeypatch):
    use_artifact(shipped_artifact, monkeypatch)
    other = write_reviews(tmp_path / "other.jsonl", 10, seed=11)
    out = StringIO()
    call_command("evaluate_tagger", "--data", str(other), stdout=out)
    assert "40 of 40 labelled rows (all rows)" in out.getvalue()


@pytest.mark.parametrize("content, message", [
    (None, "no file"),
    ("", "no labelled rows"),
    ('{"category": "书籍", "text": "好书"}\nnot json\n', "line 2"),
])
def test_evaluate_tagger_answers_bad_data_clearly(tmp_path, content, message):
    path = tmp_path / "data.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_tagger", "--data", str(path))


def test_train_tagger_answers_a_missing_reviews_file_clearly(tmp_path):
    with pytest.raises(CommandError, match="no file"):
        call_command("train_tagger", "--reviews", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path))
    assert not (tmp_path / classifier.MODEL_FILE).exists()


@pytest.mark.django_db
def test_retraining_waits_for_enough_new_editor_labels(shipped_artifact, tmp_path):
    from interests.models import Interest, ItemInterest
    from interests.tasks import retrain_tagger_if_needed
    from tests.factories import ItemFactory

    # an artifact trained without editor labels
    shutil.copytree(shipped_artifact, tmp_path, dirs_exist_ok=True)
    assert training.retrain_if_needed(tmp_path, threshold=1) == {"retrained": False, "new_editor_labels": 0}

    fashion = Interest.objects.get(slug="fashion")
    for i in range(3):
        ItemInterest.objects.create(item=ItemFactory(body_text=f"面料柔软舒服，第{i}件"), interest=fashion, weight=1.0,
                                    origin="editor")
    assert training.retrain_if_needed(tmp_path, threshold=4)["retrained"] is False
    result = training.retrain_if_needed(tmp_path, threshold=3)
    assert result["retrained"] is True and result["new_editor_labels"] == 3
    after = json.loads((tmp_path / classifier.METADATA_FILE).read_text(encoding="utf-8"))
    assert after["seed"] == 5 and after["version"] == result["version"] and after["samples"]["editor_labels"] == 3
    assert training.retrain_if_needed(tmp_path, threshold=3)["retrained"] is False  # counted from the new artifact
    assert retrain_tagger_if_needed.apply().get()["retrained"] is False  # the beat task: far below its threshold


@pytest.fixture
def camping_labels(db) -> None:
    add_camping_labels()


@pytest.mark.django_db  # run among the database tests, before transactional ones flush the taxonomy
def test_editor_labels_join_the_training_data(artifact_with_camping_labels):
    metadata = artifact_with_camping_labels[1]
    assert metadata["samples"]["editor_labels"] == 25
    assert "outdoor" in metadata["classes"]


def test_evaluate_tagger_refits_with_the_editor_labels_the_artifact_had(
    small_reviews, artifact_with_camping_labels, monkeypatch, camping_labels
):
    use_artifact(artifact_with_camping_labels[0], monkeypatch)
    refits = record_refits(monkeypatch)
    call_command("evaluate_tagger", "--data", str(small_reviews), stdout=StringIO())
    [(_, train)] = refits
    assert sum(e.group == "editor" for e in train) == 25 and "outdoor" in {e.interest for e in train}


def test_evaluate_tagger_says_so_when_the_editors_labels_cannot_be_read(
    small_reviews, artifact_with_camping_labels, monkeypatch, camping_labels
):
    from django.db import DatabaseError

    use_artifact(artifact_with_camping_labels[0], monkeypatch)
    monkeypatch.setattr(training, "editor_examples", mock.Mock(side_effect=DatabaseError("no such table")))
    with pytest.raises(CommandError, match="cannot read the editors' labels"):
        call_command("evaluate_tagger", "--data", str(small_reviews), stdout=StringIO())


@pytest.mark.django_db
def test_evaluate_tagger_repeats_the_held_out_evaluation_over_seeds(small_reviews, shipped_artifact,
                                                                    monkeypatch):
    use_artifact(shipped_artifact, monkeypatch)
    refits = record_refits(monkeypatch)
    out = StringIO()
    call_command("evaluate_tagger", "--data", str(small_reviews), "--seeds", "3,5,3", stdout=out)
    text = out.getvalue()
    examples = training.load_labelled(small_reviews)
    assert [seed for seed, _ in refits] == [3, 5]  # a repeated seed is run once
    for seed, train in refits:  # each refit never saw the rows its seed scores
        held_out = {e.key for e in training.split(examples, seed)[1]}
        assert held_out and not held_out & {e.key for e in train}
        row = next(line for line in text.splitlines() if line.strip().startswith(f"seed {seed} "))
        assert int(row.split()[2]) == len(held_out)
    mean = next(line for line in text.splitlines() if "mean of 2" in line).split()[3:]
    # product path, its worst title length, the text alone, classifier, lexicon, baseline, macro-F1
    assert len(mean) == 7 and float(mean[0]) >= 0.9
    assert "all rows" not in text  # several seeds' held-out sides overlap: no pooled line


@pytest.mark.django_db
def test_evaluate_tagger_cross_validates_every_row_once(small_reviews, shipped_artifact, monkeypatch):
    use_artifact(shipped_artifact, monkeypatch)
    refits = record_refits(monkeypatch)
    scored = []
    monkeypatch.setattr(training, "evaluate", lambda examples, model, lexicon, real=training.evaluate, **options:
                        scored.append(examples) or real(examples, model, lexicon, **options))
    out = StringIO()
    call_command("evaluate_tagger", "--data", str(small_reviews), "--folds", "3", stdout=out)
    text = out.getvalue()
    unique = {e.key for e in training.dedupe(training.load_labelled(small_reviews))}
    assert len(refits) == len(scored) == 3
    for (_, train), part in zip(refits, scored, strict=True):  # no refit scores a row it was fitted on
        assert part and not {e.key for e in part} & {e.key for e in train}
    assert sorted(e.key for part in scored for e in part) == sorted(unique)  # every row once
    assert "3-fold cross-validation (seed 5)" in text
    folds = [line.split()[1] for line in text.splitlines() if line.strip().startswith("fold ")]
    assert folds == ["1", "2", "3"]
    pooled = next(line for line in text.splitlines() if "all rows" in line).split()[2:]
    assert int(pooled[0]) == len(unique) and len(pooled) == 7 and float(pooled[1]) >= 0.9  # n, 5 taggers, baseline
    assert "all rows, product path by title length: title = first 28 chars" in text


@pytest.mark.parametrize("arguments, message", [
    (["--folds", "1"], "between 2 and 100 folds"),
    (["--folds", "ten"], "not an integer"),
    (["--folds", "5", "--seeds", "1,2"], "drop --seeds"),
    (["--folds", "5", "--no-held-out-only"], "drop --seeds and --\\[no-\\]held-out-only"),
    (["--folds", "100"], "holds no rows: use fewer folds"),
])
@pytest.mark.django_db
def test_evaluate_tagger_answers_bad_folds_clearly(small_reviews, monkeypatch, arguments, message):
    refits = record_refits(monkeypatch)
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_tagger", "--data", str(small_reviews), *arguments, stdout=StringIO())
    assert refits == []  # answered before any fitting


@pytest.mark.parametrize("arguments, message", [
    (["--seeds", "1,x"], "not a comma-separated list of integers"),
    (["--seeds", ","], "at least one seed"),
    (["--seeds", "1,2", "--no-held-out-only"], "drop --seed and --no-held-out-only"),
    (["--seeds", "1,2", "--seed", "4"], "drop --seed"),
])
def test_evaluate_tagger_answers_bad_seeds_clearly(small_reviews, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_tagger", "--data", str(small_reviews), *arguments, stdout=StringIO())


@pytest.mark.django_db
def test_a_seed_that_holds_out_nothing_is_named_before_any_fitting(tmp_path, monkeypatch):
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"category": "书籍", "label": 1, "text": "这本书印刷清晰"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    key = training.load_labelled(one)[0].key
    held, empty = (next(seed for seed in range(100) if training.held_out(key, seed) is wanted) for wanted in (True, False))
    refits = record_refits(monkeypatch)
    with pytest.raises(CommandError, match=f"--seeds: seed {empty} holds out no rows"):
        call_command("evaluate_tagger", "--data", str(one), "--seeds", f"{held},{empty}", stdout=StringIO())
    assert refits == []
