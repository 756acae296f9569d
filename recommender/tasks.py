"""Thin Celery doors onto recommender services."""

from celery import shared_task

from recommender.lists import lists_refresh


@shared_task(acks_late=True)
def refresh_lists() -> int:
    """Beat: materialise every 值得买 list, so reading one is a single query."""
    return lists_refresh()


@shared_task(acks_late=True, time_limit=3600, soft_time_limit=3300)
def recompute_item_neighbors() -> int:
    """Beat, hourly: relearn who-engaged-with-this-also-engaged-with-that from behaviour."""
    from recommender.neighbors import neighbors_recompute

    return neighbors_recompute()


@shared_task(acks_late=True, time_limit=600)
def refresh_pools() -> int:
    """Beat, every 4 minutes: the shared candidate pools every feed draws on."""
    from recommender.pools import pools_refresh

    return pools_refresh()


@shared_task(acks_late=True, time_limit=900, soft_time_limit=840)
def rollup_campaign_stats() -> dict:
    """Beat, every 5 minutes: served placements and events into the campaigns' daily aggregates."""
    from recommender.rollups import stats_rollup

    return stats_rollup()


@shared_task(acks_late=True, time_limit=120, soft_time_limit=110)  # below the global soft limit (540)
def sync_campaign_sponsorship() -> int:
    """Beat, every minute: campaigns make their items sponsored exactly while they run."""
    from recommender.campaigns import sponsorship_sync

    return sponsorship_sync()


@shared_task(acks_late=True, time_limit=600)
def propose_campaign_items() -> int:
    """Beat, hourly: the brands' new deals proposed to their campaigns, for editors to confirm."""
    from recommender.campaigns import campaigns_propose_all

    return campaigns_propose_all()


@shared_task(acks_late=True, time_limit=60, soft_time_limit=50)
def precompute_feed(user_id: int) -> bool:
    """After a profile update: the shopper's next first page, computed before they return."""
    from recommender.feed_precompute import feed_precompute, precompute_started

    precompute_started(user_id=user_id)
    return feed_precompute(user_id=user_id)


@shared_task(acks_late=True, time_limit=300, soft_time_limit=280)
def sweep_active_feeds() -> dict:
    """Beat, every 10 minutes: the cold first pages of recently active shoppers (bounded)."""
    from recommender.feed_precompute import feeds_precompute_sweep

    return feeds_precompute_sweep()
