"""The choice at the heart of a kit: one item (or none) per slot, the most worth buying in total
within the budget. A multiple-choice knapsack solved exactly by dynamic programming over the
budget in small units (prices rounded up, so a chosen kit never exceeds the budget). Plain data,
no database; deterministic (ties go to the earlier slot's earlier candidate).

Value of a pick: COVER (a slot filled, worth more than any difference in 值得买指数, so the kit
covers as many slots as the budget allows) + 值得买指数 / 100 + PREFERENCE per wished-for word
(轻量化 …) the item's title has."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

COVER = 10.0
PREFERENCE = 0.05
MAX_UNITS = 2000  # the budget is cut into at most this many units


@dataclass(frozen=True)
class Option:
    key: int  # the caller's id for it (an item id)
    price: float
    worth: float
    preference_hits: int = 0

    @property
    def value(self) -> float:
        return COVER + self.worth / 100 + PREFERENCE * self.preference_hits


def choose(slots: Sequence[Sequence[Option]], budget: float | None) -> list[Option | None]:
    """One option or None per slot: the greatest total value whose prices sum to at most the
    budget (no budget: the best option of each slot)."""
    if budget is None:
        return [max(options, key=lambda o: o.value, default=None) for options in slots]
    unit = max(1.0, math.ceil(budget / MAX_UNITS))
    capacity = int(budget // unit)
    best = np.zeros(capacity + 1)  # best[c]: greatest value with at most c units spent
    picks: list[np.ndarray] = []  # per slot: the option index chosen at each capacity (-1 none)
    for options in slots:
        new, chosen = best.copy(), np.full(capacity + 1, -1)
        for index, option in enumerate(options):
            cost = math.ceil(option.price / unit)
            if cost > capacity:
                continue
            candidate = np.full(capacity + 1, -np.inf)
            candidate[cost:] = best[: capacity + 1 - cost] + option.value
            better = candidate > new + 1e-12
            new[better], chosen[better] = candidate[better], index
        picks.append(chosen)
        best = new
    return _walk_back(slots, picks, capacity, unit)


def _walk_back(slots: Sequence[Sequence[Option]], picks: list[np.ndarray], capacity: int, unit: float) -> list[Option | None]:
    result: list[Option | None] = [None] * len(slots)
    remaining = capacity
    for slot in range(len(slots) - 1, -1, -1):
        index = int(picks[slot][remaining])
        if index >= 0:
            option = slots[slot][index]
            result[slot] = option
            remaining -= math.ceil(option.price / unit)
    return result
