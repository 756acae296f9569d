"""Every main page on a phone (390 px wide): nothing makes the page scroll sideways. Pages not
built yet are left out (their URL names are not registered)."""

import pytest
from django.urls import NoReverseMatch, reverse

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

VISITOR_PAGES = [("home", ()), ("signup", ()), ("login", ()), ("circles", ()), ("circle", ("digital",)),
                 ("lists-page", ()), ("how-it-works", ())]
SHOPPER_PAGES = [("home", ()), ("onboarding", ()), ("my-interests-page", ()), ("my-feedback", ())]
OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'fixed')
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
  return {scrolls: document.documentElement.scrollWidth > width, wide: wide.slice(0, 5)};
}"""


def built(pages: list[tuple[str, tuple]]) -> list[str]:
    paths = []
    for name, args in pages:
        try:
            paths.append(reverse(name, args=args))
        except NoReverseMatch:
            continue
    return paths


def test_no_main_page_scrolls_sideways_on_a_phone(shopper, demo, new_page):
    item = demo.approved().first()
    visitor_paths = built(VISITOR_PAGES) + built([("item-page", (item.pk,))])
    visitor, signed_in = new_page(viewport=PHONE), new_page(user=shopper, viewport=PHONE)
    problems = {}
    for page, paths in ((visitor, visitor_paths), (signed_in, built(SHOPPER_PAGES))):
        for path in paths:
            page.goto(path)
            layout = page.evaluate(OVERFLOW)
            if layout["scrolls"]:
                problems[path] = layout["wide"]

    assert not problems, f"pages wider than a phone (path: widest elements): {problems}"
