"""The public diary's columns on RegisteredDocument (space, key, voided, words; filled by 0010) and the
case list's sort key (a generated column: year and number as one integer)."""

import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0008_archive_deliveries"),
        ("spaces", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="registereddocument",
            name="space",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="spaces.space",
            ),
        ),
        migrations.AddField(
            model_name="registereddocument",
            name="diary_key",
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="registereddocument",
            name="diary_voided",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="registereddocument",
            name="diary_words",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="case",
            name="sort_key",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.expressions.CombinedExpression(
                    django.db.models.expressions.CombinedExpression(
                        django.db.models.functions.Cast("year", models.BigIntegerField()), "*", models.Value(1000000)
                    ),
                    "+",
                    models.F("number"),
                ),
                output_field=models.BigIntegerField(),
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["space", "-sort_key", "-id"], name="registry_case_space_sort"),
        ),
    ]
