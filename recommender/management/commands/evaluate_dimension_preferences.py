"""Does ranking by what the shopper values beat ranking without it? Generated shoppers with
planted dimension preferences (recommender/value_evaluation.py has the protocol); the same
candidates ranked without values, with the learned values and with the planted ones, in one run.

  evaluate_dimension_preferences --seeds 7,8,9 --pulls 0.5,1,1.5
"""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from recommender.value_evaluation import VALUES_PULLS, evaluate


def number_list(value: str, kind: type, option: str) -> list:
    try:
        numbers = [kind(part) for part in value.split(",") if part.strip()]
    except ValueError as exc:
        raise CommandError(f"{option}: numbers separated by commas, not {value!r}") from exc
    if not numbers or any(n < 0 or n != n for n in numbers):
        raise CommandError(f"{option}: at least one number, none negative")
    return numbers


class Command(BaseCommand):
    help = (
        "NDCG@10 and precision@10 of the feed's ranking without, with learned and with planted "
        "dimension preferences."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seeds", default="7", help="comma-separated seeds, one run each (default 7)")
        parser.add_argument(
            "--pulls",
            default=",".join(f"{p:g}" for p in VALUES_PULLS),
            help="how hard planted preferences pull against a liked circle's 1.5, one run each "
            f"(default {','.join(f'{p:g}' for p in VALUES_PULLS)})",
        )
        parser.add_argument(
            "--shoppers", type=int, default=240, help="generated shoppers per run (default 240)"
        )
        parser.add_argument("--items", type=int, default=2000, help="generated catalogue size (default 2000)")
        parser.add_argument("--json", action="store_true", help="print the full report as JSON")

    def handle(self, *args, **options) -> None:
        if options["shoppers"] < 6 or options["items"] < 400:
            raise CommandError("--shoppers at least 6 (one per persona) and --items at least 400")
        runs = [
            evaluate(shoppers=options["shoppers"], items=options["items"], seed=seed, pull=pull)
            for pull in number_list(options["pulls"], float, "--pulls")
            for seed in number_list(options["seeds"], int, "--seeds")
        ]
        if options["json"]:
            self.stdout.write(json.dumps({"runs": runs}, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{'pull':>4} {'seed':>4}  {'NDCG@10 without':>15} {'learned':>8} {'planted':>8}  "
            f"{'P@10 without':>13} {'learned':>8} {'planted':>8}  {'top dimension found':>19}"
        )
        for run in runs:
            o = run["overall"]
            self.stdout.write(
                f"{run['pull']:>4g} {run['seed']:>4}  {o['without']['ndcg']:>15.4f} "
                f"{o['learned']['ndcg']:>8.4f} {o['planted']['ndcg']:>8.4f}  "
                f"{o['without']['precision']:>13.4f} "
                f"{o['learned']['precision']:>8.4f} {o['planted']['precision']:>8.4f}  "
                f"{run['recovered']:>19.3f}"
            )
        self.stdout.write(
            "NDCG@10 by persona (without → learned / planted), "
            f"pull {runs[-1]['pull']:g}, seed {runs[-1]['seed']}:"
        )
        for persona, row in runs[-1]["personas"].items():
            self.stdout.write(
                f"  {persona:<20} {row['without']:.4f} → {row['learned']:.4f} / {row['planted']:.4f}"
            )
