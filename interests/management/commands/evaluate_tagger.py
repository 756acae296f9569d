"""Evaluate the interest tagger on labelled JSONL: shopping_reviews rows {"category", "text"}, or
{"interest": "<slug>", "text"} / {"title", "body", "interest"} rows such as
content/demo/demo_items.jsonl. The figure is top-level accuracy (the item's first interest is
of the labelled top level; no tag counts as wrong), with macro-F1, coverage (share with any
tag) and per-class precision and recall.

By default it measures the product path (interests.product_path): each row pushed as an item
(a review has no title, so as platforms make one: the first 28 characters, none, the first 12,
the whole text; a row's own title otherwise), cleaned by the ingest validation, scored by the
scoring pass, its interests read as stored and served (by stored weight, the first one's top
level). Beside it, on the same rows: the tagger on the labelled text alone (lexicon + classifier
as interest_tags_batch combines them), the classifier alone, the lexicon alone and, where a
training side exists, a char TF-IDF + LinearSVC baseline fitted on it. --text-only skips the
product path (faster).

--held-out-only keeps only the rows on the held-out side of the training split for --seed
(default: the artifact's seed), so it never scores a text the classifier was trained on. It is
the default when --data is the very file the artifact was trained on (same SHA-256); any other
file, such as a separately kept test set, is evaluated whole. The shipped artifact is refitted on
every row of its training file after its held-out evaluation (interests.training), so on that
file the command first refits a model on the training side with the same settings and seed, plus
the editors' labels in the database when the artifact was trained with some (a few minutes on
the shopping reviews), and scores that one: no row it scores was seen in fitting.

--seeds 1,2,3,4,5 repeats that for each seed (split, refit on the training side, score the held-out
side, fit the baseline on the same rows) and prints each seed and the mean: one split's figure
moves by about ±0.3 points with the seed.

--folds 10 cross-validates instead: the rows fall into ten parts by a hash of their text (seeded
by --seed), each part is scored by the tagger's settings refitted on the other nine, and the
figures over all rows (each scored once, by a model fitted on 90% of the file) are printed with
each part's.
"""

import argparse
import json
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from content.scoring.training import sha256_file
from interests import classifier, training


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--data", required=True, help="labelled JSONL file")
        parser.add_argument("--seed", type=int, help="seed of the training split (default: the artifact's)")
        parser.add_argument("--held-out-only", action=argparse.BooleanOptionalAction, default=None,
                            help="only rows held out from training (default: on for shopping_reviews rows)")
        parser.add_argument("--seeds", type=seed_list, metavar="S1,S2,...",
                            help="repeated held-out evaluation: refit and score each seed's split, print the mean")
        parser.add_argument("--folds", type=fold_count, metavar="K",
                            help="k-fold cross-validation: every row scored by a refit on the other parts")
        parser.add_argument("--text-only", action="store_true",
                            help="measure on the labelled texts only, not on the product path (items pushed, "
                                 "scored and served); faster")

    def handle(self, *args, **options):
        path = Path(options["data"])
        if not path.is_file():
            raise CommandError(f"--data: no file at {path}")
        try:
            examples = training.load_labelled(path)
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"--data: {path}: {error}") from error
        if not examples:
            raise CommandError(f"--data: no labelled rows in {path}")
        metadata = artifact_metadata()
        seed = options["seed"] if options["seed"] is not None else metadata.get("seed", training.DEFAULT_SEED)
        if options["folds"]:
            if options["seeds"] or options["held_out_only"] is not None:
                raise CommandError("--folds scores every row once: drop --seeds and --[no-]held-out-only")
            folds = options["folds"]
            return self.refitted_runs(
                path, examples, metadata, "fold", f"{folds}-fold cross-validation (seed {seed}): each part scored",
                lambda editor, lexicon: training.cross_validated(examples, editor, lexicon, folds, seed,
                                                                 product=not options["text_only"]))
        if options["seeds"]:
            if options["held_out_only"] is False or options["seed"] is not None:
                raise CommandError("--seeds scores each seed's held-out rows: drop --seed and --no-held-out-only")
            seeds = options["seeds"]
            return self.refitted_runs(
                path, examples, metadata, "seed", f"seeds {','.join(map(str, seeds))}: each held-out side scored",
                lambda editor, lexicon: training.repeated_held_out(examples, editor, lexicon, seeds,
                                                                   product=not options["text_only"]))
        held_out_only = options["held_out_only"]
        if held_out_only is None:
            trained_on = {source.get("sha256") for source in metadata.get("inputs", {}).values()}
            held_out_only = sha256_file(path) in trained_on
        train, selected = training.split(examples, seed) if held_out_only else ([], examples)
        if not selected:
            raise CommandError("no rows left on the held-out side: pass --no-held-out-only")
        model, tagger = classifier.current_model(), f"tagger {classifier.tagger_version()}"
        lexicon, lexicon_source = training.training_lexicon()
        if held_out_only and metadata.get("samples", {}).get("fitted_on") == "all":
            self.stdout.write(f"{tagger} was fitted on every row of {path.name}: refitting on the "
                              f"{len(train)} training-side rows to score the held-out ones …\n")
            editor = artifact_editor_examples(metadata)
            model = training.train_model(train + editor, lexicon, seed)[0]
            tagger = f"{tagger}'s settings refitted on the training side"
        report = training.evaluate(selected, model, lexicon, product=not options["text_only"])
        if train:
            report["baseline"] = training.baseline(train, selected, seed)
        scope = f"held-out rows for seed {seed}" if held_out_only else "all rows"
        self.stdout.write(f"{path.name}: {len(selected)} of {len(examples)} labelled rows ({scope}); "
                          f"{tagger}, lexicon from the {lexicon_source}\n")
        self.stdout.write(summary(report))

    def refitted_runs(self, path: Path, examples: list, metadata: dict, run_key: str, plan: str, run) -> None:
        """Print the runs of `run(editor_examples, lexicon)`, each a refit: one per seed ("seed")
        or per part ("fold")."""
        editor = artifact_editor_examples(metadata)
        lexicon, lexicon_source = training.training_lexicon()
        self.stdout.write(f"{path.name}: {len(examples)} labelled rows; {plan}, each a refit of the tagger's settings "
                          f"(+ {len(editor)} editor-labelled items); lexicon from the {lexicon_source}\n")
        try:
            runs = run(editor, lexicon)
        except ValueError as error:
            raise CommandError(f"--{run_key}s: {error}") from error
        self.stdout.write(repeated_summary(runs, run_key))


