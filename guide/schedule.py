"""The beat schedule (guide.celery) run in process, for the embedded default: without Redis
there is no broker for Celery beat, so `manage.py run_schedule` (started beside the development
server by `make run`) calls each periodic task itself when it is due. Lists, pools, profiles
and roll-ups then stay fresh exactly as under beat."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import Celery
from celery.schedules import BaseSchedule, schedule
from django.utils import timezone

logger = logging.getLogger(__name__)
MAX_SLEEP = 30.0  # seconds between looks at the schedule, at most


@dataclass
class Entry:
    name: str
    task: str
    schedule: BaseSchedule
    last_run_at: datetime


def schedule_entries(app: Celery, *, now: datetime) -> list[Entry]:
    """Every beat entry, counted as last run now (what seed_demo built is fresh). The apps'
    task modules are imported first, as a worker does: the entries name their tasks."""
    app.loader.import_default_modules()
    entries = []
    for name, spec in sorted(app.conf.beat_schedule.items()):
        every = spec["schedule"]
        every = schedule(run_every=timedelta(seconds=every)) if isinstance(every, int | float) else every
        entries.append(Entry(name, spec["task"], every, now))
    return entries


def run_due(app: Celery, entries: list[Entry], *, now: datetime) -> tuple[list[str], list[str], float]:
    """Run the entries that are due, in process: (the names of those that ran, of those that
    failed, seconds until the next is due). A task that fails is logged and tried again when it
    is next due."""
    ran, failed, waits = [], [], []
    for entry in entries:
        due, next_in = entry.schedule.is_due(entry.last_run_at)
        if due:
            entry.last_run_at = now
            ran.append(entry.name)
            try:
                app.tasks[entry.task].apply(throw=True)
            except Exception:
                logger.exception("periodic task %s failed", entry.task)
                failed.append(entry.name)
            due, next_in = entry.schedule.is_due(now)
        waits.append(next_in)
    return ran, failed, min(waits, default=MAX_SLEEP)


def run_schedule(app: Celery, *, rounds: int | None = None, report: Callable[[str], None] = print,
                 sleep: Callable[[float], None] = time.sleep) -> None:
    """Loop (forever, or `rounds` times): run what is due, sleep until the next is due."""
    entries = schedule_entries(app, now=timezone.now())
    done = 0
    while rounds is None or done < rounds:
        ran, failed, wait = run_due(app, entries, now=timezone.now())
        if ran:
            report(f"{timezone.localtime():%H:%M:%S} 已运行：{'、'.join(ran)}"
                   + (f"（失败：{'、'.join(failed)}，见日志）" if failed else ""))
        done += 1
        sleep(max(1.0, min(MAX_SLEEP, wait)))
