"""Offline evaluation of the recommender on implicit feedback (no Django here).

Protocol (what `manage.py evaluate_recommender` runs):
- input: MovieLens `u.data` lines, "user item rating timestamp" (tabs or spaces, integers);
  a rating ≥ `threshold` (4) is a positive; lower ratings are dropped, as in the usual
  implicit-feedback protocol on MovieLens: models learn from and are scored on positives only.
- split: per user, the positives are shuffled with a seeded generator and `test_fraction`
  (20%, rounded, at least one) is held out. Users with fewer than MIN_POSITIVES (5) positives
  stay wholly in training and are not scored, so every scored user has ≥ 4 training positives.
- ranking: every model ranks all catalogue items except the user's training positives, and the
  top k are compared with the user's held-out positives.
- metrics: averaged over the scored users, defined in `ranking_metrics`.
- tuning: the platform component and the ALS peer pick hyper-parameters on a validation split
  carved the same way from the TRAINING side only (seed + 1); the test side is never seen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import scipy.sparse as sp

from recommender import collaborative

MIN_POSITIVES = 5


class Model(Protocol):
    def fit(self, train: sp.csr_matrix) -> None: ...

    def score(self, users: np.ndarray) -> np.ndarray:
        """Dense scores, one row per user in `users`, one column per item."""
        ...


class InteractionsError(ValueError):
    """The interactions file cannot be used; the message says where and why."""


@dataclass
class Interactions:
    """Positives as a binary users × items matrix, with the file's ids for each index."""

    matrix: sp.csr_matrix
    user_ids: np.ndarray
    item_ids: np.ndarray
    n_ratings: int


def read_interactions(path: Path, threshold: int = 4) -> Interactions:
    """Read u.data, keep ratings ≥ threshold. The catalogue is every item in the file."""
    rows = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                rows.append(parse_line(line, number))
    if not rows:
        raise InteractionsError(f"{path}: no ratings (the file is empty)")
    try:
        return interactions_from_table(np.array(rows, dtype=np.int64), threshold)
    except InteractionsError as error:
        raise InteractionsError(f"{path}: {error}") from None


def interactions_from_table(table: np.ndarray, threshold: int = 4) -> Interactions:
    """The positives of u.data rows (user, item, rating, timestamp), as read or as generated."""
    user_ids, users = np.unique(table[:, 0], return_inverse=True)
    item_ids, items = np.unique(table[:, 1], return_inverse=True)
    positive = table[:, 2] >= threshold
    if not positive.any():
        raise InteractionsError(f"no rating is ≥ {threshold}, so there are no positives")
    matrix = sp.csr_matrix((np.ones(positive.sum()), (users[positive], items[positive])),
                           shape=(len(user_ids), len(item_ids)))
    matrix.data[:] = 1.0  # a user who rated an item twice still has one positive
    return Interactions(matrix, user_ids, item_ids, len(table))


def parse_line(line: str, number: int) -> tuple[int, int, int, int]:
    fields = line.split()
    if len(fields) != 4:
        raise InteractionsError(f"line {number}: expected 4 fields (user item rating timestamp), got {len(fields)}: "
                                f"{line.strip()[:80]!r}")
    try:
        user, item, rating, timestamp = (int(field) for field in fields)
    except ValueError:
        raise InteractionsError(f"line {number}: fields must be integers: {line.strip()[:80]!r}") from None
    return user, item, rating, timestamp


def split_per_user(matrix: sp.csr_matrix, test_fraction: float, seed: int) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(train, test) of the same shape. Users in index order, each one's positives in a seeded
    random order; round(fraction × n) of them (at least 1, at most n - 1) go to test. Users
    with fewer than MIN_POSITIVES positives keep them all in train."""
    rng = np.random.default_rng(seed)
    held_out = np.zeros(matrix.nnz, dtype=bool)
    for user in range(matrix.shape[0]):
        start, n_positives = matrix.indptr[user], matrix.indptr[user + 1] - matrix.indptr[user]
        if n_positives < MIN_POSITIVES:
            continue
        n_test = min(max(1, round(test_fraction * n_positives)), n_positives - 1)
        held_out[start + rng.permutation(n_positives)[:n_test]] = True
    return entries(matrix, ~held_out), entries(matrix, held_out)


def entries(matrix: sp.csr_matrix, chosen: np.ndarray) -> sp.csr_matrix:
    """The matrix with only the `chosen` stored entries (a mask over matrix.data)."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    return sp.csr_matrix((matrix.data[chosen], (rows[chosen], matrix.indices[chosen])), shape=matrix.shape)


