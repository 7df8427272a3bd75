"""The registry at national scale: registering a document, the public diary and the case list.

Runs on the database ``make bench`` generated (DATABASE_URL). In the national space it creates, with
bulk_create, a registration series with ``--cases`` cases of ten documents each (200,000 documents by
default; one in twenty marked secret), then measures:

* registering an incoming document with a PDF through ``registry.services.document_register`` as the
  secretariat (median and p95 of ``--registrations`` registrations, each its own transaction);
* the public diary page, anonymous, its 2000th page (by cursor), a search in it, and the diary API (first
  page and 2000th);
* the registry's case list as the secretariat, first page and 200th (by cursor);
* full-text search over the 200,000 documents (each with a file text of about thirty words drawn from
  a vocabulary of the field) as the secretariat, for rare, common, two-word and prefix queries, after
  building the search entries with ``registry.search.rebuild``.

Targets (issue 5): registering a document < 200 ms; full-text search p95 ≤ 100 ms on PostgreSQL; the
public diary ≤ 20 queries.

    python benchmarks/registry.py --backend sqlite [--cases 20000] [--requests 30] [--json out.json]
"""

import argparse
import base64
import json
import sys
import time
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import environment  # benchmarks/environment.py

environment.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from timing import measure, summary  # noqa: E402  (benchmarks/timing.py)

from samverka.platform.accounts.models import User  # noqa: E402
from samverka.platform.spaces.models import Space, SpaceMembership, SpaceRole  # noqa: E402
from samverka.records.registry import search, services  # noqa: E402
from samverka.records.registry.diary import public_words  # noqa: E402
from samverka.records.registry.models import (  # noqa: E402
    Case,
    CaseCounter,
    CaseStatus,
    CaseType,
    Direction,
    DocumentFile,
    RegisteredDocument,
    RegistrationSeries,
    SearchEntry,
    SecrecyMarking,
    diary_key,
)
from samverka.records.registry.selectors import CASE_ORDERING, DIARY_ORDERING, public_registrations  # noqa: E402

BATCH = 5_000
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TYPES = list(CaseType.values)
VOCABULARY = [
    "arbetsmarknad",
    "kompetensförsörjning",
    "validering",
    "yrkeshögskola",
    "lärlingsutbildning",
    "omställning",
    "vuxenutbildning",
    "branschråd",
    "programråd",
    "yrkesvux",
    "sjuksköterska",
    "undersköterska",
    "elektriker",
    "svetsare",
    "lärare",
    "förskollärare",
    "ingenjör",
    "programmerare",
    "lastbilsförare",
    "busschaufför",
    "kock",
    "vårdbiträde",
    "personlig",
    "assistent",
    "snickare",
    "målare",
    "rörmontör",
    "fastighetsskötare",
    "lagerarbetare",
    "truckförare",
    "kundtjänst",
    "ekonom",
    "revisor",
    "jurist",
    "socionom",
    "psykolog",
    "analys",
    "prognos",
    "statistik",
    "region",
    "kommun",
    "länsstyrelse",
    "arbetsförmedlingen",
    "skolverket",
    "myndighet",
    "uppdrag",
    "regeringskansliet",
    "utbildningsdepartementet",
    "finansiering",
    "ansökan",
    "beslut",
    "yttrande",
    "remiss",
    "underlag",
    "rapport",
    "uppföljning",
    "utvärdering",
    "matchning",
    "rekrytering",
    "bristyrke",
    "pension",
    "åldersavgångar",
    "inflöde",
    "utflöde",
    "efterfrågan",
    "utbud",
    "näringsliv",
    "industri",
    "tillverkning",
    "besöksnäring",
    "handel",
    "transport",
    "bygg",
    "energi",
    "skog",
    "jordbruk",
    "digitalisering",
    "grön",
    "omställning",
    "batteri",
    "vätgas",
    "elektrifiering",
    "hälsa",
    "sjukvård",
    "omsorg",
    "äldreomsorg",
    "barnomsorg",
    "skola",
    "gymnasium",
    "högskola",
    "universitet",
    "studieförbund",
    "folkhögskola",
    "praktik",
    "handledning",
    "introduktion",
    "nyanlända",
    "språk",
    "svenska",
]
SUBJECTS = ("Remissvar", "Uppdragsbrev", "Minnesanteckningar", "Inbjudan", "Begäran om underlag", "Yttrande")


