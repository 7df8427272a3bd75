"""The full-text index over SearchEntry.stemmed, one per database vendor.

PostgreSQL: a GIN index over ``to_tsvector('simple', stemmed)`` (the words are stemmed in Python, so the
``simple`` configuration only splits and lowercases them). SQLite: an FTS5 table with ``stemmed`` as
external content, kept in step with the entries by triggers.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

GIN = "registry_search_gin"

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


def _index():
    return GinIndex(SearchVector("stemmed", config="simple"), name=GIN)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.add_index(apps.get_model("registry", "SearchEntry"), _index())
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("registry", "SearchEntry"), _index())
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_search")]

    operations = [migrations.RunPython(create, drop)]
