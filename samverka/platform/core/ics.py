"""iCalendar (RFC 5545) documents for feeds, invitations and registrations.

Every app that publishes something with a time (meetings, events) describes
it as an :class:`IcsEvent`; :func:`build_calendar` turns a list of them into one
VCALENDAR with a VTIMEZONE for Europe/Stockholm, stable UIDs and a DTSTAMP, so
Outlook, Google Calendar and Apple Calendar all place it at the right time.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PRODID = "-//Samverka//Samverka//SV"


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str = ""
    #: NEEDS-ACTION, ACCEPTED, DECLINED or TENTATIVE.
    status: str = "NEEDS-ACTION"


@dataclass(frozen=True)
class IcsEvent:
    """One VEVENT. ``uid`` must be stable for the object (e.g. ``meeting-42@host``)."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    #: Bumped each time the object changes, so clients replace their copy.
    sequence: int = 0
    #: CONFIRMED, TENTATIVE or CANCELLED.
    status: str = "CONFIRMED"
    organizer_email: str = ""
    organizer_name: str = ""
    attendees: Sequence[Attendee] = field(default_factory=tuple)
    last_modified: datetime | None = None


def uid_for(kind: str, pk: object) -> str:
    """A UID that stays the same for an object across feeds and invitations."""
    return f"{kind}-{pk}@{settings.ICS_UID_DOMAIN}"


def _local(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        raise ValueError("ICS times must be timezone-aware")
    return moment.astimezone(STOCKHOLM)


def _event(item: IcsEvent, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _local(item.start))
    event.add("dtend", _local(item.end))
    event.add("summary", item.summary)
    event.add("sequence", item.sequence)
    event.add("status", item.status)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", item.url)
    if item.last_modified:
        event.add("last-modified", item.last_modified.astimezone(ZoneInfo("UTC")))
    if item.organizer_email:
        organizer = vCalAddress(f"mailto:{item.organizer_email}")
        if item.organizer_name:
            organizer.params["cn"] = vText(item.organizer_name)
        event.add("organizer", organizer)
    for person in item.attendees:
        address = vCalAddress(f"mailto:{person.email}")
        if person.name:
            address.params["cn"] = vText(person.name)
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText(person.status)
        address.params["rsvp"] = vText("TRUE")
        event.add("attendee", address, encode=0)
    return event


def build_calendar(
    events: Iterable[IcsEvent],
    *,
    name: str = "",
    method: str | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """Serialise ``events`` as one calendar; ``method`` is e.g. ``REQUEST`` for an invitation.

    ``stamp`` (DTSTAMP) defaults to now; pass a fixed value where a feed must
    be byte-identical between two requests.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Stockholm")
    moment = (stamp or timezone.now()).astimezone(ZoneInfo("UTC"))
    for item in events:
        calendar.add_component(_event(item, moment))
    calendar.add_missing_timezones()
    return calendar.to_ical()
