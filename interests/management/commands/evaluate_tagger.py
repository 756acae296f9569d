"""Evaluate the interest tagger exactly as production tags (lexicon + classifier, from
interests.classifier.interest_tags_batch) on labelled JSONL: shopping_reviews rows
{"category", "text"}, or {"interest": "<slug>", "text"} / {"title", "body", "interest"} rows
such as content/demo/demo_items.jsonl. Prints top-level accuracy (the top-ranked top-level tag
equals the label; no tag counts as wrong), macro-F1, coverage (share with any tag) and
per-class precision/recall, next to the classifier alone and the lexicon alone.

--held-out-only keeps only the rows on the held-out side of the training split for --seed
(default: the artifact's seed), so it never scores a text the classifier was trained on. It is
the default when --data is the very file the artifact was trained on (same SHA-256); any other
file, such as a separately kept test set, is evaluated whole. The shipped artifact is refitted on
every row of its training file after its held-out evaluation (interests.training), so on that
file the command first refits a model on the training side with the same settings and seed, plus
the editors' labels in the database when the artifact was trained with some (a minute or two on
the shopping reviews), and scores that one: no row it scores was seen in fitting.

--seeds 1,2,3,4,5 repeats that for each seed (split, refit on the training side, score the held-out
side, fit the char TF-IDF + LinearSVC baseline on the same rows) and prints each seed and the
mean: one split's figure moves by about ±0.3 points with the seed (two minutes a seed on the
shopping reviews).

--folds 10 cross-validates instead: the rows fall into ten parts by a hash of their text (seeded
by --seed), each part is scored by the tagger's settings refitted on the other nine, and the
figures over all rows (each scored once, by a model fitted on 90% of the file) are printed with
each part's; about three minutes a part on the shopping reviews.
"""

import argparse
import json
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

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
                lambda editor, lexicon: training.cross_validated(examples, editor, lexicon, folds, seed))
        if options["seeds"]:
            if options["held_out_only"] is False or options["seed"] is not None:
                raise CommandError("--seeds scores each seed's held-out rows: drop --seed and --no-held-out-only")
            seeds = options["seeds"]
            return self.refitted_runs(
                path, examples, metadata, "seed", f"seeds {','.join(map(str, seeds))}: each held-out side scored",
                lambda editor, lexicon: training.repeated_held_out(examples, editor, lexicon, seeds))
        held_out_only = options["held_out_only"]
        if held_out_only is None:
            trained_on = {source.get("sha256") for source in metadata.get("inputs", {}).values()}
            held_out_only = training.sha256_file(path) in trained_on
        train, selected = training.split(examples, seed) if held_out_only else ([], examples)
        if not selected:
            raise CommandError("no rows left on the held-out side: pass --no-held-out-only")
        model, tagger = classifier.current_model(), f"tagger {classifier.tagger_version()}"
        lexicon, lexicon_source = training.training_lexicon()
        if held_out_only and metadata.get("samples", {}).get("fitted_on") == "all":
            self.stdout.write(f"{tagger} was fitted on every row of {path.name}: refitting on the "
                              f"{len(train)} training-side rows to score the held-out ones …\n")
            editor = artifact_editor_examples(metadata)
            model, tagger = training.train_model(train + editor, lexicon, seed)[0], f"{tagger}'s settings refitted on the training side"
        report = training.evaluate(selected, model, lexicon)
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


def summary(report: dict) -> str:
    labels = (("combined", "combined tagger (as in production)"), ("classifier", "classifier alone"),
              ("lexicon", "lexicon alone"))
    lines = training.quality_table("top-level tag", [(label, report[key]) for key, label in labels if key in report])
    lines += ["", f"  combined, per class {'precision':>12}{'recall':>10}{'n':>8}"]
    lines += [f"  {label:<20}{q['precision']:>12.4f}{q['recall']:>10.4f}{q['n']:>8}"
              for label, q in report["combined"]["per_class"].items()]
    return "\n".join(lines) + "\n"


def repeated_summary(runs: list[dict], run_key: str) -> str:
    """One line per run (seed or fold), their mean and spread; for folds, which partition the
    rows, also the accuracies over all rows, exact from the counts."""
    taggers = ("combined", "classifier", "lexicon")
    lines = [f"  {'top-level accuracy':<20}{'n':>8}" + "".join(f"{label:>12}" for label in (*taggers, "baseline"))
             + f"{'combined macro-F1':>20}"]
    rows = [(run[run_key], [run["report"][key] for key in taggers] + [run["baseline"]]) for run in runs]
    for label, reports in rows:
        lines.append(f"  {f'{run_key} {label}':<20}{reports[0]['n']:>8}" + "".join(f"{q['accuracy']:>12.4f}" for q in reports)
                     + f"{reports[0]['macro_f1']:>20.4f}")
    figures = np.array([[q["accuracy"] for q in reports] + [reports[0]["macro_f1"]] for _, reports in rows])
    for title, values in ((f"mean of {len(rows)}", figures.mean(0)), ("standard deviation", figures.std(0))):
        lines.append(f"  {title:<20}{'':>8}" + "".join(f"{v:>12.4f}" for v in values[:-1]) + f"{values[-1]:>20.4f}")
    if run_key != "fold":  # held-out sides of several seeds overlap: their rows do not add up
        return "\n".join(lines) + "\n"
    n = sum(reports[0]["n"] for _, reports in rows)
    pooled = [sum(reports[i]["correct"] for _, reports in rows) / n for i in range(len(taggers) + 1)]
    lines.append(f"  {'all rows':<20}{n:>8}" + "".join(f"{v:>12.4f}" for v in pooled))
    return "\n".join(lines) + "\n"
