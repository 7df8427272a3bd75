"""Indicator queries over a national cube of about 2 million observations.

Runs on the database ``make bench`` generated (DATABASE_URL). In the national space it stores, once,
the synthetic national cube (``samverka.insight.statistics.synthetic``: employed by SSYK 4-digit × county ×
age band × sex × education level, for ``--years`` years; five years give about 2 million rows)
with ``storage.bulk_insert``, then computes each indicator ``--runs`` times with varying parameters
(random counties and occupations, fixed seed) through ``catalogue.compute`` — the function behind the
indicator page and the API — and prints the median and p95 in ms and the number of queries. The
version's roll-ups (``samverka.insight.indicators.rollups``: the cube summed over occupations and over
regions, built once per version) are built first and their build time printed.

Target (issue 6): p95 ≤ 300 ms on SQLite and PostgreSQL at 2 million rows.

    python benchmarks/indicators.py --backend sqlite [--years 4] [--runs 20] [--json out.json]
"""

import argparse
import json
import random
import sys
import time
from typing import Any

import environment  # benchmarks/environment.py

environment.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import summary  # noqa: E402  (benchmarks/timing.py)

from samverka.insight.indicators import outlook, rollups  # noqa: E402
from samverka.insight.indicators.catalogue import compute  # noqa: E402
from samverka.insight.indicators.cube import Cube  # noqa: E402
from samverka.insight.statistics import storage, synthetic  # noqa: E402
from samverka.insight.statistics.models import Dataset, DatasetVersion, Dimension, VersionStatus  # noqa: E402
from samverka.platform.spaces.models import Space  # noqa: E402


def prepare(years: int) -> DatasetVersion:
    """The stored national cube with ``years`` years; generated and stored the first time."""
    space = Space.objects.filter(kind="national").order_by("pk").first() or Space.objects.order_by("pk").first()
    assert space is not None, "run generate_national_data first"
    wanted = list(range(2024 - years, 2024))
    dataset = Dataset.objects.filter(space=space, slug="bench-national-cube").first()
    if dataset is not None:
        for version in dataset.versions.order_by("-number"):
            if version.query.get("years") == wanted:
                return version
    started = time.perf_counter()
    dimensions, rows = synthetic.national_cube(years=wanted)
    with transaction.atomic():
        dataset, _created = Dataset.objects.get_or_create(
            space=space,
            slug="bench-national-cube",
            defaults={"title": "Benchmark: national cube (synthetic)", "source": "synthetic", "is_synthetic": True},
        )
        version = DatasetVersion.objects.create(
            dataset=dataset,
            number=dataset.versions.count() + 1,
            status=VersionStatus.PUBLISHED,
            imported_at=timezone.now(),
            query={"years": wanted},
        )
        Dimension.objects.bulk_create([Dimension(version=version, **dimension) for dimension in dimensions])
        version.cell_count = storage.bulk_insert(version.pk, rows)
        version.save(update_fields=["cell_count"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"stored the national cube: {version.cell_count:,} rows in {time.perf_counter() - started:.1f} s")
    return version


def cases(version: DatasetVersion, runs: int) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """For each measured case, ``runs`` (indicator, params) pairs with random counties and occupations."""
    cube = Cube.of(version)
    rng = random.Random(6)
    regions, occupations, years = cube.codes("region"), cube.codes("ssyk"), cube.periods()

    def pick(**choices: Any) -> list[dict[str, str]]:
        return [{name: rng.choice(values) for name, values in choices.items()} for _ in range(runs)]

    by_region = pick(region=regions, year=years)
    by_occupation = pick(ssyk=occupations, year=years)
    both = pick(region=regions, ssyk=occupations, year=years)
    return {
        "age structure, occupations in a county": [("age_structure", p) for p in by_region],
        "age structure, counties for an occupation": [("age_structure", p) for p in by_occupation],
        "education level, occupations in a county": [("education_level", p) for p in by_region],
        "share women, counties for an occupation": [("share_women", p) for p in by_occupation],
        "change over time, occupations in a county": [
            ("change_over_time", {"region": p["region"], "from_year": years[0], "to_year": years[-1]})
            for p in by_region
        ],
        "region comparison, one occupation": [("region_comparison", p) for p in both],
        "region comparison, all occupations": [("region_comparison", p) for p in by_region],
        "age structure, all occupations nationally": [("age_structure", {"year": p["year"]}) for p in by_region],
        "outlook, occupation × county": [("outlook", p) for p in both],
    }


def run(version: DatasetVersion, key: str, params: dict[str, str]) -> None:
    if key == "outlook":
        outlook.project(version=version, assumptions=outlook.Assumptions(ssyk=params["ssyk"], region=params["region"]))
    else:
        compute(key, version=version, params=params)


def measure_case(version: DatasetVersion, calls: list[tuple[str, dict[str, str]]]) -> dict[str, Any]:
    run(version, *calls[0])  # warm-up
    with CaptureQueriesContext(connection) as captured:
        run(version, *calls[0])
    timings = []
    for key, params in calls:
        started = time.perf_counter()
        run(version, key, params)
        timings.append((time.perf_counter() - started) * 1000)
    return {**summary(timings), "queries": len(captured)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default=connection.vendor)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", help="Append the results to this JSON-lines file.")
    args = parser.parse_args()

    if args.years < 2:
        parser.error("--years must be at least 2: change over time compares a first and a last year")
    version = prepare(args.years)
    started = time.perf_counter()
    if rollups.build(version):
        print(f"built the roll-ups (sums over occupations and over regions) in {time.perf_counter() - started:.1f} s")
    rows_stored = version.cell_count
    print(f"indicator queries over {rows_stored:,} observations on {args.backend} ({args.runs} runs each)")
    results = []
    for name, calls in cases(version, args.runs).items():
        result = measure_case(version, calls)
        flag = "  (target p95 ≤ 300 ms: ✔)" if result["p95"] <= 300 else "  (target p95 ≤ 300 ms: ✖)"
        print(
            f"{name}: median {result['median']:.1f} ms, p95 {result['p95']:.1f} ms, {result['queries']} queries{flag}"
        )
        results.append({"indicator": name, "backend": args.backend, "rows": rows_stored, **result})
    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            for row in results:
                fh.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
