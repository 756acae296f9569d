"""Campaign statistics equal a count by hand of a known stream of served cards and events —
late, resubmitted and forged events included — whatever order the roll-up reads them in; small
cells are suppressed in breakdowns; erasing a shopper changes nothing already rolled up."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from interests.models import Event
from interests.shopper import shopper_erase
from recommender.models import CampaignStat
from recommender.placements import placements_serve
from recommender.rollups import OPEN_DAYS, closed_through, stats_rollup
from tests.factories import UserFactory
from tests.recommender.brands import deal, running


def at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), timezone.get_current_timezone())


def later() -> datetime:
    """A roll-up run late enough that every row written so far has settled."""
    return timezone.now() + timedelta(minutes=1)


def serve(campaign, item, *, user=None, anonymous_id: str = "", when: datetime, interest: str = "appliances") -> list:
    entry = {"item": item.pk, "reason": "推广", "sponsored": True, "campaign": campaign.pk, "interest": interest, "tags": []}
    return placements_serve(entries=[entry], user_id=user.pk if user else None, anonymous_id=anonymous_id, now=when)


def event(kind: str, item, *, user=None, anonymous_id: str = "", when: datetime) -> Event:
    return Event.objects.create(user=user, anonymous_id=anonymous_id, type=kind, item=item, ts=when)


@pytest.fixture
def world(narwal, alice, bob):
    """云鲸's campaign over two deals; alice and bob were served yesterday, a visitor today."""
    d1 = deal("云鲸", "robot-vacuums", "appliances", worth=70)
    d2 = deal("云鲸", "robot-vacuums", "appliances", worth=65)
    campaign = running(narwal, [d1, d2])
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    serve(campaign, d1, user=alice, when=at(yesterday, 12))
    serve(campaign, d2, user=alice, when=at(yesterday, 12))
    serve(campaign, d1, user=bob, when=at(yesterday, 13))
    serve(campaign, d1, anonymous_id="visitor-00000001", when=at(today, 0, 5))
    return {"campaign": campaign, "d1": d1, "d2": d2, "today": today, "yesterday": yesterday}


def stats(client, campaign, **params) -> dict:
    response = client.get(f"/api/v1/brand/campaigns/{campaign.pk}/stats/", params)
    assert response.status_code == 200, response.content
    return response.json()


def day_row(body: dict, day) -> dict:
    return next(row for row in body["timeseries"] if row["date"] == day.isoformat())


def test_statistics_equal_a_hand_count_of_served_cards_and_matching_events(world, narwal_api, alice, bob):
    c, d1, d2, y, today = world["campaign"], world["d1"], world["d2"], world["yesterday"], world["today"]
    carol = UserFactory(username="carol")
    stream = [
        ("impression", d1, dict(user=alice), at(y, 12, 1)),  # counted
        ("impression", d1, dict(user=alice), at(y, 12, 5)),  # the same card seen again: once per day
        ("click", d1, dict(user=alice), at(y, 12, 6)),  # counted
        ("click_out", d1, dict(user=alice), at(y, 12, 7)),  # counted
        ("impression", d2, dict(user=alice), at(y, 12, 1)),  # counted
        ("impression", d1, dict(user=bob), at(y, 13, 1)),  # counted
        ("impression", d2, dict(user=bob), at(y, 13, 1)),  # forged: d2 was never served to bob
        ("click", d1, dict(user=bob), at(y, 13, 2)),  # counted
        ("click", d1, dict(user=bob), at(y, 13, 3)),  # a second click on the same card
        ("impression", d1, dict(user=carol), at(y, 14)),  # forged: nothing was served to carol
        ("impression", d1, dict(user=bob), at(y, 12, 0)),  # before it was served to him
        ("impression", d1, dict(anonymous_id="visitor-00000001"), at(today, 0, 6)),  # counted
        ("impression", d1, dict(anonymous_id="visitor-99999999"), at(today, 0, 6)),  # somebody else's id
        ("impression", d1, dict(user=alice), at(today, 0, 30)),  # yesterday's card, still on her page: counted already
    ]
    for kind, item, who, when in stream:
        event(kind, item, when=when, **who)
    stats_rollup(now=later())

    body = stats(narwal_api, c, start=(y - timedelta(days=2)).isoformat(), end=today.isoformat())
    assert day_row(body, y) == {"date": y.isoformat(), "served": 3, "impressions": 3, "clicks": 2, "click_outs": 1,
                                "engagements": 0, "shoppers": 2, "ctr": 0.6667, "click_out_rate": 0.3333}
    assert day_row(body, today)["impressions"] == 1 and day_row(body, today)["served"] == 1
    assert [row["served"] for row in body["timeseries"]] == [0, 0, 3, 1]  # zero-filled
    assert body["totals"] == {"served": 4, "impressions": 4, "clicks": 2, "click_outs": 1, "engagements": 0,
                                   "shoppers": 3, "ctr": 0.5, "click_out_rate": 0.25}


