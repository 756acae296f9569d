"""The item page in a real browser: the radar chart of the twelve dimensions, 值 / 不值 and 收藏
without a reload, the click-out, and a complaint followed up at /me/feedback/. Each test skips
while the page is not built yet (no URL named `item-page`)."""

import re
from urllib.parse import quote

import pytest

from content.models import Favorite, Feedback, Vote
from content.scoring.dimensions import DIMENSIONS
from interests.models import Event
from tests.browser.conftest import PHONE, count_in, expect, page_built

pytestmark = pytest.mark.browser

# Set before an action and read after it: it survives only if the page did not navigate.
MARK = "window.__sameDocument = true"
SAME_DOCUMENT = "window.__sameDocument === true"


def item_path(item) -> str:
    return page_built("item-page", item.pk)


def worth_button(page):
    return page.get_by_role("button", name=re.compile(r"^值"))


def test_a_visitor_sees_the_item_with_its_radar_chart_of_twelve_dimensions(demo, page, screenshot):
    item = demo.approved().first()
    page.goto(item_path(item))

    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)
    radar = page.locator("svg").filter(has_text=DIMENSIONS["content_reliability"])
    expect(radar).to_have_count(1)
    labels = radar.locator("text").all_text_contents()  # an axis label: its name, then its score
    assert len(labels) == 12
    assert [name for name in DIMENSIONS.values() if any(label.startswith(name) for label in labels)] == list(
        DIMENSIONS.values())
    expect(radar).to_be_visible()
    screenshot(page, "item")


def test_the_radar_chart_fits_a_phone_screen(demo, new_page):
    item = demo.approved().first()
    page = new_page(viewport=PHONE)
    page.goto(item_path(item))

    box = page.locator("svg").filter(has_text=DIMENSIONS["content_reliability"]).bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"] + 1, box
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "sideways scroll"


def test_a_shopper_votes_worth_and_the_count_changes_without_a_reload(shopper, demo, new_page):
    item = demo.approved().first()
    page = new_page(user=shopper)
    page.goto(item_path(item))
    before = count_in(worth_button(page).inner_text())
    page.evaluate(MARK)

    worth_button(page).click()

    expect(worth_button(page)).to_have_attribute("aria-pressed", "true")
    expect(worth_button(page)).to_have_text(re.compile(rf"^\s*值\s*{before + 1}\s*$"))
    assert page.evaluate(SAME_DOCUMENT), "the page reloaded"
    assert Vote.objects.filter(user=shopper, item=item, value=Vote.WORTH).exists()

    page.reload()
    expect(worth_button(page)).to_have_attribute("aria-pressed", "true")
    expect(worth_button(page)).to_have_text(re.compile(rf"^\s*值\s*{before + 1}\s*$"))


def test_a_shopper_favourites_an_item_without_a_reload(shopper, demo, new_page):
    item = demo.approved().first()
    page = new_page(user=shopper)
    page.goto(item_path(item))
    favourite = page.get_by_role("button", name=re.compile("收藏"))
    expect(favourite).to_have_attribute("aria-pressed", "false")
    page.evaluate(MARK)

    favourite.click()

    expect(favourite).to_have_attribute("aria-pressed", "true")
    expect(favourite).to_contain_text("已收藏")
    assert page.evaluate(SAME_DOCUMENT), "the page reloaded"
    assert Favorite.objects.filter(user=shopper, item=item).exists()


def test_a_visitor_who_votes_is_asked_to_sign_in_first(demo, page):
    item = demo.approved().first()
    path = item_path(item)
    page.goto(path)

    worth_button(page).click()

    next_path = re.escape(path) + "|" + re.escape(quote(path, safe=""))
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=(" + next_path + ")$"))
    assert not Vote.objects.exists()


def test_a_shopper_clicks_out_to_the_source_and_it_is_recorded(shopper, demo, new_page):
    item = demo.approved().first()
    page = new_page(user=shopper)
    page.goto(item_path(item))

    with page.context.expect_event("response", lambda response: "/go/" in response.url) as out:
        page.get_by_role("link", name=re.compile("去购买|查看原文")).click()

    # The new tab is sent to the source; the browser stops there (no name outside resolves).
    assert out.value.status == 302
    assert out.value.headers["location"] == item.canonical_url
    assert Event.objects.filter(user=shopper, item=item, type="click_out").count() == 1


def test_a_shopper_complains_about_an_item_and_follows_it_up(shopper, demo, new_page, screenshot):
    page_built("my-feedback")
    item = demo.approved().first()
    page = new_page(user=shopper)
    page.goto(item_path(item))
    reason = '标题写“全网最低”，其实别家更便宜 <script>alert("xss")</script>'

    page.get_by_text("我要举报 / 申诉").click()
    page.get_by_label("举报", exact=True).check()
    page.get_by_label("原因（举报时选择）").select_option(label="虚假或不实信息")
    page.get_by_label("说明（最多 500 字）").fill(reason)
    page.get_by_role("button", name="提交").click()

    assert Feedback.objects.filter(user=shopper, item=item).count() == 1
    page.goto(page_built("my-feedback"))
    expect(page.get_by_text(reason)).to_be_visible()
    expect(page.get_by_text("虚假或不实信息").first).to_be_visible()
    screenshot(page, "my-feedback")


def test_the_feed_follows_what_a_shopper_votes_for_and_favourites(shopper, demo, new_page):
    # Xiaomei picked 数码 and 图书; she discovers a circle she never picked on item pages.
    from interests.models import Interest

    picked = {"digital", "books"}
    circle = next(top for top in Interest.objects.filter(parent__isnull=True).order_by("slug")
                  if top.slug not in picked and demo.tagged(top.slug).count() >= 2)
    liked = list(demo.tagged(circle.slug)[:2])
    page = new_page(user=shopper)
    page.goto("/")
    reasons_before = page.locator(".card .reason").all_inner_texts()
    assert not any(circle.name in reason for reason in reasons_before)

    for item in liked:
        page.goto(item_path(item))
        worth_button(page).click()
        expect(worth_button(page)).to_have_attribute("aria-pressed", "true")
        favourite = page.get_by_role("button", name=re.compile("收藏"))
        favourite.click()
        expect(favourite).to_have_attribute("aria-pressed", "true")

    page.goto("/")
    reasons_after = page.locator(".card .reason").all_inner_texts()
    assert any(circle.name in reason for reason in reasons_after), (circle.name, reasons_after)
    page.goto("/me/interests/")
    expect(page.locator(f"li[data-slug='{circle.slug}']")).to_be_visible()
