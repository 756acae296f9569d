"""Evaluate 消费相关性 (consumption_relevance) on text alone: held-out shopping reviews against news
titles, every item of one kind with no price, brand or product. Prints the AUC overall and per news
class, the share of items on the lowest value (the floor), for the shipped scorer beside the
previous one (the baseline) in the same run, as bare text and as items arrive (title + body); and
hand-written delivery / after-sales complaints against the same news.

The news titles are for evaluation only: they are read here and nowhere else, never trained on,
and nothing made from them is written. The model's negatives in training are jieba's general
dictionary (see content/scoring/relevance.py), and its calibration uses hand-written sentences.
The held-out reviews are the seeded 20% that `train_models` keeps out (use the artifact's seed).

    python manage.py evaluate_scoring [--news PATH] [--reviews PATH] [--seed 7] [--kind note]
"""

import json

from django.core.management.base import BaseCommand, CommandError

from content.models import ITEM_KINDS
from content.scoring import relevance, training
from content.scoring.evaluation import Labelled, evaluate, load_news

DEFAULT_NEWS = "../shared/data/news_titles/news_titles_eval.jsonl"


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--news", default=DEFAULT_NEWS, help=f"news titles jsonl, evaluation only (default {DEFAULT_NEWS})")
        parser.add_argument("--reviews", default=training.DEFAULT_REVIEWS_ARG,
                            help=f"shopping_reviews.jsonl (default {training.DEFAULT_REVIEWS_ARG})")
        parser.add_argument("--seed", type=int, default=7, help="seed of the held-out split (default 7, the artifact's)")
        parser.add_argument("--kind", default="note", choices=list(ITEM_KINDS),
                            help="the one kind every item gets (default note, what ingest assumes without one)")
        parser.add_argument("--json", action="store_true", help="print the report as JSON too")

    def handle(self, *args, **options):
        news_path = training.command_path(options["news"], DEFAULT_NEWS)
        reviews_path = training.command_path(options["reviews"], training.DEFAULT_REVIEWS_ARG)
        for label, path in (("--news", news_path), ("--reviews", reviews_path)):
            if not path.is_file():
                raise CommandError(f"{label}: no file at {path}")
        try:
            news = load_news(news_path)
        except (ValueError, KeyError) as error:
            raise CommandError(f"--news: not one JSON object with category and text a line ({error})") from error
        _, held_out = training.seeded_split(training.load_reviews(reviews_path), options["seed"])
        reviews = [Labelled(e.text, 1, "reviews") for e in held_out]
        complaints = [Labelled(row["text"], 1, row["kind"]) for row in relevance.load_validation_texts() if row["label"] == 1]
        report = evaluate(reviews, news, complaints, options["kind"])
        self.stdout.write(self.table(report, options["kind"]))
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))

    def table(self, report: dict, kind: str) -> str:
        text, product = report["text"], report["title_and_body"]
        classes = list(text["shipped"]["by_class"])
        lines = [f"消费相关性 on text alone (kind={kind} for all): {text['shipped']['n']['positives']} held-out reviews "
                 f"vs {text['shipped']['n']['negatives']} news titles; AUC and floor",
                 f"  {'scorer':<34}{'AUC':>7}" + "".join(f"{c[:7]:>9}" for c in classes)
                 + f"{'floor':>7}{'news@floor':>12}{'rev@floor':>11}{'news<rev p2':>13}{'values':>8}"]
        for label, row in (("shipped, bare text", text["shipped"]), ("shipped, title + body", product["shipped"]),
                           ("baseline (previous), bare text", text["previous"]),
                           ("baseline (previous), title + body", product["previous"])):
            lines.append(f"  {label:<34}{row['auc']:>7.4f}" + "".join(f"{row['by_class'][c]:>9.3f}" for c in classes)
                         + f"{row['floor']:>7.1f}{row['negatives_at_floor']:>12.1%}{row['positives_at_floor']:>11.1%}"
                         f"{row['negatives_below_2pct_positives']:>13.1%}{row['distinct_values']:>8}")
        lines.append("  delivery / after-sales complaints (hand-written) vs the news titles:")
        for scorer, row in report["complaints"].items():
            lines.append(f"    {scorer:<10} AUC {row['auc_against_news']:.4f}  median {row['median']:.1f} "
                         f"(news median {row['news_median']:.1f}), n {row['n']}")
        return "\n".join(lines) + "\n"
