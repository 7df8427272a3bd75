import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list = []

    operations = [
        migrations.CreateModel(
            name="County",
            fields=[
                ("code", models.CharField(max_length=2, primary_key=True, serialize=False, verbose_name="code")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("short_name", models.CharField(max_length=100, verbose_name="short name")),
            ],
            options={"verbose_name": "county", "verbose_name_plural": "counties", "ordering": ["code"]},
        ),
        migrations.CreateModel(
            name="Municipality",
            fields=[
                ("code", models.CharField(max_length=4, primary_key=True, serialize=False, verbose_name="code")),
                (
                    "name",
                    models.CharField(help_text="SCB's name, e.g. 'Eskilstuna'.", max_length=100, verbose_name="name"),
                ),
                (
                    "county",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="municipalities",
                        to="core.county",
                        verbose_name="county",
                    ),
                ),
            ],
            options={"verbose_name": "municipality", "verbose_name_plural": "municipalities", "ordering": ["name"]},
        ),
    ]
