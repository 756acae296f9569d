"""Offline evaluation of the recommender on implicit feedback in MovieLens `u.data` format
(user, item, rating, timestamp; a rating ≥ --threshold is a positive).

Seeded per-user hold-out of the positives; Precision@k, Recall@k, NDCG@k, MAP@k and catalogue
coverage for random, most popular, a plain cosine item-kNN, the platform's collaborative
component (tuned on a validation split of the training side) and implicit's
AlternatingLeastSquares as a peer (tuned the same way). Prints JSON: metrics and fit / score
seconds per model, the protocol and the data set's figures. `recommender/evaluation.py` has the
protocol in full. Try it on `generate_interactions` output: MovieLens may not be redistributed.
"""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recommender import evaluation


def model_list(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    known = evaluation.MODEL_NAMES + evaluation.EXTRA_MODELS
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise CommandError(f"--models: unknown {', '.join(unknown) or '(none given)'}; choose from {', '.join(known)}")
    return list(dict.fromkeys(names))


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--interactions", required=True, help="u.data-format file: user item rating timestamp")
        parser.add_argument("--k", type=int, default=10, help="cut-off of the metrics (default 10)")
        parser.add_argument("--seed", type=int, default=7, help="seed of the split, the random model and ALS (default 7)")
        parser.add_argument("--threshold", type=int, default=4, help="a rating at least this is a positive (default 4)")
        parser.add_argument("--test-fraction", type=float, default=0.2, help="share of each user's positives held out (default 0.2)")
        parser.add_argument("--models", default=",".join(evaluation.MODEL_NAMES),
                            help=f"comma-separated, from {', '.join(evaluation.MODEL_NAMES + evaluation.EXTRA_MODELS)} "
                                 f"(default {','.join(evaluation.MODEL_NAMES)})")

    def handle(self, *args, **options):
        path = Path(options["interactions"])
        models = model_list(options["models"])
        if not path.is_file():
            raise CommandError(f"--interactions: no file at {path}")
        if options["k"] < 1:
            raise CommandError("--k must be at least 1")
        if not 0 < options["test_fraction"] < 1:
            raise CommandError("--test-fraction must be between 0 and 1")
        started = time.perf_counter()
        try:
            data = evaluation.read_interactions(path, threshold=options["threshold"])
            report = evaluation.run_evaluation(data, k=options["k"], seed=options["seed"],
                                               test_fraction=options["test_fraction"], models=models)
        except (evaluation.InteractionsError, UnicodeDecodeError) as error:
            raise CommandError(f"--interactions {path}: {error}") from error
        report["protocol"] |= {"interactions": str(path), "threshold": options["threshold"]}
        report["total_seconds"] = round(time.perf_counter() - started, 2)
        self.stdout.write(json.dumps(report, indent=2))