def prepare(cases: int) -> tuple[Space, User]:
    space = Space.objects.filter(kind="national").order_by("pk").first() or Space.objects.order_by("pk").first()
    assert space is not None, "run generate_national_data first"
    registrar, _ = User.objects.get_or_create(email="bench-secretariat@samverka.local", defaults={"full_name": "Bench"})
    SpaceMembership.objects.get_or_create(space=space, user=registrar, defaults={"role": SpaceRole.SECRETARIAT})
    if RegistrationSeries.objects.filter(space=space, code="BENCH").exists():
        return space, registrar
    started = time.perf_counter()
    years = (2024, 2025, 2026)
    per_year = cases // len(years)
    today = date(2026, 11, 1)
    with transaction.atomic():
        series = RegistrationSeries.objects.create(space=space, code="BENCH", name="Bench")
        case_rows = []
        for year in years:
            for number in range(1, per_year + 1):
                case_rows.append(
                    Case(
                        series=series,
                        space=space,
                        year=year,
                        number=number,
                        title=f"{SUBJECTS[number % len(SUBJECTS)]} om kompetensförsörjning {number}",
                        case_type=TYPES[number % len(TYPES)],
                        status=CaseStatus.CLOSED if year < 2026 else CaseStatus.PREPARATION,
                        opened_on=date(year, 1 + number % 12, 1 + number % 28),
                        closed_on=date(year, 12, 31) if year < 2026 else None,
                    )
                )
            CaseCounter.objects.create(series=series, year=year, last=per_year)
        Case.objects.bulk_create(case_rows, batch_size=BATCH)
        rows = list(Case.objects.filter(series=series).order_by("pk").values_list("pk", "year", "number", "title"))
        ids = [row[0] for row in rows]
        marked_cases = set(ids[::2])  # their document 5 is marked below, masking its sender
        documents = []
        for case_id, year, case_number, title in rows:
            for number in range(1, 11):
                direction = (Direction.INCOMING, Direction.OUTGOING, Direction.INTERNAL)[number % 3]
                subject = f"{SUBJECTS[(case_id + number) % len(SUBJECTS)]} {case_id}-{number}"
                counterpart = f"Region {case_id % 21} handläggare {number}"
                masked = number == 5 and case_id in marked_cases
                documents.append(
                    RegisteredDocument(
                        case_id=case_id,
                        number=number,
                        direction=direction,
                        subject=subject,
                        counterpart=counterpart,
                        received_on=today - timedelta(days=(case_id + number) % 900),
                        # bulk_create skips save(): the diary's columns as registry.diary fills them
                        space=space,
                        diary_key=diary_key(year, case_number, number),
                        diary_words=public_words(
                            case_title=title, subject=subject, counterpart="" if masked else counterpart
                        ),
                    )
                )
        RegisteredDocument.objects.bulk_create(documents, batch_size=BATCH)
        marked = RegisteredDocument.objects.filter(case__series=series, number=5, case_id__in=ids[::2])
        SecrecyMarking.objects.bulk_create(
            [
                SecrecyMarking(
                    document_id=pk,
                    provision="OSL 21 kap. 7 §",
                    marked_on=today,
                    authority="MSV KLL",
                    marked_by=registrar,
                    masks_counterpart=True,
                )
                for pk in marked.values_list("pk", flat=True)
            ],
            batch_size=BATCH,
        )
        # A file text per document: about thirty words of the field, drawn deterministically.
        files = []
        for pk, case_id, number in RegisteredDocument.objects.filter(case__series=series).values_list(
            "pk", "case_id", "number"
        ):
            seed = case_id * 31 + number * 7
            words = [VOCABULARY[(seed * (i + 3) + i * i) % len(VOCABULARY)] for i in range(30)]
            files.append(
                DocumentFile(
                    document_id=pk,
                    version=1,
                    name=f"bilaga-{pk}.pdf",
                    content_type="application/pdf",
                    size=1000,
                    sha256="0" * 64,
                    text=" ".join(words),
                )
            )
        DocumentFile.objects.bulk_create(files, batch_size=BATCH)
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give them (and SQLite's ANALYZE)
        for table in ("registry_case", "registry_registereddocument", "registry_secrecymarking"):
            cursor.execute(f"ANALYZE {table}")
    total = RegisteredDocument.objects.filter(case__series=series).count()
    print(f"created {len(ids)} cases and {total} documents in {time.perf_counter() - started:.1f} s")
    return space, registrar


def build_search(space: Space) -> None:
    if SearchEntry.objects.filter(space=space).exists():
        return
    started = time.perf_counter()
    with transaction.atomic():
        written = search.rebuild(space=space)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE registry_searchentry")
    print(f"built {written} search entries in {time.perf_counter() - started:.1f} s")


def time_registrations(space: Space, registrar: User, count: int) -> dict[str, Any]:
    series = RegistrationSeries.objects.get(space=space, code="BENCH")
    case = services.case_register(actor=registrar, series=series, title="Benchmark", case_type=CaseType.INQUIRY)
    timings = []
    for i in range(count):
        upload = SimpleUploadedFile(f"skrivelse-{i}.pdf", PDF, content_type="application/pdf")
        started = time.perf_counter()
        services.document_register(
            actor=registrar,
            case=case,
            direction=Direction.INCOMING,
            subject=f"Inkommen skrivelse {i}",
            counterpart="Region Sörmland",
            received_on=date(2026, 11, 2),
            files=[upload],
        )
        timings.append((time.perf_counter() - started) * 1000)
    return {**summary(timings), "count": count}


def cursor_at(rows: Any, ordering: tuple[str, ...], offset: int) -> str:
    """The cursor of the page that starts ``offset`` rows into ``rows`` (or as deep as they go): the lists
    page by the platform's cursor (``core.paging``): "p=<JSON list of the ordering's values of the row before>"."""
    names = [part.lstrip("-") for part in ordering]
    keys = rows.order_by(*ordering).values_list(*names)
    count = keys[: offset + 1].count()
    position = list(keys[max(0, min(offset, count - 1) - 1)])
    return base64.b64encode(urlencode({"p": json.dumps(position, default=str)}).encode()).decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default=connection.vendor)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--registrations", type=int, default=30)
    parser.add_argument("--json", help="Append the results to this JSON-lines file.")
    args = parser.parse_args()

    space, registrar = prepare(args.cases)
    build_search(space)
    registering = time_registrations(space, registrar, args.registrations)
    print(
        f"registering a document with a PDF on {args.backend}: median {registering['median']:.1f} ms, "
        f"p95 {registering['p95']:.1f} ms ({registering['count']} registrations)"
    )
    anonymous = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(registrar)
    diary = reverse("intake:diary", kwargs={"space": space.slug})
    case_list = reverse("registry:case-list", kwargs={"space": space.slug})
    api = f"/api/v1/diary/?space={space.slug}"
    diary_deep = cursor_at(public_registrations(space), DIARY_ORDERING, 2000 * 50)
    cases_deep = cursor_at(Case.objects.filter(space=space), CASE_ORDERING, 200 * 50)
    pages = {
        "public diary": (anonymous, diary),
        "public diary, page 2000 (cursor)": (anonymous, f"{diary}?cursor={diary_deep}"),
        "public diary search": (anonymous, diary + "?q=Remissvar"),
        "public diary API": (anonymous, api),
        "public diary API, page 2000 (cursor)": (anonymous, f"{api}&cursor={diary_deep}"),
        "registry case list": (staff, case_list),
        "registry case list, page 200 (cursor)": (staff, f"{case_list}?cursor={cases_deep}"),
    }
    search_url = reverse("registry:search", kwargs={"space": space.slug})
    for label, query in (
        ("rare word", "vätgas"),
        ("common word", "kompetensförsörjning"),
        ("two words", "sjuksköterska pension"),
        ("inflected form", "valideringen"),
        ("prefix", "elektrif"),
        ("name of a sender", "handläggare 7"),
    ):
        pages[f"full-text search, {label} ({query})"] = (staff, f"{search_url}?q={query}")
    rows = [{"registering": True, "backend": args.backend, **registering}]
    for name, (client, url) in pages.items():
        result = measure(client, url, requests=args.requests)
        user = "anonymous" if client is anonymous else "secretariat"
        rows.append({"page": name, "user": user, "backend": args.backend, **result})
        if result.get("status") == 200:
            print(
                f"{name} ({user}) on {args.backend}: median {result['median']:.1f} ms, "
                f"p95 {result['p95']:.1f} ms, {result['queries']} queries"
            )
        else:
            print(f"{name} on {args.backend}: HTTP {result.get('status')}")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row) + "\n")
    return 0 if all(r.get("status", 200) == 200 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