def test_a_late_event_is_counted_once_on_the_day_of_its_card(world, narwal_api, alice):
    c, d1, y = world["campaign"], world["d1"], world["yesterday"]
    event("impression", d1, user=alice, when=at(y, 12, 1))
    stats_rollup(now=later())
    assert stats(narwal_api, c)["totals"]["engagements"] == 0
    event("favorite", d1, user=alice, when=at(y, 18))  # sent today, about yesterday
    stats_rollup(now=later())
    stats_rollup(now=later())
    body = stats(narwal_api, c)
    assert day_row(body, y)["engagements"] == 1 and body["totals"]["engagements"] == 1


def test_a_resubmitted_batch_counts_once(world, api, narwal_api, alice):
    c, d1, d2, y = world["campaign"], world["d1"], world["d2"], world["yesterday"]
    api.force_authenticate(alice)
    batch = {"events": [{"type": "impression", "item": d1.pk, "ts": at(y, 12, 1).isoformat()},
                        {"type": "impression", "item": d2.pk, "ts": at(y, 12, 1).isoformat()},
                        {"type": "click", "item": d2.pk, "ts": at(y, 12, 2).isoformat()}]}
    assert api.post("/api/v1/events/", batch, format="json").status_code == 202
    stats_rollup(now=later())
    assert api.post("/api/v1/events/", batch, format="json").status_code == 202  # the client retried
    stats_rollup(now=later())
    assert stats(narwal_api, c)["totals"] == {"served": 4, "impressions": 2, "clicks": 1, "click_outs": 0,
                                                   "engagements": 0, "shoppers": 3, "ctr": 0.5, "click_out_rate": 0.0}


def test_rows_too_young_to_have_settled_wait_for_the_next_run(world, narwal_api):
    serve(world["campaign"], world["d2"], anonymous_id="visitor-00000002", when=timezone.now())
    stats_rollup(now=timezone.now() + timedelta(seconds=5))  # the card just served has not settled yet
    assert sum(CampaignStat.objects.values_list("served", flat=True)) == 4
    stats_rollup(now=later())
    assert stats(narwal_api, world["campaign"])["totals"]["served"] == 5


def test_erasing_a_shopper_does_not_change_what_was_rolled_up(world, narwal_api, alice):
    c, d1, y = world["campaign"], world["d1"], world["yesterday"]
    event("impression", d1, user=alice, when=at(y, 12, 1))
    event("click", d1, user=alice, when=at(y, 12, 2))
    stats_rollup(now=later())
    before = stats(narwal_api, c, breakdown="item")
    shopper_erase(user=alice)
    stats_rollup(now=later())
    assert stats(narwal_api, c, breakdown="item") == before
    assert before["totals"]["clicks"] == 1


def test_closed_days_are_those_no_accepted_event_can_still_reach(db):
    assert closed_through() == timezone.localdate() - timedelta(days=OPEN_DAYS)
    assert OPEN_DAYS == 9  # events are accepted up to 7 days old and match a card of that day or the one before


def test_breakdown_cells_under_five_shoppers_are_suppressed_with_their_complement(narwal, narwal_api):
    d1 = deal("云鲸", "robot-vacuums", "appliances", worth=70)
    c = running(narwal, [d1])
    now = timezone.now()
    for n, interest in enumerate(["appliances"] * 7 + ["home"] * 6 + ["digital"] * 2):
        serve(c, d1, anonymous_id=f"visitor-{n:08d}", when=now, interest=interest)
    stats_rollup(now=later())
    rows = {r["key"]: r for r in stats(narwal_api, c, breakdown="interest")["breakdown"]["results"]}
    assert rows["appliances"]["served"] == 7 and rows["appliances"]["suppressed"] is False
    assert rows["digital"]["suppressed"] is True and rows["digital"]["served"] is None
    # Were only 数码 hidden, the totals would give it away: the next smallest is hidden too.
    assert rows["home"]["suppressed"] is True and rows["home"]["shoppers"] is None
    assert stats(narwal_api, c)["totals"]["served"] == 15


def test_a_shopper_served_two_items_of_a_circle_counts_once_in_that_circles_reach(narwal, narwal_api, alice):
    d1, d2 = deal("云鲸", "robot-vacuums", "appliances"), deal("云鲸", "robot-vacuums", "appliances")
    c = running(narwal, [d1, d2])
    now = timezone.now()
    serve(c, d1, user=alice, when=now)
    stats_rollup(now=later())  # the second card is read in a later run
    serve(c, d2, user=alice, when=now)
    for n in range(5):
        serve(c, d1, anonymous_id=f"visitor-{n:08d}", when=now)
    stats_rollup(now=later())
    body = stats(narwal_api, c, breakdown="interest")
    assert body["totals"]["served"] == 7 and body["totals"]["shoppers"] == 6
    assert body["breakdown"]["results"][0]["shoppers"] == 6


def test_a_platform_breakdown_groups_by_the_items_platform(narwal, narwal_api):
    on_jd = deal("云鲸", "robot-vacuums", "appliances")
    c = running(narwal, [on_jd])
    for n in range(5):
        serve(c, on_jd, anonymous_id=f"visitor-{n:08d}", when=timezone.now())
    stats_rollup(now=later())
    [row] = stats(narwal_api, c, breakdown="platform")["breakdown"]["results"]
    assert (row["key"], row["name"], row["served"], row["shoppers"]) == ("jd", "京东", 5, 5)
