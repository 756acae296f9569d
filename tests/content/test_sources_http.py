import socket
import time

import pytest

from content.sources.base import FetchError
from content.sources.http import HttpResult, fetch_url


def test_it_returns_the_body_status_validators_and_charset(local_http_server):
    local_http_server.route(
        "/feed.xml",
        b"<rss/>",
        headers={
            "Content-Type": "application/rss+xml; charset=GB2312",
            "ETag": '"v1"',
            "Last-Modified": "Mon, 03 Jun 2024 02:00:00 GMT",
        },
    )

    result = fetch_url(local_http_server.url("/feed.xml"))

    assert result.status == 200
    assert result.body == b"<rss/>"
    assert result.url == local_http_server.url("/feed.xml")
    assert result.etag == '"v1"'
    assert result.last_modified == "Mon, 03 Jun 2024 02:00:00 GMT"
    assert result.content_type == "application/rss+xml; charset=GB2312"
    assert result.encoding == "gb18030"  # w3lib's name for the GB2312/GBK family
    assert result.headers["etag"] == '"v1"'


def test_it_identifies_itself_and_says_what_it_accepts(local_http_server, settings):
    settings.FETCH_USER_AGENT = "GuideBot/test"
    local_http_server.route("/page", b"ok")

    fetch_url(local_http_server.url("/page"), accept="text/html")

    request = local_http_server.last_request("/page")
    assert request.headers["User-Agent"] == "GuideBot/test"
    assert request.headers["Accept"] == "text/html"


def test_a_first_fetch_sends_no_validators(local_http_server):
    local_http_server.route("/feed.xml", b"<rss/>")

    fetch_url(local_http_server.url("/feed.xml"))

    request = local_http_server.last_request("/feed.xml")
    assert request.headers.get("If-None-Match") is None
    assert request.headers.get("If-Modified-Since") is None


def test_a_conditional_get_sends_the_validators_and_a_304_is_not_an_error(local_http_server):
    local_http_server.route("/feed.xml", status=304, headers={"ETag": '"v1"'})

    result = fetch_url(
        local_http_server.url("/feed.xml"), etag='"v1"', last_modified="Mon, 03 Jun 2024 02:00:00 GMT"
    )

    request = local_http_server.last_request("/feed.xml")
    assert request.headers["If-None-Match"] == '"v1"'
    assert request.headers["If-Modified-Since"] == "Mon, 03 Jun 2024 02:00:00 GMT"
    assert result.not_modified
    assert result.body == b""
    assert result.etag == '"v1"'


def test_it_follows_redirects_and_reports_the_final_url(local_http_server):
    local_http_server.route("/old", status=301, headers={"Location": "/new"})
    local_http_server.route("/new", b"moved here")

    result = fetch_url(local_http_server.url("/old"))

    assert result.body == b"moved here"
    assert result.url == local_http_server.url("/new")


@pytest.mark.parametrize("status", [403, 404, 500, 503])
def test_an_error_status_raises_fetch_error_naming_the_status_and_url(local_http_server, status):
    local_http_server.route("/feed.xml", b"<h1>error</h1>", status=status)
    url = local_http_server.url("/feed.xml")

    with pytest.raises(FetchError) as error:
        fetch_url(url)

    assert str(error.value) == f"HTTP {status} from {url}"


def test_a_response_slower_than_the_timeout_raises_fetch_error(local_http_server, settings):
    settings.FETCH_TIMEOUT_SECONDS = 0.3
    local_http_server.route("/slow", b"too late", delay=2)

    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0\.3s"):
        fetch_url(local_http_server.url("/slow"))

    assert time.monotonic() - started < 1.5


def test_a_body_that_drips_in_longer_than_the_timeout_raises_fetch_error(local_http_server, settings):
    settings.FETCH_TIMEOUT_SECONDS = 0.5

    def drip():
        for _ in range(10):  # each pause is shorter than the timeout, the total is not
            yield b"x" * 20_000
            time.sleep(0.2)

    local_http_server.route("/drip", drip())

    with pytest.raises(FetchError, match="timed out after 0.5s"):
        fetch_url(local_http_server.url("/drip"))


def test_a_body_larger_than_the_cap_raises_fetch_error(local_http_server, settings):
    settings.FETCH_MAX_BYTES = 1000
    local_http_server.route("/big", b"x" * 5000)

    with pytest.raises(FetchError, match="response too large"):
        fetch_url(local_http_server.url("/big"))


def test_a_body_larger_than_the_cap_is_refused_even_without_a_content_length(local_http_server, settings):
    settings.FETCH_MAX_BYTES = 50_000
    local_http_server.route("/big", (b"x" * 20_000 for _ in range(10)))  # no Content-Length

    with pytest.raises(FetchError, match="more than 50000 bytes"):
        fetch_url(local_http_server.url("/big"))


def test_a_body_at_the_cap_is_accepted(local_http_server, settings):
    settings.FETCH_MAX_BYTES = 1000
    local_http_server.route("/exact", b"x" * 1000)

    assert len(fetch_url(local_http_server.url("/exact")).body) == 1000


def test_a_refused_connection_raises_fetch_error():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(FetchError, match=f"could not connect to 127.0.0.1:{port}: .*refused"):
        fetch_url(f"http://127.0.0.1:{port}/feed.xml")


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/feed.xml", "file:///etc/passwd", "javascript:alert(1)", "127.0.0.1/feed", ""]
)
def test_only_http_and_https_urls_are_fetched(url):
    with pytest.raises(FetchError, match="only http/https"):
        fetch_url(url)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ('<?xml version="1.0" encoding="utf-8"?><t>京东</t>'.encode(), "text/xml", "utf-8"),
        # A GBK file behind a server-wide default charset: the document's declaration wins.
        ('<?xml version="1.0" encoding="gb2312"?><t>京东</t>'.encode("gbk"), "text/xml; charset=utf-8", "gb18030"),
        ('<meta charset="gbk"><p>京东</p>'.encode("gbk"), "text/html; charset=iso-8859-1", "gb18030"),
        # A site migrated to UTF-8 that kept its old declaration: valid UTF-8 is UTF-8.
        ('<?xml version="1.0" encoding="gbk"?><t>京东</t>'.encode(), "text/xml", "utf-8"),
        # No declaration in the document: the header's charset.
        ("<p>京东</p>".encode("gbk"), "text/html; charset=GBK", "gb18030"),
        ("\ufeff<t>京东</t>".encode("utf-16-le"), "text/xml; charset=gbk", "utf-16-le"),
    ],
)
def test_the_body_encoding_prefers_the_bom_then_valid_utf8_then_the_declaration(body, content_type, expected):
    from w3lib.encoding import http_content_type_encoding

    result = HttpResult(200, body, "http://127.0.0.1/", content_type=content_type,
                        encoding=http_content_type_encoding(content_type) or "")

    assert result.body_encoding() == expected
