"""Re-run the 值得买 index and gatekeeping on stored dimension scores under another profile,
without analysing any text again: what an editor previews for a draft profile, and exactly
what its activation then applies (one plan, computed by one function)."""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from content.approvals import items_approved_after_commit
from content.models import Item, ItemScore, ScoringProfile
from content.scoring.dimensions import DIMENSION_KEYS
from content.scoring.facts import ItemFacts
from content.scoring.gatekeeping import decide
from content.scoring.profile import worth_score
from content.scoring.service import GATE_TRANSITIONS, thresholds_of

CHUNK = 2000
EXAMPLES_PER_MOVE = 5


@dataclass(frozen=True)
class Regated:
    item_id: int
    title: str
    status: str
    new_status: str
    worth: float
    new_worth: float
    gate: str
    reason: str
    risk: float


@dataclass
class RegatePlan:
    items: int = 0
    moves: Counter = field(default_factory=Counter)  # (from status, to status) → items
    examples: dict[tuple[str, str], list[Regated]] = field(default_factory=dict)
    gates: Counter = field(default_factory=Counter)  # the new gate of every scored item
    worth_change: float = 0.0  # sum of |new worth − worth|

    @property
    def mean_worth_change(self) -> float:
        return round(self.worth_change / self.items, 2) if self.items else 0.0

    def as_dict(self) -> dict:
        return {
            "items": self.items,
            "moves": [{"from": a, "to": b, "items": n,
                       "examples": [{"id": r.item_id, "title": r.title, "worth": r.worth, "new_worth": r.new_worth}
                                    for r in self.examples.get((a, b), [])]}
                      for (a, b), n in sorted(self.moves.items())],
            "gates": dict(self.gates),
            "mean_worth_change": self.mean_worth_change,
        }


def regated(profile: ScoringProfile) -> Iterator[list[Regated]]:
    """Every scored item under `profile`, chunk by chunk: its new worth, gate and status. An
    item an editor decided on keeps its status (moderated_at), as in every scoring pass."""
    limits = thresholds_of(profile)
    now = timezone.now()
    fields = ["item_id", "item__title", "item__status", "item__moderated_at", "item__kind", "item__source__platform",
              "item__source__trust_level", "item__sponsored", "item__duplicate_of", "item__content_hash",
              "item__duplicate_of__content_hash", "worth_score", *DIMENSION_KEYS]
    last = 0
    while True:
        rows = list(ItemScore.objects.filter(item_id__gt=last).order_by("item_id").values_list(*fields)[:CHUNK])
        if not rows:
            return
        last = rows[-1][0]
        chunk = []
        for (pk, title, status, moderated_at, kind, platform, trust, sponsored, original, content_hash, original_hash,
             worth, *values) in rows:
            scores = dict(zip(DIMENSION_KEYS, values, strict=True))
            facts = ItemFacts(kind=kind, platform=platform, source_trust=trust, now=now, sponsored=sponsored,
                              duplicate_of=original, exact_copy=bool(original) and original_hash == content_hash)
            new_worth = worth_score(scores, profile.weights)
            gate = decide(scores, new_worth, facts, limits)
            moved = GATE_TRANSITIONS.get((status, gate.gate)) if moderated_at is None else None
            chunk.append(Regated(pk, title, status, moved or status, worth, new_worth, gate.gate, gate.reason, gate.risk))
        yield chunk


def regate_plan(profile: ScoringProfile) -> RegatePlan:
    """What activating `profile` would do: status moves with examples, gates, worth change."""
    plan = RegatePlan()
    for chunk in regated(profile):
        _tally(plan, chunk)
    return plan


def regate_apply(profile: ScoringProfile) -> RegatePlan:
    """Store the new worth, gate and risk of every scored item under `profile` and move the
    statuses gatekeeping may move; returns the plan it carried out (regate_plan's answer)."""
    plan = RegatePlan()
    for chunk in regated(profile):
        _tally(plan, chunk)
        with transaction.atomic():
            scores = ItemScore.objects.in_bulk([row.item_id for row in chunk])
            for row in chunk:
                score = scores[row.item_id]
                score.worth_score, score.gate, score.gate_reason, score.risk = row.new_worth, row.gate, row.reason, row.risk
                score.profile_version = profile.version
            ItemScore.objects.bulk_update(list(scores.values()), ["worth_score", "gate", "gate_reason", "risk",
                                                                  "profile_version"], batch_size=500)
            moves: dict[tuple[str, str], list[int]] = {}
            for row in chunk:
                if row.new_status != row.status:
                    moves.setdefault((row.status, row.new_status), []).append(row.item_id)
            for (old, new), ids in moves.items():
                # Conditional: an editor who decided meanwhile wins.
                Item.objects.filter(pk__in=ids, status=old, moderated_at__isnull=True).update(status=new)
            items_approved_after_commit([pk for (_, new), ids in moves.items() if new == "approved" for pk in ids])
    return plan


def _tally(plan: RegatePlan, chunk: list[Regated]) -> None:
    for row in chunk:
        plan.items += 1
        plan.gates[row.gate] += 1
        plan.worth_change += abs(row.new_worth - row.worth)
        if row.new_status != row.status:
            move = (row.status, row.new_status)
            plan.moves[move] += 1
            examples = plan.examples.setdefault(move, [])
            if len(examples) < EXAMPLES_PER_MOVE:
                examples.append(row)
