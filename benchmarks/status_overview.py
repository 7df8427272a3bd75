"""The steering overview of a status round for 30 groups × 300 activities, and its PDF and Excel exports.

Runs on the database ``make bench`` generated (DATABASE_URL). In the national space it creates, with
bulk_create, 30 working groups with an adopted work plan of 10 activities each (300 activities linked
to five result goals), a steering group with one member who has an account, and two rounds (the
previous one for the trend) in which every activity and expected result has a light and a comment,
with the steering group's feedback to every group. Then, as that steering-group member (Django test
Client, in-process), the overview page is requested ``--warmup`` times and ``--requests`` times: the
median and 95th percentile of the server time and the number of SQL queries of one request; and the
round's PDF and Excel exports are downloaded once each and timed (after WeasyPrint has been loaded with
a one-line document, as in a running server).

Targets (issue 4): ≤ 20 queries, p95 ≤ 150 ms; the PDF in < 5 s.

    python benchmarks/status_overview.py --backend sqlite [--requests 30] [--warmup 3] [--json out.json]
"""

import argparse
import json
import sys
import time
from datetime import timedelta
from io import BytesIO

import environment  # benchmarks/environment.py

environment.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import measure  # noqa: E402  (benchmarks/timing.py)

from samverka.collaboration.actors.models import Contact, Organisation  # noqa: E402
from samverka.collaboration.bodies.models import Body, Membership  # noqa: E402
from samverka.platform.accounts.models import User  # noqa: E402
from samverka.platform.spaces.models import Space  # noqa: E402
from samverka.steering.goals.models import Goal  # noqa: E402
from samverka.steering.statusreports.models import ActivityStatus, Feedback, StatusReport, StatusRound  # noqa: E402
from samverka.steering.workplans.models import Activity, WorkPlan  # noqa: E402

GROUPS = 30
ACTIVITIES = 10
GOALS = 5
LIGHTS = ("green", "yellow", "red")


@transaction.atomic
def prepare() -> tuple[StatusRound, User]:
    """The national space gets 30 new groups with 300 activities and two fully answered rounds."""
    space = Space.objects.filter(kind="national").order_by("pk").first()
    if space is None:
        raise SystemExit("No national space: run generate_national_data first.")
    run = time.strftime("%Y%m%d%H%M%S")
    today = timezone.localdate()
    year = today.year
    organisation = Organisation.objects.order_by("pk").first()
    assert organisation is not None, "run generate_national_data first"

    effect = Goal.objects.create(space=space, year=year, kind="effect", code=f"BE{run[-8:]}", title="Bänkeffektmål")
    goals = Goal.objects.bulk_create(
        [
            Goal(space=space, year=year, kind="result", parent=effect, code=f"BR{run[-8:]}.{i}", title=f"Bänkmål {i}")
            for i in range(GOALS)
        ]
    )
    steering = Body.objects.create(space=space, name=f"Bänkstyrgrupp {run}", kind="steering_group", status="active")
    user = User.objects.create_user(email=f"bench.styrgrupp.{run}@example.se", full_name="Bänk Styrgrupp")
    contact = Contact.objects.create(organisation=organisation, name=user.full_name, email=user.email, user=user)
    Membership.objects.create(body=steering, contact=contact, organisation=organisation, role="member")

    bodies = Body.objects.bulk_create(
        [
            Body(space=space, name=f"Bänkgrupp {run} {i:02d}", kind="working_group", status="active", parent=steering)
            for i in range(GROUPS)
        ]
    )
    plans = WorkPlan.objects.bulk_create(
        [WorkPlan(body=body, year=year, status="adopted", adopted_at=today, purpose="Bänk") for body in bodies]
    )
    activities = Activity.objects.bulk_create(
        [
            Activity(
                work_plan=plan,
                position=i,
                title=f"Aktivitet {i + 1} för {plan.body.name}",
                description="Beskrivning av aktiviteten.",
                expected_result=f"Förväntat resultat {i + 1}",
            )
            for plan in plans
            for i in range(ACTIVITIES)
        ]
    )
    through = Activity.result_goals.through
    through.objects.bulk_create(
        [through(activity_id=a.pk, goal_id=goals[i % GOALS].pk) for i, a in enumerate(activities)]
    )

    rounds = StatusRound.objects.bulk_create(
        [
            StatusRound(
                space=space,
                name=f"Bänkrunda {run} {label}",
                year=year,
                opens_on=today - timedelta(days=days),
                deadline=today - timedelta(days=days) + timedelta(days=21),
                state=state,
            )
            for label, days, state in (("före", 180, "approved"), ("nu", 0, "open"))
        ]
    )
    for offset, status_round in enumerate(rounds):
        reports = StatusReport.objects.bulk_create(
            [StatusReport(round=status_round, work_plan=plan, state="submitted") for plan in plans]
        )
        by_plan = {r.work_plan_id: r for r in reports}
        ActivityStatus.objects.bulk_create(
            [
                ActivityStatus(
                    report=by_plan[a.work_plan_id],
                    activity=a,
                    light_activity=LIGHTS[(i + offset) % 3],
                    light_result=LIGHTS[(i + offset + 1) % 3],
                    comment_activity="Kommentar om aktiviteten.",
                    comment_result="Kommentar om resultatet.",
                )
                for i, a in enumerate(activities)
            ],
            batch_size=500,
        )
        Feedback.objects.bulk_create(
            [Feedback(report=r, text="Styrgruppens återkoppling till gruppen.", by=user) for r in reports]
        )
    return rounds[1], user


