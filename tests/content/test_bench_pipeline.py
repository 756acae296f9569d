"""bench_pipeline answers bad input clearly before it starts anything, and the items it pushes
are ones the ingest API accepts, with reposts among them that dedup finds."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from content.ingest import items_ingest
from content.services import source_create
from tooling.benchmarks.pipeline import read_reviews, realistic_items

REVIEWS = [
    {"id": "r1", "category": "手机", "label": 1, "text": "\ufeff屏幕很清晰，拍照效果比上一台好太多，电池能用一整天"},
    {"id": "r2", "category": "手机", "label": 0, "text": "发热严重，玩游戏半小时就烫手，客服也不理人"},
    {"id": "r3", "category": "酒店", "label": 1, "text": "房间干净，早餐丰富，离地铁站步行五分钟，下次还住"},
    {"id": "r4", "category": "水果", "label": 1, "text": "橙子很甜，个头均匀，物流两天就到了，包装也很结实"},
    {"id": "r5", "category": "书籍", "label": 0, "text": "印刷有错字，纸张很薄，和店里看到的不是一个版本"},
]


@pytest.fixture
def reviews(tmp_path):
    path = tmp_path / "shopping_reviews.jsonl"
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in REVIEWS) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("option, value", [
    ("--items", "0"), ("--items", "5000000"), ("--batch", "501"), ("--batch", "0"), ("--clients", "0"),
    ("--scoring-processes", "100"), ("--web-workers", "0"),
])
def test_absurd_sizes_are_refused_by_name(db, reviews, option, value):
    with pytest.raises(CommandError, match=f"{option} 应在"):
        call_command("bench_pipeline", option, value, "--reviews", str(reviews))


def test_a_missing_corpus_is_named(db, tmp_path):
    with pytest.raises(CommandError, match="找不到评论语料 .*nowhere.jsonl"):
        call_command("bench_pipeline", "--items", "10", "--reviews", str(tmp_path / "nowhere.jsonl"))


@override_settings(REDIS_URL="")
def test_it_needs_postgresql_and_redis(db, reviews):
    with pytest.raises(CommandError, match="需要 PostgreSQL（DATABASE_URL）和 Redis"):
        call_command("bench_pipeline", "--items", "10", "--reviews", str(reviews))


def test_the_generated_items_are_accepted_and_their_reposts_found(db, reviews):
    items = realistic_items(count=300, reviews=read_reviews(reviews), seed=3, prefix="t")
    source, _ = source_create(name="bench-test")
    outcomes = items_ingest(source=source, raw_items=items)
    kinds = [outcome.outcome for outcome in outcomes]
    assert "rejected" not in kinds
    reposts = [n for n, item in enumerate(items) if item["title"].startswith("转发：")]
    assert 10 <= len(reposts) <= 50
    assert all(kinds[n] == "duplicate" for n in reposts)
