from django.core.management.base import CommandError
from django.db.models import Q
from tqdm import tqdm

from content.constants import ITEM_KINDS, ITEM_STATUSES
from content.ingest import SCORING_BATCH, queue_scoring
from content.models import Item
from content.scoring.service import items_needing_scores, items_score
from guide.commands import DatabaseCommand


class Command(DatabaseCommand):
    help = (
        "Rescore items with the current scorers, models and scoring profile: all of them, only the "
        "stale ones, or a filtered set. Queues Celery batches (or scores here with --in-process)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stale", action="store_true", help="only unscored, outdated or changed items")
        parser.add_argument("--source", help="source name")
        parser.add_argument("--status", choices=list(ITEM_STATUSES), help="only items in this status")
        parser.add_argument("--kind", choices=list(ITEM_KINDS), help="only items of this kind")
        parser.add_argument("--ids", help="comma-separated item ids")
        parser.add_argument("--in-process", action="store_true", help="score here instead of queueing to workers")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (logs, scripts)")

    def handle(self, *args, **options):
        ids = self.selected_ids(options)
        if not ids:
            self.stdout.write("没有需要重新评分的内容")
            return
        batches = [ids[start : start + SCORING_BATCH] for start in range(0, len(ids), SCORING_BATCH)]
        scored = 0
        for batch in tqdm(batches, desc="rescore", unit="批", disable=options["no_progress"]):
            if options["in_process"]:
                scored += items_score(item_ids=batch)
            else:
                queue_scoring(batch)
        verb = "已评分" if options["in_process"] else "已排队"
        self.stdout.write(f"{verb} {scored if options['in_process'] else len(ids)} 条内容（{len(batches)} 批）")

    def selected_ids(self, options) -> list[int]:
        if options["stale"]:
            return items_needing_scores(limit=10**9)
        query = Q()
        if options["source"]:
            query &= Q(source__name=options["source"])
        if options["status"]:
            query &= Q(status=options["status"])
        if options["kind"]:
            query &= Q(kind=options["kind"])
        if options["ids"]:
            try:
                query &= Q(pk__in=[int(part) for part in options["ids"].split(",") if part.strip()])
            except ValueError as exc:
                raise CommandError("--ids 应为逗号分隔的数字") from exc
        return list(Item.objects.filter(query).order_by("pk").values_list("pk", flat=True))
