"""Search documents (ItemSearch) and the database's full-text index over them.

PostgreSQL: a stored generated tsvector column (`simple` configuration: the terms are already
segmented; title A, body B, sub-words C) with a GIN index. SQLite: an FTS5 table over the same
three columns (external content, unicode61 splitting at the spaces), kept in step by triggers.
Other databases get the table without a full-text index (search answers that it is unavailable)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

POSTGRESQL = [
    """ALTER TABLE content_itemsearch ADD COLUMN document tsvector GENERATED ALWAYS AS (
           setweight(to_tsvector('simple', title_terms), 'A')
        || setweight(to_tsvector('simple', body_terms), 'B')
        || setweight(to_tsvector('simple', subword_terms), 'C')) STORED""",
    "CREATE INDEX content_itemsearch_document_gin ON content_itemsearch USING GIN (document)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS content_itemsearch_document_gin",
    "ALTER TABLE content_itemsearch DROP COLUMN IF EXISTS document",
]
SQLITE = [
    """CREATE VIRTUAL TABLE content_itemsearch_fts USING fts5(
        title_terms, body_terms, subword_terms, content='content_itemsearch', content_rowid='item_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER content_itemsearch_fts_insert AFTER INSERT ON content_itemsearch BEGIN
        INSERT INTO content_itemsearch_fts(rowid, title_terms, body_terms, subword_terms)
        VALUES (new.item_id, new.title_terms, new.body_terms, new.subword_terms); END""",
    """CREATE TRIGGER content_itemsearch_fts_delete AFTER DELETE ON content_itemsearch BEGIN
        INSERT INTO content_itemsearch_fts(content_itemsearch_fts, rowid, title_terms, body_terms, subword_terms)
        VALUES ('delete', old.item_id, old.title_terms, old.body_terms, old.subword_terms); END""",
    """CREATE TRIGGER content_itemsearch_fts_update AFTER UPDATE ON content_itemsearch BEGIN
        INSERT INTO content_itemsearch_fts(content_itemsearch_fts, rowid, title_terms, body_terms, subword_terms)
        VALUES ('delete', old.item_id, old.title_terms, old.body_terms, old.subword_terms);
        INSERT INTO content_itemsearch_fts(rowid, title_terms, body_terms, subword_terms)
        VALUES (new.item_id, new.title_terms, new.body_terms, new.subword_terms); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS content_itemsearch_fts_update",
    "DROP TRIGGER IF EXISTS content_itemsearch_fts_delete",
    "DROP TRIGGER IF EXISTS content_itemsearch_fts_insert",
    "DROP TABLE IF EXISTS content_itemsearch_fts",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("content", "0006_moderation"),
    ]

    operations = [
        migrations.CreateModel(
            name="ItemSearch",
            fields=[
                ("item", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                              related_name="search_document", serialize=False, to="content.item")),
                ("title_terms", models.TextField(blank=True)),
                ("body_terms", models.TextField(blank=True)),
                ("subword_terms", models.TextField(blank=True, help_text="长词里的词典子词（搜索模式）")),
                ("indexed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"verbose_name": "搜索文档", "verbose_name_plural": "搜索文档"},
        ),
        migrations.RunPython(_run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
                             _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE})),
    ]
