"""Write MovieLens `u.data`-format interactions (user, item, rating, timestamp, tab separated,
ids from 1) with a known, planted structure, to develop and test `evaluate_recommender` on.

The planted structure, shaped after MovieLens 100k:
- 18 genres of uneven size; items grouped in niches of ~10 (a franchise, a director, a scene),
  each niche inside a genre, each item in one niche with 0-2 extra genres, plus 6 latent
  "style" factors;
- shoppers belong to one of 12 taste clusters (a sparse preference over genres) blended with a
  personal one, follow ~6 niches picked after that preference, and have a style vector;
  affinity = genre match + style_weight × style match (standardised) + niche_weight for a
  followed niche: a low-rank part that factor models (ALS) capture and an item-local part that
  item-item models (EASE, kNN) do;
- who rates what: each shopper rates n_u items (log-normal, at least 20, median ~70, at most
  45% of the catalogue), drawn without replacement with odds ∝ popularity × exp(strength ×
  affinity), log popularity normal with sd popularity_spread, so a few blockbusters are rated
  by half the shoppers and many items by one or two;
- the rating (1-5 with MovieLens's shares 6/11/27/34/22 %) grows with affinity, the item's
  quality (tied to its popularity) and the shopper's leniency, so the positives (≥ 4) carry the
  taste structure;
- timestamps: each shopper rates in 1-4 sessions between Sep 1997 and Apr 1998.

`--setting` picks how much of each part there is (SETTINGS), so that no one model family is
flattered by the data it is measured on. On real MovieLens 100k (seeds 7/8/9, NDCG@10) tuned
ALS leads EASE by 3% and most-popular reaches 0.49 of EASE, item-kNN 0.80 (issue 19):
- "movielens" (default) was set to those ratios: ALS leads EASE by ~5%, popular ~0.50, kNN ~0.83;
- "factors": mostly low-rank taste, few niches: ALS leads EASE by ~7%;
- "niches": the item-local part dominates (the first generator's weights): EASE edges ALS.
Same arguments and seed give the same file.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError

N_GENRES, N_CLUSTERS, N_STYLES = 18, 12, 6
NICHE_SIZE = 10  # items per niche on average: a franchise, a director, a scene
RATING_SHARES = np.array([0.06, 0.11, 0.27, 0.34, 0.22])  # MovieLens 100k's 1..5 star shares
FIRST_TIMESTAMP, LAST_TIMESTAMP = 874_724_710, 893_286_638  # the span of MovieLens 100k
QUALITY_FROM_POPULARITY = 0.8  # how much popular items are also rated higher


@dataclass(frozen=True)
class Setting:
    strength: float  # how strongly taste steers what a shopper rates (vs popularity)
    popularity_spread: float  # standard deviation of log popularity
    style_weight: float  # the low-rank part of taste, next to genres
    niche_weight: float  # the item-local part: the niches a shopper follows


SETTINGS = {
    "movielens": Setting(strength=1.3, popularity_spread=2.0, style_weight=0.8, niche_weight=1.5),
    "factors": Setting(strength=1.2, popularity_spread=1.7, style_weight=1.0, niche_weight=1.0),
    "niches": Setting(strength=1.7, popularity_spread=1.7, style_weight=0.4, niche_weight=2.0),
}


@dataclass
class Items:
    genres: np.ndarray  # items × genres, rows sum to 1
    styles: np.ndarray  # items × styles
    niches: np.ndarray  # the niche of each item
    niche_genres: np.ndarray  # the main genre of each niche
    log_popularity: np.ndarray


def make_items(rng: np.random.Generator, n_items: int, setting: Setting) -> Items:
    """Niches within genres; each item in one niche, with its genre and up to two more."""
    genre_sizes = rng.dirichlet(np.full(N_GENRES, 0.8))  # a few big genres (drama, comedy), many small
    niche_genres = rng.choice(N_GENRES, size=max(1, n_items // NICHE_SIZE), p=genre_sizes)
    niches = rng.integers(len(niche_genres), size=n_items)
    genres = np.zeros((n_items, N_GENRES))
    genres[np.arange(n_items), niche_genres[niches]] = 1.0
    for item in range(n_items):
        extra = rng.choice(N_GENRES, size=rng.choice([0, 1, 2], p=[0.45, 0.4, 0.15]), p=genre_sizes)
        genres[item, extra] = 1.0
    styles = rng.normal(size=(n_items, N_STYLES)) / np.sqrt(N_STYLES)
    log_popularity = rng.normal(scale=setting.popularity_spread, size=n_items)
    return Items(genres / genres.sum(axis=1, keepdims=True), styles, niches, niche_genres, log_popularity)


def user_tastes(rng: np.random.Generator, n_users: int, items: Items) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each shopper's genre preference (their cluster's, blended with a personal one), style, and
    the niches they follow (a few, picked after their genre preference)."""
    cluster_tastes = rng.dirichlet(np.full(N_GENRES, 0.25), size=N_CLUSTERS)
    clusters = rng.integers(N_CLUSTERS, size=n_users)
    tastes = 0.7 * cluster_tastes[clusters] + 0.3 * rng.dirichlet(np.full(N_GENRES, 0.5), size=n_users)
    styles = 0.6 * rng.normal(size=(N_CLUSTERS, N_STYLES))[clusters] + 0.8 * rng.normal(size=(n_users, N_STYLES))
    followed = np.zeros((n_users, len(items.niche_genres)), dtype=bool)
    for user in range(n_users):
        odds = tastes[user, items.niche_genres] + 1e-9
        size = min(1 + rng.poisson(5), len(odds))
        followed[user, rng.choice(len(odds), size=size, replace=False, p=odds / odds.sum())] = True
    return tastes, styles, followed


