"""Items pushed through the ingest API are scored by real Celery workers on Redis and
PostgreSQL; a worker killed mid-run, or a lost message, loses nothing."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone

from content.models import Item, ItemScore
from content.tasks import sweep_unscored_items
from guide.celery import app
from tests.worker import wait_for

pytestmark = pytest.mark.integration
DEMO = Path(__file__).resolve().parents[2] / "content" / "demo" / "demo_items.jsonl"


def demo_items(count: int, prefix: str) -> list[dict]:
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    now = timezone.now()  # as fresh as the demo loader makes them: a fixed date ages out of approval
    items = []
    for n in range(count):
        row = rows[n % len(rows)]
        items.append({
            "external_id": f"{prefix}-{n}",
            "url": f"https://partner.example.com/{prefix}/{n}",
            "title": row["title"],
            "body": f"{row['body']}\n（第 {n} 篇）",
            "price": row.get("price"),
            "published_at": (now - timedelta(hours=row["age_hours"])).isoformat(),
        })
    return items


def push(partner_api, items: list[dict]) -> None:
    for start in range(0, len(items), 500):
        response = partner_api.post("/api/v1/ingest/", {"items": items[start : start + 500]}, format="json")
        assert response.status_code == 202, response.content


def all_scored() -> bool:
    return ItemScore.objects.count() == Item.objects.count()


def test_pushed_items_are_scored_by_a_real_worker(celery_worker, partner_api):
    items = demo_items(120, "api")
    # a word-for-word copy of the first under another address: gatekeeping rejects it for sure,
    # whereas whether a demo note clears auto-approval is a matter of a point or two of worth
    copy = items[0] | {"external_id": "api-copy", "url": "https://partner.example.com/api/copy"}
    push(partner_api, items + [copy])
    wait_for(all_scored, timeout=90, what="every pushed item to be scored")
    score = ItemScore.objects.select_related("item").first()
    assert 0 <= score.worth_score <= 100 and score.explanations["sentiment"]
    # gatekeeping ran in the worker: each item's status follows its score's gate
    copied = Item.objects.select_related("score").get(external_id="api-copy")
    assert (copied.status, copied.score.gate) == ("rejected", "reject")
    expected = {"approve": "approved", "reject": "rejected", "queue": "pending"}
    assert all(item.status == expected[item.score.gate] for item in Item.objects.select_related("score"))


def test_a_worker_killed_in_the_middle_loses_nothing(celery_worker, partner_api):
    push(partner_api, demo_items(2500, "kill"))
    wait_for(lambda: ItemScore.objects.exists(), timeout=60, what="scoring to begin")
    celery_worker.kill()  # SIGKILL: in-flight batches are never acknowledged
    assert not all_scored(), "the worker finished before it could be killed; push more items"
    celery_worker.start()  # unacknowledged messages come back after the visibility timeout
    wait_for(all_scored, timeout=180, what="every item to be scored after the restart")


def test_the_sweep_finds_items_whose_message_was_lost(celery_worker, partner_api, monkeypatch):
    monkeypatch.setattr("content.ingest.queue_scoring", lambda ids: None)  # the messages are lost…
    push(partner_api, demo_items(50, "lost"))
    cache.clear()  # …with Redis's data: their claims too (a claimed item is taken for on its way)
    assert ItemScore.objects.count() == 0
    monkeypatch.undo()
    Item.objects.update(updated_at="2026-01-01T00:00:00Z")  # older than the sweep's grace period
    assert sweep_unscored_items() == 50
    wait_for(all_scored, timeout=60, what="the swept items to be scored")
    app.control.purge()
