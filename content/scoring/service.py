"""Scoring writes: score a batch of items, store their scores, apply gatekeeping; and find the
items that need (re)scoring. Idempotent: scoring the same items twice stores the same result."""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from content.approvals import items_approved_after_commit
from content.models import Item, ItemScore, ScoringProfile
from content.scoring.context import facts_for
from content.scoring.dimensions import DIMENSION_KEYS
from content.scoring.engine import ScoredText, engine_version, score_batch
from content.scoring.facts import ItemFacts
from content.scoring.gatekeeping import GateDecision, Thresholds, decide
from content.scoring.profile import active_profile, worth_score
from content.search.index import search_documents_store
from guide.db import rows_upsert

logger = logging.getLogger(__name__)

# What automatic gatekeeping may do to an item no editor has decided on. It never sends an
# item back to the queue: an approved deal that ages below the bar stays approved.
GATE_TRANSITIONS = {
    ("pending", "approve"): "approved",
    ("pending", "reject"): "rejected",
    ("approved", "reject"): "rejected",
    ("rejected", "approve"): "approved",
}
UNREAD_FIELDS = ("body_html", "fingerprint")
STORED_FIELDS = [*DIMENSION_KEYS, "explanations", "worth_score", "scorer_version", "profile_version",
                 "scored_at", "gate", "gate_reason", "risk", "notes"]


def items_score(*, item_ids: list[int]) -> int:
    """Score these items (missing ids are skipped); returns how many were scored."""
    # Scoring reads the plain text; the stored HTML and the MinHash are not needed here.
    items = list(Item.objects.select_related("source", "author").defer(*UNREAD_FIELDS).filter(pk__in=item_ids))
    if not items:
        return 0
    now = timezone.now()
    profile = active_profile()
    facts = facts_for(items, now=now)
    results = _score_safely(items, facts)
    version = engine_version()
    rows: list = []
    statuses: dict[str, list[int]] = {}
    for item in items:
        result = results[item.pk]
        row, decision = _score_row(item, result, facts[item.pk], profile, version, now)
        rows.append(row)
        new_status = GATE_TRANSITIONS.get((item.status, decision.gate))
        if new_status and item.moderated_at is None:
            statuses.setdefault(new_status, []).append(item.pk)
    with transaction.atomic():
        rows_upsert(ItemScore, rows, unique_fields=["item"], update_fields=STORED_FIELDS)
        search_documents_store(tokens={pk: (r.tokens, r.title_tokens) for pk, r in results.items()
                                       if not isinstance(r, Exception)})
        for status, ids in statuses.items():
            Item.objects.filter(pk__in=ids, moderated_at__isnull=True).update(status=status)
        items_approved_after_commit(statuses.get("approved", []))
        _store_tags(items, results)
    return len(items)


def _score_safely(items: list[Item], facts: dict[int, ItemFacts]) -> dict[int, ScoredText | Exception]:
    """The batch at once; if anything in it fails, item by item, so one bad item cannot hold
    up the others. An item that still fails is stored with its reason for editors."""
    texts = [(i.title, i.body_text) for i in items]
    try:
        return dict(zip([i.pk for i in items], score_batch(texts, [facts[i.pk] for i in items]), strict=True))
    except Exception:
        logger.exception("scoring a batch of %d failed; retrying item by item", len(items))
    results: dict[int, ScoredText | Exception] = {}
    for item, text in zip(items, texts, strict=True):
        try:
            results[item.pk] = score_batch([text], [facts[item.pk]])[0]
        except Exception as exc:
            logger.exception("item %s cannot be scored", item.pk)
            results[item.pk] = exc
    return results


def _score_row(item: Item, result: ScoredText | Exception, facts: ItemFacts, profile: ScoringProfile,
               version: str, now: datetime) -> tuple[ItemScore, GateDecision]:
    if isinstance(result, Exception):
        decision = GateDecision("queue", "无法评分，需要人工审核", 100.0)
        reason = f"评分失败：{type(result).__name__}: {str(result)[:200]}"
        scores, explanations, notes = dict.fromkeys(DIMENSION_KEYS, 0.0), dict.fromkeys(DIMENSION_KEYS, reason), [reason]
        worth = 0.0
    else:
        scores, explanations, notes = result.scores, result.explanations, result.notes
        worth = worth_score(scores, profile.weights)
        decision = decide(scores, worth, facts, thresholds_of(profile))
    row = ItemScore(item=item, explanations=explanations, worth_score=worth, scorer_version=version,
                    profile_version=profile.version, scored_at=now, gate=decision.gate,
                    gate_reason=decision.reason, risk=decision.risk, notes=notes, **scores)
    return row, decision


def thresholds_of(profile: ScoringProfile) -> Thresholds:
    return Thresholds(profile.approve_min_worth, profile.approve_min_reliability, profile.approve_min_objectivity,
                      profile.reject_max_relevance, profile.reject_max_objectivity)


def _store_tags(items: list[Item], results: dict[int, ScoredText | Exception]) -> None:
    from interests.services import item_tags_replace

    item_tags_replace(
        tags={pk: (r.signals.interests, r.signals.scenarios) for pk, r in results.items() if not isinstance(r, Exception)}
    )


def items_needing_scores(*, now: datetime | None = None, grace: timedelta = timedelta(minutes=2),
                         limit: int = 5000) -> list[int]:
    """Items never scored, scored by another engine or profile version, or changed since they
    were scored. Items changed in the last `grace` are left alone: their task is on its way."""
    now = now or timezone.now()
    stale = (
        Q(score__isnull=True)
        | ~Q(score__scorer_version=engine_version())
        | ~Q(score__profile_version=active_profile().version)
        | Q(score__scored_at__lt=F("updated_at"))
    )
    return list(Item.objects.filter(stale, updated_at__lt=now - grace).order_by("pk").values_list("pk", flat=True)[:limit])
