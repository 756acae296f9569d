"""Offline evaluation of the recommender on implicit feedback in MovieLens `u.data` format
(user, item, rating, timestamp, tab separated, as MovieLens 100k ships it; a rating ≥
--threshold is a positive), or on data generated in the run (--generated, see
`generate_interactions` for the settings).

Seeded per-user hold-out of the positives; Precision@k, Recall@k, NDCG@k, MAP@k and catalogue
coverage for random, most popular, a plain cosine item-kNN, the platform's collaborative
component (tuned on a validation split of the training side) and implicit's
AlternatingLeastSquares as a peer (tuned the same way). Prints JSON: metrics and fit / score
seconds per model, the protocol and the data set's figures (one report, or {"runs": [...]} for
several seeds or settings), and on stderr a table of NDCG@k side by side, one row per run.
`recommender/evaluation.py` has the protocol in full. MovieLens may not be redistributed:
develop on --generated data.

  evaluate_recommender --interactions ml-100k/u.data --seeds 7,8,9
  evaluate_recommender --generated movielens,factors,niches --seeds 7,8,9
"""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recommender import evaluation
from recommender.management.commands.generate_interactions import SETTINGS, generated_table


def model_list(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    known = evaluation.MODEL_NAMES + evaluation.EXTRA_MODELS
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise CommandError(f"--models: unknown {', '.join(unknown) or '(none given)'}; choose from {', '.join(known)}")
    return list(dict.fromkeys(names))


def seed_list(value: str) -> list[int]:
    try:
        seeds = [int(seed) for seed in value.split(",") if seed.strip()]
    except ValueError:
        raise CommandError(f"--seeds: comma-separated integers, not {value!r}") from None
    if not seeds:
        raise CommandError("--seeds: give at least one seed")
    return list(dict.fromkeys(seeds))


def setting_list(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in SETTINGS]
    if unknown or not names:
        raise CommandError(f"--generated: unknown {', '.join(unknown) or '(none given)'}; choose from {', '.join(SETTINGS)}")
    return list(dict.fromkeys(names))


def ndcg_table(runs: list[dict], models: list[str], k: int) -> str:
    """One line per run (data, seed), one column per model: the figures to compare at a glance."""
    header = f"{'data':<24}{'seed':>6}" + "".join(f"{name:>10}" for name in models)
    lines = [f"NDCG@{k}", header]
    for run in runs:
        label = run["protocol"].get("generated") or Path(run["protocol"]["interactions"]).name
        lines.append(f"{label:<24}{run['protocol']['seed']:>6}"
                     + "".join(f"{run['models'][name]['ndcg']:>10.4f}" for name in models))
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--interactions", help="u.data-format file: user item rating timestamp (MovieLens 100k's u.data)")
        source.add_argument("--generated", help=f"comma-separated generator settings, from {', '.join(SETTINGS)}: "
                                                "data generated in the run, with the run's seed")
        parser.add_argument("--users", type=int, default=943, help="--generated: shoppers (default 943)")
        parser.add_argument("--items", type=int, default=1682, help="--generated: items (default 1682)")
        parser.add_argument("--ratings", type=int, default=100_000, help="--generated: ratings (default 100000)")
        parser.add_argument("--k", type=int, default=10, help="cut-off of the metrics (default 10)")
        parser.add_argument("--seed", type=int, default=7, help="seed of the split, the random model and ALS (default 7)")
        parser.add_argument("--seeds", help="several seeds, comma-separated (e.g. 7,8,9): one run each; overrides --seed")
        parser.add_argument("--threshold", type=int, default=4, help="a rating at least this is a positive (default 4)")
        parser.add_argument("--test-fraction", type=float, default=0.2,
                            help="share of each user's positives held out (default 0.2)")
        parser.add_argument("--models", default=",".join(evaluation.MODEL_NAMES),
                            help=f"comma-separated, from {', '.join(evaluation.MODEL_NAMES + evaluation.EXTRA_MODELS)} "
                                 f"(default {','.join(evaluation.MODEL_NAMES)})")

    def handle(self, *args, **options):
        models = model_list(options["models"])
        seeds = seed_list(options["seeds"]) if options["seeds"] else [options["seed"]]
        if options["k"] < 1:
            raise CommandError("--k must be at least 1")
        if not 0 < options["test_fraction"] < 1:
            raise CommandError("--test-fraction must be between 0 and 1")
        datasets = self.datasets(options, seeds)
        runs = []
        for label, seed, load in datasets:
            started = time.perf_counter()
            try:
                report = evaluation.run_evaluation(load(), k=options["k"], seed=seed,
                                                   test_fraction=options["test_fraction"], models=models)
            except (evaluation.InteractionsError, UnicodeDecodeError) as error:
                raise CommandError(f"{label}: {error}") from error
            report["protocol"] |= {"threshold": options["threshold"]} | self.origin(options, label)
            report["total_seconds"] = round(time.perf_counter() - started, 2)
            runs.append(report)
        self.stdout.write(json.dumps(runs[0] if len(runs) == 1 else {"runs": runs}, indent=2))
        self.stderr.write(ndcg_table(runs, models, options["k"]))

    def datasets(self, options: dict, seeds: list[int]) -> list[tuple]:
        """(label, seed, loader) per run: the file with each seed, or each setting generated with each seed."""
        threshold = options["threshold"]
        if options["interactions"]:
            path = Path(options["interactions"])
            if not path.is_file():
                raise CommandError(f"--interactions: no file at {path}")
            return [(f"--interactions {path}", seed, lambda: evaluation.read_interactions(path, threshold=threshold))
                    for seed in seeds]
        shape = options["users"], options["items"], options["ratings"]
        if min(shape) < 1 or shape[2] > shape[0] * shape[1]:
            raise CommandError("--users, --items, --ratings: at least 1 each, and no more ratings than users × items")
        return [(setting, seed, lambda setting=setting, seed=seed: evaluation.interactions_from_table(
                    generated_table(seed, *shape, SETTINGS[setting]), threshold))
                for setting in setting_list(options["generated"]) for seed in seeds]

    def origin(self, options: dict, label: str) -> dict:
        if options["interactions"]:
            return {"interactions": options["interactions"]}
        return {"generated": label, "shape": {"users": options["users"], "items": options["items"],
                                              "ratings": options["ratings"]}}
