"""Plain multi-row INSERTs for append-heavy tables (LSH bands, behaviour events), and the `any`
lookup for long lists of ids.

The ORM's bulk_create builds a model instance per row and compiles the statement field by field;
for narrow rows inserted by the hundred that costs several times the database work (measured
with cProfile on ingest batches and event batches). Values are always passed as parameters."""

import json
from collections.abc import Sequence

from django.db import connection
from django.db.models import Field, ForeignObject, Lookup, Model

MAX_PARAMETERS = 900  # under SQLite's limit of 999 per statement


def insert_rows(model: type[Model], columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Insert rows of Python values (columns by field name or attname, e.g. "item_id"); each
    value is prepared by its field exactly as the ORM would (aware datetimes, JSON, …)."""
    if not rows:
        return
    fields = [model._meta.get_field(column) for column in columns]
    rows = [[field.get_db_prep_save(value, connection) for field, value in zip(fields, row, strict=True)] for row in rows]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per_statement = max(1, MAX_PARAMETERS // len(columns))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([placeholder] * len(chunk))}",
                [value for row in chunk for value in row],
            )


class AnyOf(Lookup):
    """`field__any=ids`: the field is one of these integers, sent as one parameter (an array on
    PostgreSQL, `= ANY(%s)`; a JSON list on SQLite, `IN (SELECT value FROM json_each(%s))`).

    The ORM's `__in` prepares every value through the field in Python and writes a placeholder
    for each: for a feed's thousand-odd candidate ids that cost more than the query (measured:
    38% of reading the candidates' facts)."""

    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[int]:
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, self.rhs]
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*lhs_params, json.dumps(self.rhs)]


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)  # related fields keep lookups of their own: item__any=ids