def ensure_static() -> None:
    """Production settings serve static files through the collectstatic manifest; a manifest built
    before this app existed lacks its stylesheet (the page would answer 500), so rebuild it then."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    try:
        staticfiles_storage.url("statusreports/statusreports.css")
    except ValueError:
        call_command("collectstatic", interactive=False, verbosity=0)


def warm_weasyprint() -> None:
    """Load WeasyPrint, Pango and the fonts once, as a running server has (like the pages' warm-ups)."""
    from weasyprint import HTML

    HTML(string="<p>Samverka</p>", base_url=None).write_pdf()


def download(client: Client, url: str) -> tuple[int, float, bytes]:
    started = time.perf_counter()
    response = client.get(url)
    return response.status_code, time.perf_counter() - started, response.content


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default=connection.vendor)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", help="Append the result to this JSON-lines file.")
    args = parser.parse_args()

    ensure_static()
    status_round, user = prepare()
    client = Client(raise_request_exception=False)
    client.force_login(user)
    kwargs = {"space": status_round.space.slug, "pk": status_round.pk}
    result = measure(
        client, reverse("statusreports:round-overview", kwargs=kwargs), requests=args.requests, warmup=args.warmup
    )
    warm_weasyprint()
    pdf_status, pdf_s, pdf = download(client, reverse("statusreports:round-pdf", kwargs=kwargs))
    xlsx_status, xlsx_s, xlsx = download(client, reverse("statusreports:round-xlsx", kwargs=kwargs))

    from openpyxl import load_workbook

    pdf_ok = pdf_status == 200 and pdf.startswith(b"%PDF-")
    xlsx_rows = load_workbook(BytesIO(xlsx), read_only=True).worksheets[0].max_row - 2 if xlsx_status == 200 else 0
    lights = GROUPS * ACTIVITIES
    if result.get("status") == 200:
        print(
            f"status overview {GROUPS} groups × {lights} activities on {args.backend}: median "
            f"{result['median']:.1f} ms, p95 {result['p95']:.1f} ms, {result['queries']} queries "
            f"({args.warmup} warm-ups + {args.requests} requests)"
        )
    else:
        print(f"status overview on {args.backend}: HTTP {result.get('status')}")
    print(
        f"round export: PDF {pdf_s:.2f} s ({len(pdf) // 1024} KiB, {'ok' if pdf_ok else 'FAILED'}), "
        f"Excel {xlsx_s:.2f} s ({xlsx_rows} activity rows)"
    )
    targets = result.get("status") == 200 and result["queries"] <= 20 and result["p95"] <= 150 and pdf_ok and pdf_s < 5
    print("targets (≤ 20 queries, p95 ≤ 150 ms, PDF < 5 s): " + ("✔" if targets else "✖"))
    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            row = {
                "page": "status overview",
                "user": "steering group",
                "backend": args.backend,
                "groups": GROUPS,
                "activities": lights,
                **result,
                "pdf_s": pdf_s,
                "pdf_bytes": len(pdf),
                "xlsx_s": xlsx_s,
                "xlsx_rows": xlsx_rows,
            }
            fh.write(json.dumps(row) + "\n")
    return 0 if result.get("status") == 200 and pdf_ok and xlsx_rows == lights else 1


if __name__ == "__main__":
    sys.exit(main())
