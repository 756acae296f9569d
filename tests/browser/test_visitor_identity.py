"""A visitor's behaviour is filed under the id the server signed into their first page's
HttpOnly cookie (events.js never sees nor makes one), and becomes theirs when they sign in."""

import pytest

from interests.accounts import ANONYMOUS_COOKIE, unsigned_visitor_id
from interests.models import Event
from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.browser


def settle(page, done, what: str) -> None:
    for _ in range(200):
        if done():
            return
        page.wait_for_timeout(30)
    raise AssertionError(f"no {what}")


def test_a_visitors_click_is_filed_under_their_signed_id_and_follows_them_into_their_account(demo, shopper, page):
    item_pk = demo.approved().first().pk
    page.goto("/")
    cookie = next(c for c in page.context.cookies() if c["name"] == ANONYMOUS_COOKIE)
    anonymous_id = unsigned_visitor_id(cookie["value"])
    assert cookie["httpOnly"] and anonymous_id
    assert ANONYMOUS_COOKIE not in page.evaluate("document.cookie")

    page.evaluate("pk => { window.guideEvents.track('click', pk); window.guideEvents.flush(); }", item_pk)
    clicks = Event.objects.filter(type="click", item_id=item_pk)
    settle(page, lambda: clicks.filter(anonymous_id=anonymous_id).exists(), "click under the visitor's id")

    page.goto("/accounts/login/")
    page.get_by_label("用户名", exact=True).fill("xiaomei")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url("**/")
    assert clicks.filter(user=shopper).count() == 1 and not clicks.filter(anonymous_id=anonymous_id).exists()
