"""The search selector: a shopper's query and filters to a page of ranked, explained hits.

Only approved and featured originals (copies are folded into them, which keeps "全网 N 个来源"),
read at query time: an editor's decision shows on the very next search, as the content epoch
promises feeds. Pages are addressed by a signed cursor holding the offset and the moment the
first page was ranked at, so freshness does not move under a shopper who pages on."""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core import signing
from django.db import connection
from django.utils import timezone

from content.models import ItemSearch
from content.search.backends import Filters, ranked_page
from content.search.present import highlight, hit_items, snippet, word_pattern
from content.search.ranking import Ranked
from content.search.terms import QueryGroup, parse_query

MAX_QUERY_CHARS = 100
MAX_LIMIT = 50
COUNT_CAP = 10_000  # "10000 条以上"
CURSOR_MAX_AGE = 24 * 3600
SIGNER = signing.TimestampSigner(salt="content.search.cursor")


class SearchError(Exception):
    """A query or cursor we cannot answer: a code and a polite message (HTTP 400)."""

    def __init__(self, code: str, message: str, field_name: str = "q") -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field_name


@dataclass
class Hit:
    item: dict  # content.search.present.hit_items
    ranked: Ranked
    explanation: dict
    title_html: str
    snippet_html: str


@dataclass
class SearchPage:
    query: str
    groups: list[QueryGroup]
    hits: list[Hit]
    count: int
    offset: int
    next_cursor: str | None
    partial: bool = False  # no item had every word: items with some of them
    filters: Filters = field(default_factory=Filters)


def search_groups(query: str) -> list[QueryGroup]:
    """The query's groups, or SearchError for what cannot be searched."""
    query = query.strip()
    if not query:
        raise SearchError("empty_query", "请输入要搜索的词。")
    if len(query) > MAX_QUERY_CHARS:
        raise SearchError("query_too_long", f"搜索词最多 {MAX_QUERY_CHARS} 个字，请换个短一点的说法。")
    groups = parse_query(query)
    if not groups:
        raise SearchError("nothing_to_search", "搜索词里没有可以搜索的文字（只有标点或表情），换个说法试试。")
    return groups


def _cursor_fingerprint(query: str, filters: Filters) -> str:
    """Which search a cursor belongs to (the cursor itself is signed)."""
    return hashlib.sha256(repr((query, filters)).encode()).hexdigest()[:16]


def cursor_make(*, offset: int, as_of: datetime, query: str, filters: Filters, partial: bool, count: int) -> str:
    return SIGNER.sign_object({"o": offset, "t": as_of.timestamp(), "p": partial, "n": count,
                               "f": _cursor_fingerprint(query, filters)})


def cursor_read(cursor: str, *, query: str, filters: Filters) -> tuple[int, datetime, bool, int]:
    """(offset, the first page's moment, any-word search, the first page's count)."""
    try:
        value = SIGNER.unsign_object(cursor[:400], max_age=CURSOR_MAX_AGE)
        offset, moment = int(value["o"]), datetime.fromtimestamp(float(value["t"]), tz=UTC)
        partial, count = bool(value["p"]), int(value["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError):
        raise SearchError("invalid_cursor", "翻页链接无效或已过期，请重新搜索。", "cursor") from None
    if value.get("f") != _cursor_fingerprint(query, filters) or offset < 0:
        raise SearchError("invalid_cursor", "翻页链接和当前的搜索条件不符，请重新搜索。", "cursor")
    return offset, moment, partial, count


def search(*, query: str, filters: Filters | None = None, cursor: str | None = None, limit: int = 20) -> SearchPage:
    """One page of hits for the query; raises SearchError for a query or cursor we cannot use.
    When no item has every word, items with any of them (`partial`)."""
    filters = filters or Filters()
    groups = search_groups(query)
    limit = max(1, min(limit, MAX_LIMIT))
    if cursor:
        offset, as_of, partial, count = cursor_read(cursor, query=query, filters=filters)
    else:
        offset, as_of, partial, count = 0, timezone.now(), False, -1
    rows, total = ranked_page(groups=groups, filters=filters, as_of=as_of, limit=limit + 1, offset=offset,
                              any_group=partial)
    if not rows and not cursor and len(groups) > 1:
        partial = True
        rows, total = ranked_page(groups=groups, filters=filters, as_of=as_of, limit=limit + 1, offset=0, any_group=True)
    more = len(rows) > limit
    rows = rows[:limit]
    if count < 0:
        count = min(total, COUNT_CAP)
    next_cursor = (cursor_make(offset=offset + limit, as_of=as_of, query=query, filters=filters, partial=partial,
                               count=count) if more else None)
    return SearchPage(query, groups, _hits(rows, groups), count, offset, next_cursor, partial, filters)


def _hits(rows: list, groups: list[QueryGroup]) -> list[Hit]:
    items = hit_items([r.item_id for r in rows])
    titles = dict(ItemSearch.objects.filter(item_id__in=list(items)).values_list("item_id", "title_terms"))
    pattern = word_pattern(groups)
    hits = []
    for row in rows:
        item = items.get(row.item_id)
        if item is None:
            continue
        ranked = Ranked(row.item_id, row.relevance, row.worth, row.age_days, connection.vendor, item["sponsored"])
        title_terms, body = set(titles.get(row.item_id, "").split()), item.pop("body_opening")
        in_title = [g.label() for g in groups if _group_in(g, title_terms)]
        in_body = [g.label() for g in groups if g.label() not in in_title and pattern and _in_text(g, body)]
        hits.append(Hit(item, ranked, ranked.explanation(in_title, in_body), highlight(item["title"], pattern),
                        highlight(snippet(body, pattern), pattern)))
    return hits


def _group_in(group: QueryGroup, terms: set[str]) -> bool:
    return all(t in terms for t in group.phrase) or bool(group.subwords and terms.issuperset(group.subwords))


def _in_text(group: QueryGroup, text: str) -> bool:
    folded = text.lower()
    return group.label() in folded or bool(group.subwords and all(w in folded for w in group.subwords))
