"""Training of the interest classifier (interests.classifier); plain functions behind
`manage.py train_tagger`, `evaluate_tagger` and the retraining task.

Data: the category-labelled real reviews mapped onto the taxonomy, plus every editor-confirmed
item tag (its top level; text = title + body). Split: a seeded hash of the normalised text
(the same formula as content.scoring.training, so the sentiment model holds out the same
reviews), duplicates removed, a text given two labels dropped; 80% train, 20% held out. The
figures come from the model fitted on the 80%; the shipped model is then refitted, with the
same settings, on every example (fit_all): going from 60% to 80% of the reviews gained 0.3
points of held-out accuracy, so the last 20% is worth having. `evaluate_tagger` on the very
file such a model was fitted on refits the 80% side to score the 20%.

Model: a stack over `learned.features` (rare features, in fewer than MIN_DOCUMENT_FREQUENCY
training texts, are left out, which keeps the artifact small). Three linear views, each one
weight matrix: NB-weighted one-vs-rest logistic regression (NBSVM's log-count ratios),
multinomial naive Bayes, and a linear SVM on idf-weighted, re-normalised rows. A multinomial
logistic regression on their out-of-fold scores plus the dense inputs (the lexicon's top-level
weights, the length bucket) combines them; as all of it is linear it folds into one matrix.
Each view alone does about 0.90-0.91 on the held-out reviews; the stack about 0.92.
Two such stacks are fitted, as two softmax heads of one model: one over the top levels and one
over the top levels split by the polarity of the experience (polarity_head); the tagger
averages their probabilities, which gains about 0.2 points over the first head alone.
"""

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from django.core.cache import cache
from django.db import DatabaseError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.naive_bayes import MultinomialNB
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC
from tqdm import tqdm

from content.scoring import learned
from content.scoring.analysis import USER_DICTIONARY
from content.scoring.training import (
    analyses,
    arrays_digest,
    artifact_metadata,
    key_in_slice,
    next_version,
    seeded_split,
    text_key,
)
from content.scoring.training import dedupe as dedupe_by_key
from interests import product_path, taxonomy
from interests.classifier import (
    ARTIFACTS,
    METADATA_FILE,
    MODEL_FILE,
    TaggerModel,
    dense_features,
    interest_tags_batch,
)
from interests.lexicon import Lexicon
from interests.tagging import interest_tags

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_REVIEWS = PROJECT_DIR.parent / "shared" / "data" / "shopping_reviews" / "shopping_reviews.jsonl"
REVIEW_INTERESTS = {
    "书籍": "books", "平板": "digital", "手机": "digital", "计算机": "digital", "水果": "food",
    "蒙牛": "food", "洗发水": "beauty", "热水器": "appliances", "衣服": "fashion", "酒店": "travel",
}
TOP_LEVEL_OF = {node["slug"]: node["parent"] or node["slug"] for node in taxonomy.INTERESTS}
HELD_OUT_PERCENT = 20
FOLDS = 5
MIN_DOCUMENT_FREQUENCY = 5
MIN_CLASS_EXAMPLES = 20  # a top level with fewer training texts is left to the lexicon
NBLR_C, MNB_ALPHA, SVM_C, STACK_C = 4.0, 0.1, 0.3, 1.0  # picked by 5-fold CV on the training side
DEFAULT_SEED = 7
RETRAIN_AFTER_EDITOR_LABELS = 200
RETRAIN_LOCK, RETRAIN_LOCK_SECONDS = "interests:tagger-retraining", 3 * 3600


@dataclass(frozen=True)
class LabelledText:
    title: str
    body: str
    interest: str  # top-level slug
    group: str  # review category, "editor", or the labelled file's name
    polarity: int | None = None  # the row's label: 1 a positive experience, 0 a negative one; None unknown

    @property
    def key(self) -> str:
        return text_key(f"{self.title}\n{self.body}")


