"""The recommender's pages as a shopper meets them: the home feed (personal or not, labelled ads,
stable paging, infinite-scroll fragments, readable errors), interest circles with follow and
mute, the 值得买 lists, and the page explaining how recommendations work."""

import html
import re

import pytest

from content.models import ScoringProfile
from content.scoring.profile import DEFAULT_WEIGHTS, profile_create_version
from interests.models import Interest, UserInterest
from interests.shopper import interest_follow, personalization_set
from recommender.lists import lists_refresh
from recommender.models import ListOverride
from tests.factories import scored_item

CARD = re.compile(r'<li class="card[^"]*"[^>]*data-item-id="(\d+)"')
NEXT = re.compile(r'<a class="more-link" href="([^"]+)"')


@pytest.fixture
def catalogue(db):
    """Thirty-five items over five circles; camping is not the best by worth."""
    circles = [("camping", "outdoor"), ("phones", "digital"), ("coffee", "food"), ("blind-boxes", "toys"), ("skincare", "beauty")]
    items = {slug: [] for slug, _ in circles}
    for n in range(35):
        child, top = circles[n % 5]
        items[child].append(scored_item(child, top, worth=55 if child == "camping" else 70 + n % 7, hours_old=n,
                                        price=500 + n, original_price=1000 + n, images=[f"https://img.example.com/{n}.jpg"]))
    return items


def card_ids(response) -> list[int]:
    return [int(pk) for pk in CARD.findall(response.content.decode())]


def next_link(response) -> str | None:
    found = NEXT.search(response.content.decode())
    return html.unescape(found.group(1)) if found else None


def card_html(response, item_id: int) -> str:
    page = response.content.decode()
    start = page.index(f'data-item-id="{item_id}"')
    return page[start:page.index("</li>", start)]


# Home -------------------------------------------------------------------------------------------

def test_a_visitor_gets_the_non_personal_feed_as_cards(client, catalogue):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "值得关注的好物" in page and "后按你的兴趣推荐" in page
    ids = card_ids(response)
    assert len(ids) == 20
    first = card_html(response, ids[0])
    assert f'href="/items/{ids[0]}/"' in first
    assert "值得买指数 <b>" in first and '<p class="reason">' in first
    assert "折</span>" in first and "省¥" in first
    assert 'href="/circles/' in first and 'loading="lazy"' in first


def test_a_shopper_who_follows_camping_gets_camping_first_and_says_why(client, alice, catalogue):
    interest_follow(user=alice, interest=Interest.objects.get(slug="camping"))
    client.force_login(alice)
    response = client.get("/")
    assert "为你推荐" in response.content.decode()
    first = card_ids(response)[0]
    assert first in {item.pk for item in catalogue["camping"]}
    card = card_html(response, first)
    assert '<p class="reason">你关注了「露营」</p>' in card
    assert card.count("值得买指数") == 1  # once, on its own line, not again in the reason


def test_personalisation_off_shows_the_same_feed_as_a_visitor(client, alice, catalogue):
    interest_follow(user=alice, interest=Interest.objects.get(slug="camping"))
    personalization_set(user=alice, enabled=False)
    anonymous = card_ids(client.get("/"))
    client.force_login(alice)
    response = client.get("/")
    page = response.content.decode()
    assert "你已关闭个性化推荐" in page and "你关注了" not in page
    assert card_ids(response) == anonymous


def test_sponsored_items_are_labelled_as_ads_and_organic_ones_are_not(client, catalogue):
    ad = scored_item("coffee", "food", worth=99, sponsored=True)
    response = client.get("/")
    ids = card_ids(response)
    assert ad.pk in ids
    assert "广告 · 推广" in card_html(response, ad.pk)
    assert all("广告" not in card_html(response, pk) for pk in ids if pk != ad.pk)


def test_paging_by_cursor_never_repeats_and_reaches_the_end(client, catalogue):
    seen, url = [], "/"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += card_ids(response)
        url = next_link(response)
    assert len(seen) == len(set(seen)) == 35
    assert "已经到底了" in response.content.decode()


