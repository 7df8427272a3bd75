"""Education orders and cohorts at national scale: the space's order overview, an order page, the cohort list.

Runs on the database ``make bench`` generated (DATABASE_URL). In the regional space with the most catalogue
offerings it creates, with bulk_create, an industry forum and a local competence workshop, then orders (each with
one addressee, two occupations and a timeline of events) and cohorts (offering × start year × term) in two steps:
``--orders``/10 and ``--cohorts``/10 first ("demo size"), then up to ``--orders`` and ``--cohorts`` ("10x"). At
each size, as a member of the space (Django test Client, in-process), the overview, the order page of the oldest
order and the first page of the cohort list are requested ``--warmup`` then ``--requests`` times: median and 95th
percentile of the server time and the number of SQL queries of one request. Everything is rolled back at the end.

Targets (issue 15): ≥ 5,000 orders and ≥ 50,000 cohorts; the overview and an order page ≤ 20 queries, the same
at both sizes, p95 ≤ 150 ms on PostgreSQL.

    python benchmarks/orders.py --backend sqlite [--orders 5000] [--cohorts 50000] [--requests 30] [--json out.json]
"""

import argparse
import json
import sys
from datetime import timedelta
from itertools import product

import environment  # benchmarks/environment.py

environment.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import get_resolver, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import measure  # noqa: E402  (benchmarks/timing.py)

from samverka.collaboration.bodies.models import Body  # noqa: E402
from samverka.education.catalogue.models import Offering  # noqa: E402
from samverka.education.cohorts.models import Cohort  # noqa: E402
from samverka.education.orders.models import (  # noqa: E402
    STATUS_CHAIN,
    EducationOrder,
    OrderAddressee,
    OrderEvent,
    OrderOccupation,
)
from samverka.platform.accounts.models import User  # noqa: E402
from samverka.platform.spaces.models import Space, SpaceMembership  # noqa: E402

MAX_QUERIES = 20
TARGET_P95_MS = 150.0
YEARS = range(2000, 2030)
TERMS = ("HT", "VT")


def _space() -> Space:
    found = (
        Offering.objects.values("space_id").annotate(n=Count("pk")).order_by("-n").values_list("space_id", flat=True)
    ).first()
    if found is None:
        raise SystemExit("No catalogue offerings: run generate_national_data first.")
    return Space.objects.get(pk=found)


def _add_orders(space: Space, forum: Body, workshop: Body, start: int, stop: int) -> None:
    now = timezone.now()
    today = timezone.localdate()
    orders = EducationOrder.objects.bulk_create(
        [
            EducationOrder(
                space=space,
                title=f"Bänkbeställning {n}",
                origin_body=forum,
                order_type="new",
                forms=["vux"],
                start_year=today.year,
                end_year=today.year + 2,
                priority=1 + n % 3,
                status=STATUS_CHAIN[1 + n % (len(STATUS_CHAIN) - 1)],
                due_on=today + timedelta(days=(n % 60) - 20),
                sent_on=today - timedelta(days=n % 400),
            )
            for n in range(start, stop)
        ],
        batch_size=1000,
    )
    OrderAddressee.objects.bulk_create([OrderAddressee(order=o, body=workshop) for o in orders], batch_size=1000)
    OrderOccupation.objects.bulk_create(
        [OrderOccupation(order=o, ssyk_code="5321", year=today.year + y, volume=20) for o in orders for y in (0, 1)],
        batch_size=1000,
    )
    OrderEvent.objects.bulk_create(
        [
            OrderEvent(order=o, from_status=a, to_status=b, at=now - timedelta(days=30 - i))
            for o in orders
            for i, (a, b) in enumerate(zip(STATUS_CHAIN, STATUS_CHAIN[1:4], strict=False))
        ],
        batch_size=1000,
    )


def _add_cohorts(space: Space, slots: list[tuple[int, int, str]], start: int, stop: int) -> int:
    rows = [
        Cohort(
            space=space,
            offering_id=offering_id,
            start_year=year,
            term=term,
            applicants=40,
            admitted=30,
            started=28,
            completed_with_degree=19,
            completed_without_degree=3,
            dropped_out=4,
        )
        for offering_id, year, term in slots[start:stop]
    ]
    Cohort.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default=connection.vendor)
    parser.add_argument("--orders", type=int, default=5000)
    parser.add_argument("--cohorts", type=int, default=50000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", help="append one JSON line per measurement to this file")
    args = parser.parse_args()
    get_resolver().url_patterns  # noqa: B018  (a server has its URLconf loaded)

    results = []
    with transaction.atomic():
        space = _space()
        forum = Body.objects.create(space=space, name="Bänkforum", kind="industry_forum", status="active")
        workshop = Body.objects.create(
            space=space, name="Bänkverkstad", kind="local_competence_workshop", status="active", parent=forum
        )
        user = User.objects.create_user(email="bench-orders@example.se", password="bench-only-password-123")
        SpaceMembership.objects.create(space=space, user=user, role="member")
        client = Client()
        client.force_login(user)
        taken = set(Cohort.objects.filter(space=space).values_list("offering_id", "start_year", "term"))
        offerings = list(Offering.objects.filter(space=space).order_by("pk").values_list("pk", flat=True))
        slots = [slot for slot in product(offerings, YEARS, TERMS) if slot not in taken][: args.cohorts]
        made_orders = made_cohorts = 0
        for size, orders, cohorts in (
            ("demo", args.orders // 10, args.cohorts // 10),
            ("10x", args.orders, args.cohorts),
        ):
            _add_orders(space, forum, workshop, made_orders, orders)
            made_orders = orders
            made_cohorts += _add_cohorts(space, slots, made_cohorts, cohorts)
            oldest = EducationOrder.objects.filter(origin_body=forum).order_by("pk").first()
            pages = {
                "order overview": reverse("orders:order-list", kwargs={"space": space.slug}),
                "order page": reverse("orders:order-detail", kwargs={"space": space.slug, "pk": oldest.pk}),
                "cohort list": reverse("cohorts:cohort-list", kwargs={"space": space.slug}),
            }
            for page, url in pages.items():
                result = {
                    "orders_bench": page,
                    "size": size,
                    "orders": made_orders,
                    "cohorts": made_cohorts,
                    "backend": args.backend,
                    **measure(client, url, requests=args.requests, warmup=args.warmup),
                }
                results.append(result)
                if result["status"] != 200:
                    print(f"{page} {size}: answered {result['status']}", file=sys.stderr)
                    continue
                print(
                    f"{page:15} {size:4} ({made_orders:,} orders, {made_cohorts:,} cohorts) on {args.backend:10}: "
                    f"median {result['median']:.1f} ms, p95 {result['p95']:.1f} ms, {result['queries']} queries"
                )
        transaction.set_rollback(True)
    for page in ("order overview", "order page"):
        found = [r for r in results if r["orders_bench"] == page and r["status"] == 200]
        queries = {r["queries"] for r in found}
        verdict = "✔" if len(queries) == 1 and max(queries) <= MAX_QUERIES else "✖"
        print(f"{page}: queries at both sizes {sorted(queries)} (target one count <= {MAX_QUERIES}): {verdict}")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as handle:
            for result in results:
                handle.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
