"""The item-to-item model behind co-occurrence candidates: learned from shoppers' positive
events of the last 90 days with recommender.collaborative, stored as each item's top neighbours
(ItemNeighbor, the served model's signed weights), and replaced in one transaction so feeds never see half a model."""

from datetime import datetime, timedelta

import numpy as np
import scipy.sparse as sp
from django.db import transaction
from django.utils import timezone

from guide.db import insert_rows
from interests.models import Event
from recommender.collaborative import served_similarity
from recommender.models import ItemNeighbor

# How much each kind of engagement says "I wanted this".
POSITIVE = {"favorite": 3.0, "click_out": 2.5, "vote_worth": 2.0, "share": 2.0, "dwell": 1.5, "click": 1.0}
WINDOW = timedelta(days=90)


def interaction_matrix(*, now: datetime) -> tuple[sp.csr_matrix, np.ndarray]:
    """Shoppers × items, each cell the strongest positive engagement; and the item ids by column."""
    rows = Event.objects.filter(type__in=POSITIVE, ts__gte=now - WINDOW, user__isnull=False, item__isnull=False)
    triples = list(rows.values_list("user_id", "item_id", "type").iterator(chunk_size=50_000))
    if not triples:
        return sp.csr_matrix((0, 0)), np.array([], dtype=np.int64)
    users, user_index = np.unique([u for u, _, _ in triples], return_inverse=True)
    items, item_index = np.unique([i for _, i, _ in triples], return_inverse=True)
    weights = np.array([POSITIVE[t] for _, _, t in triples], dtype=np.float32)
    matrix = sp.coo_matrix((weights, (user_index, item_index)), shape=(len(users), len(items))).tocsr()
    matrix.sum_duplicates()
    matrix.data = np.minimum(matrix.data, 3.0)  # repeated clicks do not outweigh one favourite
    return matrix, items


@transaction.atomic
def neighbors_recompute(*, now: datetime | None = None) -> int:
    """Relearn and replace the whole neighbour table; returns the number of rows stored. Every
    weight of the served model is stored as it is (collaborative.served_similarity, the model
    evaluate_recommender measures): a negative one demotes an item that goes badly with a history."""
    matrix, item_ids = interaction_matrix(now=now or timezone.now())
    rows = []
    if matrix.shape[1] > 1:
        similarity = served_similarity(matrix).tocoo()
        rows = [(int(item_ids[row]), int(item_ids[column]), float(score))
                for row, column, score in zip(similarity.row, similarity.col, similarity.data, strict=True)
                if row != column and score != 0]
    ItemNeighbor.objects.all().delete()
    insert_rows(ItemNeighbor, ("item_id", "neighbor_id", "score"), rows)
    return len(rows)
