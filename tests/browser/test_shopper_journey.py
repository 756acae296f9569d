"""A new shopper, in a real browser, from sign-up to sign-out: onboarding, the feed, every control
of 我的兴趣 (see the reasons, delete, follow, mute, personalisation off), export, sign out."""

import json
import re

import pytest

from tests.browser.conftest import PASSWORD, csrf_headers, expect

pytestmark = pytest.mark.browser


def sign_up(page, username: str) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("用户名", exact=True).fill(username)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_label("密码确认", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="注册", exact=True).click()


def interest_row(page, slug: str):
    return page.locator(f"li[data-slug='{slug}']")


def section(page, heading: str):
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


def test_a_new_shopper_signs_up_picks_interests_and_controls_what_is_held_about_them(demo, page, screenshot):
    page.goto("/accounts/signup/")
    screenshot(page, "signup")
    sign_up(page, "xiaomei")

    expect(page).to_have_url(re.compile(r"/me/onboarding/$"))
    expect(page.get_by_text("注册成功")).to_be_visible()
    for name in ("数码", "图书", "游戏主机"):
        page.get_by_role("checkbox", name=name, exact=True).check()
    screenshot(page, "onboarding")
    page.get_by_role("button", name="完成").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_text("已关注 3 个兴趣")).to_be_visible()
    screenshot(page, "home-new-shopper")

    # She reads three pet posts (what static/js/events.js reports from the feed).
    pets = list(demo.tagged("pets").values_list("pk", flat=True)[:3])
    assert len(pets) == 3
    answer = page.request.post("/api/v1/events/", headers=csrf_headers(page),
                               data={"events": [{"type": "click", "item": pk} for pk in pets]})
    assert answer.status == 202, answer.text()

    page.get_by_role("banner").get_by_role("link", name="我的兴趣", exact=True).click()
    expect(page).to_have_url(re.compile(r"/me/interests/$"))
    followed, inferred = section(page, "我关注的"), section(page, "根据你的行为推断")
    expect(followed.locator("li[data-slug='digital']")).to_contain_text("你注册时选择了「数码」")
    expect(followed.locator("li[data-slug='consoles']")).to_contain_text("你注册时选择了「游戏主机」")
    expect(inferred.locator("li[data-slug='pets']")).to_contain_text("你看过 3 篇「宠物」相关内容")
    screenshot(page, "my-interests")

    interest_row(page, "books").get_by_role("button", name="删除").click()
    expect(page.get_by_text("已删除「图书」")).to_be_visible()
    expect(interest_row(page, "books")).to_have_count(0)
    page.reload()
    expect(interest_row(page, "books")).to_have_count(0)

    interest_row(page, "consoles").get_by_role("button", name="屏蔽").click()
    expect(section(page, "已屏蔽").locator("li[data-slug='consoles']")).to_contain_text("你屏蔽了「游戏主机」")
    expect(followed.locator("li[data-slug='consoles']")).to_have_count(0)

    inferred.locator("li[data-slug='pets']").get_by_role("button", name="关注").click()
    expect(followed.locator("li[data-slug='pets']")).to_contain_text("你关注了「宠物」")
    expect(inferred.locator("li[data-slug='pets']")).to_have_count(0)

    page.get_by_role("button", name="关闭个性化推荐").click()
    expect(page.get_by_text("已关闭：首页只按内容质量和热度排序")).to_be_visible()
    expect(page.get_by_role("button", name="开启个性化推荐")).to_be_visible()
    screenshot(page, "my-interests-after-changes")

    with page.expect_download() as download:
        page.get_by_role("link", name="导出我的全部数据（JSON）").click()
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    states = {row["slug"]: row["state"] for row in exported["interests"]}
    assert exported["account"]["username"] == "xiaomei"
    assert exported["settings"]["personalization_enabled"] is False
    assert states["books"] == "deleted" and states["consoles"] == "muted" and states["pets"] == "followed"
    assert sorted(e["item"] for e in exported["events"] if e["type"] == "click") == sorted(pets)

    page.get_by_role("banner").get_by_role("button", name="退出（xiaomei）").click()
    expect(page.get_by_role("banner").get_by_role("link", name="登录", exact=True)).to_be_visible()
    page.goto("/me/interests/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))


def test_a_returning_shopper_signs_in_and_finds_her_interests(shopper, new_page):
    page = new_page()
    page.goto("/me/interests/")
    page.get_by_label("用户名", exact=True).fill("xiaomei")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="登录", exact=True).click()

    expect(page).to_have_url(re.compile(r"/me/interests/$"))
    expect(interest_row(page, "digital")).to_contain_text("你注册时选择了「数码」")
    expect(interest_row(page, "books")).to_contain_text("你注册时选择了「图书」")


def test_a_wrong_password_is_refused_with_a_readable_message(shopper, page):
    page.goto("/accounts/login/")
    page.get_by_label("用户名", exact=True).fill("xiaomei")
    page.get_by_label("密码", exact=True).fill("not-her-password")
    page.get_by_role("main").get_by_role("button", name="登录", exact=True).click()

    expect(page.get_by_text("用户名或密码不正确")).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="我的兴趣", exact=True)).to_have_count(0)
