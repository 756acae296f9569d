"""The rows one ingest batch reads and writes, in a fixed few statements whatever its size:
whole columns as arrays (`WHERE key = ANY(…)`, and guide.db's `INSERT … SELECT FROM unnest(…)`
for the items and authors). Measured on 500-item batches, PostgreSQL 15, this machine: the
12,000 band rows went from 626 ms (27 statements of 900 parameters) to about 60. SQLite, the
embedded default, gets plain statements (it has no arrays, and speed does not matter there)."""

import io
import json
from collections.abc import Iterable, Sequence

from django.db import connection

from content.models import Item, ItemBand
from guide.db import insert_rows, postgres


def item_ids_allocate(*, count: int) -> list[int]:
    """`count` new Item ids, ascending, taken before the rows are written: a batch's items get
    ids in the order they were sent (as if stored one at a time) while their rows are written in
    another order (canonical URL, for locks), and a copy knows its in-batch original's id."""
    if count <= 0:
        return []
    table = Item._meta.db_table
    with connection.cursor() as cursor:
        if postgres():
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, count])
            return sorted(row[0] for row in cursor.fetchall())
        # SQLite writes one transaction at a time; a row another connection slipped in between
        # this and the insert is an IntegrityError, and the batch is tried again.
        cursor.execute(f"SELECT max(coalesce((SELECT max(id) FROM {table}), 0), "
                       "coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))", [table])
        last = cursor.fetchone()[0]
    return list(range(last + 1, last + count + 1))


def bands_insert(*, item_ids: Sequence[int], keys: Sequence[int]) -> None:
    """ItemBand rows (item_ids[i], keys[i]): one COPY on PostgreSQL. A batch of 500 items has
    12,000 of them; COPY takes half the time of INSERT … SELECT FROM unnest (measured: 49
    against 94 ms per 12,000 rows, commit included)."""
    if not item_ids:
        return
    if not postgres():
        insert_rows(ItemBand, ("item_id", "key"), list(zip(item_ids, keys, strict=True)))
        return
    rows = "".join(f"{int(item_id)}\t{int(key)}\n" for item_id, key in zip(item_ids, keys, strict=True))
    # copy_expert is psycopg2's own: its errors are made Django's here, as execute() makes them,
    # so that a dropped connection is a 503 and a retry like any other statement's (not a 500).
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.copy_expert(f"COPY {ItemBand._meta.db_table} (item_id, key) FROM STDIN", io.StringIO(rows))


def _any(column: str, values: Iterable, cast: str) -> tuple[str, list]:
    """`column` is one of `values`: one array parameter on PostgreSQL, one JSON one on SQLite."""
    values = list(values)
    if postgres():
        return f"{column} = ANY(%s::{cast}[])", [values]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(values)]


def band_matches(*, keys: Iterable[int], per_key: int) -> list[tuple[int, int]]:
    """(key, item_id) of stored bands with these keys: for each key the `per_key` earliest
    items, so that a generic key shared by thousands of items costs a bounded read and the
    earliest candidates (the ones find_original prefers) are always among those read.

    The keys (12,000 for a 500-item batch) are read off the (key, item) index in one scan. Left
    to choose, PostgreSQL scanned the whole band table in parallel once it held about a million
    rows (130–170 ms, growing with the catalogue, against 60 ms by the index), so the plain scan
    is switched off for this statement, inside the ingest transaction. One index walk per key
    (a LATERAL join) was no better: fast on a freshly vacuumed index, but 100–200 ms per batch
    on a small table with recently written or deleted rows."""
    where, params = _any("key", keys, "bigint")
    with connection.cursor() as cursor:
        if postgres():
            cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
            seqscan = cursor.fetchone()[0]
        cursor.execute(
            "SELECT key, item_id FROM (SELECT key, item_id, row_number() OVER (PARTITION BY key ORDER BY item_id) "
            f"AS n FROM {ItemBand._meta.db_table} WHERE {where}) AS matched WHERE n <= %s",
            [*params, per_key],
        )
        matches = cursor.fetchall()
        if postgres():
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [seqscan])
    return matches


def originals_by_hash(*, hashes: Iterable[str]) -> list[tuple[str, int]]:
    """(content_hash, id) of stored originals (not copies) with these exact-text hashes. Copies
    are left out here rather than in SQL: given both conditions, PostgreSQL took the far less
    selective one on a stale estimate while the table grew (78 ms per batch, at 50,000 items)."""
    where, params = _any("content_hash", hashes, "varchar")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT content_hash, id, duplicate_of_id FROM {Item._meta.db_table} WHERE {where}", params)
        return [(content_hash, pk) for content_hash, pk, original in cursor.fetchall() if original is None]


def candidate_rows(*, ids: Iterable[int]) -> list[tuple[int, str, str, int | None]]:
    """(id, title, body_text, duplicate_of_id) of stored candidates."""
    where, params = _any("id", ids, "bigint")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, title, body_text, duplicate_of_id FROM {Item._meta.db_table} "
                       f"WHERE {where}", params)
        return cursor.fetchall()
