"""The tagger measured on the path shoppers get (issue 19): a labelled text is made into an item as
a partner pushes it (a title and a body, cleaned by the ingest validation), scored by the real
scoring pass (content.scoring.engine.score_batch, which tags it), and its tags are read as they
are stored and served: weights rounded as interests.services.item_tags_replace stores them,
ordered by weight as the items API lists them; the item's interest is the top level of the first.

Reviews have no title, so platforms and partners make one: the first TITLE_CHARS characters of
the review (the length the issue's measurement used), none, a short one, or the whole text.
Rows that come with a title (the demo corpus) are pushed as they are.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from content.pipeline.sanitize import html_to_text
from content.pipeline.validate import validate_item
from content.scoring.engine import score_batch
from content.scoring.facts import ItemFacts
from interests.classifier import TaggerModel
from interests.lexicon import Lexicon
from interests.tagging import Tag

TITLE_CHARS = 28
# (label, title length; None is the whole text), the first is the headline figure
TITLE_LENGTHS: tuple[tuple[str, int | None], ...] = (
    (f"title = first {TITLE_CHARS} chars", TITLE_CHARS), ("no title", 0), ("title = first 12 chars", 12),
    ("title = whole text", None),
)
STORED_DIGITS = 4  # item_tags_replace stores round(weight, 4)
BATCH = 500


@dataclass(frozen=True)
class Arrival:
    title: str
    body: str


def arrivals(title: str, body: str, title_length: int | None, *, now: datetime) -> Arrival:
    """The (title, body_text) an item built from a labelled row is stored with: a row's own title
    when it has one, else one cut from the body (`title_length` characters, None for all of it),
    through the ingest validation (a title is required there: an item without one is built as a
    source adapter would, from the body alone)."""
    if not title:
        title = body if title_length is None else body[:title_length]
    if not title.strip():
        return Arrival("", html_to_text(body))
    draft, errors = validate_item({"external_id": "evaluation", "url": "https://example.com/evaluation",
                                   "title": title, "body": body}, now=now)
    if draft is None:  # e.g. a row over the title limit: what the partner's adapter would cut
        draft, errors = validate_item({"external_id": "evaluation", "url": "https://example.com/evaluation",
                                       "title": title[:300], "body": body}, now=now)
    if draft is None:
        raise ValueError(f"the ingest validation refuses a row: {errors}")
    return Arrival(draft.title, draft.body_text)


def stored_order(tags: list[Tag]) -> list[Tag]:
    """The tags as the items API lists them: by stored (rounded) weight, strongest first. Ties
    keep the tagger's order, as they are inserted in it."""
    return sorted(tags, key=lambda tag: -round(tag.weight, STORED_DIGITS))


def served_top_level(tags: list[Tag]) -> str:
    """The top level of the first interest the API lists ("" for an untagged item)."""
    if not tags:
        return ""
    first = stored_order(tags)[0]
    return first.parent if first.level == 2 and first.parent else first.slug


def served_top_levels(rows: list[tuple[str, str]], title_length: int | None, lexicon: Lexicon,
                      model: TaggerModel | None = None) -> list[str]:
    """served_top_level of each (title, body) row pushed with `title_length` and scored by the
    scoring pass (with `model` as its tagger; None: the artifact in use)."""
    now = timezone.now()
    facts = ItemFacts(kind="note", platform="web", source_trust=50, now=now)
    found: list[str] = []
    for batch in _batches(rows):
        items = [arrivals(title, body, title_length, now=now) for title, body in batch]
        scored = score_batch([(i.title, i.body) for i in items], [facts] * len(items), lexicon, tagger=model)
        found += [served_top_level(result.signals.interests) for result in scored]
    return found


def _batches(rows: list[tuple[str, str]]) -> Iterator[list[tuple[str, str]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]
