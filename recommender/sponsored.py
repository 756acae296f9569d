"""Sponsored placement: at most one sponsored item in every ten entries, at a fixed slot, always
flagged so that every page labels it 广告 / 推广. Sponsored items never take organic ranks."""

from datetime import datetime

from recommender import pools

SLOT, EVERY = 3, 10  # the fourth entry of every ten


def place_sponsored(entries: list[dict], *, now: datetime, circles: set[str]) -> list[dict]:
    """Candidates come from the shared sponsored pools (recommender.pools.sponsored_pool): the
    best of the last two weeks, preferring those in the circles this feed is about."""
    matching = sorted({ad for circle in circles for ad in pools.sponsored_pool(circle)}, key=lambda ad: (-ad[1], ad[0]))
    chosen = matching[: pools.SPONSORED_POOL_SIZE] or pools.sponsored_pool()
    result = list(entries)
    for n, (item_id, worth) in enumerate(chosen):
        position = n * EVERY + SLOT
        if position > len(result):
            break
        result.insert(position, {"item": item_id, "reason": f"推广 · 值得买指数 {round(worth)}", "sponsored": True})
    return result
