"""Demo: events of Region Sörmland's platform and MSV KLL.

An upcoming public kickoff in Eskilstuna with a programme, nearly full with
registrations and two people on the waiting list; a public webinar with open
registration; and an internal network meeting for the national collaboration.
Everything is made through the events services, like a real organiser would.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.events import services
from samverka.collaboration.events.models import Event, EventKind
from samverka.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.platform.spaces.models import Space

PEOPLE = [
    ("Anna Lindqvist", "Region Sörmland", "", ""),
    ("Erik Johansson", "Eskilstuna kommun", "Vegetariskt", ""),
    ("Fatima Hassan", "Arbetsförmedlingen", "", "Hörslinga"),
    ("Johan Berg", "Katrineholms kommun", "Laktosfritt", ""),
    ("Karin Nilsson", "Yrkeshögskolan Sörmland", "", ""),
    ("Lars Persson", "Sörmlands Åkeri", "Glutenfritt", ""),
    ("Maria Andersson", "Nyköpings kommun", "", "Rullstolsplats"),
    ("Mohammed Ali", "Agro Sörmland", "Halal", ""),
    ("Sara Ek", "Strängnäs kommun", "", ""),
    ("Ulla Svensson", "Vård- och omsorgscollege Sörmland", "Vegan", ""),
    ("Peter Holm", "Flens kommun", "", ""),
    ("Nora Sjöberg", "Region Sörmland", "", ""),
]


def _weekday(days_ahead: int) -> date:
    day = timezone.localdate() + timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))  # noqa: DTZ001 (Stockholm wall-clock, made aware by the service)


def _email(name: str) -> str:
    first, last = name.lower().split(" ", 1)
    table = str.maketrans("åäöé", "aaoe")
    return f"{first.translate(table)}.{last.translate(table).replace(' ', '')}@example.se"


def load_events() -> list[Event]:
    """Create the demo events (skipped when the spaces are missing)."""
    sormland = Space.objects.filter(slug=SORMLAND_SLUG).first()
    national = Space.objects.filter(slug=NATIONAL_SLUG).first()
    made: list[Event] = []
    if sormland is not None:
        day = _weekday(35)
        kickoff = services.event_create(
            actor=None,
            space=sormland,
            data=services.EventData(
                kind=EventKind.KICKOFF,
                title="Kickoff för kompetensförsörjning i Sörmland",
                description="<p>Årets kickoff för kompetensplattformen: branschforumen, kommunerna, utbildningsanordnarna "
                "och Arbetsförmedlingen samlas för att sätta årets gemensamma prioriteringar.</p>"
                "<ul><li>Läget på arbetsmarknaden i länet</li><li>Branschforumens planer</li>"
                "<li>Workshop om framtidens kompetensbehov</li></ul>",
                place="Munktellarenan, Eskilstuna",
                online_url="",
                start=_at(day, 9),
                end=_at(day, 16),
                capacity=10,
                registration_closes_at=_at(day - timedelta(days=7), 23, 59),
                is_public=True,
                body=Body.objects.filter(space=sormland, kind="collaboration_council").order_by("pk").first(),
            ),
        )
        programme = [
            ("Välkommen och inledning", 9, 0, 9, 30, "Regionråd", "Stora salen"),
            ("Läget på arbetsmarknaden", 9, 30, 10, 30, "Arbetsförmedlingen", "Stora salen"),
            ("Branschforumen berättar", 10, 45, 12, 0, "Branschforumens ordförande", "Stora salen"),
            ("Workshop: framtidens kompetensbehov", 13, 0, 15, 0, "Samordnare kompetensplattformen", "Grupprum 1–4"),
            ("Sammanfattning och nästa steg", 15, 15, 16, 0, "Samordnare kompetensplattformen", "Stora salen"),
        ]
        for title, h1, m1, h2, m2, speaker, room in programme:
            services.session_add(
                actor=None,
                event=kickoff,
                data=services.SessionData(
                    title=title, start=_at(day, h1, m1), end=_at(day, h2, m2), speaker=speaker, room=room
                ),
            )
        services.event_publish(actor=None, event=kickoff)
        for name, organisation, diet, access in PEOPLE:
            services.registration_create(
                event=kickoff,
                data=services.RegistrationData(
                    name=name,
                    email=_email(name),
                    organisation_name=organisation,
                    dietary_needs=diet,
                    accessibility_needs=access,
                    consent=True,
                ),
            )
        made.append(kickoff)
        webinar_day = _weekday(14)
        webinar = services.event_create(
            actor=None,
            space=sormland,
            data=services.EventData(
                kind=EventKind.WEBINAR,
                title="Webbinarium: validering inom vård och omsorg",
                description="Hur arbetsgivare och utbildningsanordnare kan använda validering för att korta vägen till jobb.",
                online_url="https://meet.example.se/validering",
                start=_at(webinar_day, 13),
                end=_at(webinar_day, 14, 30),
                capacity=200,
                is_public=True,
            ),
        )
        services.event_publish(actor=None, event=webinar)
        made.append(webinar)
    if national is not None:
        day = _weekday(50)
        network = services.event_create(
            actor=None,
            space=national,
            data=services.EventData(
                kind=EventKind.CONFERENCE,
                title="Nätverksträff för de regionala kompetensplattformarna",
                description="Intern träff för samverkans parter: erfarenhetsutbyte och den nationella planeringen.",
                place="Myndigheten för yrkeshögskolan, Västerås",
                online_url="https://meet.example.se/natverk",
                start=_at(day, 10),
                end=_at(day + timedelta(days=1), 15),
                capacity=70,
                is_public=False,
            ),
        )
        services.event_publish(actor=None, event=network)
        made.append(network)
    return made
