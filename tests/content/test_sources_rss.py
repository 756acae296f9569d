from pathlib import Path
from types import SimpleNamespace

import pytest

from content.sources import rss
from content.sources.base import FetchError

FEEDS = Path(__file__).parent.parent / "fixtures" / "feeds"
RSS_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}


def serve(server, path, fixture, headers=None):
    server.route(path, (FEEDS / fixture).read_bytes(), headers=headers or RSS_TYPE)
    return server.url(path)


def test_it_accepts_only_rss_sources():
    assert rss.accepts(SimpleNamespace(adapter="rss"))
    assert not rss.accepts(SimpleNamespace(adapter="page"))


def test_every_entry_of_a_deal_feed_becomes_an_item(local_http_server):
    url = serve(local_http_server, "/feed", "smzdm_deals.xml")

    result = rss.fetch(url)

    assert [item["external_id"] for item in result.entries] == [
        "smzdm-118765432",
        "smzdm-118765501",
        "https://www.smzdm.com/p/118765777/",  # no guid: the link stands in
    ]
    first = result.entries[0]
    assert first["url"] == "https://www.smzdm.com/p/118765432/"
    assert first["title"] == "京东 PLUS 会员：索尼 WH-1000XM5 降噪耳机 2099元包邮"
    assert first["kind"] == "article"
    assert first["published_at"] == "2024-06-03T02:12:45+00:00"
    assert first["author"] == {"name": "值友8823410517", "external_id": "值友8823410517"}


def test_the_body_is_the_full_cdata_html_of_content_encoded_not_the_summary(local_http_server):
    url = serve(local_http_server, "/feed", "smzdm_deals.xml")

    first, second, _ = rss.fetch(url).entries

    assert "<strong>2099元</strong>包邮" in first["body"]
    assert '<a href="https://go.smzdm.com/abc123/jd"' in first["body"]  # unsanitised: a later stage's job
    assert second["body"].startswith("<p>天猫 Apple 官方旗舰店")  # only a description: it is the body


def test_enclosures_media_and_body_images_become_absolute_deduplicated_images(local_http_server):
    url = serve(local_http_server, "/feed", "smzdm_deals.xml")

    first, second, third = rss.fetch(url).entries

    # The enclosure repeats the first <img>; the relative <img> resolves against the feed's URL.
    assert first["images"] == [
        "https://qny.smzdm.com/202406/03/665d2a1b8f3c1_wh1000xm5.jpg_e680.jpg",
        local_http_server.url("/uploads/202406/03/wh1000xm5_detail.png"),
    ]
    assert second["images"] == [
        "https://qny.smzdm.com/202406/03/airpods_pro2.jpg",
        "https://qny.smzdm.com/202406/03/airpods_pro2_thumb.jpg",
    ]
    assert third["images"] == []


@pytest.mark.parametrize(
    "content_type",
    ["text/xml", "application/rss+xml; charset=utf-8", "text/html; charset=iso-8859-1"],
)
def test_a_gbk_feed_declared_as_gb2312_is_decoded_whatever_the_server_says(local_http_server, content_type):
    url = serve(local_http_server, "/gbk.xml", "gbk_pconline.xml", headers={"Content-Type": content_type})

    first, second = rss.fetch(url).entries

    # 喆 and 堃 are GBK-only: outside GB2312, as on many "gb2312" feeds.
    assert first["title"] == "陶喆同款！森海塞尔 MOMENTUM 4 无线耳机实测：续航60小时"
    assert first["author"]["name"] == "数码编辑 李堃"
    assert "京东售价 2299 元" in first["body"]
    assert first["images"] == ["https://img0.pconline.com.cn/pconline/2406/02/17345621_m4.jpg"]
    assert second["published_at"] == "2024-06-02T10:40:00+00:00"


def test_an_atom_feed_gives_ids_links_html_content_and_authors(local_http_server):
    url = serve(local_http_server, "/atom.xml", "atom_notes.xml", {"Content-Type": "application/atom+xml"})

    first, second = rss.fetch(url).entries

    assert first["external_id"] == "tag:notes.example.cn,2024-06-01:/2024/06/family-camping-gear"
    assert first["title"] == "第一次带娃露营，这 7 件装备真的救命"
    assert first["published_at"] == "2024-06-01T00:30:00+00:00"
    assert first["author"] == {"name": "山野阿远", "external_id": "https://notes.example.cn/about"}
    assert first["body"].startswith("<p>上周末带 4 岁的女儿去安吉营地")
    assert second["published_at"] == "2024-05-20T13:10:00+00:00"  # only <updated>
    assert second["body"] == "<p>京东京造折叠椅 + 蛋卷桌，一共 189 元，一年后的使用体验。</p>"