def seed_list(value: str) -> list[int]:
    """"1,2,3" -> [1, 2, 3]: distinct integers, in order."""
    try:
        seeds = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of integers: {value!r}") from None
    if not seeds:
        raise argparse.ArgumentTypeError("give at least one seed")
    return list(dict.fromkeys(seeds))


def fold_count(value: str) -> int:
    try:
        folds = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if not 2 <= folds <= 100:
        raise argparse.ArgumentTypeError(f"between 2 and 100 folds, not {folds}")
    return folds


def artifact_editor_examples(metadata: dict) -> list:
    """The editors' labels in the database, when the artifact in use was trained with some."""
    if not metadata.get("samples", {}).get("editor_examples"):
        return []
    try:
        return training.editor_examples()[0]
    except DatabaseError as error:
        raise CommandError(f"cannot read the editors' labels the artifact was trained with ({error})") from error


def artifact_metadata() -> dict:
    """The metadata of the artifact in use ({} without one)."""
    try:
        return json.loads((classifier.ARTIFACTS / classifier.METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


PRODUCT = "product path"


def report_rows(report: dict) -> list[tuple[str, dict]]:
    """(label, quality) of each way the rows were tagged, the product path's first."""
    rows = [(f"{PRODUCT}, {label}", q) for label, q in report.get("product", {}).items()]
    labels = (("combined", "tagger on the labelled text alone"), ("classifier", "classifier alone"),
              ("lexicon", "lexicon alone"), ("baseline", "char TF-IDF + LinearSVC (same training rows)"))
    return rows + [(label, report[key]) for key, label in labels if key in report]


def summary(report: dict) -> str:
    rows = report_rows(report)
    lines = training.quality_table("top-level tag", rows)
    headline, first = rows[0]
    lines += ["", f"  {headline}, per class {'precision':>12}{'recall':>10}{'n':>8}"]
    lines += [f"  {label:<20}{q['precision']:>12.4f}{q['recall']:>10.4f}{q['n']:>8}"
              for label, q in first["per_class"].items()]
    return "\n".join(lines) + "\n"


def run_columns(run: dict) -> list[tuple[str, dict]]:
    """One run's figures as columns: the product path (headline title length, and the worst of
    its title lengths), the labelled text alone, the classifier, the lexicon, the baseline."""
    report, columns = run["report"], []
    if products := list(report.get("product", {}).values()):
        columns += [("product", products[0]), ("worst title", min(products, key=lambda q: q["accuracy"]))]
    columns += [("text alone", report["combined"]), ("classifier", report["classifier"]),
                ("lexicon", report["lexicon"]), ("baseline", run["baseline"])]
    return columns


def repeated_summary(runs: list[dict], run_key: str) -> str:
    """One line per run (seed or fold), their mean and spread; for folds, which partition the
    rows, also the accuracies over all rows, exact from the counts. "product" is the product
    path with the first title length, "worst title" the lowest of its title lengths."""
    names = [name for name, _ in run_columns(runs[0])]
    lines = [f"  {'top-level accuracy':<20}{'n':>8}" + "".join(f"{name:>12}" for name in names) + f"{'macro-F1':>12}"]
    rows = [(run[run_key], run_columns(run)) for run in runs]
    for label, columns in rows:
        lines.append(f"  {f'{run_key} {label}':<20}{columns[0][1]['n']:>8}"
                     + "".join(f"{q['accuracy']:>12.4f}" for _, q in columns) + f"{columns[0][1]['macro_f1']:>12.4f}")
    figures = np.array([[q["accuracy"] for _, q in columns] + [columns[0][1]["macro_f1"]] for _, columns in rows])
    for title, values in ((f"mean of {len(rows)}", figures.mean(0)), ("standard deviation", figures.std(0))):
        lines.append(f"  {title:<20}{'':>8}" + "".join(f"{v:>12.4f}" for v in values[:-1]) + f"{values[-1]:>12.4f}")
    if run_key != "fold":  # held-out sides of several seeds overlap: their rows do not add up
        return "\n".join(lines) + "\n"
    n = sum(columns[0][1]["n"] for _, columns in rows)
    pooled = [sum(columns[i][1]["correct"] for _, columns in rows) / n for i in range(len(names))]
    if "worst title" in names:  # the worst title length over all rows, not the worst per part summed
        by_length = [sum(run["report"]["product"][label]["correct"] for run in runs) / n
                     for label in runs[0]["report"]["product"]]
        pooled[names.index("worst title")] = min(by_length)
    lines.append(f"  {'all rows':<20}{n:>8}" + "".join(f"{v:>12.4f}" for v in pooled))
    if "worst title" in names:
        lines.append("  all rows, product path by title length: " + ", ".join(
            f"{label} {value:.4f}" for label, value in zip(runs[0]["report"]["product"], by_length, strict=True)))
    return "\n".join(lines) + "\n"
