"""Loading the 21 counties and 290 municipalities from core/data (SCB codes)."""

import csv
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


def load_geography(county_model: Any, municipality_model: Any) -> None:
    """Insert all counties and municipalities (used by the data migration and by tests after a flush)."""
    with open(DATA / "counties.csv", encoding="utf-8") as fh:
        county_model.objects.bulk_create(
            [
                county_model(code=r["county_code"], name=r["county_name"], short_name=r["county_name_short"])
                for r in csv.DictReader(fh)
            ]
        )
    with open(DATA / "municipalities.csv", encoding="utf-8") as fh:
        municipality_model.objects.bulk_create(
            [
                municipality_model(
                    code=r["municipality_code"], name=r["municipality_name_short"], county_id=r["county_code"]
                )
                for r in csv.DictReader(fh)
            ]
        )


@lru_cache(maxsize=1)
def version() -> str:
    """A short fingerprint of the geography data files.

    Counties and municipalities are only ever written from these files (the data migration, tests
    after a flush), so the fingerprint changes exactly when the geography does: cached renderings of
    county and municipality lists are keyed by it.
    """
    digest = hashlib.sha256()
    for name in ("counties.csv", "municipalities.csv"):
        digest.update((DATA / name).read_bytes())
    return digest.hexdigest()[:12]
