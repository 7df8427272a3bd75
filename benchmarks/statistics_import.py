"""Statistics imports: JSON-stat 2 parse and store, and one 150,000-cell response stored.

Runs on the database DATABASE_URL points to (SQLite or PostgreSQL). It builds one JSON-stat 2
answer shaped like SCB's TAB6471 (250 regions × 10 age bands × 3 sexes × 1 measure × 20
months = 150,000 cells; the region codes and labels are the real ones from the recorded
metadata) and measures, each ``--repeat`` times inside a transaction that is rolled back:

* parse and store: ``jsonstat.parse`` of the raw bytes, the rows and ``storage.bulk_insert``, in cells/s;
* store: ``bulk_insert`` of the 150,000 rows alone, in seconds;
* the whole import through ``services.import_jsonstat`` (version, dimensions, cells and the quality report).

Targets (issue 6): parse and store ≥ 200,000 cells/s; a 150,000-cell response stored in < 1 s.

    python benchmarks/statistics_import.py [--repeat 3] [--migrate] [--json out.json]
"""

import argparse
import json
import random
import statistics
import time
from typing import Any

import environment  # benchmarks/environment.py

environment.setup()
ROOT = environment.ROOT

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from samverka.insight.statistics import jsonstat, services  # noqa: E402
from samverka.insight.statistics.mapping import guess_roles  # noqa: E402
from samverka.insight.statistics.models import Dataset, DatasetVersion  # noqa: E402
from samverka.insight.statistics.storage import bulk_insert  # noqa: E402
from samverka.platform.spaces.models import Space  # noqa: E402

METADATA = ROOT / "samverka/insight/statistics/data/scb/TAB6471_metadata.jsonstat2.json"
CELLS = 150_000


class Rollback(Exception):
    pass


def answer() -> bytes:
    """A 150,000-cell JSON-stat 2 answer in SCB's shape, with the real region codes."""
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    region = meta["dimension"]["Region"]["category"]
    codes = sorted(region["index"], key=region["index"].get)[:250]
    ages = [f"{a}-{a + 9}" for a in range(0, 100, 10)]
    months = [f"{2025 + m // 12}M{m % 12 + 1:02d}" for m in range(20)]
    rng = random.Random(1)
    dimension = {
        "Region": {"label": "region", "category": {"index": codes, "label": {c: region["label"][c] for c in codes}}},
        "Alder": {"label": "ålder", "category": {"index": ages}},
        "Kon": {
            "label": "kön",
            "category": {"index": ["TotSa", "1", "2"]},
            "extension": {"eliminationValueCode": "TotSa"},
        },
        "ContentsCode": {
            "label": "tabellinnehåll",
            "category": {"index": ["000007SF"], "unit": {"000007SF": {"base": "antal"}}},
        },
        "Tid": {"label": "månad", "category": {"index": months}},
    }
    data = {
        "version": "2.0",
        "class": "dataset",
        "label": "Folkmängden per månad (benchmark)",
        "source": "SCB",
        "updated": "2026-06-08T06:00:00Z",
        "id": list(dimension),
        "size": [250, 10, 3, 1, 20],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "dimension": dimension,
        "value": [rng.randint(0, 200_000) for _ in range(CELLS)],
    }
    return json.dumps(data).encode()


def fixture_objects() -> tuple[Dataset, DatasetVersion]:
    space, _ = Space.objects.get_or_create(slug="bench-statistics", defaults={"name": "Benchmark", "kind": "national"})
    dataset, _ = Dataset.objects.get_or_create(
        space=space, slug="bench-import", defaults={"title": "Benchmark", "source": "pxweb2"}
    )
    version = DatasetVersion.objects.create(dataset=dataset, number=10**6, imported_at=timezone.now())
    return dataset, version


def measure(raw: bytes, repeat: int) -> dict[str, Any]:
    parse_store, store_only, whole = [], [], []
    for _ in range(repeat):
        try:
            with transaction.atomic():
                dataset, version = fixture_objects()
                started = time.perf_counter()
                parsed = jsonstat.parse(raw)
                roles = guess_roles([(d.code, d.label, d.jsonstat_role) for d in parsed.dimensions])
                columns, cells, constants = jsonstat.row_columns(parsed, roles)
                count = bulk_insert(version.pk, cells, columns=columns, constants=constants)
                parse_store.append(count / (time.perf_counter() - started))
                rows = list(jsonstat.iter_rows(parsed, roles))  # every column, as other importers give them
                other = DatasetVersion.objects.create(dataset=dataset, number=10**6 + 1, imported_at=timezone.now())
                started = time.perf_counter()
                bulk_insert(other.pk, rows)
                store_only.append(time.perf_counter() - started)
                started = time.perf_counter()
                services.import_jsonstat(actor=None, dataset=dataset, content=raw)
                whole.append(time.perf_counter() - started)
                raise Rollback
        except Rollback:
            pass
    return {
        "backend": connection.vendor,
        "cells": CELLS,
        "parse_store_cells_per_s": round(statistics.median(parse_store)),
        "store_150k_s": round(statistics.median(store_only), 3),
        "import_with_quality_report_s": round(statistics.median(whole), 3),
        "target_cells_per_s": 200_000,
        "target_store_s": 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--migrate", action="store_true", help="migrate the database first")
    parser.add_argument("--json", help="append the result as one JSON line to this file")
    args = parser.parse_args()
    if args.migrate:
        call_command("migrate", verbosity=0)
    result = measure(answer(), args.repeat)
    print(
        f"statistics import | {result['backend']} | parse+store {result['parse_store_cells_per_s']:,} cells/s "
        f"(target ≥ 200,000) | store 150,000 cells {result['store_150k_s']} s (target < 1 s) | "
        f"whole import with quality report {result['import_with_quality_report_s']} s"
    )
    if args.json:
        with open(args.json, "a", encoding="utf-8") as out:
            out.write(json.dumps({"benchmark": "statistics_import", **result}) + "\n")


if __name__ == "__main__":
    main()
