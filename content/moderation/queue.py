"""Reads of the editors' queue: what is in it, ranked by risk, why each item is there, and how
healthy the queue is.

An item is in the queue while it waits for an editor: pending, or visible with an open
shopper report, or rejected with an open appeal. Its priority is gatekeeping's risk
(ItemScore.risk: doubt × reach) plus a bonus per risk reason, computed in the database so that
ranking, filtering and cursor paging stay one query."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from content.constants import VISIBLE_STATUSES
from content.models import AuditRecord, Feedback, Item, ItemScore

NEW_SOURCE = timedelta(days=14)
LOW_TRUST = 40
UNDISCLOSED_AD_OBJECTIVITY = 40
LOW_OBJECTIVITY = 55
UNSCORED_RISK = 50.0  # an item still waiting for its scores: neither first nor forgotten


@dataclass(frozen=True)
class RiskReason:
    label: str
    bonus: float


RISK_REASONS = {
    "reported": RiskReason("用户举报", 25),
    "appealed": RiskReason("申诉待处理", 20),
    "duplicate": RiskReason("疑似重复", 10),
    "undisclosed_ad": RiskReason("疑似未标注的推广", 15),
    "low_objectivity": RiskReason("客观度低", 0),  # already weighs in gatekeeping's risk
    "untrusted_source": RiskReason("新来源或低信任来源", 10),
    "unscored": RiskReason("尚未评分或评分失败", 0),
}


def _open_feedback(kind: str) -> Exists:
    return Exists(Feedback.objects.filter(item=OuterRef("pk"), kind=kind, status="open"))


def reason_conditions(now: datetime) -> dict[str, Q]:
    """Each risk reason as a condition on items (one definition for ranking, filters, counts)."""
    return {
        "reported": Q(has_open_report=True),
        "appealed": Q(has_open_appeal=True),
        "duplicate": Q(duplicate_of__isnull=False),
        "undisclosed_ad": Q(sponsored=False, score__objectivity__lt=UNDISCLOSED_AD_OBJECTIVITY),
        "low_objectivity": Q(score__objectivity__lt=LOW_OBJECTIVITY),
        "untrusted_source": Q(source__trust_level__lte=LOW_TRUST) | Q(source__created_at__gte=now - NEW_SOURCE),
        "unscored": Q(score__isnull=True) | Q(score__gate_reason__startswith="无法评分"),
    }


def queue_items(*, now: datetime | None = None) -> QuerySet[Item]:
    """Every item waiting for an editor, annotated with `priority` and the reason flags,
    highest priority first (then oldest first, so nothing starves on a tie)."""
    now = now or timezone.now()
    items = Item.objects.annotate(has_open_report=_open_feedback("complaint"), has_open_appeal=_open_feedback("appeal"))
    waiting = (Q(status="pending") | Q(status__in=VISIBLE_STATUSES, has_open_report=True)
               | Q(status="rejected", has_open_appeal=True))
    conditions = reason_conditions(now)
    bonus = sum((Case(When(condition, then=Value(RISK_REASONS[name].bonus)), default=Value(0.0), output_field=FloatField())
                 for name, condition in conditions.items() if RISK_REASONS[name].bonus),
                start=Value(0.0, output_field=FloatField()))
    return (items.filter(waiting)
            .annotate(priority=Coalesce(F("score__risk"), Value(UNSCORED_RISK), output_field=FloatField()) + bonus)
            .select_related("source", "author", "score")
            .order_by("-priority", "fetched_at", "pk"))


def queue_filter(items: QuerySet[Item], *, reason: str = "", interest: str = "", min_age_hours: float | None = None,
                 max_age_hours: float | None = None, now: datetime | None = None) -> QuerySet[Item]:
    """The queue's own filters (the items API's filters apply too: source, platform, kind …)."""
    now = now or timezone.now()
    if reason:
        items = items.filter(reason_conditions(now)[reason])
    if interest:
        items = items.filter(Q(interest_tags__interest__slug=interest) | Q(interest_tags__interest__parent__slug=interest)
                             ).distinct()
    if min_age_hours is not None:
        items = items.filter(fetched_at__lte=now - timedelta(hours=min_age_hours))
    if max_age_hours is not None:
        items = items.filter(fetched_at__gte=now - timedelta(hours=max_age_hours))
    return items


def queue_page(ids: list[int]) -> list[Item]:
    """These queue items in order, with what the desk shows of each (tags, source count, open
    reports and appeals): a fixed number of queries whatever the page size."""
    from content.selectors import SOURCE_COUNT, interest_tags, scenario_tags

    found = (queue_items().filter(pk__in=ids)
             .prefetch_related(Prefetch("interest_tags", queryset=interest_tags()),
                               Prefetch("scenario_tags", queryset=scenario_tags()),
                               Prefetch("feedback", queryset=Feedback.objects.filter(status="open").order_by("created_at"),
                                        to_attr="open_feedback"))
             .annotate(source_count=SOURCE_COUNT).in_bulk(ids))
    return [found[pk] for pk in ids if pk in found]


def reasons_of(items: list[Item], *, now: datetime | None = None) -> dict[int, list[str]]:
    """Why each of these queue items is in the queue, in RISK_REASONS order: one query."""
    now = now or timezone.now()
    ids = [item.pk for item in items]
    flags = {name: Count("pk", filter=condition) for name, condition in reason_conditions(now).items()}
    rows = (Item.objects.filter(pk__in=ids)
            .annotate(has_open_report=_open_feedback("complaint"), has_open_appeal=_open_feedback("appeal"))
            .values("pk").annotate(**flags))
    return {row["pk"]: [name for name in RISK_REASONS if row[name]] for row in rows}


def reason_counts(items: QuerySet[Item], *, now: datetime | None = None) -> dict[str, int]:
    """How many queue items carry each reason (an item may carry several): one query."""
    now = now or timezone.now()
    totals = items.order_by().aggregate(**{name: Count("pk", filter=condition, distinct=True)
                                           for name, condition in reason_conditions(now).items()})
    return {name: totals[name] for name in RISK_REASONS}


@dataclass(frozen=True)
class QueueHealth:
    size: int
    oldest_at: datetime | None
    auto_approved: float  # share of items scored in the window that gatekeeping approved
    auto_rejected: float
    scored: int
    decisions_per_editor: dict[str, dict[str, int]]  # editor → {YYYY-MM-DD: decisions}


def queue_health(*, days: int = 7, now: datetime | None = None) -> QueueHealth:
    """Size and age of the queue, gatekeeping's automatic rates, decisions per editor per day."""
    now = now or timezone.now()
    queue = queue_items(now=now)
    oldest = queue.order_by("fetched_at").values_list("fetched_at", flat=True).first()
    since = now - timedelta(days=days)
    gates = Counter(dict(ItemScore.objects.filter(scored_at__gte=since).values_list("gate").annotate(n=Count("pk"))
                         .values_list("gate", "n")))
    scored = sum(gates.values())
    per_editor: dict[str, dict[str, int]] = {}
    decisions = (AuditRecord.objects.filter(target_type="item", at__gte=since).values_list("actor_name", "at"))
    for name, at in decisions:
        day = timezone.localtime(at).date().isoformat()
        per_editor.setdefault(name or "—", Counter())[day] += 1
    return QueueHealth(
        size=queue.count(), oldest_at=oldest, scored=scored,
        auto_approved=round(gates["approve"] / scored, 3) if scored else 0.0,
        auto_rejected=round(gates["reject"] / scored, 3) if scored else 0.0,
        decisions_per_editor={name: dict(sorted(days_.items())) for name, days_ in sorted(per_editor.items())},
    )
