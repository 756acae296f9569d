"""What the shopper values, not only what she likes: which of the twelve AIUC dimensions she
weighs (a price hunter, a reliability seeker), learned from the items she opened among those she
was shown, and her own say over it (set it herself, go back to what was learned, or switch it off).

    weight(d) = clip(shrink · (mean_opened(d) − mean_skipped(d)) / pooled_sd(d), −1, 1)
    shrink    = n / (n + SHRINK_ITEMS),  n = harmonic mean of the opened and skipped counts

A standardised difference of means (one number per dimension, read straight off what she did)
rather than a per-shopper regression: with a few dozen items a shopper's regression is noise, and
the reason shown to her ("你点开的内容价格力平均 78 分，略过的 52 分") is exactly what the weight
rests on. The feed ranks by effective_values (recommender.ranking)."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import numpy as np
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from content.models import ItemScore
from content.scoring.dimensions import DIMENSION_KEYS, DIMENSIONS
from interests.events import feed_changed
from interests.models import Event, ShopperValues

# Opening an item in any of these ways says she wanted it; shown and none of them is a skip.
OPENED_TYPES = ("click", "dwell", "favorite", "vote_worth", "click_out", "share")
SHOWN_TYPES = ("impression", "hide", "vote_not_worth")
WINDOW = timedelta(days=60)
MAX_EVENTS = 5_000  # the newest; plenty to tell a price hunter from a reliability seeker
MIN_ITEMS = 5  # opened and skipped each: fewer say nothing about what she weighs
SHRINK_ITEMS = 10  # at 10 opened and 10 skipped items a difference counts half
MIN_SD = 5.0  # points: a dimension that barely varies among what she saw cannot be told apart
NOISE_FLOOR = 0.15  # weights closer to 0 are neither shown nor ranked by
CHOSEN_RANGE = (-1.0, 1.0)


@dataclass(frozen=True)
class LearnedValues:
    weights: dict[str, float]  # every dimension, −1..1 (0 below the noise floor)
    means: dict[str, tuple[float, float]]  # every dimension: (opened mean, skipped mean)
    opened: int
    skipped: int


def learn_values(opened: list[dict[str, float]], skipped: list[dict[str, float]]) -> LearnedValues | None:
    """The dimension weights that tell the items she opened from those she skipped (each item
    its twelve scores); None with fewer than MIN_ITEMS of either."""
    if len(opened) < MIN_ITEMS or len(skipped) < MIN_ITEMS:
        return None
    wanted = np.array([[s[k] for k in DIMENSION_KEYS] for s in opened], dtype=float)
    passed = np.array([[s[k] for k in DIMENSION_KEYS] for s in skipped], dtype=float)
    n_o, n_s = len(wanted), len(passed)
    pooled = np.sqrt(
        ((n_o - 1) * wanted.var(axis=0, ddof=1) + (n_s - 1) * passed.var(axis=0, ddof=1)) / (n_o + n_s - 2)
    )
    effect = (wanted.mean(axis=0) - passed.mean(axis=0)) / np.maximum(pooled, MIN_SD)
    evidence = 2 / (1 / n_o + 1 / n_s)
    weights = np.clip(effect * evidence / (evidence + SHRINK_ITEMS), -1.0, 1.0)
    weights[np.abs(weights) < NOISE_FLOOR] = 0.0
    return LearnedValues(
        weights={k: round(float(w), 3) for k, w in zip(DIMENSION_KEYS, weights, strict=True)},
        means={
            k: (round(float(o), 1), round(float(s), 1))
            for k, o, s in zip(DIMENSION_KEYS, wanted.mean(axis=0), passed.mean(axis=0), strict=True)
        },
        opened=n_o,
        skipped=n_s,
    )


def opened_and_skipped(user_id: int) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """The scores of the items she opened, and of those she was shown and did not open, over
    the last WINDOW (two queries)."""
    opened: set[int] = set()
    shown: set[int] = set()
    for item_id, kind in (
        Event.objects.filter(
            user_id=user_id,
            type__in=OPENED_TYPES + SHOWN_TYPES,
            item__isnull=False,
            ts__gte=timezone.now() - WINDOW,
        )
        .order_by("-id")
        .values_list("item_id", "type")[:MAX_EVENTS]
    ):
        (opened if kind in OPENED_TYPES else shown).add(item_id)
    rows = ItemScore.objects.filter(item_id__in=opened | shown).values("item_id", *DIMENSION_KEYS)
    scores = {row.pop("item_id"): row for row in rows}
    return (
        [scores[i] for i in sorted(opened) if i in scores],
        [scores[i] for i in sorted(shown - opened) if i in scores],
    )


def values_learn(*, user_id: int) -> ShopperValues:
    """Learn again from her recent behaviour (after each profile update). Her own choice and
    mode are kept; with too little behaviour the learned weights are empty."""
    opened, skipped = opened_and_skipped(user_id)
    learned = learn_values(opened, skipped)
    row, _ = ShopperValues.objects.get_or_create(user_id=user_id)
    row.learned = learned.weights if learned else {}
    row.means = {k: list(pair) for k, pair in learned.means.items()} if learned else {}
    row.engaged_count, row.skipped_count, row.learned_at = len(opened), len(skipped), timezone.now()
    row.save(update_fields=["learned", "means", "engaged_count", "skipped_count", "learned_at"])
    return row


def parse_chosen(raw: Any) -> tuple[dict[str, float] | None, dict[str, list[str]]]:
    """A shopper's own weights ({dimension: −1..1}, at least one not 0) or field errors."""
    if not isinstance(raw, dict) or not raw:
        return None, {"weights": ['应为 {维度: 权重} 对象，至少一个维度，例如 {"price_value": 1}。']}
    errors: dict[str, list[str]] = {}
    low, high = CHOSEN_RANGE
    for key, value in raw.items():
        if key not in DIMENSIONS:
            errors[f"weights.{str(key)[:40]}"] = [f"未知的维度，应为：{'、'.join(DIMENSION_KEYS)}。"]
        elif isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            errors[f"weights.{key}"] = [f"权重应为 {low:g} 到 {high:g} 之间的数。"]
    if errors:
        return None, errors
    if not any(raw.values()):
        return None, {"weights": ["至少一个维度的权重不为 0；不想按维度排序请把 mode 设为 off。"]}
    return {k: float(raw[k]) for k in DIMENSION_KEYS if raw.get(k)}, {}


