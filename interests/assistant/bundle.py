"""Integrated solutions: a kit's slots filled with the most worth-buying approved, unexpired,
original items within the budget (interests.assistant.knapsack), each pick with its price,
值得买指数 and reason, the total, what was left out and why, and the best first-hand notes to read.

Candidates for a slot are items whose *title* names it (the search index, the slot's words),
priced, never sponsored: paid placement never influences the choice. Reads only."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from content.constants import VISIBLE_STATUSES
from content.models import Item
from content.search.backends import Filters, ranked_rows
from content.search.terms import QueryGroup, parse_query
from interests.assistant.budget import Budget
from interests.assistant.knapsack import Option, choose
from interests.models import ItemInterest, KitSlot, KitTemplate

CANDIDATES_PER_SLOT = 6
NOTES = 3
ALTERNATIVES = 2


@dataclass(frozen=True)
class Slot:
    key: str  # "scenario/slug", or "request/<interest>" for a one-item request
    name: str
    keywords: tuple[str, ...]
    required: bool = True


@dataclass
class Constraints:
    budget: Budget | None = None
    caps: dict[str, float] = field(default_factory=dict)  # slot key -> price must stay below
    exclude: tuple[str, ...] = ()  # brands or words the shopper does not want
    exclude_items: tuple[int, ...] = ()
    preferences: tuple[str, ...] = ()


def kit_slots(*, scenario: str, recipient: str = "") -> tuple[KitTemplate | None, list[Slot]]:
    """The scenario's active kit (for gifting: the recipient's, else the general one)."""
    kits = KitTemplate.objects.filter(scenario__slug=scenario, is_active=True, scenario__is_active=True)
    kit = kits.filter(recipient=recipient).first() or kits.filter(recipient="").first()
    if kit is None:
        return None, []
    slots = [Slot(f"{scenario}/{s.slug}", s.name, tuple(s.keywords), s.required) for s in kit.slots.all()]
    return kit, slots


def kit_words() -> dict[str, tuple[str, bool]]:
    """Every slot keyword → ("scenario/slot", whether the word names the scenario by itself)."""
    words: dict[str, tuple[str, bool]] = {}
    for slot in KitSlot.objects.filter(kit__is_active=True).select_related("kit__scenario").order_by("kit__recipient", "pk"):
        for word in slot.keywords:
            words.setdefault(str(word).lower(), (f"{slot.kit.scenario.slug}/{slot.slug}", slot.implies_scenario))
    return words


def _groups(words: tuple[str, ...]) -> list[QueryGroup]:
    groups: list[QueryGroup] = []
    for word in words:
        parsed = parse_query(word)
        if parsed:
            groups.append(QueryGroup(tuple(t for g in parsed for t in g.phrase)))
    return list(dict.fromkeys(groups))


def slot_candidates(slot: Slot, constraints: Constraints, *, as_of: datetime, single: bool = False) -> list[dict]:
    """The slot's candidates within the budget (and the slot's cap), best 值得买指数 first."""
    groups = _groups(slot.keywords)
    if not groups:
        return []
    budget = constraints.budget or Budget()
    ceiling = min([v for v in (budget.max, constraints.caps.get(slot.key)) if v is not None], default=None)
    floor = budget.min if single else None
    filters = Filters(price_max=Decimal(str(ceiling)) if ceiling is not None else None,
                      price_min=Decimal(str(floor)) if floor is not None else None, exclude_sponsored=True,
                      require_price=True, exclude_brands=constraints.exclude, exclude_items=constraints.exclude_items)
    rows = ranked_rows(groups=groups, filters=filters, as_of=as_of, limit=CANDIDATES_PER_SLOT * 3, any_group=True,
                       title_only=True)
    if slot.key in constraints.caps:  # 换个便宜点的: strictly cheaper than the one shown
        rows = [r for r in rows if r.price is not None and float(r.price) < constraints.caps[slot.key]]
    return _described(sorted(rows, key=lambda r: (-r.worth, r.item_id))[:CANDIDATES_PER_SLOT], constraints)


def _described(rows: list, constraints: Constraints) -> list[dict]:
    items = Item.objects.select_related("source").in_bulk([r.item_id for r in rows])
    described = []
    for row in rows:
        item = items.get(row.item_id)
        if item is None:
            continue
        hits = sum(1 for word in constraints.preferences if word in item.title or word in item.body_text[:500])
        described.append({"id": item.pk, "title": item.title, "price": float(item.price), "worth": round(row.worth, 1),
                          "brand": item.brand, "kind": item.kind, "platform": item.source.get_platform_display(),
                          "merchant": item.merchant, "link": f"/items/{item.pk}/", "preference_hits": hits,
                          "image": item.images[0] if item.images else None})
    return described


def bundle(*, slots: list[Slot], constraints: Constraints, single: bool = False) -> dict:
    """Fill the slots: picks, total, left out with reasons, alternatives, notes to read."""
    now = timezone.now()
    candidates = {}
    taken: set[int] = set()
    for slot in slots:  # an item can fill one slot only: the first that names it
        found = [c for c in slot_candidates(slot, constraints, as_of=now, single=single) if c["id"] not in taken]
        taken |= {c["id"] for c in found}
        candidates[slot.key] = found
    options = [[Option(c["id"], c["price"], c["worth"], c["preference_hits"]) for c in candidates[s.key]] for s in slots]
    budget = constraints.budget.max if constraints.budget and constraints.budget.max is not None else None
    chosen = choose(options, float(budget) if budget is not None else None)
    picks: list[dict[str, Any]] = []
    left_out: list[dict[str, Any]] = []
    for slot, option in zip(slots, chosen, strict=True):
        found = candidates[slot.key]
        if option is None:
            left_out.append(_unfilled(slot, found, constraints))
            continue
        pick = next(c for c in found if c["id"] == option.key)
        picks.append({"slot": slot.key, "slot_name": slot.name, "item": pick, "reason": _reason(pick, found, constraints),
                      "alternatives": [c for c in found if c["id"] != pick["id"]][:ALTERNATIVES]})
        left_out += _passed_over(slot, pick, found)
    total = round(sum(p["item"]["price"] for p in picks), 2)
    return {"picks": picks, "total": total, "within_budget": budget is None or total <= budget,
            "budget": constraints.budget.as_dict() if constraints.budget else {"min": None, "max": None},
            "left_out": left_out, "notes": first_hand_notes(slots, exclude=[p["item"]["id"] for p in picks], as_of=now),
            "sponsored_considered": False}


def _reason(pick: dict, found: list[dict], constraints: Constraints) -> str:
    parts = [f"值得买指数 {pick['worth']:.0f}"]
    better = [c for c in found if c["worth"] > pick["worth"]]
    parts.append(f"预算内 {len(found)} 个候选里{'最值得买' if not better else '放得进整套预算里最值得买'}")
    wished = [w for w in constraints.preferences if w in pick["title"]]
    if wished:
        parts.append("符合" + "、".join(f"「{w}」" for w in wished))
    return "；".join(parts)


def _unfilled(slot: Slot, found: list[dict], constraints: Constraints) -> dict:
    if found:
        cheapest = min(found, key=lambda c: c["price"])
        return {"slot": slot.key, "slot_name": slot.name, "item": cheapest,
                "reason": f"最便宜的「{slot.name}」是 ¥{cheapest['price']:g}，放进来整套会超出预算"}
    excluded = f"（已排除{'、'.join(constraints.exclude)}）" if constraints.exclude else ""
    return {"slot": slot.key, "slot_name": slot.name, "item": None,
            "reason": f"暂时没有预算内、已审核、未过期且标了价格的「{slot.name}」{excluded}"}


def _passed_over(slot: Slot, pick: dict, found: list[dict]) -> list[dict]:
    better = [c for c in found if c["worth"] > pick["worth"] and c["price"] > pick["price"]][:1]
    return [{"slot": slot.key, "slot_name": slot.name, "item": c,
             "reason": f"值得买指数 {c['worth']:.0f} 更高，但 ¥{c['price']:g}，放进来整套会超出预算"} for c in better]


def first_hand_notes(slots: list[Slot], *, exclude: list[int], as_of: datetime) -> list[dict]:
    """The most reliable first-hand reviews and notes about the kit's things (never sponsored)."""
    groups = _groups(tuple(w for s in slots for w in s.keywords))
    if not groups:
        return []
    rows = ranked_rows(groups=groups, any_group=True, as_of=as_of, limit=30,
                       filters=Filters(kinds=("review", "note"), exclude_sponsored=True, exclude_items=tuple(exclude)))
    items = Item.objects.select_related("score", "source").in_bulk([r.item_id for r in rows])
    ranked = sorted((i for i in items.values() if hasattr(i, "score")),
                    key=lambda i: (-i.score.content_reliability, -i.score.worth_score, -i.pk))[:NOTES]
    return [{"id": i.pk, "title": i.title, "link": f"/items/{i.pk}/", "platform": i.source.get_platform_display(),
             "reliability": round(i.score.content_reliability), "worth": round(i.score.worth_score, 1),
             "reason": f"内容可靠性 {i.score.content_reliability:.0f}："
                       f"{i.score.explanations.get('content_reliability', '')[:60]}"}
            for i in ranked]


def suggestions(*, interest_ids: list[int], budget: Budget | None, limit: int = 3) -> list[dict]:
    """For a wish that names no product: the most worth-buying priced items of these interests
    (or of everything) within the budget; never sponsored."""
    now = timezone.now()
    items = (Item.objects.filter(status__in=VISIBLE_STATUSES, duplicate_of__isnull=True, sponsored=False,
                                 price__isnull=False, score__isnull=False)
             .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).select_related("score", "source"))
    if budget and budget.max is not None:
        items = items.filter(price__lte=budget.max)
    if budget and budget.min is not None:
        items = items.filter(price__gte=budget.min)
    if interest_ids:
        items = items.filter(pk__in=ItemInterest.objects.filter(interest_id__in=interest_ids, weight__gte=0.3)
                             .values("item_id"))
    return [{"id": i.pk, "title": i.title, "price": float(i.price), "worth": round(i.score.worth_score, 1),
             "platform": i.source.get_platform_display(), "link": f"/items/{i.pk}/", "kind": i.kind}
            for i in items.order_by("-score__worth_score", "-pk")[:limit]]
