"""Train the interest classifier (interests.classifier) on the category-labelled shopping
reviews mapped onto the taxonomy plus every editor-confirmed item tag in the database, evaluate
it on a seeded held-out 20% (by a hash of the normalised text) next to a char TF-IDF (1-3) +
LinearSVC baseline on the same split, refit it on every text (unless --no-fit-all) and write
interests/artifacts/tagger.npz + tagger.json (version, command, seed, input checksums, counts,
held-out metrics of the 80% fit). Same inputs and seed give the same coefficients and figures.
Prints a table, then the metadata as JSON.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from content.scoring.training import DEFAULT_REVIEWS_ARG, command_path
from interests import training

DEFAULT_REVIEWS = DEFAULT_REVIEWS_ARG
DEFAULT_OUT = "interests/artifacts"
resolve = command_path


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--reviews", default=DEFAULT_REVIEWS, help=f"shopping_reviews.jsonl (default {DEFAULT_REVIEWS})")
        parser.add_argument("--out", default=DEFAULT_OUT, help=f"artifact folder (default {DEFAULT_OUT})")
        parser.add_argument("--seed", type=int, default=training.DEFAULT_SEED,
                            help=f"seed of the split, the folds and the solvers (default {training.DEFAULT_SEED})")
        parser.add_argument("--no-editor-labels", action="store_true",
                            help="train on the reviews only, without the editors' confirmed tags")
        parser.add_argument("--no-fit-all", action="store_true",
                            help="ship the model fitted on the 80%% training side instead of refitting it on every text")

    def handle(self, *args, **options):
        reviews = resolve(options["reviews"], DEFAULT_REVIEWS)
        if not reviews.is_file():
            raise CommandError(f"--reviews: no file at {reviews}")
        try:
            metadata = training.train_and_save(
                reviews, resolve(options["out"], DEFAULT_OUT), options["seed"], self.command_line(options),
                use_editor_labels=not options["no_editor_labels"], fit_all=not options["no_fit_all"],
            )
        except DatabaseError as error:
            raise CommandError(f"cannot read the editors' labels ({error}): migrate, or pass --no-editor-labels") from error
        self.stdout.write(table(metadata))
        self.stdout.write(json.dumps(metadata, ensure_ascii=False, indent=2))

    def command_line(self, options: dict) -> str:
        line = f"python manage.py train_tagger --reviews {options['reviews']} --out {options['out']} --seed {options['seed']}"
        return line + "".join(f" --{flag.replace('_', '-')}" for flag in ("no_editor_labels", "no_fit_all") if options[flag])


def table(metadata: dict) -> str:
    metrics, samples = metadata["metrics"], metadata["samples"]
    held_out = metrics["held_out"]
    lines = [
        f"\n兴趣分类 tagger {metadata['version']}: {', '.join(metadata['classes'])}",
        f"  trained on {samples['train']} texts ({samples['editor_examples']} editor-labelled items, "
        f"{samples['editor_labels']} editor labels), held out {samples['held_out']}; lexicon from the {metadata['lexicon']}",
        "  shipped: " + (f"refitted on all {samples['final_fit']} texts; the figures below are the 80% fit's"
                         if samples.get("fitted_on") == "all" else "the 80% fit itself"),
    ]
    lines += training.quality_table("held-out 20%, top-level tag", [
        *((f"product path, {label}", q) for label, q in held_out.get("product", {}).items()),
        ("tagger on the labelled text alone", held_out["combined"]),
        ("classifier alone (most probable)", held_out["classifier"]),
        ("lexicon alone", held_out["lexicon"]),
        ("baseline char TF-IDF (1-3) + LinearSVC", metrics["baseline_char_tfidf_svm"]),
    ])
    artifact = metadata["artifact"]
    lines.append(f"  artifact {artifact['file']}: {artifact['bytes'] / 1e6:.2f} MB, "
                 f"{samples['kept_features']} features kept")
    return "\n".join(lines) + "\n\n"