def example_from_row(row: dict, group: str) -> LabelledText | None:
    """A labelled JSONL row: {"category", "text"} (shopping reviews), {"interest", "text"} or
    {"title", "body", "interest"}; the interest may be a child slug, a "label" of 1 or 0 the
    polarity of the experience. None if unlabelled."""
    if "category" in row:
        interest, group = REVIEW_INTERESTS.get(row["category"], ""), row["category"]
    else:
        interest = TOP_LEVEL_OF.get(row.get("interest") or "", "")
    title, body = row.get("title") or "", (row.get("body") or row.get("text") or "").lstrip("\ufeff")
    label = row.get("label")
    polarity = label if type(label) is int and label in (0, 1) else None  # "1", 1.0, true, 2: unknown, read instead
    return LabelledText(title, body, interest, group, polarity) if interest and (title or body) else None


def load_labelled(path: Path) -> list[LabelledText]:
    """The labelled rows of a JSONL file; ValueError names the first line that is not a JSON object."""
    examples = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as error:
                raise ValueError(f"line {number} is not JSON ({getattr(error, 'msg', error)})") from None
            if not isinstance(row, dict):
                raise ValueError(f"line {number} is not a JSON object")
            if example := example_from_row(row, Path(path).stem):
                examples.append(example)
    return examples


def editor_examples() -> tuple[list[LabelledText], int]:
    """(one example per editor-tagged item, labelled with the top level editors weighted most;
    the number of editor tags), from the database."""
    from interests.models import ItemInterest

    rows = ItemInterest.objects.filter(origin="editor").values_list(
        "item_id", "interest__slug", "interest__parent__slug", "weight", "item__title", "item__body_text")
    weights: dict[int, Counter] = {}
    texts: dict[int, tuple[str, str]] = {}
    for item_id, slug, parent, weight, title, body in rows:
        weights.setdefault(item_id, Counter())[parent or slug] += max(weight, 1e-6)
        texts[item_id] = (title, body)
    examples = [LabelledText(*texts[i], counts.most_common(1)[0][0], "editor") for i, counts in weights.items()]
    return examples, len(rows)


def held_out(key: str, seed: int) -> bool:
    return key_in_slice(key, seed, HELD_OUT_PERCENT)


def fold_of(key: str, seed: int) -> int:
    return int.from_bytes(hashlib.sha256(f"fold:{seed}:{key}".encode()).digest()[:8], "big") % FOLDS


def dedupe(examples: list[LabelledText]) -> list[LabelledText]:
    """One example per text key; a text given two different interests is dropped."""
    return dedupe_by_key(examples, label=attrgetter("interest"))


def split(examples: list[LabelledText], seed: int) -> tuple[list[LabelledText], list[LabelledText]]:
    return seeded_split(examples, seed, HELD_OUT_PERCENT, label=attrgetter("interest"))


@dataclass
class Inputs:
    """What the model sees of a set of examples, computed once."""

    X: sp.csr_matrix
    dense: np.ndarray
    lexicon_tags: list

    @classmethod
    def of(cls, examples: list[LabelledText], lexicon: Lexicon) -> "Inputs":
        found = analyses(examples)
        tags = [interest_tags(a, lexicon) for a in found]
        return cls(learned.features(found), dense_features(found, tags), tags)


# ---------------------------------------------------------------- the three views and the stack


