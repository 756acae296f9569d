"""The brand dashboard in a real browser: Nora of 云鲸 reads her campaign's charts by day and by
week, her brand's mentions, makes and revokes an API key, and gets the 404 page on 大疆's
dashboard. Screenshots: brand-campaign, brand-campaign-weekly, brand-mentions, brand-keys."""

import re

import pytest

from tests.browser.conftest import PASSWORD, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def nora(live_server, django_db_serialized_rollback):
    """云鲸 and 大疆 as seed_demo makes them, over a few items of theirs, with a month of traffic;
    Nora works for 云鲸."""
    from recommender.brands import brand_member_add
    from recommender.demo_brands import demo_brands_seed
    from recommender.models import Brand
    from tests.factories import UserFactory, scored_item
    from tests.recommender.brands import deal, review

    deal("云鲸", "robot-vacuums", "appliances", title="历史低价：云鲸 J5 扫拖机器人 仅3699元")
    scored_item("cameras", "digital", kind="note", brand="大疆", sponsored=True, title="大疆 Mini 4 Pro 畅飞套装体验分享 #广告")
    for title, sentiment in (("云鲸 J5 用了一个月，拖地真的干净", 91), ("云鲸基站有点吵，售后回复慢", 18),
                             ("养宠家庭的扫拖机器人：云鲸 J5", 72)):
        voice = review("云鲸", "robot-vacuums", "appliances", title=title)
        voice.score.sentiment = sentiment
        voice.score.save()
    review("追觅", "robot-vacuums", "appliances", title="追觅 X40 Ultra 实测")
    demo_brands_seed(accounts=False, password=PASSWORD, write=lambda line: None)
    user = UserFactory(username="nora", password=PASSWORD)
    brand_member_add(brand=Brand.objects.get(slug="narwal"), user=user)
    return user


def test_nora_reads_her_campaign_by_day_and_by_week_with_charts(new_page, nora, screenshot):
    page = new_page(user=nora)
    page.goto("/brand/")
    expect(page).to_have_url(re.compile(r"/brand/narwal/$"))
    page.get_by_role("link", name="双12 扫拖机器人节").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("双12 扫拖机器人节")
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(2)
    expect(page.get_by_role("img", name="每日曝光、点击与去购买")).to_be_visible()
    assert page.locator("svg.chart polyline").count() == 4  # exposure, clicks, click-outs, last period dashed
    assert int(page.locator(".totals li").first.locator("b").inner_text()) > 100
    expect(page.get_by_role("table").filter(has_text="与上一周期")).to_be_visible()
    expect(page.locator("section.panel").filter(has_text="按兴趣圈")).to_contain_text("家电")
    screenshot(page, "brand-campaign")

    page.get_by_label("粒度").select_option("week")
    page.get_by_role("button", name="查看").click()
    expect(page.get_by_role("img", name="每周曝光、点击与去购买")).to_be_visible()
    screenshot(page, "brand-campaign-weekly")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载兴趣圈明细 CSV").click()
    assert download.value.suggested_filename.startswith("campaign-")


def test_nora_reads_what_the_network_says_about_her_brand(new_page, nora, screenshot):
    page = new_page(user=nora)
    page.goto("/brand/narwal/")
    page.get_by_role("link", name="全网舆情").click()

    expect(page.get_by_role("img", name="全网提及")).to_be_visible()
    expect(page.get_by_role("img", name="平均口碑（0–100，越高越正面）")).to_be_visible()
    expect(page.get_by_role("img", name="各兴趣圈声量占比")).to_be_visible()
    expect(page.locator("section.panel").filter(has_text="最正面的内容")).to_contain_text("拖地真的干净")
    expect(page.locator("section.panel").filter(has_text="最负面的内容")).to_contain_text("售后回复慢")
    expect(page.locator("section.panel").filter(has_text="声量占比")).to_contain_text("追觅")
    screenshot(page, "brand-mentions")


def test_nora_makes_a_key_sees_it_once_and_revokes_it(new_page, nora, screenshot):
    page = new_page(user=nora)
    page.goto("/brand/narwal/keys/")
    page.get_by_label("密钥名称").fill("BI 报表")
    page.get_by_role("button", name="创建密钥").click()

    key = page.locator("code.key").inner_text()
    assert key.startswith("gb_")
    screenshot(page, "brand-keys")
    page.goto("/brand/narwal/keys/")
    expect(page.locator("code.key")).to_have_count(0)
    page.get_by_role("button", name="吊销").click()
    expect(page.get_by_role("main")).to_contain_text("已吊销")


def test_nora_gets_the_404_page_on_another_brands_dashboard(new_page, nora):
    page = new_page(user=nora)
    response = page.goto("/brand/dji/")
    assert response.status == 404
    expect(page.get_by_role("main")).not_to_contain_text("Mini 4 Pro")
