"""Keyword alerts and the notifications they bring.

A shopper follows a query (`alert_create`), segmented as search segments it. When items are
approved (automatic gatekeeping: content.approvals.items_approved; an editor's decision:
content.moderation.visibility.visibility_changed), `alerts_notify` matches *those items* against
the alerts: each alert stores one `anchor` term every match must hold, so the items' terms find
the candidate alerts in one indexed lookup, however many alerts exist, and only those are
checked in full (every word, the price ceiling, the 值得买 threshold). One notification per
alert and item (a unique constraint), so a later feature, retag or rescore never repeats it."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from content.constants import VISIBLE_STATUSES
from content.models import Item, ItemSearch
from content.search.query import search_groups
from content.search.terms import QueryGroup, matches
from guide.queueing import task_named
from interests.models import KeywordAlert, Notification

logger = logging.getLogger(__name__)

MAX_PRICE = Decimal("10000000")
LOOKUP_CHUNK = 500
UNREAD_TTL = 600


class AlertError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


@dataclass(frozen=True)
class Candidate:
    item: Item
    terms: set[str]
    phrase_text: str
    worth: float | None


def _groups_of(alert: KeywordAlert) -> list[QueryGroup]:
    return [QueryGroup(tuple(phrase), tuple(subwords)) for phrase, subwords in alert.groups]


def alert_create(*, user: AbstractBaseUser, query: str, price_max: Decimal | None = None,
                 worth_min: float | None = None) -> KeywordAlert:
    """Follow a query; raises AlertError (400 bad values, 409 already followed or too many)."""
    from content.search.query import SearchError

    query = " ".join(str(query or "").split())
    try:
        groups = search_groups(query)
    except SearchError as exc:
        raise AlertError(400, exc.code, exc.message, "query") from None
    if price_max is not None and not (Decimal(0) < price_max <= MAX_PRICE):
        raise AlertError(400, "invalid_price", "最高价应大于 0，且不超过一千万。", "price_max")
    if worth_min is not None and not 0 <= worth_min <= 100:
        raise AlertError(400, "invalid_worth", "值得买指数门槛应在 0 到 100 之间。", "worth_min")
    if KeywordAlert.objects.filter(user=user).count() >= KeywordAlert.MAX_PER_SHOPPER:
        raise AlertError(409, "too_many_alerts", f"最多关注 {KeywordAlert.MAX_PER_SHOPPER} 个关键词，请先删除不需要的。")
    anchor = max((t for g in groups for t in g.required), key=lambda t: (len(t), t))
    try:
        with transaction.atomic():
            return KeywordAlert.objects.create(user=user, query=query, price_max=price_max, worth_min=worth_min,
                                               groups=[[list(g.phrase), list(g.subwords)] for g in groups], anchor=anchor)
    except IntegrityError:
        raise AlertError(409, "already_following", f"你已经关注了「{query}」。", "query") from None


def alert_delete(*, user: AbstractBaseUser, alert_id: int) -> bool:
    """Stop following; False when the shopper has no such alert (another's is not theirs)."""
    return KeywordAlert.objects.filter(user=user, pk=alert_id).delete()[0] > 0


def _candidates(item_ids: Iterable[int]) -> list[Candidate]:
    now = timezone.now()
    items = (Item.objects.filter(pk__in=list(item_ids), status__in=VISIBLE_STATUSES, duplicate_of__isnull=True)
             .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).select_related("score"))
    documents = {row[0]: row[1:] for row in ItemSearch.objects.filter(item__in=items).values_list(
        "item_id", "title_terms", "body_terms", "subword_terms")}
    found = []
    for item in items:
        if item.pk not in documents:
            continue
        title, body, subwords = documents[item.pk]
        score = getattr(item, "score", None)
        found.append(Candidate(item, set(f"{title} {body} {subwords}".split()), f"{title} {body}",
                               score.worth_score if score else None))
    return found


