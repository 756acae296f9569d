"""What a visitor meets when something is off: an unknown address, and script typed into a field
or smuggled into content, which must show as text and never run. The `new_page` fixture fails
any test in which a page opens a dialog, so `alert(…)` running anywhere is caught."""

import re

import pytest
from django.core.cache import cache
from django.db.models import Value
from django.db.models.functions import Concat

from content.models import Item
from tests.browser.conftest import expect

pytestmark = pytest.mark.browser

SCRIPT = '<script>alert("xss")</script>'
IMAGE = '<img src=x onerror=alert("xss")>'


def scripts_mentioning_alert(page) -> int:
    return page.locator("script").evaluate_all("els => els.filter(e => e.textContent.includes('alert(')).length")


def test_a_visitor_at_an_unknown_address_gets_the_helpful_404(page, screenshot):
    response = page.goto("/no-such-page/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="页面不存在")).to_be_visible()
    expect(page).to_have_title(re.compile("页面不存在"))
    screenshot(page, "not-found")
    page.get_by_role("link", name="回到首页").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_script_in_an_unknown_address_is_not_reflected_into_the_404(page):
    response = page.goto("/%3Cscript%3Ealert(%22xss%22)%3C/script%3E/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="页面不存在")).to_be_visible()
    assert scripts_mentioning_alert(page) == 0


def test_script_typed_into_the_signup_username_is_shown_back_as_text(page, screenshot):
    page.goto("/accounts/signup/")
    page.get_by_label("用户名", exact=True).fill(SCRIPT)
    page.get_by_label("密码", exact=True).fill("Guide-browser-2026")
    page.get_by_label("密码确认", exact=True).fill("Guide-browser-2026")
    page.get_by_role("main").get_by_role("button", name="注册", exact=True).click()

    expect(page.locator("main .error")).to_be_visible()  # not a valid username
    expect(page.get_by_label("用户名", exact=True)).to_have_value(SCRIPT)
    assert scripts_mentioning_alert(page) == 0
    screenshot(page, "signup-rejected")


def test_script_in_the_login_form_and_its_next_parameter_is_shown_as_text(page):
    page.goto("/accounts/login/?next=%22%3E%3Cscript%3Ealert(%22xss%22)%3C/script%3E")
    page.get_by_label("用户名", exact=True).fill(IMAGE)
    page.get_by_label("密码", exact=True).fill("whatever-it-is")
    page.get_by_role("main").get_by_role("button", name="登录", exact=True).click()

    expect(page.get_by_text("用户名或密码不正确")).to_be_visible()
    expect(page.get_by_label("用户名", exact=True)).to_have_value(IMAGE)
    assert page.locator("main img").count() == 0
    assert scripts_mentioning_alert(page) == 0


def test_script_in_stored_titles_and_texts_shows_as_text_on_the_feed(demo, page):
    """Whatever got into the database (the pipeline strips markup, an editor or a bug might
    not), the pages escape it."""
    Item.objects.filter(status="approved").update(title=Concat(Value(SCRIPT), "title"),
                                                  body_text=Concat(Value(IMAGE), "body_text"))
    cache.clear()  # cards are cached with their titles

    page.goto("/")

    expect(page.get_by_text(SCRIPT).first).to_be_visible()
    assert scripts_mentioning_alert(page) == 0
    assert page.locator("main img[src='x']").count() == 0
