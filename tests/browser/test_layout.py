"""Every main page on a phone (390 px wide): nothing makes the page scroll sideways. Pages not
built yet are left out (their URL names are not registered)."""

import pytest
from django.urls import NoReverseMatch, reverse

from tests.browser.conftest import PHONE, expect

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


HEADER = """() => {
  const width = window.innerWidth;
  const oneLine = el => el.getBoundingClientRect().height < 1.9 * parseFloat(getComputedStyle(el).fontSize);
  const brand = document.querySelector('.site-header .brand');
  const entries = [...document.querySelectorAll('.site-header nav a, .site-header nav button')];
  return {
    brandOnOneLine: oneLine(brand),
    navLabel: document.querySelector('.site-header nav').getAttribute('aria-label'),
    entries: entries.map(el => el.textContent.trim()),
    broken: entries.filter(el => !oneLine(el)).map(el => el.textContent.trim()),
    cut: entries.filter(el => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > width + 1
                                 || el.scrollWidth > el.clientWidth + 1; }).map(el => el.textContent.trim()),
  };
}"""


def test_the_header_fits_a_phone_on_pages_with_and_without_the_feed_styles(shopper, new_page):
    """The brand stays on one line, no nav entry breaks across lines, and every entry (退出 too)
    is on screen without scrolling the nav: the shell's own CSS, not feed.css, lays it out."""
    visitor, signed_in = new_page(viewport=PHONE), new_page(user=shopper, viewport=PHONE)
    pages = [(visitor, path) for path in built([("signup", ()), ("login", ()), ("home", ())])]
    pages += [(signed_in, path) for path in built([("my-interests-page", ()), ("onboarding", ()), ("home", ())])]
    pages.append((visitor, "/no-such-page/"))
    problems = {}
    for page, path in pages:
        page.goto(path)
        header = page.evaluate(HEADER)
        if not header["brandOnOneLine"] or header["broken"] or header["cut"] or header["navLabel"] != "主导航":
            problems[path] = header
    assert not problems, f"headers that do not fit a phone: {problems}"
    signed_in.goto(built([("my-interests-page", ())])[0])
    expect(signed_in.get_by_role("navigation", name="主导航").get_by_role("button", name="退出（xiaomei）")).to_be_in_viewport()
