"""The two full-text dialects: a parsed query as an engine expression, and the one SQL query
that matches, filters and ranks in the database (so a common word over 100,000 items never
brings its matches into Python). Filters are plain SQL shared by both; only the match, the
relevance and the age differ.

PostgreSQL: `document @@ to_tsquery('simple', …)` on the GIN-indexed generated tsvector, relevance
`ts_rank` (weights A title, B body, C sub-words; normalised by log length); a title-only match
goes through the titles' own GIN-indexed tsvector (title_document, migration 0009). SQLite: the FTS5
table's MATCH, relevance −bm25 with the columns weighted 4 : 1 : 0.5."""

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from django.db import connection

from content.constants import VISIBLE_STATUSES
from content.search.ranking import score_sql
from content.search.terms import QueryGroup

VENDORS = ("postgresql", "sqlite")
# Sponsored items stay findable (labelled) but their 值得买指数 does not lift them: paid placement
# never takes an organic rank, as in the lists.
SPONSORED_WORTH = "(CASE WHEN i.sponsored THEN 0 ELSE s.worth_score END)"
COMMON = 10_000  # see ranked_page
TITLE_FIRST_DEPTH = 1000
LIKE_SPECIAL = re.compile(r"[!%_]")
MIN_TAG_WEIGHT = 0.3  # an item belongs to a circle by a tag this strong (as feeds count it)


class SearchUnavailable(Exception):
    """The database has no full-text index we know how to use."""


@dataclass(frozen=True)
class Filters:
    interest_id: int | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    platform: str = ""
    kind: str = ""
    deals_only: bool = False
    include_expired: bool = False
    exclude_sponsored: bool = False
    exclude_brands: tuple[str, ...] = ()
    exclude_items: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    require_price: bool = False


@dataclass(frozen=True)
class Row:
    item_id: int
    relevance: float
    worth: float
    age_days: float
    price: Decimal | None = None
    extra: dict = field(default_factory=dict)


def fts5_expression(groups: list[QueryGroup], any_group: bool = False, title_only: bool = False) -> str:
    parts = []
    for group in groups:
        phrase = '"' + " ".join(group.phrase) + '"'
        if group.subwords and not title_only:
            phrase = f'({phrase} OR ({" AND ".join(f"{chr(34)}{w}{chr(34)}" for w in group.subwords)}))'
        parts.append(phrase)
    expression = f" {'OR' if any_group else 'AND'} ".join(parts)
    return f"title_terms : ({expression})" if title_only else expression


def tsquery_expression(groups: list[QueryGroup], any_group: bool = False, title_only: bool = False) -> str:
    weight = ":A" if title_only else ""
    parts = []
    for group in groups:
        phrase = " <-> ".join(f"'{t}'{weight}" for t in group.phrase)
        if len(group.phrase) > 1:
            phrase = f"({phrase})"
        if group.subwords and not title_only:
            phrase = f"({phrase} | ({' & '.join(f'{chr(39)}{w}{chr(39)}' for w in group.subwords)}))"
        parts.append(phrase)
    return f" {'|' if any_group else '&'} ".join(parts)


def _filters_sql(engine: str, filters: Filters, as_of: datetime) -> tuple[list[str], list]:
    where = [f"i.status IN ({', '.join(['%s'] * len(VISIBLE_STATUSES))})", "i.duplicate_of_id IS NULL"]
    params: list = list(VISIBLE_STATUSES)
    if not filters.include_expired:
        where.append("(i.expires_at IS NULL OR i.expires_at > %s)")
        params.append(_when(engine, as_of))
    if filters.interest_id is not None:
        where.append("EXISTS (SELECT 1 FROM interests_iteminterest t WHERE t.item_id = i.id AND t.interest_id = %s"
                     " AND t.weight >= %s)")
        params += [filters.interest_id, MIN_TAG_WEIGHT]
    for column, op, value in (("price", ">=", filters.price_min), ("price", "<=", filters.price_max)):
        if value is not None:
            where.append(f"i.{column} {op} %s")
            params.append(value)
    if filters.require_price:
        where.append("i.price IS NOT NULL")
    if filters.platform:
        where.append("i.source_id IN (SELECT id FROM content_source WHERE platform = %s)")
        params.append(filters.platform)
    kinds = (filters.kind,) if filters.kind else filters.kinds
    if kinds:
        where.append(f"i.kind IN ({', '.join(['%s'] * len(kinds))})")
        params += list(kinds)
    if filters.deals_only:
        where.append("(i.kind = 'deal' OR i.original_price > i.price)")
    if filters.exclude_sponsored:
        where.append("i.sponsored = %s")
        params.append(False)
    for brand in filters.exclude_brands:
        where.append("LOWER(i.brand) <> %s AND LOWER(i.title) NOT LIKE %s ESCAPE '!'")
        params += [brand.lower(), "%" + LIKE_SPECIAL.sub(r"!\g<0>", brand.lower()) + "%"]
    if filters.exclude_items:
        where.append(f"i.id NOT IN ({', '.join(['%s'] * len(filters.exclude_items))})")
        params += list(filters.exclude_items)
    return where, params


def _age_sql(vendor: str) -> str:
    if vendor == "postgresql":
        return "(EXTRACT(EPOCH FROM (%s - COALESCE(i.published_at, i.fetched_at))) / 86400.0)"
    return "(julianday(%s) - julianday(COALESCE(i.published_at, i.fetched_at)))"


