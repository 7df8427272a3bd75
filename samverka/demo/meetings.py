"""Demo: a rolling year of meetings for the bodies that are not on an annual wheel.

The demo's meetings span about half a year back and half a year ahead of the day
it is loaded, so every body has meetings held and meetings to come whatever the
date. Steering groups, working groups, councils and networks meet about every
seven weeks, on suitable working days (no public holidays, no summer break),
each with an agenda of the body's own themes. The wheels demo (wheels.py) plans
the industry forums and the national cycle for the calendar years the window
touches; the minutes demo (minutes.py) then writes the minutes of the held
meetings and sends the invitations of the coming ones.

Some agendas carry documents: an internal background paper (only the body's
members, the invitees and the space's participants may download it) and a
public summary, so both choices can be seen.
"""

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape

from samverka.collaboration.bodies.models import Body, BodyStatus
from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.models import Meeting
from samverka.collaboration.wheels.planning import next_suitable_day
from samverka.platform.core.times import stockholm

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
#: Half of the rolling year around the day the demo is loaded.
HALF_YEAR = timedelta(weeks=26)
#: Bodies whose coming meeting gets the demo documents.
DOCUMENT_KINDS = ("steering_group", "working_group", "programme_council", "collaboration_council")


def demo_window(today: date | None = None) -> tuple[date, date]:
    """The first and last day of the demo's meetings: about six months back and six months ahead."""
    today = today or timezone.localdate()
    return today - HALF_YEAR, today + HALF_YEAR


def _agenda(body: Body) -> list[dict[str, str]]:
    themes = next((items for key, items in AGENDAS.items() if key in body.kind), DEFAULT_AGENDA)
    return [{"title": title, "kind": kind} for title, kind in themes]


def load_meetings(today: date | None = None) -> int:
    """Plan the rolling year's meetings of every active body without meetings in it (the bodies on an
    annual wheel have theirs); returns how many were created. Then attach the demo documents."""
    first, last = demo_window(today)
    planned = Meeting.objects.filter(
        start__gte=stockholm(datetime.combine(first, time(0))),  # noqa: DTZ001 (Stockholm wall-clock time)
        start__lte=stockholm(datetime.combine(last, time(23, 59))),  # noqa: DTZ001
    ).values("body")
    created = 0
    for index, body in enumerate(Body.objects.filter(status=BodyStatus.ACTIVE).exclude(pk__in=planned).order_by("pk")):
        day = first + timedelta(days=index % 10)
        clock = time(13) if index % 2 else time(9, 30)
        while day <= last:
            day, _reason = next_suitable_day(day)
            if day > last:
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
    attach_documents()
    return created


def _pdf(title: str, paragraphs: list[str]) -> bytes:
    """A small PDF document (rendered like the platform's own documents, nothing fetched)."""
    from weasyprint import HTML

    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    html = f"<html lang='sv'><head><meta charset='utf-8'><title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>{body}</body></html>"
    return HTML(string=html, base_url=None, url_fetcher=_no_fetch).write_pdf()  # type: ignore[no-any-return]


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"the demo fetches nothing: {url!r}")


def attach_documents(now: datetime | None = None) -> int:
    """Attach an internal background paper and a public summary to the coming meeting of each body of
    the kinds in DOCUMENT_KINDS; returns the number of documents attached."""
    now = now or timezone.now()
    internal = _pdf(
        "Underlag inför mötet",
        [
            "Internt arbetsmaterial för ledamöterna: förslag till prioriteringar och fördelning av uppdrag.",
            "Underlaget är inte färdigberett och visas bara för gruppens ledamöter och inbjudna.",
        ],
    )
    public = _pdf(
        "Lägesbild – sammanfattning",
        [
            "Sammanfattning av läget inom kompetensförsörjningen sedan förra mötet.",
            "Sammanfattningen är publik och kan läsas av alla som ser dagordningen.",
        ],
    )
    attached = 0
    for body in Body.objects.filter(status=BodyStatus.ACTIVE, kind__in=DOCUMENT_KINDS).order_by("pk"):
        meeting = Meeting.objects.filter(body=body, start__gt=now).order_by("start", "pk").first()
        item = meeting.agenda_items.filter(is_follow_up=False).order_by("position").first() if meeting else None
        if item is None:
            continue
        services.agenda_document_add(
            actor=None, item=item, upload=ContentFile(internal, name="Underlag inför mötet.pdf"), is_public=False
        )
        services.agenda_document_add(
            actor=None, item=item, upload=ContentFile(public, name="Lägesbild.pdf"), is_public=True
        )
        attached += 2
    return attached
