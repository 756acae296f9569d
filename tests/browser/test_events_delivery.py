"""static/js/events.js when the server refuses events for now (503 with Retry-After while the
database blinks): the page sends the batch again after Retry-After, a bounded number of times,
carries what it still owes to the next page, and says when it gives up. Page time runs on
Playwright's clock, so minutes of backoff take a moment."""

import json

import pytest

from interests.models import Event

pytestmark = pytest.mark.browser

REFUSAL = json.dumps({"error": {"code": "database_unavailable", "message": "数据库暂时不可用，请稍后重试。"}})


class EventsEndpoint:
    """Stands in front of POST /api/v1/events/: refuses the first `refusals` batches with 503
    (Retry-After: `retry_after`), lets the rest through to the live server."""

    def __init__(self, page, *, refusals: int, retry_after: int = 3) -> None:
        self.page, self.refusals, self.retry_after, self.seen = page, refusals, retry_after, []
        page.route("**/api/v1/events/", self.answer)

    def answer(self, route) -> None:
        self.seen.append(route.request.post_data_json)
        if len(self.seen) <= self.refusals:
            route.fulfill(status=503, headers={"Retry-After": str(self.retry_after)},
                          content_type="application/json", body=REFUSAL)
        else:
            route.continue_()

    def batches_with(self, item_pk: int) -> int:
        return sum(any(e.get("item") == item_pk and e["type"] == "click" for e in body["events"]) for body in self.seen)

    def wait_for(self, count: int, item_pk: int) -> None:
        settle(self.page, lambda: self.batches_with(item_pk) >= count, f"{count} batches with the click")


def settle(page, done, what: str) -> None:
    """Real time for requests in flight (page time stands still unless the test moves it): up to
    12 s, as a busy CI machine needed more than the 4.5 s this allowed before."""
    for _ in range(400):
        if done():
            return
        page.wait_for_timeout(30)
    raise AssertionError(f"no {what}")


def clicks_stored(item_pk: int) -> int:
    return Event.objects.filter(type="click", item_id=item_pk).count()


def wait_until_stored(page, item_pk: int) -> None:
    settle(page, lambda: clicks_stored(item_pk) > 0, "click stored")


def click_refused(demo, page, *, refusals: int, retry_after: int) -> tuple[int, EventsEndpoint]:
    """The visitor's click on the home page, flushed as usual and refused: (item id, endpoint)."""
    item_pk = demo.approved().first().pk
    endpoint = EventsEndpoint(page, refusals=refusals, retry_after=retry_after)
    page.clock.install()
    page.goto("/")
    page.evaluate("pk => window.guideEvents.track('click', pk)", item_pk)
    page.clock.run_for(4_500)  # the regular flush
    endpoint.wait_for(1, item_pk)
    return item_pk, endpoint


def test_a_refused_batch_is_sent_again_after_retry_after_and_stored_once(demo, page):
    item_pk, endpoint = click_refused(demo, page, refusals=2, retry_after=3)
    page.clock.run_for(2_500)  # sooner than the server asked: nothing
    page.wait_for_timeout(100)
    assert endpoint.batches_with(item_pk) == 1
    page.clock.run_for(1_000)
    endpoint.wait_for(2, item_pk)
    page.clock.run_for(4_500)  # refused again: the backoff has grown to about 4 s
    endpoint.wait_for(3, item_pk)
    wait_until_stored(page, item_pk)
    assert clicks_stored(item_pk) == 1


def test_a_batch_refused_every_time_is_given_up_after_six_retries_with_a_warning(demo, page):
    warnings = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    item_pk, endpoint = click_refused(demo, page, refusals=10**6, retry_after=1)
    for attempt in range(2, 8):
        page.clock.run_for(70_000)  # past the longest backoff (60 s, jittered)
        endpoint.wait_for(attempt, item_pk)
    page.clock.run_for(300_000)
    page.wait_for_timeout(200)
    assert endpoint.batches_with(item_pk) == 7  # the first send and six more
    assert any("not delivered after 6 attempts" in text for text in warnings), warnings
    assert clicks_stored(item_pk) == 0


def test_what_a_page_still_owes_is_sent_by_the_next_page(demo, page):
    item_pk, endpoint = click_refused(demo, page, refusals=1, retry_after=30)
    page.goto("/lists/")  # long before the 30 s are up
    endpoint.wait_for(2, item_pk)
    wait_until_stored(page, item_pk)
    assert clicks_stored(item_pk) == 1
