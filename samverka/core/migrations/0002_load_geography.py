"""Load the 21 counties and 290 municipalities (SCB codes, see core/data/SOURCES.md)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    County = apps.get_model("core", "County")
    Municipality = apps.get_model("core", "Municipality")
    with open(DATA / "counties.csv", encoding="utf-8") as fh:
        County.objects.bulk_create(
            [County(code=r["county_code"], name=r["county_name"], short_name=r["county_name_short"]) for r in csv.DictReader(fh)]
        )
    with open(DATA / "municipalities.csv", encoding="utf-8") as fh:
        Municipality.objects.bulk_create(
            [
                Municipality(code=r["municipality_code"], name=r["municipality_name_short"], county_id=r["county_code"])
                for r in csv.DictReader(fh)
            ]
        )


def unload(apps, schema_editor):
    apps.get_model("core", "Municipality").objects.all().delete()
    apps.get_model("core", "County").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
