"""The Celery app and the whole beat schedule."""

import gc
import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_init
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guide.settings")

app = Celery("guide")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def preload() -> None:
    """What a process would otherwise load on its first request or task: the jieba dictionary
    with our words, the scoring and tagging models (files, no database), the URL map with every
    view module, and the ingest stages' lazily built patterns. Called when a web or worker
    process starts (guide/wsgi.py, the worker_init signal below), never by management commands
    or tests, which do not all need them."""
    from django.urls import resolve

    from content.ingest import ingest_warm_up
    from content.scoring import analysis, learned
    from interests.classifier import current_model

    analysis.segmenter()
    learned.sentiment_model()
    learned.model("objectivity")
    learned.hard_sell_lexicon()
    current_model()
    resolve("/ping")  # imports the URL map and every view module
    ingest_warm_up()
    # What is loaded now lives as long as the process: the garbage collector need not walk it
    # again on every full collection (and forked children keep sharing its pages).
    gc.freeze()


@worker_init.connect
def load_models_before_forking(**kwargs) -> None:
    """Loaded by the worker's main process so that every pool child starts with them
    (copy-on-write). A child replaced after a crash or a time limit then scores at once, instead
    of spending its first batch's time limit loading them."""
    preload()


app.conf.beat_schedule = {
    # Each source has its own interval; this only finds the ones that are due.
    "poll-due-sources": {
        "task": "content.tasks.poll_due_sources",
        "schedule": 60.0,
    },
    # Items are stored whether or not the broker answers; what waits unclaimed (a failed
    # publish, a killed worker) is queued within a minute of the broker being back. A cheap
    # query: items without a score or changed since (content/outbox.py).
    "relay-unscored-items": {
        "task": "content.tasks.relay_unscored_items",
        "schedule": settings.SCORING_RELAY_SECONDS,
        # runs queued while no worker was there are dropped, not run all at once on its return
        "options": {"expires": settings.SCORING_RELAY_SECONDS},
    },
    # The backstop, which also rescores items of an older engine or profile version.
    "sweep-unscored-items": {
        "task": "content.tasks.sweep_unscored_items",
        "schedule": crontab(minute="*/5"),
    },
    # Lists are snapshots: reading one is one query; votes show up within a quarter of an hour.
    "refresh-worth-lists": {
        "task": "recommender.tasks.refresh_lists",
        "schedule": crontab(minute="*/15"),
    },
    "refresh-candidate-pools": {
        "task": "recommender.tasks.refresh_pools",
        "schedule": 240.0,
    },
    # Feeds of recently active shoppers computed before they return (a profile update queues
    # its own shopper at once; this catches the hour's turn and feeds that aged out), bounded.
    "sweep-active-feeds": {
        "task": "recommender.tasks.sweep_active_feeds",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 600},
    },
    "recompute-item-neighbors": {
        "task": "recommender.tasks.recompute_item_neighbors",
        "schedule": crontab(minute=7),
    },
    # Brand campaigns: sponsorship follows the running campaigns, statistics are rolled up.
    "sync-campaign-sponsorship": {
        "task": "recommender.tasks.sync_campaign_sponsorship",
        "schedule": 60.0,
    },
    "rollup-campaign-stats": {
        "task": "recommender.tasks.rollup_campaign_stats",
        "schedule": crontab(minute="*/5"),
    },
    "propose-campaign-items": {
        "task": "recommender.tasks.propose_campaign_items",
        "schedule": crontab(minute=23),
    },
    # Editors' confirmed and corrected tags are training data; retrain once enough have piled up.
    "retrain-tagger-if-needed": {
        "task": "interests.tasks.retrain_tagger_if_needed",
        "schedule": crontab(minute=37),
    },
}
