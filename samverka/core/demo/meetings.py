"""Demo: a year of meetings for the bodies that are not on an annual wheel.

Steering groups, working groups, councils and networks meet about every seven
weeks from mid-January, on suitable working days (no public holidays, no summer
break), each with an agenda of the body's own themes. The wheels demo
(wheels.py) plans the industry forums and the national cycle; the minutes demo
(minutes.py) then writes the minutes of the held meetings and sends the
invitations of the coming ones.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from samverka.bodies.models import Body, BodyStatus
from samverka.core.times import stockholm
from samverka.meetings import services
from samverka.meetings.models import Meeting
from samverka.wheels.planning import next_suitable_day

#: Agenda themes by body kind (Swedish, as the people in the demo write them).
AGENDAS: dict[str, tuple[tuple[str, str], ...]] = {
    "steering_group": (
        ("Lägesrapport från sekretariatet", "information"),
        ("Mål och prioriteringar för samverkan", "decision"),
        ("Rapporter från arbetsgrupperna", "discussion"),
    ),
    "working_group": (
        ("Arbetsplanen: vad har hänt sedan sist", "information"),
        ("Underlag till styrgruppen", "discussion"),
        ("Fördelning av uppgifter", "decision"),
    ),
    "council": (
        ("Kompetensbehov i länet", "discussion"),
        ("Utbildningsutbud och beställningar", "decision"),
        ("Information från regionen", "information"),
    ),
}
DEFAULT_AGENDA = (
    ("Aktuellt från medlemmarna", "information"),
    ("Behov och prioriteringar", "discussion"),
    ("Beslut om fortsatt arbete", "decision"),
)
INTERVAL = timedelta(weeks=7)


def _agenda(body: Body) -> list[dict[str, str]]:
    themes = next((items for key, items in AGENDAS.items() if key in body.kind), DEFAULT_AGENDA)
    return [{"title": title, "kind": kind} for title, kind in themes]


def load_meetings() -> int:
    """Plan this year's meetings of every active body without meetings; returns how many were created."""
    year = timezone.localdate().year
    planned = Meeting.objects.filter(start__year=year).values("body")
    created = 0
    for index, body in enumerate(Body.objects.filter(status=BodyStatus.ACTIVE).exclude(pk__in=planned).order_by("pk")):
        day = date(year, 1, 12) + timedelta(days=index % 10)
        clock = time(13) if index % 2 else time(9, 30)
        while day.year == year:
            day, _reason = next_suitable_day(day)
            if day.year != year:
                break
            start = stockholm(datetime.combine(day, clock))  # noqa: DTZ001 (Stockholm wall-clock time)
            services.meeting_create(
                actor=None,
                body=body,
                title=f"{body.name}: möte",
                start=start,
                end=start + timedelta(hours=2),
                place="Regionens hus, Nyköping" if body.space.county_id == "04" else "",
                online_url="https://meet.example.se/" + body.name.lower().replace(" ", "-")[:40],
                is_public=body.is_public,
                agenda=_agenda(body),
            )
            created += 1
            day += INTERVAL
    return created
