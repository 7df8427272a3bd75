"""Server time of Samverka's key pages on the generated national data (in-process, Django test Client).

Run by scripts/bench.sh after ``generate_national_data`` into the database that
DATABASE_URL points at. Each page is requested ``--warmup`` times, then
``--requests`` times, as an anonymous visitor and as a member of the largest
regional space; the table gives the median and 95th percentile of the server
time and the number of SQL queries of one request. A page whose app has not
been built yet (no URL name, or a 404) is reported as "n/a".

    python benchmarks/pages.py --backend sqlite [--requests 30] [--warmup 3] [--json out.json]
"""

import argparse
import json
import sys
from typing import Any

import environment  # benchmarks/environment.py

environment.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import measure  # noqa: E402  (benchmarks/timing.py)

from samverka.collaboration.actors.models import Organisation  # noqa: E402
from samverka.collaboration.bodies.models import Body  # noqa: E402
from samverka.platform.accounts.models import User  # noqa: E402
from samverka.platform.spaces.models import Space  # noqa: E402

#: The space measured: Västra Götaland has the most municipalities, organisations and bodies.
BENCH_COUNTY = "14"


def url_for(names: list[str], kwargs: dict[str, Any] | None = None, query: str = "") -> str | None:
    """The first URL name that reverses, with the query string; None when no app provides it yet."""
    for name in names:
        try:
            return reverse(name, kwargs=kwargs) + query
        except NoReverseMatch:
            continue
    return None


def pick_objects() -> tuple[Space, User, Organisation | None, Body | None]:
    space = Space.objects.filter(county_id=BENCH_COUNTY).order_by("pk").first()
    if space is None:
        raise SystemExit("No space for county 14: run generate_national_data first.")
    member = User.objects.get(email=f"medlem.{space.slug}@samverka.example")
    # The organisation with the most memberships (a big municipality): the heaviest detail page.
    organisation = (
        Organisation.objects.filter(county_id=BENCH_COUNTY, type="municipality")
        .annotate(n=Count("memberships"))
        .order_by("-n", "pk")
        .first()
    )
    body = (
        Body.objects.filter(space=space, kind="industry_forum", is_public=True)
        .annotate(n=Count("memberships"))
        .order_by("-n", "pk")
        .first()
    )
    return space, member, organisation, body


def next_meeting(body: Body | None) -> Any:
    """The body's next meeting (or its latest), for the meeting page."""
    from samverka.collaboration.meetings.models import Meeting

    if body is None:
        return None
    meetings = Meeting.objects.filter(body=body)
    return meetings.filter(start__gte=timezone.now()).order_by("start").first() or meetings.order_by("-start").first()


def pages(space: Space, organisation: Organisation | None, body: Body | None) -> list[tuple[str, str | None]]:
    slug = {"space": space.slug}
    meeting = next_meeting(body)
    return [
        ("home", url_for(["spaces:home"])),
        ("organisation list", url_for(["actors:organisation-list"])),
        ("organisation search", url_for(["actors:organisation-list"], query="?q=bygg&type=employer&county=14")),
        (
            "organisation detail",
            url_for(["actors:organisation-detail"], {"pk": organisation.pk}) if organisation else None,
        ),
        ("space detail", url_for(["spaces:detail"], slug)),
        ("landscape map", url_for(["actors:landscape"], slug)),
        ("body list", url_for(["bodies:body-list"], slug)),
        ("body detail", url_for(["bodies:body-detail"], {**slug, "pk": body.pk}) if body else None),
        ("system overview", url_for(["bodies:system-overview"], slug)),
        ("API organisations", url_for(["v1:organisation-list", "api:organisation-list"]) or "/api/v1/organisations/"),
        ("API bodies", url_for(["v1:body-list", "api:body-list"]) or "/api/v1/bodies/"),
        ("meeting page", url_for(["meetings:meeting-detail"], {**slug, "pk": meeting.pk}) if meeting else None),
        (
            "body calendar",
            url_for(["meetings:body-meetings"], {**slug, "body": body.pk}) if body else None,
        ),
        ("my page", url_for(["meetings:my-page"])),
        ("annual wheel", url_for(["wheels:body-wheel"], {**slug, "pk": body.pk}) if body else None),
        ("events", url_for(["events:event-list", "events:public-list"])),
        ("API meetings", url_for(["v1:meeting-list"])),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default=connection.vendor)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", help="Append the results to this JSON-lines file.")
    args = parser.parse_args()

    space, member, organisation, body = pick_objects()
    anonymous = Client(raise_request_exception=False)
    logged_in = Client(raise_request_exception=False)
    logged_in.force_login(member)
    rows = []
    print(f"Pages on {args.backend}: space {space.slug}, {args.warmup} warm-ups + {args.requests} requests each")
    print(f"{'page':22} | {'user':9} | {'backend':10} | {'median ms':>9} | {'p95 ms':>8} | {'queries':>7}")
    print("-" * 80)
    for label, url in pages(space, organisation, body):
        for who, client in (("anonymous", anonymous), ("member", logged_in)):
            result = (
                {"status": None} if url is None else measure(client, url, requests=args.requests, warmup=args.warmup)
            )
            row = {"page": label, "user": who, "backend": args.backend, "url": url, **result}
            rows.append(row)
            if result.get("status") == 200:
                print(
                    f"{label:22} | {who:9} | {args.backend:10} | {result['median']:9.1f} | {result['p95']:8.1f} | "
                    f"{result['queries']:7d}"
                )
            else:
                status = result.get("status") or "no URL"
                print(f"{label:22} | {who:9} | {args.backend:10} | {'n/a':>9} | {'n/a':>8} | {'n/a':>7}  ({status})")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
