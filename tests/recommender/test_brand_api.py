"""The brand API as a brand's systems meet it: only their own campaigns, on every endpoint and
in every format (another brand's campaign is a 404, never a 403); a clear 401 for any key that
is not a live brand key; a clear 400 for bad ranges, breakdowns and caps; 429 with Retry-After
when polling too fast; CSV with the same numbers."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from guide.services import user_token_create
from recommender.brand_auth import BrandKeyThrottle
from recommender.brands import brand_key_create, brand_key_revoke
from recommender.models import BrandKey, CampaignItem
from tests.recommender.brands import deal, review, running, served_to_visitors

CAMPAIGNS = "/api/v1/brand/campaigns/"


@pytest.fixture
def narwal_campaign(narwal):
    return served_to_visitors(running(narwal, [deal("云鲸", "robot-vacuums", "appliances")]), 6, "appliances")


@pytest.fixture
def dji_campaign(dji):
    return running(dji, [deal("大疆", "cameras", "digital")], name="Mini 4 Pro 首发")


def urls_of(campaign) -> list[str]:
    base = f"{CAMPAIGNS}{campaign.pk}/"
    return [base, f"{base}stats/", f"{base}stats/?format=csv", f"{base}stats/?breakdown=item&format=csv",
            f"{base}stats/?breakdown=interest&compare=previous_period"]


def test_a_brand_lists_only_its_own_campaigns(narwal_api, narwal_campaign, dji_campaign):
    body = narwal_api.get(CAMPAIGNS).json()
    assert body["brand"] == "云鲸"
    assert [c["id"] for c in body["results"]] == [narwal_campaign.pk]
    assert body["results"][0]["status"] == "running" and body["results"][0]["items"][0]["state"] == "confirmed"


def test_another_brands_campaign_is_not_found_on_every_endpoint_and_format(narwal_api, dji_campaign, narwal_campaign):
    for url in urls_of(dji_campaign):
        response = narwal_api.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"error": {"code": "not_found", "message": "活动不存在。"}}
    assert narwal_api.patch(f"{CAMPAIGNS}{dji_campaign.pk}/", {"paused": True}, format="json").status_code == 404
    missing = narwal_api.get(f"{CAMPAIGNS}999999/stats/")
    assert missing.status_code == 404 and missing.json() == narwal_api.get(f"{CAMPAIGNS}{dji_campaign.pk}/stats/").json()
    for url in urls_of(narwal_campaign):
        assert narwal_api.get(url).status_code == 200, url


def test_mentions_are_the_brands_own(narwal_api, dji_api, narwal, dji):
    review("云鲸", "robot-vacuums", "appliances")
    review("大疆", "cameras", "digital")
    review("大疆", "cameras", "digital")
    assert narwal_api.get("/api/v1/brand/mentions/").json()["totals"]["count"] == 1
    assert dji_api.get("/api/v1/brand/mentions/").json()["totals"]["count"] == 2


@pytest.mark.parametrize("authorization, message", [
    ("", "需要有效的 API 密钥或登录。"),
    ("Token gb_not-a-key", "品牌 API 密钥无效或已吊销。"),
    ("Bearer gb_whatever", "需要有效的 API 密钥或登录。"),
])
def test_a_missing_or_wrong_key_gets_401(api, narwal_campaign, authorization, message):
    if authorization:
        api.credentials(HTTP_AUTHORIZATION=authorization)
    for url in (CAMPAIGNS, urls_of(narwal_campaign)[1], "/api/v1/brand/mentions/"):
        response = api.get(url)
        assert response.status_code == 401, url
        assert response.json()["error"]["message"] == message
        assert response["WWW-Authenticate"] == "Token"


def test_a_revoked_key_gets_401_from_the_next_request_on(narwal, narwal_campaign):
    key, raw = brand_key_create(brand=narwal, name="旧系统")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.get(CAMPAIGNS).status_code == 200
    assert BrandKey.objects.get(pk=key.pk).last_used_at is not None
    brand_key_revoke(key=key)
    assert client.get(CAMPAIGNS).status_code == 401


def test_a_key_is_stored_only_as_its_hash(narwal):
    key, raw = brand_key_create(brand=narwal, name="数据中台")
    assert raw.startswith("gb_") and len(raw) > 40
    assert raw not in str(list(BrandKey.objects.values()))


def test_a_shoppers_token_or_a_sources_key_gets_401(api, alice, narwal_campaign, partner):
    shopper_token = user_token_create(user=alice, name="手机")
    for raw in (shopper_token, partner[1]):
        api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        assert api.get(CAMPAIGNS).status_code == 401
        assert api.get(urls_of(narwal_campaign)[1]).status_code == 401
    api.credentials()
    api.force_login(alice)  # a signed-in session is no brand key either
    assert api.get(CAMPAIGNS).status_code == 401


@pytest.mark.parametrize("params, field, words", [
    ({"start": "2026-12-10", "end": "2026-12-01"}, "start", "晚于"),
    ({"start": "2025-01-01", "end": "2026-12-01"}, "end", "最长 366 天"),
    ({"breakdown": "city"}, "breakdown", "未知的 breakdown"),
    ({"interval": "month"}, "interval", "未知的 interval"),
    ({"compare": "last_year"}, "compare", "未知的 compare"),
    ({"start": "2026-13-01"}, "start", "不是有效的日期"),
    ({"end": "yesterday"}, "end", "不是有效的日期"),
    ({"start": "20261201"}, "start", "不是有效的日期"),
    ({"format": "xlsx"}, "format", "未知的 format"),
])
def test_bad_statistics_queries_get_400_with_a_clear_message(narwal_api, narwal_campaign, params, field, words):
    response = narwal_api.get(f"{CAMPAIGNS}{narwal_campaign.pk}/stats/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_query" and words in error["message"] and field in error["fields"]


def test_a_range_of_exactly_366_days_is_allowed(narwal_api, narwal_campaign):
    end = timezone.localdate()
    response = narwal_api.get(f"{CAMPAIGNS}{narwal_campaign.pk}/stats/",
                              {"start": (end - timedelta(days=365)).isoformat(), "end": end.isoformat(), "interval": "week"})
    assert response.status_code == 200
    weeks = response.json()["timeseries"]
    assert weeks[0]["date"] == (end - timedelta(days=365)).isoformat() and len(weeks) in (53, 54)


def test_the_csv_has_the_same_numbers_as_the_json(narwal_api, narwal_campaign):
    url = f"{CAMPAIGNS}{narwal_campaign.pk}/stats/"
    body = narwal_api.get(url, {"breakdown": "interest"}).json()
    response = narwal_api.get(url, {"breakdown": "interest", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["interest", "name", "served", "impressions"]
    assert rows[1][:3] == ["appliances", "家电", str(body["breakdown"]["results"][0]["served"])]
    assert rows[-1][0] == "total" and rows[-1][2] == str(body["totals"]["served"]) == "6"
    series = list(csv.reader(io.StringIO(narwal_api.get(url, {"format": "csv"}).content.decode("utf-8-sig"))))
    assert [r[0] for r in series[1:-1]] == [r["date"] for r in body["timeseries"]]


def test_comparison_with_the_previous_period(narwal_api, narwal_campaign):
    today = timezone.localdate()
    body = narwal_api.get(f"{CAMPAIGNS}{narwal_campaign.pk}/stats/", {
        "start": (today - timedelta(days=6)).isoformat(), "end": today.isoformat(), "compare": "previous_period"}).json()
    assert body["comparison"]["start"] == (today - timedelta(days=13)).isoformat()
    assert body["comparison"]["end"] == (today - timedelta(days=7)).isoformat()
    assert body["comparison"]["totals"]["served"] == 0 and body["comparison"]["change"]["served"] is None


def test_polling_too_fast_gets_429_with_retry_after(narwal_api, narwal_campaign, monkeypatch):
    monkeypatch.setattr(BrandKeyThrottle, "rate", "3/min")
    assert [narwal_api.get(CAMPAIGNS).status_code for _ in range(3)] == [200, 200, 200]
    response = narwal_api.get(CAMPAIGNS)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "throttled"


def test_each_key_has_its_own_budget(narwal, narwal_api, narwal_campaign, monkeypatch):
    monkeypatch.setattr(BrandKeyThrottle, "rate", "2/min")
    for _ in range(2):
        narwal_api.get(CAMPAIGNS)
    _, raw = brand_key_create(brand=narwal, name="第二个系统")
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert narwal_api.get(CAMPAIGNS).status_code == 429
    assert other.get(CAMPAIGNS).status_code == 200


def test_a_brand_creates_a_campaign_over_its_own_deals_and_the_rest_are_proposed(narwal_api, narwal):
    chosen, other = deal("云鲸", "robot-vacuums", "appliances"), deal("Narwal", "robot-vacuums", "appliances")
    organic = review("云鲸", "robot-vacuums", "appliances")
    today = timezone.localdate()
    response = narwal_api.post(CAMPAIGNS, {"name": "双12 扫拖", "starts_on": today.isoformat(),
                                           "ends_on": (today + timedelta(days=7)).isoformat(), "daily_impression_cap": 500,
                                           "frequency_cap": 2, "target_interests": ["appliances"], "items": [chosen.pk]},
                               format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["target_interests"] == ["appliances"] and body["daily_impression_cap"] == 500
    assert {(i["id"], i["state"]) for i in body["items"]} == {(chosen.pk, "confirmed"), (other.pk, "proposed")}
    assert not CampaignItem.objects.filter(item=organic).exists()


def test_a_brand_cannot_sponsor_a_shoppers_review_or_another_brands_deal(narwal_api, narwal):
    today = timezone.localdate()
    for item in (review("云鲸", "robot-vacuums", "appliances"), deal("大疆", "cameras", "digital")):
        response = narwal_api.post(CAMPAIGNS, {"name": "试试", "starts_on": today.isoformat(), "ends_on": today.isoformat(),
                                               "items": [item.pk]}, format="json")
        assert response.status_code == 400
        assert "items" in response.json()["error"]["fields"]


@pytest.mark.parametrize("caps, field", [
    ({"daily_impression_cap": -1}, "daily_impression_cap"),
    ({"daily_impression_cap": 0}, "daily_impression_cap"),
    ({"daily_impression_cap": 10 ** 12}, "daily_impression_cap"),
    ({"frequency_cap": -3}, "frequency_cap"),
    ({"frequency_cap": 1000}, "frequency_cap"),
    ({"daily_impression_cap": "many"}, "daily_impression_cap"),
])
def test_negative_or_absurd_caps_get_400(narwal_api, narwal_campaign, caps, field):
    today = timezone.localdate()
    created = narwal_api.post(CAMPAIGNS, {"name": "x", "starts_on": today.isoformat(), "ends_on": today.isoformat(), **caps},
                              format="json")
    assert created.status_code == 400 and field in created.json()["error"]["fields"]
    changed = narwal_api.patch(f"{CAMPAIGNS}{narwal_campaign.pk}/", caps, format="json")
    assert changed.status_code == 400 and field in changed.json()["error"]["fields"]
    narwal_campaign.refresh_from_db()
    assert narwal_campaign.daily_impression_cap == 1000 and narwal_campaign.frequency_cap == 3


def test_a_campaign_ending_before_it_starts_gets_400(narwal_api):
    response = narwal_api.post(CAMPAIGNS, {"name": "x", "starts_on": "2026-12-10", "ends_on": "2026-12-01"}, format="json")
    assert response.status_code == 400 and "ends_on" in response.json()["error"]["fields"]


def test_a_brand_pauses_its_campaign(narwal_api, narwal_campaign):
    response = narwal_api.patch(f"{CAMPAIGNS}{narwal_campaign.pk}/", {"paused": True}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "paused"


def test_erin_confirms_a_proposed_item_and_alice_cannot(api, erin, alice, narwal):
    chosen, proposed = deal("云鲸", "robot-vacuums", "appliances"), deal("云鲸", "robot-vacuums", "appliances")
    campaign = running(narwal, [chosen])
    entry = CampaignItem.objects.get(campaign=campaign, item=proposed)
    api.force_authenticate(alice)
    assert api.get("/api/v1/campaign-proposals/").status_code == 403
    assert api.post(f"/api/v1/campaign-proposals/{entry.pk}/decision/", {"decision": "confirm"}, format="json").status_code == 403
    api.force_authenticate(erin)
    assert [p["item"]["id"] for p in api.get("/api/v1/campaign-proposals/").json()["results"]] == [proposed.pk]
    assert api.post(f"/api/v1/campaign-proposals/{entry.pk}/decision/", {"decision": "maybe"}, format="json").status_code == 400
    response = api.post(f"/api/v1/campaign-proposals/{entry.pk}/decision/", {"decision": "confirm"}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "confirmed"
    assert api.get("/api/v1/campaign-proposals/").json()["results"] == []


def test_the_campaign_list_costs_the_same_queries_for_one_campaign_or_ten(narwal_api, narwal, django_assert_max_num_queries):
    for n in range(10):
        running(narwal, [deal("云鲸", "robot-vacuums", "appliances")], name=f"活动 {n}")
    with django_assert_max_num_queries(9):
        assert len(narwal_api.get(CAMPAIGNS).json()["results"]) == 10
