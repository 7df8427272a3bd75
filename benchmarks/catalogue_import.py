"""Catalogue: importing 20,000 EMIL3 offerings (issue 14: ≥ 2,000 offerings/s, with progress shown).

Runs on the database DATABASE_URL points to (SQLite or PostgreSQL). It writes a synthetic EMIL3 feed in the
API's shape (``catalogue/emil3/synthetic.py``: one provider per Sörmland municipality, four educations each,
20,000 offerings) as pages of 500 to a temporary folder, then measures, ``--repeat`` times inside a
transaction that is rolled back:

* the full run into an empty catalogue (read and keep every page, normalise, bulk-create), in offerings/s;
* the same feed again (every row compared, nothing changed), in offerings/s.

Progress is printed as the importer reports it (every 1,000 items).

    python benchmarks/catalogue_import.py [--offerings 20000] [--repeat 1] [--migrate] [--json out.json]
"""

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import environment  # benchmarks/environment.py

environment.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from samverka.education.catalogue.emil3 import synthetic  # noqa: E402
from samverka.education.catalogue.emil3.sormland import TOWNS  # noqa: E402
from samverka.education.catalogue.services.emil3 import DirectorySource, import_emil3  # noqa: E402
from samverka.platform.spaces.models import Space  # noqa: E402

SORMLAND = [(code, town) for code, town in TOWNS.items() if code.startswith("04")]


class Rollback(Exception):
    pass


def measure(directory: Path, offerings: int, repeat: int, show: bool) -> dict[str, Any]:
    first, again = [], []
    last_shown = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if show and (now - last_shown[0] > 1 or done == total):
            print(f"  … {done:,} of {total:,} items", flush=True)
            last_shown[0] = now

    for _ in range(repeat):
        try:
            with transaction.atomic():
                space, _created = Space.objects.get_or_create(
                    slug="bench-catalogue", defaults={"name": "Benchmark", "kind": "regional", "county_id": "04"}
                )
                started = time.perf_counter()
                run = import_emil3(space=space, source=DirectorySource(directory), progress=progress)
                elapsed = time.perf_counter() - started
                assert run.status == "done", run.message
                assert run.counts["offerings"]["created"] == offerings, run.counts
                first.append(offerings / elapsed)
                started = time.perf_counter()
                run = import_emil3(space=space, source=DirectorySource(directory), progress=progress)
                elapsed = time.perf_counter() - started
                assert run.counts["offerings"]["unchanged"] == offerings, run.counts
                again.append(offerings / elapsed)
                raise Rollback
        except Rollback:
            pass
    return {
        "backend": connection.vendor,
        "offerings": offerings,
        "import_offerings_per_s": round(statistics.median(first)),
        "reimport_offerings_per_s": round(statistics.median(again)),
        "target_offerings_per_s": 2_000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offerings", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--migrate", action="store_true", help="migrate the database first")
    parser.add_argument("--quiet", action="store_true", help="do not print the progress")
    parser.add_argument("--json", help="append the result as one JSON line to this file")
    args = parser.parse_args()
    if args.migrate:
        call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory(prefix="samverka-emil3-") as folder:
        synthetic.write_feed(Path(folder), synthetic.national_feed(args.offerings, county_codes=SORMLAND), size=500)
        result = measure(Path(folder), args.offerings, args.repeat, not args.quiet)
    print(
        f"catalogue import | {result['backend']} | {result['offerings']:,} EMIL3 offerings: "
        f"{result['import_offerings_per_s']:,} offerings/s (target ≥ 2,000) | "
        f"re-import unchanged {result['reimport_offerings_per_s']:,} offerings/s"
    )
    if args.json:
        with open(args.json, "a", encoding="utf-8") as out:
            out.write(json.dumps({"benchmark": "catalogue_import", **result}) + "\n")


if __name__ == "__main__":
    main()
