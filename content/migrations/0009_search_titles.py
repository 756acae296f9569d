"""A title-only full-text index on PostgreSQL. A common word's first page is ranked among the
items that have it in the title (content.search.backends.ranked_page); with one index over the
whole document, PostgreSQL found those by reading every document with the word anywhere (half
the catalogue for 收纳) and checking its weight. A generated tsvector of the title terms alone
with its own GIN index finds them directly. SQLite's FTS5 already filters by column."""

from django.db import migrations

POSTGRESQL = [
    """ALTER TABLE content_itemsearch ADD COLUMN title_document tsvector GENERATED ALWAYS AS (
           to_tsvector('simple', title_terms)) STORED""",
    "CREATE INDEX content_itemsearch_title_gin ON content_itemsearch USING GIN (title_document)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS content_itemsearch_title_gin",
    "ALTER TABLE content_itemsearch DROP COLUMN IF EXISTS title_document",
]


def _run(statements: list[str]):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("content", "0008_band_without_constraint"),
    ]

    operations = [
        migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE)),
    ]
