"""The platform's collaborative component: a sparse item-to-item model learned from positive
shopper events, and the scorer that turns a shopper's recent positives into ranked items.

No Django here: plain scipy / numpy in and out, so the Celery beat task, the feed code and the
offline evaluation (`recommender.evaluation`, `manage.py evaluate_recommender`) share it.

Methods (`fit_item_similarity(..., method=...)`), all returning items × items CSR with at most
`neighbours` entries per row (row i = the weights item i's presence in a history adds to each
other item; a user's scores = history row × model):
- "ease": EASE (Steck 2019), the closed-form linear item-item model B = I - P·diag(1/diag(P)),
  P = (XᵀX + Λ)⁻¹, with EDLAE's (Steck 2020) dropout penalty Λ = λI + p/(1-p)·diag(XᵀX), then
  each row pruned to its `neighbours` largest weights by magnitude. It needs a dense items ×
  items inverse (1 s at 1,682 items, 60 s and 4 GB at 10,000), so "auto" uses it only up to
  EASE_MAX_ITEMS items.
- "rp3beta": RP3beta (Paudel et al. 2017), a 3-step random walk item → user → item with
  transition probabilities raised to `alpha` and the landing item's popularity divided out
  with exponent `beta`. Built block by block straight into top-k rows, so memory stays
  O(items × neighbours) plus one block: 35 s for 100,000 items × 10,000 users × 1.4M events.
  "auto" uses it past EASE_MAX_ITEMS.
- "cosine": plain cosine item-kNN with an optional shrinkage term (the evaluation baseline).

Defaults and why: `evaluate_recommender` tunes λ and p (α, β for RP3beta) on a validation split
of the training side; the hourly refit has no split to tune on and uses DEFAULTS. EASE λ=200,
p=0.5 is the point that tuning picked on 6 of 9 generated runs (`--generated
movielens,factors,niches --seeds 7,8,9`: all of the MovieLens-like and low-rank ones; the
niche-heavy data prefers λ 25-100). EDLAE's dropout beats plain EASE (λ=100, p=0) there.
RP3beta α=1.0, β=0.5, 200 neighbours; cosine item-kNN is the evaluation's baseline. Every
method is served cut to SERVED_NEIGHBOURS weights per item (`served_similarity`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp
from scipy.linalg import lapack
from threadpoolctl import threadpool_limits

EASE_MAX_ITEMS = 10_000  # dense n × n: 60 s and a 4 GB peak at 10,000 items on the 2-core machine
DEFAULTS: dict[str, dict[str, float]] = {
    "ease": {"l2": 200.0, "dropout": 0.5, "neighbours": 100},
    "rp3beta": {"alpha": 1.0, "beta": 0.5, "neighbours": 200},
    "cosine": {"shrink": 0.0, "neighbours": 100},
}
BLOCK_ENTRIES = 1 << 24  # expected non-zeros of one block of the item-item product (~200 MB)

History: TypeAlias = sp.csr_matrix | Iterable[int] | Iterable[tuple[int, float]]


SERVED_NEIGHBOURS = 50  # per item, as ItemNeighbor stores them: 5M rows at 100,000 items


def served_similarity(interactions: sp.csr_matrix, method: str = "auto", **params: float) -> sp.csr_matrix:
    """The item model exactly as the product serves it (recommender.neighbors stores every entry,
    negative weights included) and as `evaluate_recommender` measures it: each row cut to its
    SERVED_NEIGHBOURS largest weights by magnitude."""
    return fit_item_similarity(interactions, method, **({"neighbours": SERVED_NEIGHBOURS} | params))


def choose_method(n_items: int) -> str:
    """EASE where its dense inverse is affordable (it ranks best), the sparse RP3beta beyond."""
    return "ease" if n_items <= EASE_MAX_ITEMS else "rp3beta"


def fit_item_similarity(interactions: sp.csr_matrix, method: str = "auto", **params: float) -> sp.csr_matrix:
    """Learn the items × items model from users × items interactions (binary or weighted)."""
    interactions = sp.csr_matrix(interactions, dtype=np.float64)
    if method == "auto":
        method = choose_method(interactions.shape[1])
    if method not in DEFAULTS:
        raise ValueError(f"unknown method {method!r}: one of auto, {', '.join(DEFAULTS)}")
    settings = DEFAULTS[method] | params
    unknown = set(settings) - set(DEFAULTS[method])
    if unknown:
        raise ValueError(f"{method} takes {', '.join(DEFAULTS[method])}, not {', '.join(sorted(unknown))}")
    fit: Any = {"ease": _fit_ease, "rp3beta": _fit_rp3beta, "cosine": _fit_cosine}[method]
    return fit(interactions, **settings)


def _fit_ease(interactions: sp.csr_matrix, l2: float, dropout: float, neighbours: float) -> sp.csr_matrix:
    if not (0.0 <= dropout < 1.0 and l2 > 0):
        raise ValueError(f"ease needs 0 <= dropout < 1 and l2 > 0, not dropout={dropout}, l2={l2}")
    gram = (interactions.T @ interactions).toarray()
    # EDLAE's penalty: dropout p on the input is, in expectation, an extra L2 of p/(1-p)·(XᵀX)_ii on
    # item i, so popular items are shrunk more: NDCG@10 0.358 against plain EASE's 0.347.
    gram[np.diag_indices_from(gram)] += l2 + dropout / (1.0 - dropout) * np.diag(gram)
    inverse = _spd_inverse(gram)
    weights = inverse / -np.diag(inverse)  # B_ij = -P_ij / P_jj
    np.fill_diagonal(weights, 0.0)
    return _prune_dense(weights, int(neighbours))


def _spd_inverse(matrix: np.ndarray) -> np.ndarray:
    """Inverse of a symmetric positive definite matrix through Cholesky (LAPACK potrf / potri):
    half the time of np.linalg.inv, 0.55 s instead of 1.15 s at 1,665 items."""
    with threadpool_limits(1, "blas"):  # threaded OpenBLAS spin-waits on a busy 2-core box: 10× slower
        factor, info = lapack.dpotrf(matrix, lower=False, overwrite_a=True)
        if info != 0:
            raise np.linalg.LinAlgError(f"the Gram matrix is not positive definite (potrf info {info})")
        upper, info = lapack.dpotri(factor, lower=False, overwrite_c=True)
    if info != 0:
        raise np.linalg.LinAlgError(f"potri failed (info {info})")
    return np.triu(upper) + np.triu(upper, 1).T


def _fit_rp3beta(interactions: sp.csr_matrix, alpha: float, beta: float, neighbours: float) -> sp.csr_matrix:
    user_to_item = _row_normalised(interactions).power(alpha)
    item_to_user = _row_normalised(interactions.T.tocsr()).power(alpha)
    popularity = np.asarray(interactions.sum(axis=0)).ravel()
    # Dividing by popularity^beta (where the walk lands) keeps blockbusters from neighbouring everything.
    landing = np.power(np.maximum(popularity, 1e-12), -beta)

    def penalise_landing(block: sp.csr_matrix, first_row: int) -> None:
        block.data *= landing[block.indices]

    return _blockwise_top_k(item_to_user, user_to_item, int(neighbours), penalise_landing)


def _fit_cosine(interactions: sp.csr_matrix, shrink: float, neighbours: float) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(interactions.power(2).sum(axis=0)).ravel())

    def normalise(block: sp.csr_matrix, first_row: int) -> None:
        rows = first_row + np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
        block.data /= norms[rows] * norms[block.indices] + shrink + 1e-12

    return _blockwise_top_k(interactions.T.tocsr(), interactions, int(neighbours), normalise)


def _row_normalised(matrix: sp.csr_matrix) -> sp.csr_matrix:
    totals = np.asarray(matrix.sum(axis=1)).ravel()
    return sp.csr_matrix(sp.diags(1.0 / np.maximum(totals, 1e-12)) @ matrix)


def _blockwise_top_k(left: sp.csr_matrix, right: sp.csr_matrix, neighbours: int,
                     adjust: Callable[[sp.csr_matrix, int], None]) -> sp.csr_matrix:
    """(left @ right), `adjust`ed in place, pruned to each row's top `neighbours`, one block of rows
    at a time: the full items × items product never exists at once."""
    n_rows, n_cols = left.shape[0], right.shape[1]
    # a row of the product has about (non-zeros per row of left) × (per row of right) entries
    per_row = min(n_cols, left.nnz / max(n_rows, 1) * right.nnz / max(right.shape[0], 1))
    step = max(1, int(BLOCK_ENTRIES / max(per_row, 1.0)))
    blocks = []
    for start in range(0, n_rows, step):
        block = sp.csr_matrix(left[start: start + step] @ right)
        adjust(block, start)
        rows = start + np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
        block.data[block.indices == rows] = 0.0  # no item is its own neighbour
        block.eliminate_zeros()
        blocks.append(_prune_sparse(block, neighbours))
    return sp.vstack(blocks, format="csr") if blocks else sp.csr_matrix((0, n_cols))


def _prune_sparse(matrix: sp.csr_matrix, neighbours: int) -> sp.csr_matrix:
    """Keep each row's `neighbours` largest entries (by magnitude) of a CSR matrix. A loop over the
    long rows with argpartition: one lexsort of all entries made the 100,000-item fit 150 s, not 35."""
    lengths = np.diff(matrix.indptr)
    keep = np.ones(matrix.nnz, dtype=bool)
    magnitudes = np.abs(matrix.data)
    for row in np.flatnonzero(lengths > neighbours):
        start, surplus = matrix.indptr[row], lengths[row] - neighbours
        smallest = np.argpartition(magnitudes[start: matrix.indptr[row + 1]], surplus - 1)[:surplus]
        keep[start + smallest] = False
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[keep], minlength=matrix.shape[0]))])
    return sp.csr_matrix((matrix.data[keep], matrix.indices[keep], indptr), shape=matrix.shape)


def _prune_dense(weights: np.ndarray, neighbours: int) -> sp.csr_matrix:
    """Keep each row's `neighbours` largest weights by magnitude. EASE's negative weights stay:
    they demote items that go badly with the history, and dropping them cost 0.01 NDCG@10."""
    n_rows, n_cols = weights.shape
    keep = min(neighbours, n_cols)
    if keep <= 0 or n_rows == 0:
        return sp.csr_matrix((n_rows, n_cols))
    columns = np.argpartition(-np.abs(weights), keep - 1, axis=1)[:, :keep]
    values = np.take_along_axis(weights, columns, axis=1)
    rows = np.repeat(np.arange(n_rows), keep)
    pruned = sp.csr_matrix((values.ravel(), (rows, columns.ravel())), shape=(n_rows, n_cols))
    pruned.eliminate_zeros()
    return pruned


def history_vector(user_history: History, n_items: int) -> sp.csr_matrix:
    """A 1 × items row from a CSR row, item indices (weight 1) or (item index, weight) pairs."""
    if sp.issparse(user_history):
        return sp.csr_matrix(user_history, dtype=np.float64)
    pairs: list[Any] = [(entry, 1.0) if np.isscalar(entry) else entry for entry in user_history]
    items = np.array([int(item) for item, _ in pairs], dtype=np.int64)
    weights = np.array([float(weight) for _, weight in pairs], dtype=np.float64)
    return sp.csr_matrix((weights, (np.zeros(len(items), dtype=np.int64), items)), shape=(1, n_items))


def recommend(similarity: sp.csr_matrix, user_history: History, n: int,
              exclude: Iterable[int] = (), exclude_history: bool = True) -> list[tuple[int, float]]:
    """The `n` best items for one shopper, best first, as (item index, score); only items with a
    positive score, never the shopper's own history (unless told) nor `exclude`."""
    history = history_vector(user_history, similarity.shape[0])
    scores = (history @ similarity).toarray().ravel()
    banned = list(exclude) + (list(history.indices) if exclude_history else [])
    scores[np.asarray(banned, dtype=np.int64)] = -np.inf
    candidates = np.flatnonzero(scores > 0)
    best = candidates[np.argsort(-scores[candidates], kind="stable")[:n]]
    return [(int(item), float(scores[item])) for item in best]


def score_users(similarity: sp.csr_matrix, user_items: sp.csr_matrix) -> np.ndarray:
    """Dense scores (users × items) for a batch of users' histories: the evaluation's scorer.
    Callers pass blocks of users so the dense result stays small."""
    return np.asarray((user_items @ similarity).todense())