def test_relative_links_in_an_atom_feed_resolve_against_its_xml_base(local_http_server):
    url = serve(local_http_server, "/atom.xml", "atom_notes.xml", {"Content-Type": "application/atom+xml"})

    first, _ = rss.fetch(url).entries

    assert first["url"] == "https://notes.example.cn/2024/06/family-camping-gear/"
    assert 'href="https://notes.example.cn/2024/05/camping-checklist/"' in first["body"]
    assert first["images"] == [
        "https://notes.example.cn/images/2024/06/cover-thumb.jpg",
        "https://notes.example.cn/images/2024/06/tent.jpg",
        "https://notes.example.cn/images/2024/06/mattress.jpg",
    ]


def test_lazy_loaded_images_use_their_real_source_and_are_capped_at_twenty(local_http_server):
    images = "".join(
        f'<img src="data:image/gif;base64,R0lGOD" data-original="/img/{n % 25}.jpg">' for n in range(30)
    )
    feed = f"""<rss version="2.0"><channel><title>笔记</title>
    <item><title>好物合集</title><link>https://example.cn/n/1</link>
    <description><![CDATA[{images}]]></description></item></channel></rss>"""
    local_http_server.route("/feed", feed.encode(), headers=RSS_TYPE)

    [item] = rss.fetch(local_http_server.url("/feed")).entries

    assert len(item["images"]) == 20
    # Relative to the document the body came from (the feed), as feedparser resolves `src`.
    assert item["images"][:2] == [local_http_server.url("/img/0.jpg"), local_http_server.url("/img/1.jpg")]


def test_a_feed_with_small_errors_but_usable_entries_is_accepted(local_http_server):
    feed = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>好价</title>
    <item><title>满 300 减 50 &nbsp; 京东 & 天猫同价</title><link>https://example.cn/d/1</link>
    <description>家电&amp;数码</description></item></channel></rss>"""
    local_http_server.route("/feed", feed.encode(), headers=RSS_TYPE)

    [item] = rss.fetch(local_http_server.url("/feed")).entries

    assert item["url"] == "https://example.cn/d/1"
    assert "京东" in item["title"]


def test_a_well_formed_feed_without_entries_gives_no_items(local_http_server):
    feed = b'<rss version="2.0"><channel><title>empty</title><link>https://example.cn/</link></channel></rss>'
    local_http_server.route("/feed", feed, headers=RSS_TYPE)

    assert rss.fetch(local_http_server.url("/feed")).entries == []


@pytest.mark.parametrize(
    "body",
    [
        (FEEDS / "broken_error_page.html").read_bytes(),
        b"",
        b"   \n",
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://example.cn/</loc></url></urlset>",
        b'{"code": 0, "data": []}',
    ],
    ids=["html error page", "empty", "blank", "sitemap xml", "json"],
)
def test_a_response_that_is_not_a_feed_raises_fetch_error(local_http_server, body):
    local_http_server.route("/feed", body, headers={"Content-Type": "text/html"})  # a 200, as such pages often are

    with pytest.raises(FetchError, match="^not a valid feed: "):
        rss.fetch(local_http_server.url("/feed"))


def test_a_fetch_returns_the_validators_and_a_conditional_fetch_gets_not_modified(local_http_server):
    body = (FEEDS / "smzdm_deals.xml").read_bytes()
    validators = {"ETag": '"feed-v7"', "Last-Modified": "Mon, 03 Jun 2024 02:30:00 GMT"}

    def conditional(request):
        if request.headers.get("If-None-Match") == validators["ETag"]:
            return 304, validators, b""
        return 200, {**RSS_TYPE, **validators}, body

    local_http_server.route("/feed", handler=conditional)
    url = local_http_server.url("/feed")

    first = rss.fetch(url)
    second = rss.fetch(url, etag=first.etag, last_modified=first.last_modified)

    assert (first.etag, first.last_modified) == ('"feed-v7"', "Mon, 03 Jun 2024 02:30:00 GMT")
    assert len(first.entries) == 3 and not first.not_modified
    assert second.not_modified and second.entries == []
    assert second.etag == '"feed-v7"'
    request = local_http_server.last_request("/feed")
    assert request.headers["If-None-Match"] == '"feed-v7"'
    assert request.headers["If-Modified-Since"] == "Mon, 03 Jun 2024 02:30:00 GMT"


def test_a_feed_that_times_out_raises_fetch_error(local_http_server, settings):
    settings.FETCH_TIMEOUT_SECONDS = 0.2
    local_http_server.route("/feed", (FEEDS / "smzdm_deals.xml").read_bytes(), delay=1)

    with pytest.raises(FetchError, match="timed out"):
        rss.fetch(local_http_server.url("/feed"))


def test_a_feed_whose_server_fails_raises_fetch_error(local_http_server):
    local_http_server.route("/feed", (FEEDS / "broken_error_page.html").read_bytes(), status=502)

    with pytest.raises(FetchError, match="HTTP 502"):
        rss.fetch(local_http_server.url("/feed"))


def test_an_oversized_feed_raises_fetch_error(local_http_server, settings):
    settings.FETCH_MAX_BYTES = 1024
    serve(local_http_server, "/feed", "smzdm_deals.xml")

    with pytest.raises(FetchError, match="too large"):
        rss.fetch(local_http_server.url("/feed"))