def _fits(alert: KeywordAlert, candidate: Candidate) -> bool:
    if alert.price_max is not None and (candidate.item.price is None or candidate.item.price > alert.price_max):
        return False
    if alert.worth_min is not None and (candidate.worth is None or candidate.worth < alert.worth_min):
        return False
    return matches(_groups_of(alert), candidate.terms, candidate.phrase_text)


def _message(alert: KeywordAlert, item: Item) -> str:
    price = f"（¥{item.price.normalize():f}）" if item.price is not None else ""
    label = "【推广】" if item.sponsored else ""
    return f"你关注的「{alert.query}」有新内容：{label}{item.title[:200]}{price}"


def alerts_notify(*, item_ids: Iterable[int]) -> int:
    """Notify the shoppers whose alerts these (just approved) items match; returns how many
    notifications were new. Items not visible, copies and ended deals notify no one."""
    candidates = _candidates(item_ids)
    if not candidates:
        return 0
    terms = sorted(set().union(*(c.terms for c in candidates)))
    alerts = []
    for start in range(0, len(terms), LOOKUP_CHUNK):
        alerts += KeywordAlert.objects.filter(anchor__in=terms[start : start + LOOKUP_CHUNK])
    rows = [Notification(user_id=alert.user_id, alert=alert, item=c.item, message=_message(alert, c.item))
            for alert in alerts for c in candidates if alert.anchor in c.terms and _fits(alert, c)]
    if not rows:
        return 0
    before = Notification.objects.filter(alert__in=alerts, item__in=[c.item for c in candidates]).count()
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    created = Notification.objects.filter(alert__in=alerts, item__in=[c.item for c in candidates]).count() - before
    for user_id in {row.user_id for row in rows}:
        cache.delete(unread_key(user_id))
    return created


def unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count_cached(*, user_id: int) -> int | None:
    """The unread count if the cache holds it; None otherwise (pages never query for it: the
    header asks the API once, which fills the cache for the pages after)."""
    return cache.get(unread_key(user_id))


def unread_count(*, user_id: int) -> int:
    """Unread notifications of the shopper; cached, so the header costs no query per page."""
    count = cache.get(unread_key(user_id))
    if count is None:
        count = Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()
        cache.set(unread_key(user_id), count, UNREAD_TTL)
    return count


def notifications_mark_read(*, user: AbstractBaseUser, ids: list[int] | None = None) -> int:
    """Mark these (or all) of the shopper's notifications read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    changed = unread.update(read_at=timezone.now())
    cache.delete(unread_key(user.pk))
    return changed


APPROVING_DECISIONS = ("approve", "feature")


def approvals_queue(item_ids: list[int]) -> None:
    """Match these just-approved items against the alerts in a task, so neither the scoring pass
    nor an editor's request waits for it; in process when the broker is down."""
    from guide.faults import BROKER_ERRORS

    if not item_ids:
        return
    try:
        task_named("interests.tasks.notify_alerts").delay(list(item_ids))
    except BROKER_ERRORS as exc:
        logger.warning("alerts matched in process, broker unreachable (%s)", type(exc).__name__)
        alerts_notify(item_ids=item_ids)


def gatekeeping_approved(*, item_ids: list[int], **kwargs: object) -> None:
    """Receiver of content.approvals.items_approved (sent after commit)."""
    approvals_queue(item_ids)


def editors_decided(*, item_ids: list[int], **kwargs: object) -> None:
    """Receiver of content.moderation.visibility.visibility_changed (sent after an editor's
    decision commits, for any decision): only items whose latest decision approved or featured
    them, so a retag or an ended deal does not announce an item approved long ago."""
    from content.models import AuditRecord

    if not item_ids:
        return
    latest: dict[int, str] = {}
    for item_id, action in (AuditRecord.objects.filter(target_type="item", item_id__in=item_ids)
                            .order_by("item_id", "-at", "-pk").values_list("item_id", "action")):
        latest.setdefault(item_id, action)
    approvals_queue([pk for pk, action in latest.items() if action in APPROVING_DECISIONS])
