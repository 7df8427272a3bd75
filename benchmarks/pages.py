"""Server time of Samverka's key pages on the generated national data (in-process, Django test Client).

Run by scripts/bench.sh after ``generate_national_data`` into the database that
DATABASE_URL points at (at two scales, for the growth ratios). Each page is requested ``--warmup``
times, then ``--requests`` times, as an anonymous visitor and as a member of the largest
regional space; the table gives the median and 95th percentile of the server
time and the number of SQL queries of one request. A page whose app has not
been built yet (no URL name, or a 404) is reported as "n/a".

With ``--registry-cases N`` the registry of the national space first gets N cases of ten
documents (benchmarks/registry.py's data, unless it is there already), so that the public diary
(first and last page), the case list (as the secretariat; first and last page) and the API's diary
grow with the data too. Every list of the REST API is requested as the member (first page).

    python benchmarks/pages.py --backend sqlite [--requests 30] [--warmup 3] [--registry-cases 6000] [--json out.json]
"""

import argparse
import base64
import gc
import json
import sys
from typing import Any
from urllib.parse import urlencode

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


def api_lists(space: Space) -> list[tuple[str, str | None]]:
    """The first page of every list of the REST API (the router's registry), with the parameter a list
    requires: the space (the measured one), the statistics version (the largest)."""
    from samverka.insight.statistics.models import DatasetVersion
    from samverka.platform.api.urls import router

    version = DatasetVersion.objects.order_by("-cell_count", "pk").values_list("pk", flat=True).first()
    required = {
        "validation-outcomes": f"?space={space.slug}",
        "cohorts": f"?space={space.slug}",
        "observations": f"?version={version}",
    }
    # Observations need a version: without statistics in the data that list is not measured (not a 400).
    skipped = set() if version else {"observations"}
    return [
        (
            f"API {prefix}",
            None if prefix in skipped else url_for([f"v1:{basename}-list"], query=required.get(prefix, "")),
        )
        for prefix, _viewset, basename in router.registry
    ]


def registry_pages() -> tuple[Any, list[tuple[str, str | None]]]:
    """The public diary and the case list of the space with the most cases: first and last page
    (the last page by the cursor that reads the list backwards from its end, as the lists' own
    "last page" does); the secretariat of benchmarks/registry.py as the case list's user."""
    from samverka.records.registry.models import Case

    busiest = Case.objects.values("space").annotate(n=Count("id")).order_by("-n").first()
    if busiest is None:
        return None, []
    space = Space.objects.get(pk=busiest["space"])
    registrar = User.objects.filter(email="bench-secretariat@samverka.local").first()
    # DRF's cursor format: reversed, no position = the rows at the end of the ordering.
    last = "?" + urlencode({"cursor": base64.b64encode(b"r=1").decode()})
    slug = {"space": space.slug}
    found = [
        ("public diary", url_for(["intake:diary"], slug)),
        ("public diary, last page", url_for(["intake:diary"], slug, query=last)),
        ("API diary", url_for(["v1:diary-list"], query=f"?space={space.slug}")),
    ]
    if registrar is not None:
        found += [
            ("case list", url_for(["registry:case-list"], slug)),
            ("case list, last page", url_for(["registry:case-list"], slug, query=last)),
        ]
    return registrar, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default=connection.vendor)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--registry-cases", type=int, default=0, help="Cases of ten documents for the registry.")
    parser.add_argument("--json", help="Append the results to this JSON-lines file.")
    args = parser.parse_args()

    space, member, organisation, body = pick_objects()
    if args.registry_cases:
        import registry  # benchmarks/registry.py

        registry.prepare(args.registry_cases)
    anonymous = Client(raise_request_exception=False)
    logged_in = Client(raise_request_exception=False)
    logged_in.force_login(member)
    registrar, registry_urls = registry_pages()
    secretariat = Client(raise_request_exception=False)
    if registrar is not None:
        secretariat.force_login(registrar)
    both = (("anonymous", anonymous), ("member", logged_in))
    measured: list[tuple[str, str | None, tuple]] = [
        (label, url, both) for label, url in pages(space, organisation, body)
    ]
    for label, url in registry_urls:
        who = (("secretariat", secretariat),) if label.startswith("case list") else (("anonymous", anonymous),)
        measured.append((label, url, who))
    already = {label for label, _url, _users in measured}
    measured += [(label, url, (("member", logged_in),)) for label, url in api_lists(space) if label not in already]
    # What the setup above read (the picked objects, the registry's preparation) stays in this process; a
    # server's worker holds none of it. Python's collector would walk it on every full collection and
    # make the larger scale look slower than it is: freeze it, as a server that loads before forking does.
    gc.collect()
    gc.freeze()
    rows = []
    print(f"Pages on {args.backend}: space {space.slug}, {args.warmup} warm-ups + {args.requests} requests each")
    print(f"{'page':28} | {'user':11} | {'backend':10} | {'median ms':>9} | {'p95 ms':>8} | {'queries':>7}")
    print("-" * 90)
    for label, url, users in measured:
        for who, client in users:
            result = (
                {"status": None} if url is None else measure(client, url, requests=args.requests, warmup=args.warmup)
            )
            row = {"page": label, "user": who, "backend": args.backend, "url": url, **result}
            rows.append(row)
            if result.get("status") == 200:
                print(
                    f"{label:28} | {who:11} | {args.backend:10} | {result['median']:9.1f} | {result['p95']:8.1f} | "
                    f"{result['queries']:7d}"
                )
            else:
                status = result.get("status") or "no URL"
                print(f"{label:28} | {who:11} | {args.backend:10} | {'n/a':>9} | {'n/a':>8} | {'n/a':>7}  ({status})")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