def ranking_metrics(ranked: list[np.ndarray], relevant: list[np.ndarray], k: int, n_items: int) -> dict[str, float]:
    """Precision@k = hits / k; Recall@k = hits / |relevant|; NDCG@k = DCG / ideal DCG with binary
    gains and 1/log2(rank + 1) discounts; MAP@k = mean of precision@r over the ranks r ≤ k that
    hit, divided by min(k, |relevant|); all averaged over users. Coverage = share of the n_items
    catalogue that appears in at least one user's top k."""
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    totals = np.zeros(4)
    for top, truth in zip(ranked, relevant, strict=True):
        hit = np.isin(top[:k], truth).astype(float)
        ideal = discounts[: min(k, len(truth))].sum()
        precision_at = np.cumsum(hit) / np.arange(1, len(hit) + 1)
        totals += [hit.sum() / k, hit.sum() / len(truth), (hit * discounts[: len(hit)]).sum() / ideal,
                   (precision_at * hit).sum() / min(k, len(truth))]
    means = totals / max(len(ranked), 1)
    recommended: np.ndarray | list = np.unique(np.concatenate([top[:k] for top in ranked])) if ranked else []
    return {"precision": means[0], "recall": means[1], "ndcg": means[2], "map": means[3],
            "coverage": len(recommended) / n_items}


def top_k_unseen(scores: np.ndarray, seen: sp.csr_matrix, k: int) -> np.ndarray:
    """Each row's k best items (best first), the row's seen items excluded."""
    scores = scores.astype(np.float64, copy=True)
    rows, columns = seen.nonzero()
    scores[rows, columns] = -np.inf
    keep = min(k, scores.shape[1])
    best = np.argpartition(-scores, keep - 1, axis=1)[:, :keep]
    order = np.argsort(-np.take_along_axis(scores, best, axis=1), axis=1, kind="stable")
    return np.take_along_axis(best, order, axis=1)


def evaluate(model: Model, train: sp.csr_matrix, test: sp.csr_matrix, k: int, block: int = 1024) -> dict[str, float]:
    """Fit `model` on train, rank for every user with test positives, score against test."""
    started = time.perf_counter()
    model.fit(train)
    fitted = time.perf_counter()
    users = np.flatnonzero(np.diff(test.indptr))
    ranked: list[np.ndarray] = []
    for start in range(0, len(users), block):
        batch = users[start: start + block]
        ranked.extend(top_k_unseen(model.score(batch), train[batch], k))
    scored = time.perf_counter()
    relevant = [test.indices[test.indptr[user]: test.indptr[user + 1]] for user in users]
    metrics = ranking_metrics(ranked, relevant, k, train.shape[1])
    return metrics | {"fit_seconds": fitted - started, "score_seconds": scored - fitted}


class RandomModel:
    """Uniformly random order: the floor every model must clear."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def fit(self, train: sp.csr_matrix) -> None:
        self.rng, self.n_items = np.random.default_rng(self.seed), train.shape[1]

    def score(self, users: np.ndarray) -> np.ndarray:
        return self.rng.random((len(users), self.n_items))


class PopularModel:
    """Most positives in training first, the same list for everyone."""

    def fit(self, train: sp.csr_matrix) -> None:
        self.counts = np.asarray(train.sum(axis=0)).ravel()

    def score(self, users: np.ndarray) -> np.ndarray:
        return np.tile(self.counts, (len(users), 1))


class ItemSimilarityModel:
    """Any `collaborative` method, built as the product serves it (`served_similarity`: the rows
    cut to the neighbours ItemNeighbor stores), scored from the user's training positives."""

    def __init__(self, method: str = "auto", **params: float) -> None:
        self.method, self.params = method, params

    def fit(self, train: sp.csr_matrix) -> None:
        self.train = train
        self.similarity = collaborative.served_similarity(train, self.method, **self.params)

    def score(self, users: np.ndarray) -> np.ndarray:
        return collaborative.score_users(self.similarity, self.train[users])


class ALSModel:
    """The peer: implicit's AlternatingLeastSquares on CPU, a positive weighs alpha
    (implicit 0.7 treats the matrix values, times alpha, as confidences; the unobserved weigh 1)."""

    method = "implicit.als"

    def __init__(self, seed: int, **params: float) -> None:
        self.seed, self.params = seed, params

    def fit(self, train: sp.csr_matrix) -> None:
        from implicit.als import AlternatingLeastSquares  # heavy import: only when ALS is asked for
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1, "blas"):  # implicit's own threads; a threaded BLAS inside them thrashes
            model = AlternatingLeastSquares(use_gpu=False, random_state=self.seed, **self.params)
            model.fit(train.astype(np.float32), show_progress=False)
        self.user_factors, self.item_factors = model.user_factors, model.item_factors

    def score(self, users: np.ndarray) -> np.ndarray:
        return self.user_factors[users] @ self.item_factors.T


