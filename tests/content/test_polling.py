"""Polling feeds and pages on their schedule, against a local HTTP server."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from content.models import Item, Source
from content.polling import source_poll, sources_claim_due
from content.services import source_create
from content.tasks import poll_due_sources

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
RSS = {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": '"v1"', "Last-Modified": "Fri, 20 Nov 2026 02:00:00 GMT"}


@pytest.fixture
def deals_feed(local_http_server):
    local_http_server.route("/deals.xml", (FIXTURES / "feeds" / "smzdm_deals.xml").read_bytes(), headers=RSS)
    return local_http_server.url("/deals.xml")


@pytest.fixture
def deals_source(db, deals_feed):
    return source_create(name="smzdm-deals", platform="smzdm", adapter="rss", url=deals_feed, trust_level=70)[0]


def test_a_due_feed_is_polled_and_its_entries_stored(deals_source):
    assert poll_due_sources() == 1
    deals_source.refresh_from_db()
    assert Item.objects.filter(source=deals_source).count() > 0
    assert deals_source.last_success_at is not None and deals_source.last_error == ""
    assert deals_source.etag == '"v1"'
    assert deals_source.next_poll_at > timezone.now() + timedelta(minutes=29)


def test_a_source_is_claimed_once_even_if_two_ticks_race(deals_source):
    assert sources_claim_due() == [deals_source.pk]
    assert sources_claim_due() == []


def test_polling_again_sends_the_etag_and_a_304_changes_nothing(deals_source, local_http_server):
    source_poll(source=deals_source)
    stored = Item.objects.count()
    local_http_server.route("/deals.xml", b"", status=304)
    deals_source.refresh_from_db()
    result = source_poll(source=deals_source)
    assert result.ok and result.not_modified
    assert local_http_server.requests[-1].headers.get("If-None-Match") == '"v1"'
    assert Item.objects.count() == stored
    deals_source.refresh_from_db()
    assert deals_source.etag == '"v1"'


def test_polling_the_same_feed_twice_stores_nothing_new(deals_source, local_http_server):
    first = source_poll(source=deals_source)
    local_http_server.route("/deals.xml", (FIXTURES / "feeds" / "smzdm_deals.xml").read_bytes(), headers={})
    deals_source.refresh_from_db()
    second = source_poll(source=deals_source)
    assert first.created > 0 and second.created == 0 and second.changed == 0


@pytest.mark.parametrize(
    "route, expected_error",
    [
        ({"body": b"oops", "status": 500}, "500"),
        ({"body": (FIXTURES / "feeds" / "broken_error_page.html").read_bytes(),
          "headers": {"Content-Type": "text/html"}}, "feed"),
        ({"body": b"\x00\x01\x02 binary garbage \xff\xfe", "headers": {"Content-Type": "application/octet-stream"}}, "feed"),
        ({"body": b"<rss>", "delay": 2.0}, ""),
    ],
    ids=["http-500", "html-error-page", "binary-garbage", "timeout"],
)
def test_a_failing_feed_records_its_error_and_backs_off(db, local_http_server, settings, route, expected_error):
    settings.FETCH_TIMEOUT_SECONDS = 0.5
    local_http_server.route("/bad.xml", **route)
    source = source_create(name="flaky", adapter="rss", url=local_http_server.url("/bad.xml"))[0]
    before = timezone.now()
    first = source_poll(source=source)
    source.refresh_from_db()
    assert not first.ok and source.consecutive_failures == 1
    assert expected_error in source.last_error and source.last_error_at >= before
    backoff_once = source.next_poll_at - before
    source_poll(source=source)
    source.refresh_from_db()
    assert source.consecutive_failures == 2
    assert source.next_poll_at - timezone.now() > backoff_once  # backs off further each time
    assert Item.objects.count() == 0


def test_a_source_that_recovers_clears_its_failure_count(db, local_http_server):
    local_http_server.route("/feed.xml", b"down", status=503)
    source = source_create(name="recovering", adapter="rss", url=local_http_server.url("/feed.xml"))[0]
    source_poll(source=source)
    local_http_server.route("/feed.xml", (FIXTURES / "feeds" / "atom_notes.xml").read_bytes(),
                            headers={"Content-Type": "application/atom+xml"})
    source.refresh_from_db()
    assert source_poll(source=source).ok
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and "503" in source.last_error  # the last error stays visible


def test_a_product_page_source_is_polled_like_a_feed(db, local_http_server):
    local_http_server.route("/item/100012043978.html", (FIXTURES / "pages" / "jd_product.html").read_bytes(),
                            headers={"Content-Type": "text/html; charset=utf-8"})
    source = source_create(name="jd-page", platform="jd", adapter="page", url=local_http_server.url("/item/100012043978.html"))[0]
    assert source_poll(source=source).created == 1
    item = Item.objects.get()
    assert item.price is not None and item.kind == "deal"


def test_inactive_and_push_sources_are_never_polled(db, deals_feed):
    source_create(name="pushed", adapter="push")
    source, _ = source_create(name="off", adapter="rss", url=deals_feed)
    Source.objects.filter(pk=source.pk).update(is_active=False)
    assert sources_claim_due() == []