def test_a_fragment_holds_only_the_next_cards_and_the_next_link(client, catalogue):
    first = client.get("/")
    response = client.get(next_link(first) + "&fragment=1")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<nav" not in body
    assert set(card_ids(response)).isdisjoint(card_ids(first)) and len(card_ids(response)) == 15
    assert "data-feed-more" in body


def test_a_known_scenario_is_highlighted_and_kept_while_paging(client, catalogue):
    response = client.get("/", {"scenario": "commute"})
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'scenario=commute" class="current" aria-current="page">通勤', page)
    assert "scenario=commute&cursor=" in next_link(response)


@pytest.mark.parametrize("query, message", [
    ({"scenario": "<b>moon</b>"}, "这个场景"),
    ({"cursor": "forged"}, "翻页链接无效"),
    ({"cursor": "eyJmIjoiYSIsIm8iOjB9:1tX:abc"}, "翻页链接无效"),
    ({"cursor": "x" * 5000}, "翻页链接无效"),
    ({"cursor": "forged", "fragment": "1"}, "翻页链接无效"),
])
def test_bad_scenarios_and_cursors_get_a_readable_400(client, catalogue, query, message):
    response = client.get("/", query)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and "<b>moon</b>" not in page
    if "cursor" in query:
        assert "回到第一页" in page


def test_a_stale_cursor_asks_to_start_again(client, catalogue):
    from django.core.cache import cache

    url = next_link(client.get("/"))
    cache.clear()  # the computed feed behind the cursor is gone
    response = client.get(url)
    assert response.status_code == 400
    assert "请从第一页重新加载" in response.content.decode()


def test_titles_are_escaped(client, db):
    scored_item("coffee", "food", title="<script>alert('x')</script>好咖啡")
    page = client.get("/").content.decode()
    assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page


def test_only_web_images_are_shown(client, db):
    item = scored_item("coffee", "food", images=["javascript:alert(1)"])
    response = client.get("/")
    assert item.pk in card_ids(response) and "<img" not in card_html(response, item.pk)


def test_a_warm_home_page_costs_a_fixed_number_of_queries(client, alice, catalogue, django_assert_max_num_queries):
    client.force_login(alice)
    client.get("/")
    with django_assert_max_num_queries(4):  # session, user, and nothing per card
        assert client.get("/").status_code == 200


# Circles ----------------------------------------------------------------------------------------

def test_the_circle_index_lists_every_circle_under_its_top_level(client, db):
    page = client.get("/circles/").content.decode()
    assert 'href="/circles/outdoor/">运动户外</a>' in page
    assert 'href="/circles/camping/">露营</a>' in page