def _when(engine: str, moment: datetime):
    """A datetime parameter as the engine compares it: SQLite holds naive UTC text."""
    return moment if engine == "postgresql" else moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def _matched(vendor: str, groups: list[QueryGroup], any_group: bool, title_only: bool = False) -> tuple[str, list]:
    """FROM clause (aliases d, i, s; the relevance is d.relevance) and its parameters."""
    joined = "JOIN content_item i ON i.id = d.item_id JOIN content_itemscore s ON s.item_id = i.id WHERE 1 = 1"
    # On PostgreSQL, OFFSET 0 keeps the subquery from being folded into the outer query, where
    # its relevance stands three times (the column and twice in the ranking): ts_rank, the
    # costly part, would run three times per match instead of once.
    if vendor == "postgresql" and title_only:
        # Found through the titles' own index (a common word is in half the bodies); ranked on
        # the whole document with the title-weighted query, exactly as a document match would be.
        return ("(SELECT d.item_id, ts_rank(d.document, q, 1) AS relevance FROM content_itemsearch d, "
                f"to_tsquery('simple', %s) q WHERE d.title_document @@ to_tsquery('simple', %s) OFFSET 0) d {joined}",
                [tsquery_expression(groups, any_group, True), tsquery_expression(groups, any_group)])
    if vendor == "postgresql":
        return ("(SELECT d.item_id, ts_rank(d.document, q, 1) AS relevance FROM content_itemsearch d, "
                f"to_tsquery('simple', %s) q WHERE d.document @@ q OFFSET 0) d {joined}",
                [tsquery_expression(groups, any_group, title_only)])
    return ("(SELECT rowid AS item_id, -bm25(content_itemsearch_fts, 4.0, 1.0, 0.5) AS relevance "
            f"FROM content_itemsearch_fts WHERE content_itemsearch_fts MATCH %s) d {joined}",
            [fts5_expression(groups, any_group, title_only)])


def vendor() -> str:
    if connection.vendor not in VENDORS:
        raise SearchUnavailable(connection.vendor)
    return connection.vendor


def ranked_rows(*, groups: list[QueryGroup], filters: Filters, as_of: datetime, limit: int, offset: int = 0,
                any_group: bool = False, title_only: bool = False) -> list[Row]:
    """The matching visible originals, best first, with the figures their rank came from.
    `any_group`: any of the groups instead of all; `title_only`: matched in the title."""
    return ranked_page(groups=groups, filters=filters, as_of=as_of, limit=limit, offset=offset, any_group=any_group,
                       title_only=title_only)[0]


def ranked_page(*, groups: list[QueryGroup], filters: Filters, as_of: datetime, limit: int, offset: int = 0,
                any_group: bool = False, title_only: bool = False) -> tuple[list[Row], int]:
    """ranked_rows and how many visible originals match in all (counted in the same query).

    A word in more than COMMON documents (推荐, 收纳 …) would make every search rank half the
    catalogue, and in a body it says little: its first pages are ranked among the items that
    have it in the title, and its count is given as COMMON ("10000 条以上"); when the titles
    cannot fill the page, among all of its matches."""
    if not title_only and offset + limit <= TITLE_FIRST_DEPTH and _common(groups, any_group):
        rows, total = _ranked(groups, filters, as_of, limit, offset, any_group, True)
        if len(rows) == limit:
            return rows, max(total, COMMON)
    return _ranked(groups, filters, as_of, limit, offset, any_group, title_only)


def _ranked(groups, filters, as_of, limit, offset, any_group, title_only) -> tuple[list[Row], int]:
    engine = vendor()
    source, source_params = _matched(engine, groups, any_group, title_only)
    where, params = _filters_sql(engine, filters, as_of)
    age = _age_sql(engine)
    order = score_sql(engine, "d.relevance", SPONSORED_WORTH, age)
    sql = (f"SELECT i.id, d.relevance, {SPONSORED_WORTH}, {age}, i.price, COUNT(*) OVER () FROM {source} AND "
           f"{' AND '.join(where)} ORDER BY {order} DESC, i.id DESC LIMIT %s OFFSET %s")
    when = _when(engine, as_of)
    with connection.cursor() as cursor:
        cursor.execute(sql, [when, *source_params, *params, when, limit, offset])
        found = cursor.fetchall()
    rows = [Row(pk, float(r or 0), float(w or 0), float(a or 0), price) for pk, r, w, a, price, _ in found]
    return rows, (found[0][5] if found else 0)


def _common(groups: list[QueryGroup], any_group: bool) -> bool:
    """Whether more than COMMON documents match: SQLite counts in its FTS index (a few ms at
    worst); PostgreSQL would read every match's row to count, so its planner's estimate from
    the tsvector statistics decides (about a millisecond)."""
    if vendor() == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) SELECT 1 FROM content_itemsearch d "
                           "WHERE d.document @@ to_tsquery('simple', %s)", [tsquery_expression(groups, any_group)])
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return plan[0]["Plan"]["Plan Rows"] > COMMON
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM (SELECT 1 FROM content_itemsearch_fts WHERE content_itemsearch_fts "
                       "MATCH %s LIMIT %s) m", [fts5_expression(groups, any_group), COMMON + 1])
        return cursor.fetchone()[0] > COMMON