def per_class(coef: np.ndarray, intercept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(F, K) weights and (K,) intercepts; a two-class linear model gives one column."""
    coef = np.atleast_2d(coef)
    if coef.shape[0] == 1:
        return np.vstack([-coef, coef]).T, np.array([-intercept[0], intercept[0]])
    return coef.T, np.asarray(intercept)


def fit_nblr(X: sp.csr_matrix, y: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    present = (X > 0).astype(np.float32)
    weights, intercepts = [], []
    for c in range(k):
        inside = np.asarray(present[y == c].sum(0)).ravel() + 1.0
        outside = np.asarray(present[y != c].sum(0)).ravel() + 1.0
        ratio = np.log(inside / inside.sum()) - np.log(outside / outside.sum())
        fit = LogisticRegression(C=NBLR_C, max_iter=3000, random_state=seed).fit(X @ sp.diags(ratio), y == c)
        weights.append(fit.coef_[0] * ratio)
        intercepts.append(fit.intercept_[0])
    return np.array(weights).T, np.array(intercepts)


def fit_mnb(X: sp.csr_matrix, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Joint log-likelihoods, centred over the classes (which leaves the argmax, and keeps it linear)."""
    fit = MultinomialNB(alpha=MNB_ALPHA).fit(X, y)
    log_probability = fit.feature_log_prob_ - fit.feature_log_prob_.mean(0)
    return log_probability.T, fit.class_log_prior_ - fit.class_log_prior_.mean()


def fit_svm(X: sp.csr_matrix, y: np.ndarray, idf: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """On rows X * idf, re-normalised: weights are (coef * idf), applied as X @ W / ||X * idf||."""
    fit = LinearSVC(C=SVM_C, random_state=seed, max_iter=5000).fit(normalize(X @ sp.diags(idf)), y)
    weights, intercepts = per_class(fit.coef_, fit.intercept_)
    return weights * idf[:, None], intercepts


def view_scores(X: sp.csr_matrix, y: np.ndarray, k: int, idf: np.ndarray, seed: int) -> list:
    """[(W, b, row-normalised?)] of the three views fitted on (X, y)."""
    return [(*fit_nblr(X, y, k, seed), False), (*fit_mnb(X, y), False), (*fit_svm(X, y, idf, seed), True)]


def apply_views(views: list, X: sp.csr_matrix, idf: np.ndarray) -> np.ndarray:
    norms = np.sqrt(np.asarray(X.multiply(X) @ (idf**2))).ravel()
    norms[norms == 0] = 1.0
    return np.hstack([(X @ W) / (norms[:, None] if scaled else 1.0) + b for W, b, scaled in views])


def fit_stack(inputs: Inputs, y: np.ndarray, k: int, keep: np.ndarray, idf: np.ndarray, folds: np.ndarray,
              seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Views fitted per fold give out-of-fold scores to fit the stack on; the views fitted on
    all of the training side are then folded with the stack: (coef, dense_coef, intercept)."""
    X = (inputs.X @ sp.diags(keep.astype(np.float32))).tocsr()
    X.eliminate_zeros()
    scores = np.zeros((X.shape[0], 3 * k))
    for fold in range(FOLDS):
        inside = folds != fold
        scores[~inside] = apply_views(view_scores(X[inside], y[inside], k, idf, seed), X[~inside], idf)
    features = np.hstack([scores, inputs.dense])
    mean, scale = features.mean(0), features.std(0)
    scale[scale == 0] = 1.0
    stack = LogisticRegression(C=STACK_C, max_iter=5000, random_state=seed).fit((features - mean) / scale, y)
    S = per_class(stack.coef_, stack.intercept_)[0].T / scale  # (K, 3K + dense), on raw inputs
    intercept = per_class(stack.coef_, stack.intercept_)[1] - S @ mean
    coef = np.zeros((X.shape[1], 2 * k))
    for index, (W, b, scaled) in enumerate(view_scores(X, y, k, idf, seed)):
        part, offset = S[:, index * k:(index + 1) * k], k if scaled else 0
        coef[:, offset:offset + k] += W @ part.T
        intercept = intercept + part @ b
    coef[~keep] = 0.0
    return coef, S[:, 3 * k:].T, intercept


def train_model(train: list[LabelledText], lexicon: Lexicon, seed: int) -> tuple[TaggerModel, dict]:
    """The tagger model fitted on `train` (classes with enough examples), and its sample counts."""
    counts = Counter(e.interest for e in train)
    classes = tuple(sorted(c for c, n in counts.items() if n >= MIN_CLASS_EXAMPLES))
    train = [e for e in train if e.interest in classes]
    inputs = Inputs.of(train, lexicon)
    y = np.array([classes.index(e.interest) for e in train])
    document_frequency = np.bincount(inputs.X.indices, minlength=inputs.X.shape[1])
    keep = document_frequency >= MIN_DOCUMENT_FREQUENCY
    idf = np.where(keep, np.log((1 + len(train)) / (1 + document_frequency)) + 1, 0.0).astype(np.float32)
    folds = np.array([fold_of(e.key, seed) for e in train])
    polarity_keys, polarity_y = polarity_head(train, inputs.X, classes)
    heads = [(classes, y), (tuple(slug for slug, _ in polarity_keys), polarity_y)]
    fits = [fit_stack(inputs, labels, len(columns), keep, idf, folds, seed) for columns, labels in heads]
    # one (N, 2C) matrix: every head's unnormalised view columns, then every head's normalised ones
    sizes = [len(columns) for columns, _ in heads]
    coef = np.hstack([fit[0][:, :k] for fit, k in zip(fits, sizes, strict=True)]
                     + [fit[0][:, k:] for fit, k in zip(fits, sizes, strict=True)])
    model = TaggerModel(classes, coef.astype(np.float32), idf, np.hstack([fit[1] for fit in fits]),
                        np.concatenate([fit[2] for fit in fits]), columns=sum((columns for columns, _ in heads), ()),
                        heads=tuple(sizes)).quantised()
    samples = {"train": len(train), "train_by_interest": dict(sorted(counts.items())),
               "left_to_lexicon": sorted(set(counts) - set(classes)), "kept_features": int(keep.sum()),
               "polarity_head": [f"{slug}{POLARITY_MARK[side]}" for slug, side in polarity_keys]}
    return model, samples


POLARITY_MARK = {1: "+", 0: "-", None: ""}


def polarity_head(train: list[LabelledText], X: sp.csr_matrix, classes: tuple[str, ...]) -> tuple[list, np.ndarray]:
    """The second head's columns, as (top level, polarity), and each example's column: the top
    levels split by the polarity of the experience (the row's label, else the sentiment model's
    reading). Positive and negative reviews of one category share few words beyond its topic, so
    one linear model per side fits each better, and averaged with the plain head the split
    gains about 0.2 points of accuracy (10-fold cross-validation; see the README). A top level
    with fewer than MIN_CLASS_EXAMPLES on one side keeps one column."""
    unknown = [i for i, e in enumerate(train) if e.polarity is None]
    polarity = [e.polarity for e in train]
    if unknown:
        readings = learned.sentiment_probabilities(analyses([train[i] for i in unknown]), X[unknown])
        for i, reading in zip(unknown, readings, strict=True):
            polarity[i] = int(reading >= 0.5)
    sides = Counter(zip((e.interest for e in train), polarity, strict=True))
    keys: list[tuple[str, int | None]] = []
    for slug in classes:
        split = all(sides[slug, side] >= MIN_CLASS_EXAMPLES for side in (0, 1))
        keys += [(slug, 0), (slug, 1)] if split else [(slug, None)]
    index: dict[tuple[str, int | None], int] = {key: i for i, key in enumerate(keys)}
    y = np.array([index.get((e.interest, side), index.get((e.interest, None))) for e, side in zip(train, polarity, strict=True)])
    return keys, y


# ---------------------------------------------------------------- evaluation


def first_top_level(tags: list) -> str:
    """The top-ranked top-level tag's slug, "" for an item without one."""
    return next((tag.slug for tag in tags if tag.level == 1), "")


def quality(truth: list[str], predicted: list[str], tagged: list[bool]) -> dict:
    """Accuracy (no tag counts as wrong; `correct` of `n`, so runs pool exactly), macro-F1 and
    per-class figures over the labels that occur in `truth` (a prediction of another top level
    only costs precision), coverage."""
    labels = sorted(set(truth))
    precision, recall, f1, support = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    right = np.array(truth) == np.array(predicted)
    return {
        "n": len(truth), "correct": int(right.sum()), "accuracy": round(float(right.mean()), 4),
        "macro_f1": round(float(f1.mean()), 4), "coverage": round(float(np.mean(tagged)), 4),
        "per_class": {label: {"precision": round(float(p), 4), "recall": round(float(r), 4), "n": int(n)}
                      for label, p, r, n in zip(labels, precision, recall, support, strict=True)},
    }


def quality_table(title: str, rows: list[tuple[str, dict]]) -> list[str]:
    """Lines of accuracy, macro-F1, coverage and n per labelled quality() report, for the commands."""
    lines = [f"  {title:<46}{'accuracy':>10}{'macro-F1':>10}{'coverage':>10}{'n':>8}"]
    return lines + [f"  {label:<46}{q['accuracy']:>10.4f}{q['macro_f1']:>10.4f}{q['coverage']:>10.4f}{q['n']:>8}"
                    for label, q in rows]


def evaluate(examples: list[LabelledText], model: TaggerModel | None, lexicon: Lexicon, batch: int = 500,
             product: bool = True) -> dict:
    """The combined tagger exactly as production tags (interest_tags_batch) on each labelled text
    ("combined"), the classifier alone (its most probable top level) and the lexicon alone; with
    `product`, also the product path (interests.product_path): each row pushed as an item with
    each of its title lengths, scored by the scoring pass, its served tags read ("product", by
    title length; one figure for rows that come with titles)."""
    truth = [e.interest for e in examples]
    combined, classifier, lexicon_only = [], [], []
    for start in range(0, len(examples), batch):
        found = analyses(examples[start:start + batch])
        X = learned.features(found)
        combined += interest_tags_batch(found, X, lexicon, model)
        lexicon_only += [interest_tags(a, lexicon) for a in found]
        if model is not None:
            probabilities = model.probabilities(X, dense_features(found, lexicon_only[-len(found):]))
            classifier += [model.classes[i] for i in probabilities.argmax(1)]
    report = {
        "combined": quality(truth, [first_top_level(t) for t in combined], [bool(t) for t in combined]),
        "lexicon": quality(truth, [first_top_level(t) for t in lexicon_only], [bool(t) for t in lexicon_only]),
    }
    if model is not None:
        report["classifier"] = quality(truth, classifier, [True] * len(truth))
    if product:
        rows = [(e.title, e.body) for e in examples]
        lengths = product_path.TITLE_LENGTHS if any(not e.title for e in examples) else (("as pushed", None),)
        report["product"] = {}
        for label, length in lengths:
            served = product_path.served_top_levels(rows, length, lexicon, model)
            report["product"][label] = quality(truth, served, [bool(s) for s in served])
    return report


def baseline(train: list[LabelledText], test: list[LabelledText], seed: int) -> dict:
    """Character 1-3-gram TF-IDF + LinearSVC on the raw texts of the same split."""
    def texts(examples: list[LabelledText]) -> list[str]:
        return [f"{e.title}\n{e.body}" if e.title else e.body for e in examples]

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3))
    fit = LinearSVC(random_state=seed).fit(vectorizer.fit_transform(texts(train)), [e.interest for e in train])
    predicted = list(fit.predict(vectorizer.transform(texts(test))))
    return quality([e.interest for e in test], predicted, [True] * len(test))


def repeated_held_out(examples: list[LabelledText], extra: list[LabelledText], lexicon: Lexicon, seeds: list[int],
                      product: bool = True) -> list[dict]:
    """Per seed, the tagger's settings refitted on that seed's training side of `examples`
    (plus `extra`, such as the editors' labels, which are never scored) and scored on its
    held-out side, next to the baseline fitted on the same rows. One split's accuracy moves by
    about ±0.3 points with the seed (n ≈ 10,000), so a mean over several says more than one."""
    splits = [(seed, seed, *split(examples, seed)) for seed in seeds]
    if (empty := next((seed for seed, _, _, test in splits if not test), None)) is not None:  # seed 0 is one
        raise ValueError(f"seed {empty} holds out no rows")
    return refits_scored(splits, "seed", extra, lexicon, product)


def cross_validated(examples: list[LabelledText], extra: list[LabelledText], lexicon: Lexicon, folds: int, seed: int,
                    product: bool = True) -> list[dict]:
    """k-fold cross-validation: the deduplicated rows of `examples` fall into `folds` parts by a
    seeded hash of their text; each part is scored by the tagger's settings refitted on the
    other parts (plus `extra`, never scored), next to the baseline fitted on the same rows.
    Every row is scored once, by a model fitted on (k-1)/k of the file: nearer the shipped
    model, which is fitted on all of it, than an 80% fit."""
    unique = dedupe(examples)
    parts = [int.from_bytes(hashlib.sha256(f"cv:{seed}:{e.key}".encode()).digest()[:8], "big") % folds for e in unique]
    if empty := sorted(set(range(folds)) - set(parts)):
        raise ValueError(f"part {empty[0] + 1} of {folds} holds no rows: use fewer folds")
    splits = [(part + 1, seed, [e for e, p in zip(unique, parts, strict=True) if p != part],
               [e for e, p in zip(unique, parts, strict=True) if p == part]) for part in range(folds)]
    return refits_scored(splits, "fold", extra, lexicon, product)


def refits_scored(splits: list[tuple[int, int, list[LabelledText], list[LabelledText]]], key: str, extra: list[LabelledText],
                  lexicon: Lexicon, product: bool = True) -> list[dict]:
    """Per (label, seed, train, test), checked beforehand so no error comes after minutes of
    fitting: the tagger refitted on train + extra scores test, next to the baseline."""
    runs = []
    for label, seed, train, test in tqdm(splits, desc=f"refit per {key}", unit=key, disable=len(splits) < 2):
        model = train_model(train + extra, lexicon, seed)[0]
        report = evaluate(test, model, lexicon, product=product)
        runs.append({key: label, "train": len(train) + len(extra), "report": report,
                     "baseline": baseline(train + extra, test, seed)})
    return runs


def train_and_evaluate(examples: list[LabelledText], lexicon: Lexicon, seed: int) -> tuple[TaggerModel, dict]:
    """Split, fit on the 80%, report on the 20% next to the baseline (on the same split)."""
    train, test = split(examples, seed)
    model, samples = train_model(train, lexicon, seed)
    report = {"held_out": evaluate(test, model, lexicon), "baseline_char_tfidf_svm": baseline(train, test, seed),
              "hyperparameters": {"nblr_c": NBLR_C, "mnb_alpha": MNB_ALPHA, "svm_c": SVM_C, "stack_c": STACK_C,
                                  "min_document_frequency": MIN_DOCUMENT_FREQUENCY, "folds": FOLDS}}
    samples |= {"held_out": len(test), "held_out_by_interest": dict(sorted(Counter(e.interest for e in test).items()))}
    return model, report | {"samples": samples}


# ---------------------------------------------------------------- artifacts and retraining


def training_lexicon() -> tuple[Lexicon, str]:
    """The lexicon production tags with (the database's), or the seed taxonomy without one."""
    from interests.models import Interest

    try:
        if Interest.objects.exists():
            return Lexicon.from_database(), "database"
    except DatabaseError:
        pass
    return Lexicon.from_taxonomy(), "taxonomy"


def editor_label_count() -> int:
    from interests.models import ItemInterest

    return ItemInterest.objects.filter(origin="editor").count()


def write_atomically(path: Path, write: Callable[[Any], object]) -> None:
    """Write beside `path`, then rename over it: readers see the old file or the new one."""
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as file:
        try:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        except BaseException:
            os.unlink(file.name)
            raise
    os.replace(file.name, path)


def coefficients_digest(model: TaggerModel) -> str:
    return arrays_digest(model.coef, model.idf, model.dense_coef, model.intercept,
                         head=json.dumps(model.classes).encode())


def save_artifacts(model: TaggerModel, report: dict, *, out_dir: Path, command: str, seed: int,
                   inputs: dict[str, Path], lexicon_source: str) -> dict:
    """Write out_dir/tagger.npz (its version inside) and tagger.json, each atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    digest = coefficients_digest(model)
    model = replace(model, version=next_version("tagger", out_dir, now, digest))
    write_atomically(out_dir / MODEL_FILE, model.save)
    metadata = artifact_metadata(
        "tagger", model.version, now, command=command, seed=seed, inputs=inputs, report=report,
        classes=list(model.classes), lexicon=lexicon_source,
        artifact={"file": MODEL_FILE, "bytes": (out_dir / MODEL_FILE).stat().st_size, "coefficients_sha256": digest})
    text = json.dumps(metadata, ensure_ascii=False, indent=2) + "\n"
    write_atomically(out_dir / METADATA_FILE, lambda file: file.write(text.encode("utf-8")))
    return metadata


def train_and_save(reviews: Path, out_dir: Path, seed: int, command: str, use_editor_labels: bool = True,
                   fit_all: bool = True) -> dict:
    """The whole run: reviews (+ editor labels) -> split, fit, evaluate -> artifacts; the metadata.
    With fit_all the artifact is refitted on every example once the 80% fit is evaluated."""
    editor, editor_labels = editor_examples() if use_editor_labels else ([], 0)
    lexicon, lexicon_source = training_lexicon()
    examples = load_labelled(reviews) + editor
    model, report = train_and_evaluate(examples, lexicon, seed)
    report["samples"] |= {"editor_labels": editor_labels, "editor_examples": len(editor),
                          "fitted_on": "all" if fit_all else "train_split"}
    if fit_all:
        model, everything = train_model(dedupe(examples), lexicon, seed)
        report["samples"] |= {"final_fit": everything["train"], "kept_features": everything["kept_features"]}
    inputs = {"reviews": reviews} | ({"userdict": USER_DICTIONARY} if USER_DICTIONARY.exists() else {})
    return save_artifacts(model, report, out_dir=out_dir, command=command, seed=seed, inputs=inputs,
                          lexicon_source=lexicon_source)


def retrain_if_needed(out_dir: Path = ARTIFACTS, threshold: int = RETRAIN_AFTER_EDITOR_LABELS) -> dict:
    """Retrain when at least `threshold` editor labels were added since the artifact was
    trained (its metadata holds the count it saw), with the artifact's reviews and seed."""
    try:
        previous = json.loads((out_dir / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    new_labels = editor_label_count() - previous.get("samples", {}).get("editor_labels", 0)
    if new_labels < threshold:
        return {"retrained": False, "new_editor_labels": new_labels}
    reviews = PROJECT_DIR / previous.get("inputs", {}).get("reviews", {}).get("path", DEFAULT_REVIEWS)
    if not reviews.is_file():
        return {"retrained": False, "new_editor_labels": new_labels, "reason": f"no reviews at {reviews}"}
    if not cache.add(RETRAIN_LOCK, True, timeout=RETRAIN_LOCK_SECONDS):  # another worker is at it
        return {"retrained": False, "new_editor_labels": new_labels, "reason": "already retraining"}
    try:
        seed = previous.get("seed", DEFAULT_SEED)
        metadata = train_and_save(reviews, out_dir, seed, f"retrain_tagger_if_needed (seed {seed})")
    finally:
        cache.delete(RETRAIN_LOCK)
    return {"retrained": True, "new_editor_labels": new_labels, "version": metadata["version"]}
