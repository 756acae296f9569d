"""How alike an item page's similar items are to the item, over every approved / featured
original in the database (seed_demo's corpus, or any): the share of similar items whose own
finest interest is the item's (goal ≥ 0.8, issue 19), for the page's policy
(recommender/similar_items.py) beside the baseline it replaced (learned co-engagement
neighbours first, topped up with the best items of the item's strongest tag), in the same run.

  evaluate_similar_items [--refresh-neighbours] [--limit 6]
"""

import json
from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError

from interests.models import ItemInterest
from recommender.models import ItemNeighbor
from recommender.neighbors import neighbors_recompute
from recommender.similar_items import Tag, finest_interest, similar_items, visible_originals


def co_engagement_first(item, limit: int) -> list[int]:
    """The baseline: learned neighbours, then the best items sharing the item's strongest tag."""
    neighbour_ids = list(ItemNeighbor.objects.filter(item_id=item.pk).order_by("-score")
                         .values_list("neighbor_id", flat=True)[: limit * 3])
    candidates = visible_originals().exclude(pk=item.pk)
    shown = set(candidates.filter(pk__in=neighbour_ids).values_list("pk", flat=True))
    chosen = [pk for pk in neighbour_ids if pk in shown][:limit]
    strongest = (ItemInterest.objects.filter(item=item).order_by("-weight", "interest_id")
                 .values_list("interest_id", flat=True).first())
    if len(chosen) < limit and strongest is not None:
        chosen += list(candidates.filter(interest_tags__interest_id=strongest).exclude(pk__in=chosen)
                       .order_by("-score__worth_score", "-published_at", "-pk")
                       .values_list("pk", flat=True)[: limit - len(chosen)])
    return chosen


POLICIES = {"page": lambda item, limit: similar_items(item=item, limit=limit), "co_engagement_first": co_engagement_first}


def kinds_of_visible_items() -> dict[int, int | None]:
    tags: dict[int, list[Tag]] = defaultdict(list)
    rows = (ItemInterest.objects.filter(item__in=visible_originals())
            .values_list("item_id", "interest_id", "interest__parent_id", "weight"))
    for item_id, interest, parent, weight in rows:
        tags[item_id].append((interest, parent, weight))
    return {item_id: finest_interest(item_tags) for item_id, item_tags in tags.items()}


def same_kind_share(policy, items, kinds: dict[int, int | None], limit: int) -> dict:
    """Pooled share of shown similar items of the item's own kind, and the per-item mean."""
    shown = same = 0
    per_item = []
    for item in items:
        similar = policy(item, limit)
        matches = sum(kinds.get(pk) == kinds[item.pk] for pk in similar)
        shown, same = shown + len(similar), same + matches
        if similar:
            per_item.append(matches / len(similar))
    return {"share": round(same / shown, 4) if shown else None,
            "mean_per_item": round(sum(per_item) / len(per_item), 4) if per_item else None,
            "similar_shown": shown, "items_without_similar": len(items) - len(per_item)}


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=6, help="similar items per page (default 6, as the page)")
        parser.add_argument("--refresh-neighbours", action="store_true",
                            help="relearn the co-engagement neighbours from the events first (the hourly job)")

    def handle(self, *args, **options):
        if options["limit"] < 1:
            raise CommandError("--limit must be at least 1")
        if options["refresh_neighbours"]:
            neighbors_recompute()
        kinds = kinds_of_visible_items()
        items = [item for item in visible_originals().order_by("pk") if kinds.get(item.pk) is not None]
        if not items:
            raise CommandError("no approved or featured item with an interest tag: run seed_demo first")
        report = {"items": len(items), "neighbour_rows": ItemNeighbor.objects.count(), "limit": options["limit"],
                  "policies": {name: same_kind_share(policy, items, kinds, options["limit"])
                               for name, policy in POLICIES.items()}}
        self.stdout.write(json.dumps(report, indent=2))
