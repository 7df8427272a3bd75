"""The public education search at national scale: server time (median, p95) and query count.

Runs on the database ``make bench`` generated (DATABASE_URL; ``generate_national_data`` writes 50,000
offerings at scale 1.0 through ``samverka/demo/scale_catalogue.py``). Each search below is requested as an
anonymous visitor ``--warmup`` times, then ``--requests`` times, at two sizes:

* ``10x``: every generated offering (50,000 at scale 1.0);
* ``demo``: a tenth of them (the rest unpublished inside a transaction that is rolled back afterwards).

Targets (issue 14): p95 ≤ 100 ms on PostgreSQL, ≤ 20 queries, the same number of queries at both sizes.

    python benchmarks/catalogue_search.py --backend sqlite [--requests 30] [--warmup 3] [--json out.jsonl]
"""

import argparse
import json
import sys
from typing import Any

import environment  # benchmarks/environment.py

environment.setup()

from django.db import transaction  # noqa: E402
from django.db.models.functions import Mod  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from timing import measure  # noqa: E402  (benchmarks/timing.py)

from samverka.education.catalogue.models import Offering  # noqa: E402
from samverka.education.catalogue.selectors import public_offerings  # noqa: E402

#: label → the query string of the search (Västra Götaland and Göteborg: the most offerings).
SEARCHES: dict[str, dict[str, Any]] = {
    "all": {},
    "text": {"q": "undersköterska"},
    "county+open": {"county": "14", "open": "on"},
    "municipality+distance+type": {"municipality": "1480", "distance": "on", "type": ["VUXGY", "YH"]},
    "occupation+pace+csn": {"occupation": "5321", "pace": "full", "csn": "on"},
    "sun+start+degree": {"sun": "72", "start_from": "2027-01-01", "degree": "on"},
    "text+county, page 3": {"q": "vuxenutbildningen", "county": "14", "pages": 3},
}


def url_of(client: Client, params: dict[str, Any]) -> str:
    """The search's address; ``pages`` follows the "next page" link that many times (keyset pages)."""
    from urllib.parse import urlencode

    params = dict(params)
    pages = params.pop("pages", 1)
    url = reverse("catalogue:public-search") + "?" + urlencode(params, doseq=True)
    for _ in range(pages - 1):
        response = client.get(url)
        next_url = response.context["next_url"] if response.context else ""
        if not next_url:
            break
        url = reverse("catalogue:public-search") + next_url
    return url


def run(backend: str, size: str, requests: int, warmup: int) -> list[dict[str, Any]]:
    client = Client()
    visible = public_offerings().count()
    rows = []
    for label, params in SEARCHES.items():
        result = measure(client, url_of(client, params), requests=requests, warmup=warmup)
        rows.append({"catalogue_search": label, "size": size, "offerings": visible, "backend": backend, **result})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", required=True)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", help="append one JSON line per search and size to this file")
    args = parser.parse_args()

    if not Offering.objects.exists():
        print("No offerings: run generate_national_data first.", file=sys.stderr)
        return 1
    rows = run(args.backend, "10x", args.requests, args.warmup)
    with transaction.atomic():
        Offering.objects.alias(rest=Mod("pk", 10)).exclude(rest=0).update(is_published=False)
        rows += run(args.backend, "demo", args.requests, args.warmup)
        transaction.set_rollback(True)

    print(f"{'search':28} | {'size':4} | {'offerings':>9} | {'median ms':>9} | {'p95 ms':>8} | {'queries':>7}")
    for row in rows:
        if row.get("status") == 200:
            print(
                f"{row['catalogue_search']:28} | {row['size']:4} | {row['offerings']:9d} | {row['median']:9.1f} | "
                f"{row['p95']:8.1f} | {row['queries']:7d}"
            )
        else:
            print(
                f"{row['catalogue_search']:28} | {row['size']:4} | {row['offerings']:9d} | status {row.get('status')}"
            )
    queries = {(row["catalogue_search"], row["size"]): row.get("queries") for row in rows}
    same = all(queries[(label, "10x")] == queries[(label, "demo")] for label in SEARCHES)
    worst = max((row.get("p95", 0.0) for row in rows), default=0.0)
    most = max((row.get("queries", 0) for row in rows), default=0)
    print(
        f"catalogue search on {args.backend}: worst p95 {worst:.1f} ms (target <= 100 on PostgreSQL), "
        f"at most {most} queries (target <= 20), same query count at both sizes: {'yes' if same else 'NO'}"
    )
    if args.json:
        with open(args.json, "a", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
