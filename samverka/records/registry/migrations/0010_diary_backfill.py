"""Fill the diary columns of every existing registered document, in bulk.

Space, key and voided come from the case in one UPDATE … FROM; the words (stemmed in Python, masked as
``registry.diary.public_words`` says) are written a batch at a time through UPDATE … FROM (VALUES …).
"""

from django.db import migrations

from samverka.records.registry.diary import public_words

BATCH = 500

FROM_CASE = (
    "UPDATE registry_registereddocument SET space_id = c.space_id, "
    "diary_key = (CAST(c.year AS bigint) * 1000000 + c.number) * 100000 + registry_registereddocument.number, "
    "diary_voided = (registry_registereddocument.is_voided OR c.is_voided) "
    "FROM registry_case c WHERE c.id = registry_registereddocument.case_id"
)


def _words(row):
    (pk, subject, counterpart, organisation, title, public_title, marked, masks_subject, masks_counterpart) = row
    counterpart = f"{counterpart} {organisation}" if organisation else counterpart
    return pk, public_words(
        case_title=public_title or title,
        subject="" if marked and masks_subject else subject,
        counterpart="" if marked and masks_counterpart else counterpart,
    )


def backfill(apps, schema_editor):
    RegisteredDocument = apps.get_model("registry", "RegisteredDocument")
    execute = schema_editor.execute
    execute(FROM_CASE)
    documents = RegisteredDocument.objects.order_by("pk").values_list(
        "pk",
        "subject",
        "counterpart",
        "counterpart_organisation__name",
        "case__title",
        "case__public_title",
        "secrecy__id",
        "secrecy__masks_subject",
        "secrecy__masks_counterpart",
        "secrecy__lifted_on",
    )
    last = 0
    while rows := list(documents.filter(pk__gt=last)[:BATCH]):
        last = rows[-1][0]
        values = [
            _words((pk, subject, counterpart, org, title, public, marking is not None and lifted is None, ms, mc))
            for (pk, subject, counterpart, org, title, public, marking, ms, mc, lifted) in rows
        ]
        placeholders = ", ".join(["(%s, %s)"] * len(values))  # only placeholders go into the statement
        statement = (
            "UPDATE registry_registereddocument SET diary_words = v.column2 "  # noqa: S608
            f"FROM (VALUES {placeholders}) AS v WHERE registry_registereddocument.id = v.column1"
        )
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(statement, [item for pair in values for item in pair])


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_diary_columns")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
