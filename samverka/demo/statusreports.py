"""Demo: two rounds of status reports (lägesbedömning, seed 001 ch. 5) in MSV KLL, on the work plans
made by the work plans demo (run after it).

* "Våren <year>": every adopted plan reported, reviewed by the secretariat, the round closed and
  approved, with the steering group's feedback to each group.
* "Hösten <year>": open. The project has submitted (its pilot went from red to yellow); Arbetsgrupp
  STEM has a draft (its communication effort went from yellow to green) with one activity still without a
  light, so submitting it shows what is missing.

Everything goes through the status-report services. Deterministic: the spring round has fixed dates;
the autumn round opens a week before today (at the earliest 1 September) with the deadline three weeks on.
"""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from samverka.demo.accounts import NATIONAL_SLUG
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space
from samverka.steering.statusreports import services
from samverka.steering.statusreports.models import StatusReport, StatusRound
from samverka.steering.statusreports.services import StatusInput
from samverka.steering.workplans.models import Activity

# Per body name: per activity position, (activity light, result light, comment on the activity, on the result).
Lights = dict[str, list[tuple[str, str, str, str]]]

SPRING: Lights = {
    "Arbetsgrupp STEM": [
        ("green", "green", "Statistiken är insamlad från alla utbildningsformer.", ""),
        (
            "yellow",
            "yellow",
            "Upphandlingen av filmproduktion drog ut på tiden.",
            "Risk att färre regioner hinner använda materialet före sommaren.",
        ),
    ],
    "Projekt Validering och regional matchning": [
        ("green", "yellow", "Workshops genomförda i fyra av sex regioner.", "Enkätsvaren från glesbygden är få."),
        (
            "red",
            "yellow",
            "Piloten har inte kunnat starta: avtalet med branschorganisationen är inte klart.",
            "Modellen kan bli försenad ett halvår om avtalet dröjer.",
        ),
    ],
}

SPRING_DESCRIPTIONS = {
    "Arbetsgrupp STEM": "<p>Kartläggningen går enligt plan. Kommunikationsinsatsen är försenad men bedöms "
    "kunna genomföras under hösten.</p>",
    "Projekt Validering och regional matchning": "<p>Behovsanalysen går bra. Piloten behöver styrgruppens "
    "stöd för att få avtalet med branschorganisationen på plats.</p>",
}

SPRING_FEEDBACK = {
    "Arbetsgrupp STEM": "Styrgruppen tackar för en tydlig lägesbedömning. Prioritera kommunikationsinsatsen "
    "så att materialet når vägledarna inför höstens gymnasieval.",
    "Projekt Validering och regional matchning": "Styrgruppen ger Myndigheten för yrkeshögskolan i uppdrag att "
    "kontakta branschorganisationen på chefsnivå. Återkom till styrgruppen i september om piloten.",
}

AUTUMN: Lights = {
    "Arbetsgrupp STEM": [
        ("", "", "", ""),  # not yet assessed
        (
            "green",
            "yellow",
            "Materialet är klart och spritt via Regional kontakt.",
            "Nio regioner använder materialet; målet är tio.",
        ),
    ],
    "Projekt Validering och regional matchning": [
        ("green", "green", "Behovsanalyser klara för alla deltagande regioner.", ""),
        ("yellow", "yellow", "Avtalet är klart och piloten startade i september.", "Utvärderingen flyttas till våren."),
    ],
}


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _fill(report: StatusReport, lights: Lights, description: str = "") -> None:
    rows = lights.get(report.work_plan.body.name, [])
    activities = list(Activity.objects.filter(work_plan_id=report.work_plan_id).order_by("position", "pk"))
    statuses = {activity.pk: StatusInput(*rows[index % len(rows)]) for index, activity in enumerate(activities) if rows}
    services.report_save(actor=None, report=report, statuses=statuses, description=description or None)


def load_statusreports() -> list[StatusRound]:
    """Create the two demo rounds (skipped when the national space or adopted work plans are missing)."""
    space = Space.objects.filter(slug=NATIONAL_SLUG).first()
    if space is None:
        return []
    year = timezone.localdate().year
    secretariat: Any = _user("sekretariat@msv.example")

    spring = services.round_open(
        actor=None, space=space, name=f"Våren {year}", year=year, opens_on=date(year, 4, 1), deadline=date(year, 5, 15)
    )
    reports = list(spring.reports.select_related("work_plan__body"))
    if not reports:
        spring.delete()
        return []
    for report in reports:
        name = report.work_plan.body.name
        _fill(report, SPRING, SPRING_DESCRIPTIONS.get(name, ""))
        services.report_submit(actor=None, report=report)
        services.report_review(actor=secretariat, report=report)
        services.feedback_give(
            actor=secretariat,
            report=report,
            text=SPRING_FEEDBACK.get(name, "Styrgruppen tackar för lägesbedömningen och har inga synpunkter."),
        )
    services.round_close(actor=secretariat, status_round=spring)
    spring = services.round_approve(actor=secretariat, status_round=spring)

    today = timezone.localdate()
    opens_on = max(today - timedelta(days=7), date(year, 9, 1))
    autumn = services.round_open(
        actor=secretariat,
        space=space,
        name=f"Hösten {year}",
        year=year,
        opens_on=opens_on,
        deadline=max(opens_on, today) + timedelta(days=21),
    )
    for report in autumn.reports.select_related("work_plan__body"):
        _fill(report, AUTUMN)
        if report.work_plan.body.name == "Projekt Validering och regional matchning":
            services.report_submit(actor=None, report=report)
    return [spring, autumn]
