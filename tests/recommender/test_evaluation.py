"""The offline evaluation: metrics on hand-computed cases, the seeded per-user split, clear
errors for bad files, the collaborative component on a planted toy, and the command end to end
on generated data with planted taste structure."""

import json
import math
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from django.core.management import CommandError, call_command

from recommender import collaborative, evaluation


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_metrics_match_hand_computed_values():
    # user 1: hits at ranks 1 and 3 of {a=0, c=2}; user 2: one hit at rank 3.
    ranked = [np.array([0, 1, 2]), np.array([3, 4, 5])]
    relevant = [np.array([0, 2]), np.array([5])]
    metrics = evaluation.ranking_metrics(ranked, relevant, k=3, n_items=12)
    ndcg_1 = (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    assert metrics["precision"] == pytest.approx((2 / 3 + 1 / 3) / 2)
    assert metrics["recall"] == pytest.approx((1 + 1) / 2)
    assert metrics["ndcg"] == pytest.approx((ndcg_1 + 0.5) / 2)
    assert metrics["map"] == pytest.approx(((1 + 2 / 3) / 2 + (1 / 3) / 1) / 2)
    assert metrics["coverage"] == pytest.approx(6 / 12)


def test_metrics_normalise_by_k_when_more_items_are_relevant_than_k():
    metrics = evaluation.ranking_metrics([np.array([0, 1])], [np.array([0, 1, 2])], k=2, n_items=3)
    assert metrics["precision"] == 1 and metrics["ndcg"] == pytest.approx(1) and metrics["map"] == pytest.approx(1)
    assert metrics["recall"] == pytest.approx(2 / 3)


def test_a_ranking_without_hits_scores_zero():
    metrics = evaluation.ranking_metrics([np.array([1, 2])], [np.array([0])], k=2, n_items=3)
    assert metrics["ndcg"] == metrics["map"] == metrics["precision"] == metrics["recall"] == 0


def toy_positives(n_users: int = 40, seed: int = 0) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    dense = rng.random((n_users, 50)) < 0.3
    dense[0, :] = False
    dense[0, :3] = True  # user 0 has 3 positives: too few to test
    return sp.csr_matrix(dense.astype(float))


def test_the_split_is_seeded_and_per_user():
    positives = toy_positives()
    train, test = evaluation.split_per_user(positives, 0.2, seed=5)
    again_train, again_test = evaluation.split_per_user(positives, 0.2, seed=5)
    other_train, _ = evaluation.split_per_user(positives, 0.2, seed=6)
    assert (train != again_train).nnz == 0 and (test != again_test).nnz == 0
    assert (train != other_train).nnz > 0
    assert (train + test != positives).nnz == 0 and train.multiply(test).nnz == 0
    for user in range(1, positives.shape[0]):
        n_positives = positives[user].nnz
        assert test[user].nnz == min(max(1, round(0.2 * n_positives)), n_positives - 1)


def test_users_with_too_few_positives_stay_in_train():
    train, test = evaluation.split_per_user(toy_positives(), 0.2, seed=5)
    assert test[0].nnz == 0 and train[0].nnz == 3


def test_reading_keeps_ratings_at_or_above_the_threshold(tmp_path):
    path = write(tmp_path / "u.data", "1\t10\t5\t1\n1\t11\t3\t2\n2 10 4 3\n\n2\t12\t1\t4\n")
    data = evaluation.read_interactions(path, threshold=4)
    assert data.matrix.shape == (2, 3) and data.matrix.nnz == 2 and data.n_ratings == 4
    assert list(data.item_ids) == [10, 11, 12]


@pytest.mark.parametrize(("text", "message"), [
    ("1\t10\t5\t1\n1\t11\t4\n", "line 2: expected 4 fields"),
    ("1\t10\t5\t1\n1\t11\tfour\t2\n", "line 2: fields must be integers"),
    ("1,10,5,1\n", "line 1: expected 4 fields"),
    ("", "the file is empty"),
    ("1\t10\t3\t1\n2\t11\t2\t2\n", "no positives"),
])
def test_bad_files_give_clear_errors(tmp_path, text, message):
    path = write(tmp_path / "u.data", text)
    with pytest.raises(evaluation.InteractionsError, match=message):
        evaluation.read_interactions(path)
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_recommender", "--interactions", str(path), stdout=StringIO())


def test_the_command_refuses_data_with_no_user_to_test(tmp_path):
    path = write(tmp_path / "u.data", "1\t10\t5\t1\n1\t11\t5\t2\n")
    with pytest.raises(CommandError, match="no user has 5 positives"):
        call_command("evaluate_recommender", "--interactions", str(path), stdout=StringIO())


def test_the_command_names_a_missing_file_and_unknown_models(tmp_path):
    with pytest.raises(CommandError, match="no file at"):
        call_command("evaluate_recommender", "--interactions", str(tmp_path / "nope.data"))
    path = write(tmp_path / "u.data", "1\t10\t5\t1\n")
    with pytest.raises(CommandError, match="unknown svd"):
        call_command("evaluate_recommender", "--interactions", str(path), "--models", "popular,svd")


def two_tribes() -> sp.csr_matrix:
    """Users 0-9 like items 0-4, users 10-19 like items 5-9: a planted block structure."""
    dense = np.zeros((20, 10))
    dense[:10, :5] = 1
    dense[10:, 5:] = 1
    return sp.csr_matrix(dense)


@pytest.mark.parametrize("method", ["ease", "rp3beta", "cosine"])
def test_each_method_recommends_within_the_users_tribe(method):
    similarity = collaborative.fit_item_similarity(two_tribes(), method, neighbours=4)
    assert similarity.shape == (10, 10) and similarity.diagonal().sum() == 0
    assert np.diff(similarity.indptr).max() <= 4
    recommended = collaborative.recommend(similarity, [0, 1], n=3)
    assert {item for item, _ in recommended} == {2, 3, 4}
    assert [score for _, score in recommended] == sorted((score for _, score in recommended), reverse=True)


def test_recommend_takes_weighted_histories_and_leaves_out_exclusions():
    similarity = collaborative.fit_item_similarity(two_tribes(), "rp3beta")
    recommended = collaborative.recommend(similarity, [(0, 2.0), (6, 0.1)], n=10, exclude=[2])
    items = [item for item, _ in recommended]
    assert not {0, 6, 2} & set(items)
    assert set(items[:3]) == {1, 3, 4} and set(items[3:]) == {5, 7, 8, 9}  # the heavier history item leads


def test_recommend_takes_a_csr_row_and_keeps_only_positive_scores():
    similarity = collaborative.fit_item_similarity(two_tribes(), "cosine")
    history = sp.csr_matrix(([1.0], ([0], [7])), shape=(1, 10))
    assert {item for item, _ in collaborative.recommend(similarity, history, n=10)} == {5, 6, 8, 9}


def test_auto_uses_the_dense_model_only_for_small_catalogues():
    assert collaborative.choose_method(1682) == "ease"
    assert collaborative.choose_method(100_000) == "rp3beta"


def test_the_als_peer_learns_the_planted_tribes():
    model = evaluation.ALSModel(seed=1, factors=4, regularization=0.1, alpha=5.0, iterations=10)
    model.fit(two_tribes())
    scores = model.score(np.array([0, 10]))
    assert scores[0, :5].min() > scores[0, 5:].max() and scores[1, 5:].min() > scores[1, :5].max()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("interactions") / "u.data"
    call_command("generate_interactions", "--users", "300", "--items", "400", "--ratings", "12000",
                 "--seed", "3", "--out", str(path), stdout=StringIO())
    return path


def test_generated_data_looks_like_movielens(generated):
    table = np.loadtxt(generated, dtype=np.int64)
    assert table.shape == (12000, 4) and table[:, 0].min() == 1 and table[:, 1].min() == 1
    assert set(np.unique(table[:, 2])) == {1, 2, 3, 4, 5}
    assert 0.5 < (table[:, 2] >= 4).mean() < 0.6
    popularity = np.sort(np.bincount(table[:, 1]))[::-1]
    assert popularity[:20].sum() > 0.1 * len(table)  # a long tail: the top 5% of items take > 10%


def test_the_command_recovers_the_planted_structure(generated):
    out = StringIO()
    call_command("evaluate_recommender", "--interactions", str(generated), "--k", "10", "--seed", "1",
                 "--models", "random,popular,itemknn,served,platform", stdout=out)
    report = json.loads(out.getvalue())
    models = report["models"]
    assert report["dataset"]["users"] == 300 and report["protocol"]["k"] == 10
    assert set(models) == {"random", "popular", "itemknn", "served", "platform"}
    assert models["served"]["ndcg"] >= 1.3 * models["popular"]["ndcg"]  # the hourly refit's defaults, untuned
    assert models["platform"]["ndcg"] >= 1.3 * models["popular"]["ndcg"]
    assert models["popular"]["ndcg"] > 2 * models["random"]["ndcg"]
    assert models["platform"]["method"] == "ease" and models["platform"]["grid_size"] > 1
    for metrics in models.values():
        assert set(metrics) >= {"precision", "recall", "ndcg", "map", "coverage", "fit_seconds", "score_seconds"}


def movielens_100k_lines(n_users: int = 12, n_items: int = 30, seed: int = 0) -> str:
    """Lines exactly as MovieLens 100k's u.data has them: user, item, rating (1-5), a Unix
    timestamp, tab separated, ids from 1, in no particular order."""
    rng = np.random.default_rng(seed)
    lines = []
    for user in range(1, n_users + 1):
        for item in rng.choice(np.arange(1, n_items + 1), size=15, replace=False):
            lines.append(f"{user}\t{item}\t{rng.integers(1, 6)}\t{rng.integers(874_724_710, 893_286_638)}")
    rng.shuffle(lines)
    return "\n".join(lines) + "\n"


def test_the_movielens_100k_format_is_read_as_is(tmp_path):
    path = write(tmp_path / "u.data", movielens_100k_lines())
    data = evaluation.read_interactions(path)
    table = np.loadtxt(path, dtype=np.int64, delimiter="\t")
    assert data.n_ratings == len(table) == 12 * 15 and data.matrix.shape == (12, len(np.unique(table[:, 1])))
    assert data.matrix.nnz == (table[:, 2] >= 4).sum()
    user, item = table[table[:, 2] == 5][0, :2]  # a five-star rating is a positive of that user and item
    assert data.matrix[np.searchsorted(data.user_ids, user), np.searchsorted(data.item_ids, item)] == 1


def test_the_command_runs_a_movielens_file_once_per_seed_and_prints_a_table(tmp_path):
    path = write(tmp_path / "u.data", movielens_100k_lines())
    out, err = StringIO(), StringIO()
    call_command("evaluate_recommender", "--interactions", str(path), "--seeds", "3,4",
                 "--models", "popular,itemknn", stdout=out, stderr=err)
    runs = json.loads(out.getvalue())["runs"]
    assert [run["protocol"]["seed"] for run in runs] == [3, 4]
    assert all(run["protocol"]["interactions"] == str(path) and run["dataset"]["users"] == 12 for run in runs)
    table = err.getvalue().splitlines()
    assert table[0] == "NDCG@10" and table[1].split() == ["data", "seed", "popular", "itemknn"]
    assert [line.split()[:2] for line in table[2:]] == [["u.data", "3"], ["u.data", "4"]]


def test_the_command_generates_each_setting_with_each_seed(tmp_path):
    out, err = StringIO(), StringIO()
    call_command("evaluate_recommender", "--generated", "factors,niches", "--seeds", "1,2", "--users", "60",
                 "--items", "80", "--ratings", "2400", "--models", "popular", stdout=out, stderr=err)
    runs = json.loads(out.getvalue())["runs"]
    assert [(run["protocol"]["generated"], run["protocol"]["seed"]) for run in runs] == [
        ("factors", 1), ("factors", 2), ("niches", 1), ("niches", 2)]
    assert runs[0]["dataset"]["ratings"] == 2400 and runs[0]["dataset"]["users"] == 60


@pytest.mark.parametrize(("arguments", "message"), [
    (["--generated", "flattering"], "--generated: unknown flattering"),
    (["--generated", "niches", "--seeds", "7,x"], "--seeds: comma-separated integers"),
    (["--generated", "niches", "--ratings", "50", "--users", "2", "--items", "3"], "no more ratings than users"),
])
def test_the_command_refuses_bad_generation_options(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_recommender", *arguments, stdout=StringIO(), stderr=StringIO())


def test_each_generator_setting_is_its_own_data(tmp_path):
    from recommender.management.commands.generate_interactions import SETTINGS, generated_table

    tables = {name: generated_table(5, 40, 60, 1200, setting) for name, setting in SETTINGS.items()}
    assert all(table.shape == (1200, 4) for table in tables.values())
    assert (generated_table(5, 40, 60, 1200, SETTINGS["niches"]) == tables["niches"]).all()  # seeded
    assert not (tables["factors"] == tables["niches"]).all()
