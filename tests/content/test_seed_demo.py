"""What a newcomer meets after `make run` (seed_demo with the demo accounts): lists that are
already built, a shopper with a life of her own, an editor's queue worth working."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework.test import APIClient

from content.models import AuditRecord, Favorite, Item
from content.moderation.queue import queue_items, reason_counts
from interests.models import UserInterest
from recommender.models import WorthList


def test_a_fresh_demo_has_lists_a_shopper_with_a_life_and_a_queue_worth_working(
        transactional_db, django_db_serialized_rollback, api):
    # Real commits, as under `make run`: what ingest hands over after each commit is scored in
    # process before the demo's history is played on it.
    call_command("seed_demo", "--demo-accounts", stdout=io.StringIO())

    assert WorthList.objects.filter(is_current=True).count() >= 2
    assert api.get("/api/v1/lists/overall/?period=day").json()["results"]
    assert api.get("/api/v1/lists/overall/?period=week").json()["results"]

    alice = get_user_model().objects.get(username="alice")
    followed = set(UserInterest.objects.filter(user=alice, state="followed").values_list("interest__slug", flat=True))
    assert followed == {"camping", "coffee"} and Favorite.objects.filter(user=alice).count() == 3
    shopper = APIClient()
    shopper.force_login(alice)
    mine, visitors = shopper.get("/api/v1/feed/").json(), api.get("/api/v1/feed/").json()
    assert mine["personalized"]
    assert [e["item"]["id"] for e in mine["results"][:10]] != [e["item"]["id"] for e in visitors["results"][:10]]
    assert any(e["reason"].startswith("你关注了") for e in mine["results"][:10])
    held = {row["slug"]: row for row in shopper.get("/api/v1/me/interests/").json()["results"]}
    assert held["camping"]["reason"].startswith("你注册时选择了「露营」")
    assert shopper.get("/api/v1/me/favorites/").json()["count"] == 3
    values = shopper.get("/api/v1/me/values/").json()  # opened against passed over: learned, with why
    assert values["mode"] == "learned" and values["needs"] == 0 and values["skipped"] >= 5
    assert values["dimensions"][0]["weight"] and values["dimensions"][0]["reason"].startswith("你常")

    queue = queue_items()
    assert 20 <= queue.count() <= 60
    assert sum(1 for n in reason_counts(queue).values() if n) >= 3
    assert Item.objects.filter(status="featured").count() == 3
    assert AuditRecord.objects.filter(actor_name="erin", public=True).exists()


def test_the_dates_a_demo_text_names_move_with_its_times_so_the_text_agrees_with_the_price_box():
    import json
    from datetime import datetime, timedelta

    from content.management.commands.seed_demo import CORPUS, Command, shift_text_dates

    assert shift_text_dates("活动截至 11月23日，12月19日开演；2月30日不是日期", timedelta(days=15, hours=3)) == \
        "活动截至 12月8日，1月3日开演；2月30日不是日期"
    row = next(json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()
               if "摩飞多功能料理锅" in line)
    shown = Command.shifted(row, timedelta(days=15))
    ends = datetime.fromisoformat(shown["expires_at"])
    assert f"{ends.month}月{ends.day}日" in shown["body"] and "11月23日" not in shown["body"]
