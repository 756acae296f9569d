"""The item page: content, the AIUC radar with explanations, price, votes and favourites (with
and without JavaScript), the tracked click-out, folded copies, similar items, and what must
never show (hidden items, script)."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.models import Favorite, ItemScore, Vote
from content.radar import radar_svg
from content.scoring.dimensions import DIMENSION_KEYS, DIMENSIONS
from interests.accounts import unsigned_visitor_id
from interests.models import Event, Interest, ItemInterest
from recommender.models import ItemNeighbor
from tests.factories import AuthorFactory, ItemFactory, SourceFactory, UserFactory

SVG = "{http://www.w3.org/2000/svg}"


def page_url(item) -> str:
    return f"/items/{item.pk}/"


def score(item, *, worth: float = 72.6) -> ItemScore:
    values = {key: 30.0 + 5 * n for n, key in enumerate(DIMENSION_KEYS)}  # 30, 35, … 85: all different
    return ItemScore.objects.create(
        item=item, worth_score=worth, scorer_version="test", profile_version=1, scored_at=timezone.now(),
        gate="approve", explanations={key: f"{label}：依据说明{n}" for n, (key, label) in enumerate(DIMENSIONS.items())},
        **values,
    )


def tag(item, slug: str, weight: float = 0.9) -> None:
    ItemInterest.objects.create(item=item, interest=Interest.objects.get(slug=slug), weight=weight)


@pytest.fixture
def tent(db):
    item = ItemFactory(
        title="牧高笛冷山 2 帐篷：入手三个月的真实感受", kind="review",
        body_html="<p>实测两个人五分钟搭好，<strong>重量 2.1kg</strong>。</p>",
        author=AuthorFactory(name="露营的阿May", verified=True),
        published_at=timezone.now() - timedelta(hours=3),
        price=Decimal("899.00"), original_price=Decimal("1299.00"), merchant="天猫旗舰店",
        canonical_url="https://detail.tmall.com/item.htm?id=42",
        images=["https://img.example.com/tent.jpg", "javascript:alert(1)"],
    )
    tag(item, "camping")
    return item


def test_the_page_shows_the_content_the_radar_of_twelve_dimensions_and_the_worth_score(client, tent):
    score(tent)
    response = client.get(page_url(tent))
    html = response.content.decode()
    assert response.status_code == 200
    assert "牧高笛冷山 2 帐篷" in html and "<strong>重量 2.1kg</strong>" in html
    assert "露营的阿May" in html and "评测" in html and "什么值得买" in html  # kind and platform
    assert 'href="/circles/camping/"' in html
    assert "https://img.example.com/tent.jpg" in html and "javascript:alert" not in html

    svg = ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))  # well-formed
    assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None
    axes = svg.findall(f".//{SVG}g[@class='radar-axis']")
    assert len(axes) == 12
    labels = {"".join(axis.itertext()) for axis in axes}
    for n, label in enumerate(DIMENSIONS.values()):
        assert f"{label}{30 + 5 * n}" in labels  # each axis: its Chinese name and its value
        assert f"{label}：依据说明{n}" in html
    assert re.search(r'class="worth-score"><strong>73</strong>', html)


def test_an_unscored_item_says_it_is_not_scored_yet(client, tent):
    html = client.get(page_url(tent)).content.decode()
    assert "尚未评分" in html and "<svg" not in html and "worth-score" not in html


def test_the_radar_clamps_odd_values_rounds_halves_up_and_stays_well_formed():
    scores = {"consumption_relevance": 250, "author_popularity": 96.5, "sentiment": None, "objectivity": "x"}
    svg = ET.fromstring(str(radar_svg(scores)))
    values = [axis.findall(f"{SVG}text/{SVG}tspan")[1].text for axis in svg.iter(f"{SVG}g")]
    assert values[0] == "100" and values[3] == "97" and values[8] == "0" and values[10] == "0"
    assert "作者影响力 97" in svg.find(f"{SVG}desc").text


def test_a_vote_through_the_api_with_the_pages_csrf_token_shows_in_the_counts(alice, tent):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    html = browser.get(page_url(tent)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    api = f"/api/v1/items/{tent.pk}/vote/"
    assert browser.post(api, {"value": "worth"}, content_type="application/json").status_code == 403  # no token
    answer = browser.post(api, {"value": "worth"}, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert answer.json() == {"value": "worth", "worth": 1, "not_worth": 0}
    html = browser.get(page_url(tent)).content.decode()
    assert 'data-count="worth">1<' in html and 'data-count="not_worth">0<' in html
    assert re.search(r'value="worth" class="vote vote-worth" aria-pressed="true"', html)


def test_the_no_javascript_vote_form_records_the_vote_and_comes_back(client, alice, tent):
    client.force_login(alice)
    response = client.post(f"/items/{tent.pk}/vote/", {"value": "worth"})
    assert response.status_code == 302 and response["Location"] == f"/items/{tent.pk}/#verdict"
    assert Vote.objects.get(item=tent, user=alice).value == Vote.WORTH
    html = client.get(page_url(tent)).content.decode()
    assert "已投「值」" in html and 'data-count="worth">1<' in html


def test_voting_twice_keeps_one_vote_and_a_different_vote_replaces_it(client, alice, tent):
    client.force_login(alice)
    client.post(f"/items/{tent.pk}/vote/", {"value": "not_worth"})
    again = client.post(f"/items/{tent.pk}/vote/", {"value": "not_worth"}, follow=True)
    assert again.status_code == 200 and "你已经投过「不值」了" in again.content.decode()
    assert Vote.objects.filter(item=tent).count() == 1
    client.post(f"/items/{tent.pk}/vote/", {"value": "worth"})
    assert list(Vote.objects.filter(item=tent).values_list("value", flat=True)) == [Vote.WORTH]
    client.post(f"/items/{tent.pk}/vote/", {"value": "retract"})
    assert not Vote.objects.filter(item=tent).exists()
    nonsense = client.post(f"/items/{tent.pk}/vote/", {"value": "maybe"})
    assert nonsense.status_code == 400 and "请选择「值」或「不值」" in nonsense.content.decode()
    assert not Vote.objects.filter(item=tent).exists()


def test_voting_signed_out_sends_the_shopper_to_sign_in_and_back(client, alice, tent):
    response = client.post(f"/items/{tent.pk}/vote/", {"value": "worth"})
    assert response.status_code == 302 and response["Location"] == f"/accounts/login/?next=/items/{tent.pk}/"
    assert not Vote.objects.exists()
    assert f'href="/accounts/login/?next=/items/{tent.pk}/"' in client.get(page_url(tent)).content.decode()
    signed_in = client.post(response["Location"], {"username": "alice", "password": "correct-horse-battery"})
    assert signed_in["Location"] == f"/items/{tent.pk}/"


def test_favourites_with_and_without_javascript(client, alice, tent):
    client.force_login(alice)
    client.post(f"/items/{tent.pk}/favorite/", {"favorite": "1"})
    assert Favorite.objects.filter(item=tent, user=alice).exists()
    html = client.get(page_url(tent)).content.decode()
    assert "已收藏" in html and 'data-count="favorites">1<' in html and 'name="favorite" value="0"' in html
    answer = client.post(f"/api/v1/items/{tent.pk}/favorite/", {"favorite": False}, content_type="application/json")
    assert answer.json() == {"favorite": False}
    assert not Favorite.objects.exists()
    assert 'data-count="favorites">0<' in client.get(page_url(tent)).content.decode()


def test_clicking_out_records_a_click_out_and_redirects_to_the_items_own_page(client, alice, tent):
    response = client.get(f"/items/{tent.pk}/go/")
    assert response.status_code == 302 and response["Location"] == "https://detail.tmall.com/item.htm?id=42"
    anonymous = Event.objects.get(type="click_out", item=tent)
    assert anonymous.user is None and unsigned_visitor_id(response.cookies["guide_aid"].value) == anonymous.anonymous_id

    client.force_login(alice)
    client.get(f"/items/{tent.pk}/go/")
    assert Event.objects.filter(type="click_out", item=tent, user=alice).count() == 1
    client.get(f"/items/{tent.pk}/go/")  # the same shopper straight again counts once
    assert Event.objects.filter(type="click_out", item=tent, user=alice).count() == 1


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "JavaScript://%0aalert(1)", "data:text/html,x",
                                 "//evil.example.com"])
def test_clicking_out_never_follows_a_non_web_link(client, db, url):
    item = ItemFactory(canonical_url=url, url=url)
    response = client.get(f"/items/{item.pk}/go/")
    assert response.status_code == 302 and response["Location"] == f"/items/{item.pk}/"
    assert not Event.objects.exists()
    html = client.get(page_url(item)).content.decode()
    assert "无法安全打开" in html and f"/items/{item.pk}/go/" not in html


def test_a_duplicates_address_redirects_permanently_to_its_original(client, tent):
    copy = ItemFactory(duplicate_of=tent, status="rejected")
    response = client.get(page_url(copy))
    assert response.status_code == 301 and response["Location"] == page_url(tent)


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_hidden_items_are_a_readable_404_to_shoppers_and_a_preview_for_editors(client, alice, erin, status):
    item = ItemFactory(status=status)
    for viewer in (None, alice):
        if viewer:
            client.force_login(viewer)
        response = client.get(page_url(item))
        assert response.status_code == 404 and "页面不存在" in response.content.decode()
        assert client.get(f"/items/{item.pk}/go/").status_code == 404
        assert client.post(f"/items/{item.pk}/vote/", {"value": "worth"}).status_code == 404
    client.force_login(erin)
    html = client.get(page_url(item)).content.decode()
    assert "仅编辑可见" in html and "vote-form" not in html


def test_an_unknown_item_is_a_404(client, db):
    assert client.get("/items/987654/").status_code == 404


def test_similar_items_are_the_same_kind_first_then_learned_neighbours(client, tent):
    neighbour, hidden_neighbour, same_circle, other_circle = (ItemFactory() for _ in range(4))
    hidden_neighbour.status = "rejected"
    hidden_neighbour.save()
    ItemNeighbor.objects.create(item=tent, neighbor=neighbour, score=0.9)
    ItemNeighbor.objects.create(item=tent, neighbor=hidden_neighbour, score=0.95)
    tag(same_circle, "camping")
    tag(other_circle, "phones")
    html = client.get(page_url(tent)).content.decode()
    similar = html[html.index('id="similar-h"'):]
    assert f'href="/items/{neighbour.pk}/"' in similar and f'href="/items/{same_circle.pk}/"' in similar
    assert similar.index(f"/items/{same_circle.pk}/") < similar.index(f"/items/{neighbour.pk}/")
    assert f"/items/{hidden_neighbour.pk}/" not in similar and f"/items/{other_circle.pk}/" not in similar


def test_folded_duplicates_are_listed_with_their_platform_and_link(client, tent):
    weibo = SourceFactory(platform="weibo", title="微博好物")
    ItemFactory(source=weibo, duplicate_of=tent, title="转发：冷山 2 帐篷真实感受", url="https://weibo.com/1/abc")
    spam = ItemFactory(duplicate_of=tent, title="editor rejected copy", status="rejected", moderated_at=timezone.now())
    html = client.get(page_url(tent)).content.decode()
    assert "同一内容的其他来源（已合并 1 条）" in html
    assert "微博" in html and 'href="https://weibo.com/1/abc"' in html and "转发：冷山 2 帐篷真实感受" in html
    assert spam.title not in html


def test_script_in_any_field_is_shown_as_text_and_never_run(client, db):
    item = ItemFactory(
        title="<script>alert('title')</script>好价", author=AuthorFactory(name='<img src=x onerror="alert(1)">'),
        body_html='<p>正文</p><script>alert("body")</script><a href="javascript:alert(2)">点我</a>',
        merchant="<b onmouseover=alert(3)>店</b>", price=Decimal("9.9"),
    )
    html = client.get(page_url(item)).content.decode()
    assert "<script>alert(" not in html and "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;好价" in html
    assert "<img src=x onerror" not in html and "&lt;img src=x onerror=" in html
    assert "javascript:alert(2)" not in html and "<b onmouseover" not in html and "<p>正文</p>" in html


def test_sponsored_items_carry_the_ad_label(client, db):
    plain, sponsored = ItemFactory(), ItemFactory(sponsored=True)
    assert ">广告<" in client.get(page_url(sponsored)).content.decode()
    assert ">广告<" not in client.get(page_url(plain)).content.decode()


def test_the_price_block_shows_the_discount_and_an_expired_deal_says_so(client, tent):
    html = client.get(page_url(tent)).content.decode()
    assert "¥<strong>899</strong>" in html and "<del>1299</del>" in html and "6.9 折" in html and "省 400" in html
    assert "天猫旗舰店" in html and "已过期" not in html
    tent.expires_at = timezone.now() - timedelta(hours=1)
    tent.save()
    assert "已过期" in client.get(page_url(tent)).content.decode()


def test_the_page_takes_the_same_number_of_queries_however_much_surrounds_the_item(client, alice, tent):
    from django.core.cache import cache

    score(tent)
    tag(tent, "outdoor", weight=0.5)
    client.force_login(alice)
    weibo = SourceFactory(platform="weibo")

    def surround(count: int) -> None:
        for _ in range(count):
            other = ItemFactory()
            score(other)
            tag(other, "camping")
            ItemNeighbor.objects.create(item=tent, neighbor=other, score=0.5)
            ItemFactory(source=weibo, duplicate_of=tent, author=AuthorFactory())
            Vote.objects.create(item=tent, user=UserFactory(), value=Vote.WORTH)

    def queries() -> int:
        cache.clear()  # similar cards come from the card cache: count the cold path
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page_url(tent)).status_code == 200
        return len(captured)

    surround(1)
    few = queries()
    surround(5)
    assert queries() <= few <= 16  # six of its kind fill the list: no top-up query
