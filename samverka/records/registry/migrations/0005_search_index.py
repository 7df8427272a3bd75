"""The full-text index over SearchEntry.stemmed, one per database vendor.

PostgreSQL: a stored generated column ``vector = to_tsvector('simple', stemmed)`` with a GIN index (the
words are stemmed in Python, so the ``simple`` configuration only splits and lowercases them; storing the
vector spares recomputing it for every candidate row). The model does not declare the column: only
``registry.search`` reads it, and only on PostgreSQL. SQLite: an FTS5 table with ``stemmed`` as
external content, kept in step with the entries by triggers.
"""

from django.db import migrations

POSTGRES_CREATE = [
    "ALTER TABLE registry_searchentry ADD COLUMN vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, stemmed)) STORED",
    "CREATE INDEX registry_search_gin ON registry_searchentry USING gin (vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS registry_search_gin",
    "ALTER TABLE registry_searchentry DROP COLUMN IF EXISTS vector",
]

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE registry_search_fts USING fts5("
    "stemmed, content='registry_searchentry', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER registry_search_ai AFTER INSERT ON registry_searchentry BEGIN "
    "INSERT INTO registry_search_fts(rowid, stemmed) VALUES (new.id, new.stemmed); END",
    "CREATE TRIGGER registry_search_ad AFTER DELETE ON registry_searchentry BEGIN "
    "INSERT INTO registry_search_fts(registry_search_fts, rowid, stemmed) VALUES ('delete', old.id, old.stemmed); END",
    "CREATE TRIGGER registry_search_au AFTER UPDATE ON registry_searchentry BEGIN "
    "INSERT INTO registry_search_fts(registry_search_fts, rowid, stemmed) VALUES ('delete', old.id, old.stemmed); "
    "INSERT INTO registry_search_fts(rowid, stemmed) VALUES (new.id, new.stemmed); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS registry_search_au",
    "DROP TRIGGER IF EXISTS registry_search_ad",
    "DROP TRIGGER IF EXISTS registry_search_ai",
    "DROP TABLE IF EXISTS registry_search_fts",
]


STATEMENTS = {
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
}


def create(apps, schema_editor):
    for statement in STATEMENTS.get(schema_editor.connection.vendor, ((), ()))[0]:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in STATEMENTS.get(schema_editor.connection.vendor, ((), ()))[1]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_search")]

    operations = [migrations.RunPython(create, drop)]
