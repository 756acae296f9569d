"""The beat schedule run in process (make run's companion): each task when it is due, a failing
task logged and tried again, and refresh_lists for operators."""

from datetime import timedelta

import pytest
from celery import Celery
from django.core.management import call_command
from django.utils import timezone

from guide.schedule import run_due, run_schedule, schedule_entries
from recommender.models import WorthList
from tests.factories import scored_item


@pytest.fixture
def app():
    app = Celery("schedule-test", set_as_current=False)
    app.conf.task_always_eager = True
    app.calls, app.failing = [], False

    @app.task(name="every_minute", shared=False)
    def every_minute():
        app.calls.append("minute")

    @app.task(name="every_ten", shared=False)
    def every_ten():
        app.calls.append("ten")
        if app.failing:
            raise RuntimeError("boom")

    app.conf.beat_schedule = {"minute": {"task": "every_minute", "schedule": 60.0},
                              "ten": {"task": "every_ten", "schedule": 600.0}}
    return app


def test_each_task_runs_when_it_is_due_and_not_before(app):
    start = timezone.now()
    entries = schedule_entries(app, now=start)
    for entry in entries:
        entry.last_run_at = start - timedelta(seconds=61)
    entries[1].last_run_at = start  # "ten" just ran
    ran, failed, wait = run_due(app, entries, now=start)
    assert ran == ["minute"] and not failed and app.calls == ["minute"] and 0 < wait <= 60


def test_a_failing_task_is_reported_and_the_schedule_goes_on(app):
    app.failing = True
    entries = schedule_entries(app, now=timezone.now())
    for entry in entries:
        entry.last_run_at = timezone.now() - timedelta(hours=1)
    ran, failed, _ = run_due(app, entries, now=timezone.now())
    assert ran == ["minute", "ten"] and failed == ["ten"] and app.calls == ["minute", "ten"]


def test_the_loop_sleeps_until_the_next_task_is_due(app):
    sleeps = []
    run_schedule(app, rounds=2, report=lambda _: None, sleep=sleeps.append)
    assert app.calls == [] and all(1.0 <= s <= 30.0 for s in sleeps) and len(sleeps) == 2


def test_every_entry_of_the_real_beat_schedule_runs_in_process(db):
    from guide.celery import app as real

    entries = schedule_entries(real, now=timezone.now())
    assert {entry.task for entry in entries} <= set(real.tasks)
    for entry in entries:
        entry.last_run_at = timezone.now() - timedelta(days=2)
    ran, failed, _ = run_due(real, [e for e in entries if e.task.endswith(("refresh_lists", "refresh_pools",
                                                                    "relay_unscored_items"))], now=timezone.now())
    assert len(ran) == 3 and not failed


def test_refresh_lists_materialises_the_lists_for_operators(db, capsys):
    scored_item("outdoor", worth=80)
    call_command("refresh_lists")
    assert WorthList.objects.filter(slug="overall", period="day", is_current=True).get().entries.count() == 1
    assert "已刷新" in capsys.readouterr().out
