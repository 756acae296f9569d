"""Sponsored placement: at most one sponsored item in every ten entries, at a fixed slot, always
flagged so that every page labels it 广告 / 推广. Sponsored items never take organic ranks.

Where a feed is computed (compute_feed) this chooses what goes in the slots; where a page is
served (recommender.placements.placements_serve) the identity's caps, mutes and hides are
checked again and what is served is recorded. Rules:
- A circle's feed carries only sponsored items tagged with that circle.
- A shopper's own feed never carries an item they hid or one tagged with an interest they
  muted, nor a campaign aimed at a muted interest, nor one over its caps.
- Targeting by the shopper's profile happens only in a personal feed. Visitors and shoppers who
  switched personalisation off get untargeted placement: campaigns aimed at no interest, or at
  what the page itself is about (the circle, the feed's circles, the moment's scenarios).
"""

from datetime import datetime

from recommender import pools
from recommender.campaigns import campaign_items_running, campaigns_running
from recommender.context import active_scenarios
from recommender.placements import campaigns_over_cap, shopper_ad_blocks

SLOT, EVERY = 3, 10  # the fourth entry of every ten


def place_sponsored(entries: list[dict], *, now: datetime, circles: set[str], circle: str = "", scenario: str = "",
                    user_id: int | None = None, affinities: dict | None = None) -> list[dict]:
    """`entries` with sponsored ones put in the slots. `circles` are the feed's own top-level
    circles (their ads come first), `circle` the circle feed it is, `user_id` the shopper whose
    own feed it is (None for a shared, non-personal feed) and `affinities` their profile
    (interest_affinities), only for a personal feed."""
    running_items = campaign_items_running()
    organic = [e for e in entries if e["item"] not in running_items]  # sponsored since the pools were computed
    ads = _eligible(_candidates(circle, circles), circle=circle, circles=circles, scenario=scenario, now=now,
                    user_id=user_id, affinities=affinities or {})
    result = list(organic)
    for n, (item_id, worth, campaign, tags, slug) in enumerate(ads):
        position = n * EVERY + SLOT
        if position > len(result):
            break
        result.insert(position, {"item": item_id, "reason": f"推广 · 值得买指数 {round(worth)}", "sponsored": True,
                                 "campaign": campaign or None, "interest": circle or slug, "tags": list(tags)})
    return result


def _candidates(circle: str, circles: set[str]) -> list[tuple]:
    """A circle's own sponsored pool; on a home feed, the pools of the feed's circles first,
    then everything."""
    if circle:
        return list(pools.sponsored_pool(circle))
    by_circle = pools.sponsored_pools(sorted(circles) + [""])
    preferred = sorted({ad for c in circles for ad in by_circle[c]}, key=lambda ad: (-ad[1], ad[0]))
    seen = {ad[0] for ad in preferred}
    return preferred + [ad for ad in by_circle[""] if ad[0] not in seen]


def _eligible(ads: list[tuple], *, circle: str, circles: set[str], scenario: str, now: datetime,
              user_id: int | None, affinities: dict) -> list[tuple]:
    running = campaigns_running()
    ads = [ad for ad in ads if not ad[2] or ad[2] in running]
    if not ads:
        return []
    if user_id:
        hidden, muted = shopper_ad_blocks(user_id)
        ads = [ad for ad in ads if ad[0] not in hidden and not muted.intersection(ad[3])
               and not (ad[2] and muted & running[ad[2]].targets)]
    over = campaigns_over_cap({ad[2] for ad in ads if ad[2]}, identity=f"u{user_id}" if user_id else None, now=now)
    liked = {pk for pk, (affinity, *_) in affinities.items() if affinity > 0}
    context = set(pools.circle_ids(circle)) if circle else {pk for c in circles for pk in pools.circle_ids(c)}
    moment = set(active_scenarios(now, scenario))
    chosen, seen = [], set()
    for ad in ads:
        campaign = running.get(ad[2])
        if ad[0] in seen or ad[2] in over:
            continue
        if campaign and (campaign.targets or campaign.scenarios) and not (
                campaign.targets & (context | liked) or campaign.scenarios & moment):
            continue  # aimed elsewhere: neither this page's context nor (personal feeds only) the shopper
        seen.add(ad[0])
        chosen.append(ad)
    # In a personal feed, campaigns aimed at what the shopper likes come first.
    return sorted(chosen, key=lambda ad: not (ad[2] and running[ad[2]].targets & liked)) if liked else chosen
