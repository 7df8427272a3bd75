"""Load SSYK 2012, SUN 2020/2000 and SNI 2007 (see classifications/data/SOURCES.md)."""

from django.db import migrations

from samverka.insight.classifications.loading import load_classifications


def load(apps, schema_editor):
    load_classifications(
        apps.get_model("classifications", "ClassificationItem"), apps.get_model("classifications", "SunOldLevel")
    )


def unload(apps, schema_editor):
    apps.get_model("classifications", "ClassificationItem").objects.all().delete()
    apps.get_model("classifications", "SunOldLevel").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("classifications", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
