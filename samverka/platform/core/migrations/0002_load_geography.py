"""Load the 21 counties and 290 municipalities (SCB codes, see core/data/SOURCES.md)."""

from django.db import migrations

from samverka.platform.core.geography import load_geography


def load(apps, schema_editor):
    load_geography(apps.get_model("core", "County"), apps.get_model("core", "Municipality"))


def unload(apps, schema_editor):
    apps.get_model("core", "Municipality").objects.all().delete()
    apps.get_model("core", "County").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
