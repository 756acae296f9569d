"""Behaviour events in: validate a batch, store the valid ones in one insert, hand off to profiles.

An accepted event is in the database before the request is answered; profiles are brought up
to date afterwards by a Celery task (at most one queued per shopper at a time). Once the events
commit, the shopper's feed generation moves on (interests.feed_generation)."""

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from content.models import Item
from content.pipeline.normalize import normalize_line, parse_datetime_utc, text_refusal
from guide.db import insert_rows
from guide.faults import BROKER_ERRORS
from guide.queueing import task_named
from interests.constants import EVENT_TYPES, ITEM_EVENT_TYPES
from interests.feed_generation import feed_generation_bump
from interests.models import Event

logger = logging.getLogger(__name__)

MAX_EVENTS = 500
MAX_AGE = timedelta(days=7)  # older events are not "behaviour now"; a client replaying a backlog
MAX_AHEAD = timedelta(minutes=5)  # clock skew we tolerate
MAX_DWELL_MS = 24 * 3600 * 1000
MAX_ITEM_ID = 2**63 - 1  # a bigint; larger ids exist nowhere and PostgreSQL cannot compare them
CONTEXT_KEYS = {"scenario": 40, "city": 40, "page": 100, "position": None, "time_of_day": 20, "source": 40}
ANONYMOUS_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
PROFILE_QUEUE_GRACE_SECONDS = 5
EVENT_COLUMNS = ("user_id", "anonymous_id", "type", "item_id", "ts", "received_at", "dwell_ms", "query", "context")


@dataclass
class EventOutcome:
    index: int
    outcome: str  # accepted | rejected
    errors: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"index": self.index, "outcome": self.outcome, **({"errors": self.errors} if self.errors else {})}


def valid_anonymous_id(value: Any) -> bool:
    return isinstance(value, str) and bool(ANONYMOUS_ID.match(value))


def validate_event(raw: Any, *, now: datetime) -> tuple[dict | None, dict[str, list[str]]]:
    """One raw event to clean field values, or field errors (Chinese)."""
    if not isinstance(raw, dict):
        return None, {"non_field_errors": ["每个事件都应是一个 JSON 对象。"]}
    errors: dict[str, list[str]] = {}
    kind = raw.get("type") if isinstance(raw.get("type"), str) else None
    if kind not in EVENT_TYPES:
        errors["type"] = [f"未知的事件类型，应为：{'、'.join(EVENT_TYPES)}。"]
    clean: dict[str, Any] = {"type": kind}
    for name, check in (("item", _item), ("ts", _ts), ("dwell_ms", _dwell), ("query", _query), ("context", _context)):
        try:
            clean[name] = check(raw.get(name), kind, now)
        except ValueError as exc:
            errors[name] = [str(exc)]
    return (None, errors) if errors else (clean, {})


def _item(value: Any, kind: Any, now: datetime) -> int | None:
    if kind not in ITEM_EVENT_TYPES:
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ITEM_ID:
        raise ValueError("需要内容 id（正整数）。")
    return value


def _ts(value: Any, kind: Any, now: datetime) -> datetime:
    if value in (None, ""):
        return now
    try:
        moment = parse_datetime_utc(value)
    except ValueError as exc:
        raise ValueError("不是有效的时间（请用 ISO 8601）。") from exc
    if moment < now - MAX_AGE or moment > now + MAX_AHEAD:
        raise ValueError("时间超出范围：只接受 7 天内、不晚于现在的事件。")
    return moment


def _dwell(value: Any, kind: Any, now: datetime) -> int | None:
    if kind != "dwell" and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DWELL_MS:
        raise ValueError("停留时长应为 0 到 86400000 之间的毫秒数。")
    return value


