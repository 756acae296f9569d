"""Scoring through the service, the tasks and the API: stored scores, gatekeeping, the sweep,
profile versions, rescoring, and items that cannot be scored."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from content.ingest import items_ingest
from content.models import Item, ItemScore, ScoringProfile
from content.scoring.dimensions import DIMENSION_KEYS
from content.scoring.profile import active_profile, profile_create_version
from content.scoring.service import items_needing_scores, items_score
from content.tasks import sweep_unscored_items
from tests.factories import raw_item

GOOD_REVIEW = raw_item(
    1,
    title="索尼 WH-1000XM5 实测三个月：降噪、续航和佩戴",
    body="自费入手三个月，通勤每天用 2 小时。降噪比上一代 XM4 强，地铁里低频噪音基本听不到；续航实测 28 小时，"
    "充电 10 分钟能用 5 小时。重量 250g。缺点是不能折叠，收纳盒比 XM4 大一圈。2099 元入手，比首发便宜 400 元。",
    brand="索尼", product="WH-1000XM5", price=2099, original_price=2499,
)
SPAM = raw_item(2, title="加我微信", body="兼职日结，加V了解，躺赚，私信我！！！", price=None, original_price=None,
                brand="", product="", author=None, kind="note")  # spam does not pass itself off as a review


def test_an_ingested_item_gets_all_twelve_scores_with_explanations(stored):
    [item] = stored(GOOD_REVIEW)
    score = ItemScore.objects.get(item=item)
    assert all(0 <= getattr(score, key) <= 100 for key in DIMENSION_KEYS)
    assert set(score.explanations) == set(DIMENSION_KEYS)
    assert 0 <= score.worth_score <= 100 and score.profile_version == active_profile().version
    assert item.interest_tags.filter(interest__slug="digital").exists()


def test_a_good_first_hand_review_is_approved_and_spam_rejected(stored):
    review, spam = stored(GOOD_REVIEW, SPAM)
    assert (review.status, review.score.gate) == ("approved", "approve")
    assert (spam.status, spam.score.gate) == ("rejected", "reject")


def test_an_exact_copy_is_rejected_and_says_of_what(stored, db):
    from content.services import source_create

    [original] = stored(GOOD_REVIEW)
    weibo = source_create(name="weibo", platform="weibo")[0]
    outcome = items_ingest(source=weibo, raw_items=[{**GOOD_REVIEW, "external_id": "w1", "url": "https://weibo.com/1/x"}])[0]
    items_score(item_ids=[outcome.id])
    copy = Item.objects.get(pk=outcome.id)
    assert copy.status == "rejected" and str(original.pk) in copy.score.gate_reason


def test_scoring_twice_stores_the_same_result(stored):
    [item] = stored(GOOD_REVIEW)
    first = ItemScore.objects.filter(item=item).values(*DIMENSION_KEYS, "worth_score", "gate").get()
    items_score(item_ids=[item.pk])
    items_score(item_ids=[item.pk])
    assert ItemScore.objects.filter(item=item).values(*DIMENSION_KEYS, "worth_score", "gate").get() == first
    assert ItemScore.objects.count() == 1


def test_an_editors_decision_is_never_overridden_by_rescoring(stored):
    [spam] = stored(SPAM)
    Item.objects.filter(pk=spam.pk).update(status="approved", moderated_at=timezone.now())
    items_score(item_ids=[spam.pk])
    assert Item.objects.get(pk=spam.pk).status == "approved"


def test_unknown_ids_are_skipped(db):
    assert items_score(item_ids=[987654]) == 0


def test_the_sweep_finds_unscored_changed_and_outdated_items(partner, settings):
    outcomes = items_ingest(source=partner[0], raw_items=[raw_item(1), raw_item(2), raw_item(3)])
    [fresh, changed, outdated] = [o.id for o in outcomes]
    items_score(item_ids=[changed, outdated])
    later = timezone.now() + timedelta(minutes=10)
    assert items_needing_scores(now=later) == [fresh]
    Item.objects.filter(pk=changed).update(updated_at=timezone.now() + timedelta(minutes=1))
    ItemScore.objects.filter(item=outdated).update(scorer_version="aiuc-0-old")
    assert items_needing_scores(now=later) == sorted([fresh, changed, outdated])
    assert items_needing_scores() == []  # within the grace period their own tasks are on the way


def test_the_sweep_task_scores_what_it_finds(partner):
    [item_id] = [o.id for o in items_ingest(source=partner[0], raw_items=[raw_item(1)])]  # never published
    cache.clear()  # its claim for the publish (a minute) has long expired
    Item.objects.filter(pk=item_id).update(updated_at=timezone.now() - timedelta(hours=1))
    assert sweep_unscored_items() == 1
    assert ItemScore.objects.filter(item=item_id).exists()


def test_a_new_profile_version_makes_every_score_stale_and_rescore_applies_it(stored, django_capture_on_commit_callbacks):
    [item] = stored(GOOD_REVIEW)
    before = item.score.worth_score
    weights = dict.fromkeys(DIMENSION_KEYS, 0.0) | {"price_value": 1.0}
    with django_capture_on_commit_callbacks(execute=True):
        profile = profile_create_version(values={"name": "只看价格", "weights": weights})
    assert ScoringProfile.objects.filter(is_active=True).get() == profile
    Item.objects.filter(pk=item.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert items_needing_scores() == [item.pk]
    call_command("rescore", "--stale", "--no-progress")
    score = ItemScore.objects.get(item=item)
    assert score.profile_version == profile.version
    assert score.worth_score == score.price_value != before


def test_an_item_that_cannot_be_scored_is_queued_for_editors_with_the_reason(stored, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("analysis exploded")

    monkeypatch.setattr("content.scoring.service.score_batch", broken)
    [item] = stored(GOOD_REVIEW)
    score = ItemScore.objects.get(item=item)
    assert score.gate == "queue" and score.risk == 100
    assert "analysis exploded" in score.notes[0]
    assert Item.objects.get(pk=item.pk).status == "pending"


def test_the_item_api_carries_scores_and_orders_and_filters_by_any_dimension(stored, api):
    stored(GOOD_REVIEW, raw_item(3), raw_item(4))
    Item.objects.update(status="approved")
    body = api.get("/api/v1/items/?ordering=-worth_score").json()
    worth = [row["worth_score"] for row in body["results"]]
    assert worth == sorted(worth, reverse=True)
    first = body["results"][0]
    assert set(first["scores"]) == set(DIMENSION_KEYS) and first["explanations"]["price_value"]
    assert first["scored_at"] and first["interests"][0]["slug"]
    by_price = api.get("/api/v1/items/?ordering=price_value").json()["results"]
    assert [r["scores"]["price_value"] for r in by_price] == sorted(r["scores"]["price_value"] for r in by_price)
    high = api.get("/api/v1/items/?min_information_density=60").json()["results"]
    assert all(r["scores"]["information_density"] >= 60 for r in high)


@pytest.mark.parametrize("query", ["ordering=-nonsense", "min_price_value=abc"])
def test_bad_ordering_or_filter_values_get_400(api, db, query):
    response = api.get(f"/api/v1/items/?{query}")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"


def test_scoring_a_batch_takes_the_same_queries_whatever_its_size(partner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ids = [o.id for o in items_ingest(source=partner[0], raw_items=[raw_item(n) for n in range(1, 10)])]
    items_score(item_ids=ids[:1])  # the profile, the taxonomy and the platform scales are cached from here on
    queries = []
    for batch in (ids[1:3], ids[3:]):
        with CaptureQueriesContext(connection) as captured:
            assert items_score(item_ids=batch) == len(batch)
        queries.append([q["sql"] for q in captured.captured_queries])
    assert len(queries[0]) == len(queries[1])  # nothing is asked item by item
    assert not any("body_html" in sql for sql in queries[1])  # the stored HTML is not read to score
