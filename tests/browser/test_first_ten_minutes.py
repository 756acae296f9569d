"""What a newcomer sees in the first ten minutes, with every remote image host unreachable:
pictures that always show (the project's own drawings, or the interest's placeholder, never a
broken-image icon), titles as their authors wrote them, cards with one 值得买指数, relative times
and votes, and a shopper's 我的收藏 — at 1280 px and 390 px."""

import pytest
from playwright.sync_api import expect

from interests.actions import item_favorite
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

BROKEN_IMAGES = """() => [...document.images].filter(img => img.complete && img.naturalWidth === 0)
                                             .map(img => img.src)"""


def scrolled_through(page) -> None:
    """Lazy pictures load (or fail) only when near the screen."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    page.evaluate("window.scrollTo(0, 0)")


def assert_no_broken_images(page) -> None:
    scrolled_through(page)
    page.wait_for_load_state("networkidle")
    assert page.evaluate(BROKEN_IMAGES) == [], page.url


@pytest.fixture
def remote_pictured(demo):
    """An approved item whose pictures are on a partner's host (unreachable here)."""
    from django.utils import timezone

    from content.models import Item

    item = demo.approved().filter(interest_tags__interest__slug="outdoor").first() or demo.approved().first()
    Item.objects.filter(pk=item.pk).update(images=["https://img.partner.example/camp-1.jpg",
                                                   "https://img.partner.example/camp-2.jpg"],
                                           published_at=timezone.now())
    from recommender.lists import lists_refresh
    from recommender.pools import pools_refresh

    lists_refresh(), pools_refresh()
    return item


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_every_main_page_shows_pictures_or_placeholders_and_never_a_broken_image(
        shopper, remote_pictured, new_page, screenshot, viewport):
    item_favorite(user=shopper, item=remote_pictured, on=True)
    page = new_page(user=shopper, viewport=PHONE if viewport == "phone" else None)
    for path, name in (("/", "home"), (f"/items/{remote_pictured.pk}/", "item"), ("/lists/?period=week", "lists"),
                       ("/circles/outdoor/", "circle"), ("/me/interests/", "my-interests"),
                       ("/me/favorites/", "my-favorites")):
        page.goto(path)
        assert_no_broken_images(page)
        if viewport == "desktop":
            screenshot(page, f"first-minutes-{name}")
    page.goto(f"/items/{remote_pictured.pk}/")
    boxes = page.locator(".item-images .thumb-placeholder")
    expect(boxes.first).to_be_visible()
    expect(boxes.first).to_contain_text(page.locator(".item-images .thumb").first.get_attribute("data-label"))


def test_the_demo_items_carry_pictures_the_project_serves(demo, page):
    from content.models import Item

    drawn = Item.objects.filter(images__icontains="/static/img/demo/").first()
    assert drawn is not None, "seed_demo points demo items at the project's own drawings"
    page.goto(f"/items/{drawn.pk}/" if drawn.status in ("approved", "featured") else "/")
    assert_no_broken_images(page)


def test_a_card_without_any_picture_keeps_the_grid_with_its_interests_colour(demo, page):
    from content.models import Item

    bare = demo.approved().first()
    Item.objects.filter(pk=bare.pk).update(images=[])
    page.goto("/lists/?period=week")
    card = page.locator(f'.card[data-item-id="{bare.pk}"]')
    if card.count():
        placeholder = card.locator(".thumb.thumb-placeholder")
        expect(placeholder).to_be_visible()
        assert placeholder.evaluate("el => getComputedStyle(el).getPropertyValue('--tint')").strip().startswith("#")
        assert "gradient" in placeholder.evaluate("el => getComputedStyle(el).backgroundImage")
        assert placeholder.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"


def test_the_displayed_title_keeps_its_chinese_punctuation(demo, page):
    from django.core.management import call_command  # noqa: F401  (demo loaded by the fixture)

    from content.models import Item

    punctuated = Item.objects.filter(title__contains="！", status__in=("approved", "featured")).first()
    assert punctuated is not None, "the demo slice holds titles with full-width punctuation"
    page.goto(f"/items/{punctuated.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(punctuated.title)
    assert "！" in page.get_by_role("heading", level=1).inner_text()
