"""Feeds polled by a real Celery worker on Redis and PostgreSQL."""

from pathlib import Path

import pytest

from content.models import Item, Source
from content.services import source_create
from content.tasks import poll_due_sources
from tests.worker import wait_for

pytestmark = pytest.mark.integration
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_the_beat_task_queues_due_feeds_and_a_worker_stores_their_items(celery_worker, local_http_server):
    feed = (FIXTURES / "feeds" / "smzdm_deals.xml").read_bytes()
    local_http_server.route("/deals.xml", feed, headers={"Content-Type": "application/rss+xml"})
    local_http_server.route("/down.xml", b"maintenance", status=500)
    good = source_create(name="smzdm", platform="smzdm", adapter="rss", url=local_http_server.url("/deals.xml"))[0]
    bad = source_create(name="down", adapter="rss", url=local_http_server.url("/down.xml"))[0]

    poll_due_sources.delay()

    wait_for(lambda: Item.objects.filter(source=good).exists(), timeout=30, what="the worker to store feed items")
    wait_for(lambda: Source.objects.get(pk=bad.pk).consecutive_failures == 1, timeout=30, what="the error to be recorded")
    assert "500" in Source.objects.get(pk=bad.pk).last_error
    assert celery_worker.process.poll() is None  # a failing feed never takes the worker down