def activity(rng: np.random.Generator, n_users: int, n_items: int, n_ratings: int) -> np.ndarray:
    """Ratings per shopper: log-normal above a floor of 20 (MovieLens's), summing to n_ratings."""
    floor = min(20, n_items, max(1, n_ratings // max(n_users, 1)))
    extra = rng.lognormal(mean=0.0, sigma=1.0, size=n_users)
    counts = floor + np.floor(extra / extra.sum() * max(n_ratings - floor * n_users, 0)).astype(int)
    counts = np.minimum(counts, int(0.45 * n_items) or 1)
    short = n_ratings - counts.sum()
    while short > 0 and (counts < n_items).any():  # top up the rounding remainder, one shopper at a time
        open_users = np.flatnonzero(counts < n_items)
        picked = rng.choice(open_users, size=min(short, len(open_users)), replace=False)
        counts[picked] += 1
        short -= len(picked)
    return counts


def affinities(tastes: np.ndarray, user_styles: np.ndarray, followed: np.ndarray, items: Items,
               setting: Setting) -> np.ndarray:
    """Shopper × item affinity: standardised genre and style match, plus a bonus for followed niches."""
    genre_match = np.log(tastes @ items.genres.T + 1e-3)
    style_match = user_styles @ items.styles.T
    raw = genre_match / genre_match.std() + setting.style_weight * style_match / style_match.std()
    raw = (raw - raw.mean()) / raw.std()
    return raw + setting.niche_weight * followed[:, items.niches]


def sample_ratings(rng: np.random.Generator, n_users: int, n_items: int, n_ratings: int,
                   setting: Setting = SETTINGS["movielens"]) -> np.ndarray:
    """Rows of (user, item, rating, timestamp), ids from 0."""
    items = make_items(rng, n_items, setting)
    tastes, user_styles, followed = user_tastes(rng, n_users, items)
    affinity = affinities(tastes, user_styles, followed, items, setting)
    counts = activity(rng, n_users, n_items, n_ratings)
    # Gumbel top-k draws n_u items without replacement with odds ∝ exp(key).
    keys = items.log_popularity + setting.strength * affinity + rng.gumbel(size=affinity.shape)
    popularity = items.log_popularity / items.log_popularity.std()
    quality = QUALITY_FROM_POPULARITY * popularity + rng.normal(scale=0.6, size=n_items)
    leniency = rng.normal(scale=0.6, size=n_users)
    rows = []
    for user in range(n_users):
        rated = np.argsort(-keys[user])[: counts[user]]
        latent = 1.1 * affinity[user, rated] + quality[rated] + leniency[user] + rng.normal(scale=0.8, size=len(rated))
        rows.append(np.column_stack([np.full(len(rated), user), rated, latent, timestamps(rng, len(rated))]))
    table = np.vstack(rows)
    table[:, 2] = stars(table[:, 2])
    return table.astype(np.int64)


def stars(latent: np.ndarray) -> np.ndarray:
    """1..5 stars with MovieLens's shares, by quantile of the latent rating."""
    cuts = np.quantile(latent, np.cumsum(RATING_SHARES)[:-1])
    return np.searchsorted(cuts, latent, side="right") + 1


def timestamps(rng: np.random.Generator, n: int) -> np.ndarray:
    """A shopper rates in 1-4 sessions of a few hours each."""
    sessions = rng.integers(FIRST_TIMESTAMP, LAST_TIMESTAMP, size=rng.integers(1, 5))
    return rng.choice(sessions, size=n) + rng.integers(0, 4 * 3600, size=n)


def generated_table(seed: int, n_users: int, n_items: int, n_ratings: int, setting: Setting) -> np.ndarray:
    """The rows a u.data file would hold: ordered by user then time, ids from 1."""
    table = sample_ratings(np.random.default_rng(seed), n_users, n_items, n_ratings, setting)
    table = table[np.lexsort((table[:, 3], table[:, 0]))]
    table[:, :2] += 1  # u.data ids start at 1
    return table


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=943, help="shoppers (default 943, as MovieLens 100k)")
        parser.add_argument("--items", type=int, default=1682, help="items (default 1682)")
        parser.add_argument("--ratings", type=int, default=100_000, help="ratings (default 100000)")
        parser.add_argument("--seed", type=int, default=7, help="seed (default 7)")
        parser.add_argument("--setting", choices=list(SETTINGS), default="movielens",
                            help="how much low-rank vs item-local taste (default movielens; see above)")
        parser.add_argument("--out", required=True, help="the u.data-format file to write")

    def handle(self, *args, **options):
        n_users, n_items, n_ratings = options["users"], options["items"], options["ratings"]
        if min(n_users, n_items, n_ratings) < 1:
            raise CommandError("--users, --items and --ratings must be at least 1")
        if n_ratings > n_users * n_items:
            raise CommandError(f"--ratings {n_ratings} is more than users × items = {n_users * n_items}")
        table = generated_table(options["seed"], n_users, n_items, n_ratings, SETTINGS[options["setting"]])
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        np.savetxt(out, table, fmt="%d", delimiter="\t")
        positives = (table[:, 2] >= 4).mean()
        self.stdout.write(f"wrote {len(table)} ratings by {n_users} users of {n_items} items to {out} "
                          f"({positives:.1%} rated 4 or 5)\n")