def _query(value: Any, kind: Any, now: datetime) -> str:
    if kind != "search":
        return ""
    if isinstance(value, str) and text_refusal(value):
        raise ValueError(f"查询词{text_refusal(value)}")
    if not isinstance(value, str) or not normalize_line(value):
        raise ValueError("搜索事件需要查询词。")
    query = normalize_line(value)
    if len(query) > 200:
        raise ValueError("查询词最多 200 个字符。")
    return query


def _context(value: Any, kind: Any, now: datetime) -> dict[str, Any]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ValueError("context 应为对象。")
    clean = {}
    for key, limit in CONTEXT_KEYS.items():  # other keys are dropped: minimal personal data
        if key not in value:
            continue
        item = value[key]
        if limit is None:
            if isinstance(item, bool) or not isinstance(item, int) or not 0 <= item <= 10_000:
                raise ValueError(f"context.{key} 应为 0 到 10000 的整数。")
        elif not isinstance(item, str) or len(item) > limit:
            raise ValueError(f"context.{key} 应为不超过 {limit} 个字符的字符串。")
        elif text_refusal(item):
            raise ValueError(f"context.{key} {text_refusal(item)}")
        clean[key] = item
    return clean


def events_record(*, user: AbstractBaseUser | None, anonymous_id: str, raw_events: list[Any]) -> list[EventOutcome]:
    """Store the valid events of a batch; one outcome per raw event, in order."""
    now = timezone.now()
    outcomes, valid = [], []
    for index, raw in enumerate(raw_events):
        clean, errors = validate_event(raw, now=now)
        outcomes.append(EventOutcome(index, "rejected" if errors else "accepted", errors))
        if clean is not None:
            valid.append((index, clean))
    known = set(Item.objects.filter(pk__in={c["item"] for _, c in valid if c["item"]}).values_list("pk", flat=True))
    rows = []
    user_id, anonymous = (user.pk, "") if user else (None, anonymous_id)
    for index, clean in valid:
        if clean["item"] and clean["item"] not in known:
            outcomes[index].outcome, outcomes[index].errors = "rejected", {"item": ["内容不存在。"]}
            continue
        rows.append((user_id, anonymous, clean["type"], clean["item"], clean["ts"], now, clean["dwell_ms"],
                     clean["query"], clean["context"]))
    with transaction.atomic():
        insert_rows(Event, EVENT_COLUMNS, rows)
        # The feed moves on before the profile update is queued: in process (the embedded
        # default) that update runs at once and its own bump must come last.
        if user is not None and any(row[2] != "impression" for row in rows):
            feed_changed(user.pk)
        if user is not None and rows:
            transaction.on_commit(lambda: queue_profile_update(user.pk))
    return outcomes


def queue_profile_update(user_id: int) -> None:
    """Bring the shopper's profile up to date soon; one queued update covers a burst of batches.
    An unreachable broker is logged, not raised: the events are stored, and the next update
    reads the event log from where the last one stopped."""
    # None: the cache did not answer; queue anyway rather than leave the profile behind.
    if cache.add(f"profile-update-queued:{user_id}", 1, PROFILE_QUEUE_GRACE_SECONDS) is not False:
        try:
            task_named("interests.tasks.update_profile").apply_async((user_id,), countdown=1)
        except BROKER_ERRORS as exc:
            cache.delete(f"profile-update-queued:{user_id}")
            logger.warning("profile update for user %s not queued, broker unreachable (%s)", user_id, type(exc).__name__)


def action_record(*, user: AbstractBaseUser, kind: str, item_id: int) -> None:
    """A shopper's explicit action (vote, favourite) as a behaviour event too, for their profile."""
    insert_rows(Event, EVENT_COLUMNS, [(user.pk, "", kind, item_id, timezone.now(), timezone.now(), None, "", {})])
    feed_changed(user.pk)
    transaction.on_commit(lambda: queue_profile_update(user.pk))


def feed_changed(user_id: int) -> None:
    """The shopper acted: once that commits, their cached feed no longer serves first pages."""
    feed_generation_bump(user_id)
