"""What a search hit shows: the item's card fields in three small queries (no model objects:
a page of hits is read in about a millisecond), and its title and snippet with the query's
words highlighted, HTML-escaped around them."""

import html
import re

from django.db.models import Count, F
from django.db.models.functions import Substr

from content.constants import PLATFORMS
from content.models import Item
from content.search.terms import QueryGroup
from interests.models import ItemInterest

SNIPPET_CHARS = 90
BODY_OPENING = 3000  # the snippet is cut from this much of the body
TAGS_SHOWN = 3
MIN_TAG_WEIGHT = 0.3
FIELDS = ("id", "kind", "title", "url", "images", "price", "original_price", "currency", "merchant", "published_at",
          "expires_at", "sponsored", "source__platform", "score__worth_score")


def hit_items(item_ids: list[int]) -> dict[int, dict]:
    """id → {card fields, platform_name, worth_score, source_count, interests, image, link,
    body_opening}."""
    rows = Item.objects.filter(pk__in=item_ids).annotate(body_opening=Substr("body_text", 1, BODY_OPENING))
    items = {}
    for row in rows.values(*FIELDS, "body_opening"):
        images = row.pop("images") or []
        platform = row.pop("source__platform")
        items[row["id"]] = {**row, "worth_score": row.pop("score__worth_score"), "platform": platform,
                            "platform_name": PLATFORMS.get(platform, platform), "source_count": 1, "interests": [],
                            "image": images[0] if images and str(images[0]).startswith(("http://", "https://")) else None,
                            "link": f"/items/{row['id']}/"}
    copies = (Item.objects.filter(duplicate_of__in=list(items)).exclude(source_id=F("duplicate_of__source_id"))
              .values("duplicate_of").annotate(sources=Count("source", distinct=True)))
    for row in copies:
        items[row["duplicate_of"]]["source_count"] += row["sources"]
    tags = (ItemInterest.objects.filter(item__in=list(items), weight__gte=MIN_TAG_WEIGHT).order_by("item", "-weight")
            .values_list("item_id", "interest__slug", "interest__name", "weight"))
    for item_id, slug, name, weight in tags:
        if len(items[item_id]["interests"]) < TAGS_SHOWN:
            items[item_id]["interests"].append({"slug": slug, "name": name, "weight": weight})
    return items


def word_pattern(groups: list[QueryGroup]) -> re.Pattern | None:
    words = sorted({w for g in groups for w in ("".join(g.phrase), *g.subwords) if w}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)), re.IGNORECASE) if words else None


def snippet(text: str, pattern: re.Pattern | None) -> str:
    """About SNIPPET_CHARS characters of the body around the first matched word."""
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - SNIPPET_CHARS // 3) if found else 0
    piece = text[start : start + SNIPPET_CHARS].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(text) else "")


def highlight(text: str, pattern: re.Pattern | None) -> str:
    """The text HTML-escaped, with the query's words (and their sub-words) in <mark>."""
    if pattern is None:
        return html.escape(text)
    out, last = [], 0
    for found in pattern.finditer(text):
        out += [html.escape(text[last : found.start()]), f"<mark>{html.escape(found.group())}</mark>"]
        last = found.end()
    out.append(html.escape(text[last:]))
    return "".join(out)
