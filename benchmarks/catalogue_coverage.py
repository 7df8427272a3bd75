"""The planner's programme × municipality coverage matrix for one county over the national catalogue.

Runs on the database ``make bench`` generated (DATABASE_URL; ``generate_national_data`` writes 50,000
offerings at scale 1.0 through ``samverka/demo/scale_catalogue.py``). That generator gives its upper
secondary educations no study-path code, so inside a transaction that is rolled back at the end this script
adds the upper-secondary schools of every county: in each municipality a deterministic share of the 18
national programmes (more in larger municipalities), one to three offerings each, half "from EMIL3" —
about 7,000 offerings at national scale, coded as Skolverket's study-path codes are (``NANAT``, ``VOVAR``…).

Then, for the regional space of ``--county`` (default 14, Västra Götaland: 49 municipalities, the widest
matrix) as one of its analysts, it measures ``--requests`` times after ``--warmup``:

* the selector ``catalogue.planning.coverage_matrix`` (milliseconds and queries);
* the page ``catalogue:coverage`` and its CSV (server time through the Django test client, and queries).

Target (issue 14): the coverage matrix for one county ≤ 150 ms.

    python benchmarks/catalogue_coverage.py --backend sqlite [--county 14] [--requests 30] [--json out.jsonl]
"""

import argparse
import json
import random
import sys
import time
from datetime import timedelta
from typing import Any

import environment  # benchmarks/environment.py

environment.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import measure, summary  # noqa: E402  (benchmarks/timing.py)

from samverka.education.catalogue import planning  # noqa: E402
from samverka.education.catalogue.models import Education, Offering, Provider, SchoolType, Source  # noqa: E402
from samverka.platform.accounts.models import User  # noqa: E402
from samverka.platform.core.models import Municipality  # noqa: E402
from samverka.platform.spaces.models import Space, SpaceKind, SpaceMembership  # noqa: E402

TARGET_MS = 150
#: An orientation per programme, for codes like Skolverket's (programme + orientation).
ORIENTATIONS = ("XAA", "XBB", "XCC")


def add_upper_secondary(seed: int = 1) -> int:
    """Upper-secondary providers, educations and offerings in every municipality of every regional space."""
    rng = random.Random(seed)
    today = timezone.localdate()
    spaces = {s.county_id: s for s in Space.objects.filter(kind=SpaceKind.REGIONAL)}
    municipalities = [m for m in Municipality.objects.order_by("code") if m.county_id in spaces]
    big = {m.code for m in municipalities if m.code.endswith(("80", "84", "81")) or m.code in ("1480", "1280", "0180")}
    providers = Provider.objects.bulk_create(
        [
            Provider(
                space=spaces[m.county_id],
                name=f"{m.name} gymnasieskola",
                responsible_body_type="municipal",
                municipality=m,
            )
            for m in municipalities
        ]
    )
    educations: list[Education] = []
    wanted: list[tuple[int, Municipality]] = []
    for provider, municipality in zip(providers, municipalities, strict=True):
        share = 0.9 if municipality.code in big else rng.uniform(0.15, 0.6)
        for programme in planning.NATIONAL_PROGRAMMES:
            if rng.random() < share:
                wanted.append((len(educations), municipality))
                educations.append(
                    Education(
                        space=provider.space,
                        provider=provider,
                        code=programme.code + rng.choice(ORIENTATIONS),
                        title=str(programme.name),
                        school_type=SchoolType.GY,
                        credit_system="gyp",
                        credits=2500,
                    )
                )
    educations = Education.objects.bulk_create(educations, batch_size=2_000)
    offerings = []
    for index, municipality in wanted:
        education = educations[index]
        for n in range(rng.randint(1, 3)):
            start = today.replace(month=8, day=20) + timedelta(days=365 * (n % 2))
            emil = n % 2 == 0
            offerings.append(
                Offering(
                    space=education.space,
                    education=education,
                    provider=education.provider,
                    municipality=municipality,
                    county_code=municipality.county_id,
                    start_date=start,
                    end_date=start + timedelta(days=3 * 365),
                    hidden_after=start + timedelta(days=3 * 365),
                    places=rng.choice((16, 24, 32)),
                    source=Source.EMIL3 if emil else Source.LOCAL,
                    source_id=f"bench-gy-{index}-{n}" if emil else "",
                    is_published=rng.random() > 0.05,
                )
            )
    Offering.objects.bulk_create(offerings, batch_size=2_000)
    return len(offerings)


def time_selector(space: Space, user: Any, county: str, requests: int, warmup: int) -> dict[str, Any]:
    for _ in range(warmup):
        planning.coverage_matrix(space, user, county)
    with CaptureQueriesContext(connection) as captured:
        planning.coverage_matrix(space, user, county)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        planning.coverage_matrix(space, user, county)
        timings.append((time.perf_counter() - started) * 1000)
    return {**summary(timings), "queries": len(captured), "status": 200}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default=connection.vendor)
    parser.add_argument("--county", default="14")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", help="append one JSON line per measurement to this file")
    args = parser.parse_args()

    if not Offering.objects.exists():
        print("No offerings: run generate_national_data first.", file=sys.stderr)
        return 1
    space = Space.objects.filter(kind=SpaceKind.REGIONAL, county_id=args.county).first()
    if space is None:
        print(f"No regional space for county {args.county}.", file=sys.stderr)
        return 1
    rows = []
    with transaction.atomic():
        added = add_upper_secondary()
        total = Offering.objects.count()
        analyst = User.objects.create_user(email="bench-planner@example.se", password="bench-only-password-123")
        SpaceMembership.objects.create(space=space, user=analyst, role="analyst")
        matrix = planning.coverage_matrix(space, analyst, args.county)
        print(
            f"{total:,} offerings ({added:,} upper secondary added); {space.name}: "
            f"{len(matrix.municipalities)} municipalities, {matrix.total:,} upper secondary offerings in the matrix, "
            f"{len(matrix.not_offered)} programmes offered nowhere, {len(matrix.complete)} municipalities offer all"
        )
        client = Client(raise_request_exception=False)
        client.force_login(analyst)
        measured = {
            "selector": time_selector(space, analyst, args.county, args.requests, args.warmup),
            "page": measure(
                client, reverse("catalogue:coverage", kwargs={"space": space.slug}), requests=args.requests
            ),
            "csv": measure(
                client, reverse("catalogue:coverage-csv", kwargs={"space": space.slug}), requests=args.requests
            ),
        }
        transaction.set_rollback(True)
    for label, result in measured.items():
        row = {
            "catalogue_coverage": label,
            "county": args.county,
            "offerings": total,
            "backend": args.backend,
            **result,
        }
        rows.append(row)
        if result.get("status") == 200:
            verdict = "✔" if result["p95"] <= TARGET_MS else "✖"
            print(
                f"coverage matrix {label:8} county {args.county} on {args.backend}: median {result['median']:.1f} ms, "
                f"p95 {result['p95']:.1f} ms, {result['queries']} queries (target <= {TARGET_MS} ms: {verdict})"
            )
        else:
            print(f"coverage matrix {label} on {args.backend}: HTTP {result.get('status')}")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row) + "\n")
    return 0 if all(row.get("status") == 200 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
