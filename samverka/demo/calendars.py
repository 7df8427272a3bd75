"""Demo: a scheduling poll in MSV KLL's process-leader network, with answers and a free/busy calendar.

The national secretariat proposes three times for an extra meeting about the
status reports; Maria Lindahl (processledare@msv.example) has uploaded her own
calendar, which shows her busy at the second time, and has answered.
"""

from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.calendars import services
from samverka.collaboration.calendars.models import PollInvitee, SchedulingPoll
from samverka.demo.accounts import NATIONAL_SLUG
from samverka.platform.accounts.models import User
from samverka.platform.core.ics import STOCKHOLM


def _weekdays_ahead(count: int, start_in_days: int = 21) -> list[datetime]:
    day = timezone.localdate() + timedelta(days=start_in_days)
    found: list[datetime] = []
    while len(found) < count:
        if day.weekday() < 5:
            found.append(datetime.combine(day, time(9, 30)))  # noqa: DTZ001 (Stockholm wall-clock, made aware by the service)
        day += timedelta(days=2)
    return found


def _busy_file(start: datetime, end: datetime) -> bytes:
    fmt = "%Y%m%dT%H%M%S"
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Samverka demo//SV\r\n"
        "BEGIN:VEVENT\r\nUID:demo-busy-1@samverka.example\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;TZID=Europe/Stockholm:{start:{fmt}}\r\nDTEND;TZID=Europe/Stockholm:{end:{fmt}}\r\n"
        "SUMMARY:Ledningsgrupp Skolverket\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:demo-busy-2@samverka.example\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;TZID=Europe/Stockholm:{start:%Y%m%d}T080000\r\nDTEND;TZID=Europe/Stockholm:{start:%Y%m%d}T083000\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=20\r\nSUMMARY:Veckomöte enheten\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ).encode()


def load_calendars() -> SchedulingPoll | None:
    """Create the demo poll (skipped when the body or the accounts are missing)."""
    body = Body.objects.filter(space__slug=NATIONAL_SLUG, name="Processledarnätverket").first()
    organiser = User.objects.filter(email="sekretariat@msv.example").first()
    maria = User.objects.filter(email="processledare@msv.example").first()
    if body is None or organiser is None or not organiser.has_perm("calendars.add_poll", body):
        return None
    starts = _weekdays_ahead(3)
    poll = services.poll_create(
        actor=organiser,
        body=body,
        title="Extra möte om lägesrapporterna",
        duration_minutes=120,
        starts=starts,
        place="Myndigheten för yrkeshögskolan, Västerås (och Teams)",
        description="Vi behöver stämma av lägesrapporterna innan styrgruppens möte.",
        notify=False,
    )
    if maria is not None:
        second = starts[1].replace(tzinfo=STOCKHOLM)
        busy = _busy_file(second - timedelta(minutes=30), second + timedelta(hours=1))
        services.source_upload(
            actor=maria,
            uploaded_file=SimpleUploadedFile("kalender.ics", busy, content_type="text/calendar"),
            label="Min Outlook-kalender",
        )
        invitee = PollInvitee.objects.filter(poll=poll, user=maria).first()
        if invitee is not None:
            options = list(poll.options.all())
            answers = dict(zip([o.pk for o in options], ["yes", "no", "maybe"], strict=True))
            services.poll_answer(poll=poll, invitee=invitee, answers=answers)
    for invitee, pattern in zip(
        PollInvitee.objects.filter(poll=poll, user__isnull=True).order_by("pk")[:3],
        (["yes", "yes", "no"], ["maybe", "yes", "yes"], ["no", "yes", "yes"]),
        strict=False,
    ):
        options = list(poll.options.all())
        services.poll_answer(
            poll=poll, invitee=invitee, answers=dict(zip([o.pk for o in options], pattern, strict=True))
        )
    return poll
