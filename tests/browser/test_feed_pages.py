"""The home feed, the scenario switcher, paging, interest circles, the 值得买 lists and how
recommendations work, in a real browser. Each test skips while its page is not built yet (its
URL name is not registered) and runs from the moment it is."""

import re

import pytest

from content.scoring.dimensions import DIMENSIONS
from tests.browser.conftest import expect, page_built

pytestmark = pytest.mark.browser

ITEM_LINK = "main a[href^='/items/']"


def item_hrefs(page) -> set[str]:
    return set(page.locator(ITEM_LINK).evaluate_all("links => links.map(a => a.getAttribute('href'))"))


def test_a_visitor_sees_approved_items_on_the_home_page(demo, page, screenshot):
    page.goto("/")

    text = page.get_by_role("main").inner_text()
    titles = list(demo.approved().values_list("title", flat=True))
    assert sum(title in text for title in titles) >= 5, text[:500]
    screenshot(page, "home-visitor")


def test_a_visitor_opens_an_item_from_the_feed(demo, page):
    page_built("item-page", 1)
    page.goto("/")

    link = page.locator(ITEM_LINK).filter(has_text=re.compile(r"\S")).first  # a title, not a picture
    title = link.inner_text().strip()
    link.click()

    expect(page).to_have_url(re.compile(r"/items/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_the_feed_loads_more_items_without_repeating_them(demo, page):
    page_built("how-it-works")
    page.goto("/")
    first = item_hrefs(page)
    assert first

    # Scrolling down to 加载更多 loads the next page by itself; clicking it as well raced with
    # that load (the loading block covers the link, then the link is replaced).
    page.get_by_role("link", name="加载更多").scroll_into_view_if_needed()

    expect(page.locator(ITEM_LINK)).not_to_have_count(len(first))
    assert item_hrefs(page) - first, "no new items after 加载更多"


def test_without_infinite_scroll_the_more_link_loads_the_next_page_in_place(demo, page):
    page_built("how-it-works")
    page.add_init_script("delete window.IntersectionObserver")  # an older browser
    page.goto("/")
    first = item_hrefs(page)

    page.get_by_role("link", name="加载更多").click()

    expect(page.locator(ITEM_LINK)).not_to_have_count(len(first))
    assert "cursor=" not in page.url  # loaded into the page, not navigated to
    assert item_hrefs(page) > first


def test_the_scenario_switcher_shows_the_chosen_scenario(demo, page, screenshot):
    page_built("how-it-works")
    page.goto("/")
    switcher = page.get_by_role("navigation", name="按场景看")
    expect(switcher.get_by_role("link", name="全部场景")).to_have_attribute("aria-current", "page")

    chosen = switcher.get_by_role("link").nth(1)
    name = chosen.inner_text().strip()
    chosen.click()

    expect(page).to_have_url(re.compile(r"[?&]scenario="))
    expect(switcher.get_by_role("link", name=name, exact=True)).to_have_attribute("aria-current", "page")
    screenshot(page, "home-scenario")


def test_an_unknown_scenario_gets_a_notice_and_the_unfiltered_feed(demo, page):
    page_built("how-it-works")
    response = page.goto("/?scenario=no-such-scenario")

    assert response.status == 400
    expect(page.get_by_role("status").filter(has_text="no-such-scenario")).to_be_visible()
    assert item_hrefs(page)


def test_a_shopper_gets_a_personal_feed_until_she_switches_personalisation_off(shopper, new_page, screenshot):
    page_built("how-it-works")
    page = new_page(user=shopper)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("为你推荐")
    screenshot(page, "home-shopper")

    page.goto("/me/interests/")
    page.get_by_role("button", name="关闭个性化推荐").click()
    page.goto("/")

    expect(page.get_by_role("heading", level=1)).not_to_have_text("为你推荐")
    expect(page.get_by_text("你已关闭个性化推荐")).to_be_visible()
    assert item_hrefs(page)


def test_a_visitor_browses_the_circles_and_opens_one(demo, page, screenshot):
    page_built("circles")
    page.goto("/circles/")
    expect(page.get_by_role("heading", name="兴趣圈", level=1)).to_be_visible()
    screenshot(page, "circles")

    page.get_by_role("link", name="数码", exact=True).first.click()

    expect(page).to_have_url(re.compile(r"/circles/digital/$"))
    expect(page.get_by_role("heading", name="数码", level=1)).to_be_visible()
    digital = set(demo.tagged("digital").values_list("pk", flat=True))
    shown = {int(href.split("/")[2]) for href in item_hrefs(page)}
    assert shown and shown <= digital, f"items outside the circle: {shown - digital}"
    screenshot(page, "circle-digital")


def test_a_shopper_follows_a_circle_from_its_page(shopper, new_page):
    page_built("circle", "pets")
    page = new_page(user=shopper)
    page.goto("/circles/pets/")

    page.get_by_role("main").get_by_role("button", name="关注", exact=True).click()

    expect(page.get_by_text("已关注「宠物」")).to_be_visible()
    page.goto("/me/interests/")
    expect(page.locator("li[data-slug='pets']")).to_contain_text("你关注了「宠物」")


def test_a_visitor_reads_the_worth_buying_lists(demo, page, screenshot):
    page_built("lists-page")
    page.goto("/lists/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("值得买榜")
    assert item_hrefs(page)
    screenshot(page, "lists")

    # A circle whose list has entries in this slice (which ones do depends on the clock: the
    # demo's times are shifted to look fresh, and expired deals leave the lists).
    from interests.models import Interest
    from recommender.models import WorthListEntry

    listed = set(WorthListEntry.objects.filter(worth_list__is_current=True).values_list("worth_list__slug", flat=True))
    circle = Interest.objects.filter(parent__isnull=True, slug__in=listed).order_by("slug").first()
    assert circle is not None, "no top-level 值得买 list has entries"
    page.get_by_role("navigation", name="分类").get_by_role("link", name=circle.name, exact=True).click()

    expect(page).to_have_url(re.compile(rf"/lists/{circle.slug}/"))
    tagged = set(demo.tagged(circle.slug).values_list("pk", flat=True))
    shown = {int(href.split("/")[2]) for href in item_hrefs(page)}
    assert shown and shown <= tagged, f"items outside the list's circle: {shown - tagged}"


def test_how_it_works_explains_the_twelve_dimensions(demo, page, screenshot):
    page_built("how-it-works")
    page.goto("/how-it-works/")

    expect(page.get_by_role("heading", name="推荐原理", level=1)).to_be_visible()
    text = page.get_by_role("main").inner_text()
    missing = [name for name in DIMENSIONS.values() if name not in text]
    assert not missing, f"dimensions not explained: {missing}"
    screenshot(page, "how-it-works")
