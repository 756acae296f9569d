"""The brand dashboard as Nora (云鲸) and Dylan (大疆) use it: their own brand's campaigns with
charts, breakdowns and the comparison, mentions, keys shown once; any page of another brand is
the 404 page; editors confirm proposed items on their page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from recommender.models import BrandKey, CampaignItem
from recommender.placements import placements_serve
from recommender.rollups import stats_rollup
from tests.recommender.brands import deal, review, running, served_to_visitors


@pytest.fixture
def narwal_campaign(narwal):
    campaign = running(narwal, [deal("云鲸", "robot-vacuums", "appliances")], name="双12 扫拖机器人")
    return served_to_visitors(campaign, 7, "appliances")


@pytest.fixture
def dji_campaign(dji):
    return running(dji, [deal("大疆", "cameras", "digital")], name="Mini 4 Pro 首发")


def pages_of(brand_slug: str, campaign) -> list[str]:
    base = f"/brand/{brand_slug}/"
    return [base, f"{base}campaigns/{campaign.pk}/", f"{base}campaigns/{campaign.pk}/stats.csv", f"{base}mentions/",
            f"{base}keys/"]


def test_nora_goes_straight_to_her_brand_and_sees_its_campaigns(client, nora, narwal_campaign, dji_campaign):
    client.force_login(nora)
    response = client.get("/brand/", follow=True)
    assert response.redirect_chain[-1][0] == "/brand/narwal/"
    page = response.content.decode()
    assert "双12 扫拖机器人" in page and "Mini 4 Pro" not in page and "进行中" in page


def test_the_campaign_page_draws_the_series_the_circles_and_the_comparison(client, nora, narwal_campaign):
    client.force_login(nora)
    page = client.get(f"/brand/narwal/campaigns/{narwal_campaign.pk}/").content.decode()
    assert page.count("<svg") >= 2 and "每日曝光、点击与去购买" in page and "各兴趣圈曝光" in page
    assert "上一周期" in page and "家电" in page
    assert ">7<" in page  # served to seven visitors


def test_a_bad_range_on_the_campaign_page_is_a_400_with_the_reason(client, nora, narwal_campaign):
    client.force_login(nora)
    response = client.get(f"/brand/narwal/campaigns/{narwal_campaign.pk}/", {"start": "2026-12-09", "end": "2026-12-01"})
    assert response.status_code == 400 and "晚于" in response.content.decode()


def test_small_circles_are_hidden_on_the_campaign_page(client, nora, narwal):
    campaign = running(narwal, [deal("云鲸", "robot-vacuums", "appliances")])
    item = campaign.items.get().item
    placements_serve(entries=[{"item": item.pk, "sponsored": True, "campaign": campaign.pk, "interest": "home"}],
                     user_id=None, anonymous_id="visitor-00000001")
    stats_rollup(now=timezone.now() + timedelta(minutes=1))
    client.force_login(nora)
    page = client.get(f"/brand/narwal/campaigns/{campaign.pk}/").content.decode()
    assert "为保护隐私不显示" in page and "不足 5 人，已隐藏" in page


def test_nora_on_any_page_of_dji_gets_the_404_page(client, nora, dji_campaign, narwal_campaign):
    client.force_login(nora)
    for url in pages_of("dji", dji_campaign) + [f"/brand/narwal/campaigns/{dji_campaign.pk}/"]:
        assert client.get(url).status_code == 404, url
    key = BrandKey.objects.create(brand=dji_campaign.brand, name="大疆中台", key_hash="x" * 64)
    assert client.post(f"/brand/dji/keys/{key.pk}/revoke/").status_code == 404
    assert BrandKey.objects.get(pk=key.pk).revoked_at is None
    for url in pages_of("narwal", narwal_campaign):
        assert client.get(url).status_code == 200, url


def test_a_shopper_is_not_shown_the_dashboard_and_a_visitor_is_asked_to_sign_in(client, alice, narwal_campaign):
    assert client.get("/brand/narwal/").status_code == 302
    client.force_login(alice)
    assert client.get("/brand/").status_code == 404
    assert client.get("/brand/narwal/").status_code == 404


def test_a_key_made_on_the_settings_page_is_shown_once_and_can_be_revoked(client, nora, narwal):
    client.force_login(nora)
    made = client.post("/brand/narwal/keys/", {"name": "BI 报表"})
    raw = made.context["new_key"]
    assert raw.startswith("gb_") and raw in made.content.decode()
    listed = client.get("/brand/narwal/keys/").content.decode()
    assert "BI 报表" in listed and raw not in listed
    key = BrandKey.objects.get(brand=narwal)
    client.post(f"/brand/narwal/keys/{key.pk}/revoke/")
    key.refresh_from_db()
    assert key.revoked_at is not None and key.created_by == nora


def test_a_key_without_a_name_is_refused(client, nora, narwal):
    client.force_login(nora)
    assert client.post("/brand/narwal/keys/", {"name": "  "}).status_code == 400
    assert not BrandKey.objects.exists()


def test_the_mentions_page_shows_share_of_voice_and_voices(client, nora, narwal):
    praise = review("云鲸", "robot-vacuums", "appliances", title="云鲸 J5 扫拖一体体验")
    praise.score.sentiment = 88
    praise.score.save()
    review("追觅", "robot-vacuums", "appliances")
    client.force_login(nora)
    page = client.get("/brand/narwal/mentions/").content.decode()
    assert "各兴趣圈声量占比" in page and "追觅" in page and "云鲸 J5 扫拖一体体验" in page


def test_the_dashboards_csv_is_the_apis(client, nora, narwal_campaign):
    client.force_login(nora)
    response = client.get(f"/brand/narwal/campaigns/{narwal_campaign.pk}/stats.csv", {"breakdown": "interest"})
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").splitlines()[1].startswith("appliances,家电,7,")


def test_erin_confirms_a_proposed_item_on_her_page(client, erin, narwal):
    proposed = deal("云鲸", "robot-vacuums", "appliances", title="云鲸 J5 双12 到手价")
    campaign = running(narwal, [deal("云鲸", "robot-vacuums", "appliances")])
    entry = CampaignItem.objects.get(campaign=campaign, item=proposed)
    client.force_login(erin)
    assert "云鲸 J5 双12 到手价" in client.get("/campaign-proposals/").content.decode()
    client.post(f"/campaign-proposals/{entry.pk}/", {"decision": "confirm"})
    entry.refresh_from_db()
    assert entry.state == "confirmed" and entry.decided_by == erin


def test_shoppers_and_brand_members_cannot_decide_proposals(client, alice, nora, narwal):
    proposed = deal("云鲸", "robot-vacuums", "appliances")
    campaign = running(narwal, [deal("云鲸", "robot-vacuums", "appliances")])
    entry = CampaignItem.objects.get(campaign=campaign, item=proposed)
    for user in (alice, nora):
        client.force_login(user)
        assert client.get("/campaign-proposals/").status_code == 404
        assert client.post(f"/campaign-proposals/{entry.pk}/", {"decision": "confirm"}).status_code == 404
    entry.refresh_from_db()
    assert entry.state == "proposed"