class TunedModel:
    """Picks the grid point with the best NDCG@k on a validation split carved from the training
    side (same per-user procedure, seed + 1), then refits that point on the whole training side."""

    def __init__(self, make: Callable[[dict], Model], grid: list[dict], k: int, seed: int, test_fraction: float) -> None:
        self.make, self.grid, self.k, self.seed, self.test_fraction = make, grid, k, seed, test_fraction

    def fit(self, train: sp.csr_matrix) -> None:
        started = time.perf_counter()
        inner_train, validation = split_per_user(train, self.test_fraction, self.seed + 1)
        trials = [(evaluate(self.make(params), inner_train, validation, self.k)["ndcg"], params) for params in self.grid]
        self.validation_ndcg, self.params = max(trials, key=lambda trial: trial[0])
        self.tuning_seconds = time.perf_counter() - started
        self.model = self.make(self.params)
        self.model.fit(train)

    def score(self, users: np.ndarray) -> np.ndarray:
        return self.model.score(users)

    def describe(self) -> dict:
        return {"method": getattr(self.model, "method", type(self.model).__name__), "params": self.params,
                "validation_ndcg": round(self.validation_ndcg, 4),
                "grid_size": len(self.grid), "tuning_seconds": round(self.tuning_seconds, 2)}


# "served": the platform's model with the defaults the hourly refit uses; "platform": tuned here.
MODEL_NAMES = ("random", "popular", "itemknn", "served", "platform", "als")  # the default run
EXTRA_MODELS = ("rp3beta",)  # the platform's sparse fallback for large catalogues, on demand
GRIDS: dict[str, list[dict]] = {
    "ease": [{"l2": l2, "dropout": p} for l2 in (10, 25, 50, 100, 200, 400, 800) for p in (0.0, 0.25, 0.5)],
    "rp3beta": [{"alpha": a, "beta": b} for a in (0.6, 0.8, 1.0, 1.2) for b in (0.2, 0.35, 0.5, 0.65)],
    # implicit's defaults are factors 100, regularization 0.01, alpha 1, 15 iterations. On the
    # generated data 30 iterations were no better than 15, nor 512 or 1,024 factors than 256.
    "als": [{"factors": f, "regularization": r, "alpha": a, "iterations": 15}
            for f in (64, 128, 256) for r in (5.0, 20.0, 50.0) for a in (2.0, 5.0, 10.0)],
}


def build_model(name: str, *, seed: int, k: int, test_fraction: float, n_items: int) -> Model:
    def tuned(grid: str, make: Callable[[dict], Model]) -> TunedModel:
        return TunedModel(make, GRIDS[grid], k, seed, test_fraction)

    if name == "random":
        return RandomModel(seed)
    if name == "popular":
        return PopularModel()
    if name == "itemknn":
        return ItemSimilarityModel("cosine", neighbours=100)  # plain: no shrinkage, fixed neighbourhood
    if name == "served":
        return ItemSimilarityModel(collaborative.choose_method(n_items))
    if name in ("platform", "rp3beta"):
        method = collaborative.choose_method(n_items) if name == "platform" else "rp3beta"
        return tuned(method, lambda params: ItemSimilarityModel(method, **params))
    if name == "als":
        return tuned("als", lambda params: ALSModel(seed, **params))
    raise ValueError(f"unknown model {name!r}: one of {', '.join(MODEL_NAMES + EXTRA_MODELS)}")


def run_evaluation(data: Interactions, *, k: int, seed: int, test_fraction: float, models: list[str]) -> dict:
    """The whole protocol on one data set: split, fit and score every model, report as a dict."""
    train, test = split_per_user(data.matrix, test_fraction, seed)
    if test.nnz == 0:
        raise InteractionsError(f"no user has {MIN_POSITIVES} positives: nothing to hold out and test")
    results = {}
    for name in models:
        model = build_model(name, seed=seed, k=k, test_fraction=test_fraction, n_items=data.matrix.shape[1])
        metrics = evaluate(model, train, test, k)
        results[name] = {key: round(value, 4) for key, value in metrics.items()}
        if isinstance(model, TunedModel):
            results[name] |= model.describe()
    protocol = {"k": k, "seed": seed, "test_fraction": test_fraction, "min_positives": MIN_POSITIVES,
                "split": "per user, seeded shuffle of the positives; users under min_positives stay in train",
                "ranking": "all catalogue items but the user's training positives",
                "tuning": "grid search on NDCG@k over a validation split of the training side (seed + 1); "
                          "a tuned model's fit_seconds include its tuning_seconds"}
    return {"protocol": protocol, "dataset": dataset_stats(data, train, test), "models": results}


def dataset_stats(data: Interactions, train: sp.csr_matrix, test: sp.csr_matrix) -> dict:
    n_users, n_items = data.matrix.shape
    positives_per_user = np.diff(data.matrix.indptr)
    return {"users": n_users, "items": n_items, "ratings": data.n_ratings, "positives": int(data.matrix.nnz),
            "positive_share": round(data.matrix.nnz / data.n_ratings, 4),
            "train_positives": int(train.nnz), "test_positives": int(test.nnz),
            "test_users": int((np.diff(test.indptr) > 0).sum()),
            "users_kept_in_train": int(((positives_per_user > 0) & (positives_per_user < MIN_POSITIVES)).sum()),
            "users_without_positives": int((positives_per_user == 0).sum())}
