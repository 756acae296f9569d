"""A visitor searches from the header; Alice follows a keyword with a price ceiling and, once an
editor approves a matching item, sees its notification; then she asks 小值 for a camping kit and
refines it twice. Screenshots for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

from content.models import Item
from content.moderation.decisions import Decision, item_decide
from tests.browser.conftest import PASSWORD
from tests.interests.assistant_corpus import shop

pytestmark = pytest.mark.browser


@pytest.fixture
def camping_shop(live_server, django_db_serialized_rollback):
    """The assistant tests' shop, ingested and scored the way partners' items are."""
    from content.ingest import items_ingest
    from content.services import source_create

    source = source_create(name="xhs-partner", platform="xiaohongshu", title="小红书合作方", trust_level=60)[0]

    def store(*raw):
        return [Item.objects.get(pk=o.id) for o in items_ingest(source=source, raw_items=list(raw))]

    return shop(store)


@pytest.fixture
def alice(camping_shop):
    from tests.factories import UserFactory

    return UserFactory(username="alice", password=PASSWORD)


@pytest.fixture
def erin(camping_shop):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    editor = UserFactory(username="erin")
    editor.groups.add(Group.objects.get(name="editors"))
    return editor


def test_a_visitor_searches_from_the_header(camping_shop, page, screenshot):
    page.goto("/")
    page.get_by_role("search").get_by_label("搜索").fill("帐篷")
    page.get_by_role("search").get_by_role("button", name="搜索").click()
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(page.locator(".search-summary")).to_contain_text("找到")
    hits = page.locator(".search-hit")
    expect(hits.first).to_be_visible()
    shown = hits.locator("h2").all_inner_texts()
    assert "新品帐篷 待审核" not in shown and "好价帐篷 今晚截止" not in shown  # pending, ended
    expect(hits.first.locator("h2 mark")).to_have_text("帐篷")
    expect(hits.first.locator(".why")).to_contain_text("值得买指数")
    expect(page.locator(".search-hit.sponsored .ad-label")).to_have_text("广告 · 推广")
    screenshot(page, "search-results")
    page.goto("/search/?q=%EF%BC%81%EF%BC%81%EF%BC%81")  # only punctuation
    expect(page.locator(".notice")).to_contain_text("没有可以搜索的文字")


def test_a_shopper_follows_a_keyword_and_later_sees_its_notification(camping_shop, alice, erin, new_page, screenshot):
    page = new_page(user=alice)
    page.goto("/search/?q=帐篷")
    page.get_by_role("link", name="关注这个关键词，有新内容时提醒我").click()
    expect(page.get_by_label("关键词")).to_have_value("帐篷")
    page.get_by_label("最高价（可选）").fill("-5")
    page.get_by_role("button", name="关注").click()
    expect(page.locator(".alert-form .error")).to_be_visible()  # a negative ceiling is refused, politely
    page.get_by_label("最高价（可选）").fill("800")
    page.get_by_role("button", name="关注").click()
    expect(page.locator(".messages")).to_contain_text("已关注「帐篷」")
    expect(page.locator(".alert-rows li")).to_contain_text("¥800 以内")
    screenshot(page, "alerts")

    pending = Item.objects.get(title="新品帐篷 待审核")
    item_decide(item_id=pending.pk, decision=Decision("approve"), version=pending.version, editor=erin)
    page.goto("/")
    badge = page.locator(".notifications-link .unread-count")
    expect(badge).to_have_text("1")
    page.locator(".notifications-link").click()
    expect(page.locator(".notification-rows li.unread")).to_contain_text("你关注的「帐篷」有新内容：新品帐篷 待审核")
    expect(page.locator(".notifications-link .unread-count")).to_have_count(0)
    screenshot(page, "notifications")


def test_a_shopper_asks_for_a_camping_kit_and_refines_it_twice(camping_shop, alice, new_page, screenshot):
    page = new_page(user=alice)
    page.goto("/assistant/")
    page.get_by_label("想买什么").fill("周末想去露营，帮我配一套装备，两千以内，带娃")
    page.get_by_role("button", name="发送").click()
    latest = page.locator(".bubble.assistant").last
    expect(latest).to_contain_text("露营装备清单")
    rows = latest.locator("table.picks tbody tr")
    expect(rows).to_have_count(4)
    total = float(latest.locator("tfoot .price").inner_text().lstrip("¥").replace(",", ""))
    assert total <= 2000
    tent_price = float(latest.locator("tr[data-slot='camping-trip/tent'] .price").inner_text().lstrip("¥").replace(",", ""))
    screenshot(page, "assistant-kit")

    page.get_by_label("想买什么").fill("换个便宜点的帐篷")
    page.get_by_role("button", name="发送").click()
    latest = page.locator(".bubble.assistant").last
    expect(latest).to_contain_text("更便宜")
    cheaper = float(latest.locator("tr[data-slot='camping-trip/tent'] .price").inner_text().lstrip("¥").replace(",", ""))
    assert cheaper < tent_price

    page.get_by_label("想买什么").fill("再加一个炉子")
    page.get_by_role("button", name="发送").click()
    latest = page.locator(".bubble.assistant").last
    expect(latest.locator("table.picks tbody tr")).to_have_count(5)
    expect(latest.locator("tr[data-slot='camping-trip/stove']")).to_contain_text("炉")
    assert float(latest.locator("tfoot .price").inner_text().lstrip("¥").replace(",", "")) <= 2000
    expect(page.locator(".bubble.shopper")).to_have_count(3)
    screenshot(page, "assistant-refined")
