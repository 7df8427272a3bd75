"""The public diary's indexes, once its columns are filled: the sort and filter index, and the full-text
index over ``diary_words``, one per database vendor (the same shape as 0005's over the search entries).

PostgreSQL: a stored generated column ``diary_vector = to_tsvector('simple', diary_words)`` with a GIN
index (the words are stemmed in Python, so ``simple`` only splits them). The model does not declare the
column: only ``registry.diary.matching`` reads it, and only on PostgreSQL. SQLite: an FTS5 table with
``diary_words`` as external content, kept in step by triggers.
"""

import django.db.models.deletion
from django.db import migrations, models

POSTGRES_CREATE = [
    "ALTER TABLE registry_registereddocument ADD COLUMN diary_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, diary_words)) STORED",
    "CREATE INDEX registry_doc_diary_gin ON registry_registereddocument USING gin (diary_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS registry_doc_diary_gin",
    "ALTER TABLE registry_registereddocument DROP COLUMN IF EXISTS diary_vector",
]

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE registry_diary_fts USING fts5(diary_words, content='registry_registereddocument', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO registry_diary_fts(registry_diary_fts) VALUES ('rebuild')",
    "CREATE TRIGGER registry_diary_ai AFTER INSERT ON registry_registereddocument BEGIN "
    "INSERT INTO registry_diary_fts(rowid, diary_words) VALUES (new.id, new.diary_words); END",
    "CREATE TRIGGER registry_diary_ad AFTER DELETE ON registry_registereddocument BEGIN "
    "INSERT INTO registry_diary_fts(registry_diary_fts, rowid, diary_words) "
    "VALUES ('delete', old.id, old.diary_words); END",
    "CREATE TRIGGER registry_diary_au AFTER UPDATE OF diary_words ON registry_registereddocument BEGIN "
    "INSERT INTO registry_diary_fts(registry_diary_fts, rowid, diary_words) "
    "VALUES ('delete', old.id, old.diary_words); "
    "INSERT INTO registry_diary_fts(rowid, diary_words) VALUES (new.id, new.diary_words); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS registry_diary_au",
    "DROP TRIGGER IF EXISTS registry_diary_ad",
    "DROP TRIGGER IF EXISTS registry_diary_ai",
    "DROP TABLE IF EXISTS registry_diary_fts",
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
    dependencies = [("registry", "0010_diary_backfill")]

    operations = [
        migrations.AlterField(
            model_name="registereddocument",
            name="space",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="spaces.space",
            ),
        ),
        migrations.AddIndex(
            model_name="registereddocument",
            index=models.Index(
                condition=models.Q(("diary_voided", False)),
                fields=["space", "-diary_key", "-id"],
                name="registry_doc_diary",
            ),
        ),
        migrations.RunPython(create, drop),
    ]
