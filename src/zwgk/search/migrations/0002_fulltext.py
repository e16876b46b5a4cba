"""The full-text side tables: FTS5 on SQLite, tsvector with a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_BACK = ["DROP TABLE IF EXISTS search_fts"]
PG = [
    # No foreign key: the test runner truncates Django's tables one by one; stale rows never match (joined on id).
    "CREATE TABLE search_vector (entry_id bigint PRIMARY KEY, tsv tsvector NOT NULL)",
    "CREATE INDEX search_vector_gin ON search_vector USING gin (tsv)",
]
PG_BACK = ["DROP TABLE IF EXISTS search_vector"]


def forward(apps, schema_editor):
    for sql in PG if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in PG_BACK if schema_editor.connection.vendor == "postgresql" else SQLITE_BACK:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