def test_a_circle_page_shows_its_feed_list_and_controls(client, catalogue):
    lists_refresh()
    response = client.get("/circles/camping/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>露营</h1>" in page and "登录后关注" in page and "/accounts/login/?next=/circles/camping/" in page
    camping = {item.pk for item in catalogue["camping"]}
    assert card_ids(response) and set(card_ids(response)) <= camping
    assert "今日值得买 · 运动户外榜里的露营" in page and '<span class="rank' in page


def test_an_unknown_circle_is_404(client, db):
    assert client.get("/circles/no-such-thing/").status_code == 404


def follow_from_circle(client, slug: str, action: str = "follow", back: str | None = None):
    return client.post(f"/me/interests/{slug}/{action}/", {"next": back or f"/circles/{slug}/"})


def test_following_from_a_circle_page_works_and_comes_back(client, alice, db):
    client.force_login(alice)
    page = client.get("/circles/camping/").content.decode()
    assert 'action="/me/interests/camping/follow/"' in page and 'name="next" value="/circles/camping/"' in page
    response = follow_from_circle(client, "camping")
    assert response.status_code == 302 and response["Location"] == "/circles/camping/"
    assert UserInterest.objects.get(user=alice, interest__slug="camping").state == "followed"
    page = client.get("/circles/camping/").content.decode()
    assert "已关注" in page and "取消关注" in page


def test_muting_from_a_circle_page_works(client, alice, db):
    client.force_login(alice)
    assert follow_from_circle(client, "coffee", "mute").status_code == 302
    assert UserInterest.objects.get(user=alice, interest__slug="coffee").state == "muted"


def test_signed_out_follow_goes_to_sign_in_and_back(client, db):
    response = follow_from_circle(client, "camping")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/circles/camping/"
    assert not UserInterest.objects.exists()


def test_a_next_off_the_site_is_not_followed(client, alice, db):
    client.force_login(alice)
    response = follow_from_circle(client, "camping", back="https://evil.example.com/")
    assert response.status_code == 302 and response["Location"] == "/me/interests/"


def test_an_unknown_interest_action_target_is_404(client, alice, db):
    client.force_login(alice)
    assert follow_from_circle(client, "no-such-circle").status_code == 404


# Lists ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, period", [("/lists/", "day"), ("/lists/", "week"), ("/lists/outdoor/", "day")])
def test_lists_show_ranks_cards_and_the_score_breakdown(client, catalogue, path, period):
    lists_refresh()
    response = client.get(path, {"period": period})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<span class="rank rank-top" title="榜单第 1 名">1</span>' in page
    assert "社区认可" in page and "→ 榜单分" in page
    if path == "/lists/outdoor/":
        assert set(card_ids(response)) <= {item.pk for item in catalogue["camping"]}


def test_an_editor_pin_is_marked(client, catalogue):
    pinned = catalogue["coffee"][-1]
    ListOverride.objects.create(slug="overall", period="", item=pinned, action="pin", position=1, reason="双11 必买")
    lists_refresh()
    response = client.get("/lists/")
    assert card_ids(response)[0] == pinned.pk
    assert "编辑置顶" in card_html(response, pinned.pk) and "双11 必买" in card_html(response, pinned.pk)


def test_an_empty_list_explains_itself(client, db):
    response = client.get("/lists/food/", {"period": "week"})
    assert response.status_code == 200
    assert "榜单还在生成中" in response.content.decode() and "15 分钟" in response.content.decode()


def test_a_quiet_day_shows_the_weeks_list_unless_today_was_asked_for(client, db):
    older = [scored_item("coffee", "food", hours_old=72) for _ in range(3)]
    lists_refresh()
    response = client.get("/lists/")
    page = response.content.decode()
    assert response.status_code == 200 and "全站 · 本周值得买榜" in page and "今日榜暂时还没有内容" in page
    assert set(card_ids(response)) == {item.pk for item in older}
    asked = client.get("/lists/", {"period": "day"}).content.decode()
    assert "榜单还在生成中" in asked and 'href="?period=week">本周榜</a>' in asked


def test_bad_list_requests_get_4xx(client, db):
    assert client.get("/lists/", {"period": "year"}).status_code == 400
    assert client.get("/lists/camping/").status_code == 404  # lists are per top-level interest
    assert client.get("/lists/nowhere/").status_code == 404


# How it works -----------------------------------------------------------------------------------

def test_how_it_works_shows_the_active_profiles_weights(client, db, django_capture_on_commit_callbacks):
    page = client.get("/how-it-works/").content.decode()
    assert "内容可靠性" in page and "推广内容不参与自然排序" in page and "关闭个性化推荐" in page
    with django_capture_on_commit_callbacks(execute=True):
        profile = profile_create_version(values={"name": "测试方案", "weights": DEFAULT_WEIGHTS | {"price_value": 3.25}})
    page = client.get("/how-it-works/").content.decode()
    row = re.search(r'<tr data-dimension="price_value"><td>价格力</td><td class="weight">([\d.]+)</td>', page)
    assert row and row.group(1) == "3.25"
    assert f"测试方案 · 第 {profile.version} 版" in page
    assert ScoringProfile.objects.filter(is_active=True).count() == 1


def test_the_nav_links_every_page(client, db):
    page = client.get("/how-it-works/").content.decode()
    for href in ('href="/"', 'href="/circles/"', 'href="/lists/"', 'href="/how-it-works/"'):
        assert href in page
