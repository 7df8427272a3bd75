"""Generating the yearly report to MYH (draft) for one region over the national-scale data.

Runs on the database ``make bench`` generated (DATABASE_URL). Inside a transaction that is rolled back at the
end, for the regional space of ``--county`` (default 04, Södermanland) as one of its analysts, it times
``myhreports.services.report_create`` (the template, the report and every section filled from the space's
statistics, catalogue and outlook scenarios) and then ``report_generate`` ``--requests`` times.

Target (issue 15): generating the MYH report draft for one region < 5 s.

    python benchmarks/myh_report.py --backend sqlite [--county 04] [--requests 5] [--json out.jsonl]
"""

import argparse
import json
import sys
import time

import environment  # benchmarks/environment.py

environment.setup()

from django.db import connection, transaction  # noqa: E402
from django.urls import get_resolver  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import summary  # noqa: E402  (benchmarks/timing.py)

from samverka.education.myhreports import services  # noqa: E402
from samverka.platform.accounts.models import User  # noqa: E402
from samverka.platform.spaces.models import Space, SpaceKind, SpaceMembership  # noqa: E402

TARGET_MS = 5_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default=connection.vendor)
    parser.add_argument("--county", default="04")
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--json", help="append one JSON line per measurement to this file")
    args = parser.parse_args()

    space = Space.objects.filter(kind=SpaceKind.REGIONAL, county_id=args.county).first()
    if space is None:
        print(f"No regional space for county {args.county}.", file=sys.stderr)
        return 1
    # A server has its URLconf loaded; here the first reverse() (an outlook's link) would import every app's views.
    get_resolver().url_patterns  # noqa: B018
    with transaction.atomic():
        analyst = User.objects.create_user(email="bench-myh@example.se", password="bench-only-password-123")
        SpaceMembership.objects.create(space=space, user=analyst, role="analyst")
        started = time.perf_counter()
        report = services.report_create(space=space, year=timezone.localdate().year + 50, actor=analyst)
        first = (time.perf_counter() - started) * 1000
        timings = [first]
        for _ in range(max(0, args.requests - 1)):
            started = time.perf_counter()
            services.report_generate(report=report, actor=analyst)
            timings.append((time.perf_counter() - started) * 1000)
        figures = report.figures.count()
        transaction.set_rollback(True)
    result = {"myh_report": "generate", "county": args.county, "backend": args.backend, "figures": figures}
    result.update(summary(timings))
    verdict = "✔" if result["p95"] < TARGET_MS else "✖"
    print(
        f"MYH report draft county {args.county} on {args.backend}: {figures} figures, median {result['median']:.0f} ms, "
        f"p95 {result['p95']:.0f} ms (target < {TARGET_MS} ms: {verdict})"
    )
    if args.json:
        with open(args.json, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