@transaction.atomic
def _values_set(user: AbstractBaseUser, **fields: Any) -> ShopperValues:
    """Her row (locked, made if new) with `fields` saved; her feed moves on once that commits."""
    row = ShopperValues.objects.select_for_update().get_or_create(user=user)[0]
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=list(fields))
    feed_changed(user.pk)
    return row


def values_choose(*, user: AbstractBaseUser, weights: dict[str, float]) -> ShopperValues:
    """She says what she weighs herself (weights as parse_chosen returns them)."""
    return _values_set(user, mode="chosen", chosen=weights, chosen_at=timezone.now())


def values_use_learned(*, user: AbstractBaseUser) -> ShopperValues:
    """Back to what her behaviour says; her earlier choice is forgotten."""
    return _values_set(user, mode="learned", chosen={}, chosen_at=None)


def values_switch_off(*, user: AbstractBaseUser) -> ShopperValues:
    """The feed stops ranking by dimensions for her (what was learned is kept, and shown)."""
    return _values_set(user, mode="off")


def effective_values(user_id: int | None) -> dict[str, float]:
    """The weights the feed ranks her by: her own choice, what was learned, or nothing."""
    row = (
        ShopperValues.objects.filter(user_id=user_id).only("mode", "learned", "chosen").first()
        if user_id
        else None
    )
    if row is None or row.mode == "off":
        return {}
    if row.mode == "chosen":
        return dict(row.chosen)
    if row.learned and set(row.learned) != set(DIMENSION_KEYS):
        # Learned before the dimensions changed: learn again rather than read a new one as 0.
        row = values_learn(user_id=row.user_id)
    return {k: w for k, w in row.learned.items() if w}


def values_for_shopper(*, user: AbstractBaseUser) -> dict[str, Any]:
    """What 我的兴趣 and GET /api/v1/me/values/ show: the mode, and every dimension with what was
    learned, what she chose, what the feed uses, and why, strongest first."""
    row = ShopperValues.objects.filter(user=user).first() or ShopperValues(user=user)
    used = {} if row.mode == "off" else (row.chosen if row.mode == "chosen" else row.learned)
    dimensions = [
        {
            "key": key,
            "name": name,
            "learned": row.learned.get(key, 0.0),
            "chosen": row.chosen.get(key, 0.0),
            "weight": used.get(key, 0.0),
            "reason": value_reason(
                name, row.learned.get(key, 0.0), row.means.get(key), row.chosen.get(key, 0.0)
            ),
        }
        for key, name in DIMENSIONS.items()
    ]
    dimensions.sort(key=lambda d: (-abs(d["weight"]), -abs(d["learned"]), DIMENSION_KEYS.index(d["key"])))
    return {
        "mode": row.mode,
        "mode_name": ShopperValues.MODES[row.mode],
        "dimensions": dimensions,
        "opened": row.engaged_count,
        "skipped": row.skipped_count,
        "learned_at": row.learned_at,
        "needs": max(0, MIN_ITEMS - row.engaged_count) + max(0, MIN_ITEMS - row.skipped_count),
    }


def value_reason(name: str, learned: float, means: list[float] | None, chosen: float) -> str:
    """Why a dimension weighs what it does, in words she can check against what she did."""
    if chosen:
        return f"你自己设定{'看重' if chosen > 0 else '不看重'}「{name}」"
    if not learned or not means:
        return ""
    opened, skipped = means
    habit = f"你常点开{name}高的内容" if learned > 0 else f"你点开的内容{name}往往偏低"
    return f"{habit}（点开的平均 {opened:.0f} 分，略过的 {skipped:.0f} 分）"
