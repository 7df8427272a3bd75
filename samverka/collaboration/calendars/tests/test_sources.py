"""Free/busy sources: added by address (read at once) or by upload, parsed into busy periods."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.collaboration.calendars import busy, services
from samverka.collaboration.calendars.models import BusyPeriod, FreeBusySource
from samverka.platform.core.ics import STOCKHOLM
from samverka.testing.factories import make_user

from .test_fetch import BUSY_DAY, ICS, Handler, allow_loopback, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

#: The next March (within the busy horizon), so the weekly series crosses the start of summer time.
YEAR = datetime.now(tz=STOCKHOLM).year + (0 if datetime.now(tz=STOCKHOLM).month < 3 else 1)
RECURRING = f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//EN
BEGIN:VEVENT
UID:weekly@test
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Stockholm:{YEAR}0302T090000
DTEND;TZID=Europe/Stockholm:{YEAR}0302T100000
RRULE:FREQ=WEEKLY;COUNT=6
EXDATE;TZID=Europe/Stockholm:{YEAR}0309T090000
SUMMARY:Veckomöte
END:VEVENT
BEGIN:VEVENT
UID:free@test
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Stockholm:{YEAR}0303T130000
DTEND;TZID=Europe/Stockholm:{YEAR}0303T140000
TRANSP:TRANSPARENT
SUMMARY:Visas som ledig
END:VEVENT
BEGIN:VEVENT
UID:cancelled@test
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Stockholm:{YEAR}0304T130000
DTEND;TZID=Europe/Stockholm:{YEAR}0304T140000
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:allday@test
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:{YEAR}0305
DTEND;VALUE=DATE:{YEAR}0306
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n").encode()


def window() -> tuple[datetime, datetime]:
    return datetime(YEAR, 1, 1, tzinfo=STOCKHOLM), datetime(YEAR, 12, 31, tzinfo=STOCKHOLM)


def test_recurring_events_are_expanded_and_free_or_cancelled_are_not_busy() -> None:
    periods = busy.busy_periods(busy.parse_calendar(RECURRING), start=window()[0], end=window()[1])
    starts = [p[0] for p in periods]
    weekly = [s for s in starts if s.hour == 9]
    assert len(weekly) == 5  # six weeks minus the excluded one
    assert datetime(YEAR, 3, 9, 9, tzinfo=STOCKHOLM) not in weekly
    # Summer time starts at the end of March: the meeting stays at 09:00 local time.
    assert all(s.astimezone(STOCKHOLM).hour == 9 for s in weekly)
    assert not any(s.day in (3, 4) and s.month == 3 and s.hour == 13 for s in starts)
    allday = [p for p in periods if p[0] == datetime(YEAR, 3, 5, tzinfo=STOCKHOLM)]
    assert allday and allday[0][1] - allday[0][0] == timedelta(days=1)


def test_upload_of_an_ics_file_stores_busy_periods(world: dict[str, Any]) -> None:
    upload = SimpleUploadedFile("kalender.ics", RECURRING, content_type="text/calendar")
    source = services.source_upload(actor=world["eva"], uploaded_file=upload, label="Jobbet")
    assert source.kind == "upload" and source.busy_count == 6
    assert BusyPeriod.objects.filter(source=source).count() == 6
    assert "SUMMARY" in source.content  # the file is kept; titles are never copied into BusyPeriod


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bild.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "not a calendar file"),
        ("kalender.ics", b"<html><body>Logga in</body></html>", "not a calendar file"),
        ("kalender.ics", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n", "could not be read"),
    ],
)
def test_upload_of_a_non_calendar_is_refused(world: dict[str, Any], name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        services.source_upload(actor=world["eva"], uploaded_file=SimpleUploadedFile(name, content), label="x")
    assert message in " ".join(error.value.messages)
    assert not FreeBusySource.objects.exists()


def test_upload_too_large_is_refused(world: dict[str, Any], settings: Any) -> None:
    settings.CALENDARS_FETCH_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        services.source_upload(actor=world["eva"], uploaded_file=SimpleUploadedFile("k.ics", RECURRING))
    assert "larger than" in " ".join(error.value.messages)


def test_upload_page_shows_the_message(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["eva"])
    response = client.post(
        reverse("calendars:source-list"),
        {"action": "upload", "upload-label": "Bild", "upload-file": SimpleUploadedFile("bild.png", b"\x89PNG\r\n0000")},
    )
    assert response.status_code == 400
    assert "inte en kalenderfil" in response.content.decode()  # the page speaks Swedish
    assert 'class="error-summary"' in response.content.decode()
    assert not FreeBusySource.objects.exists()


def test_add_by_address_reads_at_once(server: str, allow_loopback: None, world: dict[str, Any]) -> None:  # noqa: F811
    source = services.source_add_url(actor=world["eva"], url=server + "/cal.ics", label="Outlook")
    assert source.last_fetched_at is not None and source.last_error == ""
    period = BusyPeriod.objects.get(source=source)
    assert period.start == datetime.strptime(BUSY_DAY + "T09", "%Y%m%dT%H").replace(tzinfo=UTC)
    assert period.end - period.start == timedelta(hours=1)


def test_add_by_address_failure_has_a_clear_message_and_saves_nothing(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["eva"])
    response = client.post(reverse("calendars:source-list"), {"action": "url", "url-url": "http://10.0.0.5/cal.ics"})
    assert response.status_code == 400
    assert "privat eller internt nätverk" in response.content.decode()  # the page speaks Swedish
    assert not FreeBusySource.objects.exists()


def test_refresh_failure_keeps_the_old_periods_and_records_the_error(
    server: str,  # noqa: F811
    allow_loopback: None,  # noqa: F811
    world: dict[str, Any],
) -> None:
    source = services.source_add_url(actor=world["eva"], url=server + "/cal.ics")
    Handler.routes["/cal.ics"] = (200, {"Content-Type": "text/html"}, b"<html></html>", 0.0)
    with pytest.raises(ValidationError):
        services.source_refresh(actor=world["eva"], source=source)
    source.refresh_from_db()
    assert "web page" in source.last_error
    assert source.busy_periods.count() == 1


def test_someone_elses_source_is_404(client: Any, world: dict[str, Any]) -> None:
    source = services.source_upload(actor=world["eva"], uploaded_file=SimpleUploadedFile("k.ics", ICS))
    client.force_login(make_user())
    assert client.post(reverse("calendars:source-delete", kwargs={"pk": source.pk})).status_code == 404
    client.force_login(world["eva"])
    response = client.post(reverse("calendars:source-delete", kwargs={"pk": source.pk}))
    assert response.status_code == 302 and not FreeBusySource.objects.exists()


def test_sources_page_lists_mine(client: Any, world: dict[str, Any]) -> None:
    services.source_upload(
        actor=world["eva"], uploaded_file=SimpleUploadedFile("k.ics", ICS), label="Evas jobbkalender"
    )
    client.force_login(world["eva"])
    assert "Evas jobbkalender" in client.get(reverse("calendars:source-list")).content.decode()
    client.force_login(world["per"])
    assert "Evas jobbkalender" not in client.get(reverse("calendars:source-list")).content.decode()


def test_refresh_command_reads_addresses(
    server: str,  # noqa: F811
    allow_loopback: None,  # noqa: F811
    world: dict[str, Any],
) -> None:
    from django.core.management import call_command

    source = services.source_add_url(actor=world["eva"], url=server + "/cal.ics")
    BusyPeriod.objects.all().delete()
    call_command("refresh_freebusy", stdout=__import__("io").StringIO())
    assert source.busy_periods.count() == 1


def test_a_hostile_rule_is_cut_short() -> None:
    import time

    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:s@t\r\nDTSTAMP:20260101T000000Z\r\n"
        b"DTSTART:19700101T000000Z\r\nDURATION:PT1S\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    started = time.monotonic()
    periods = busy.busy_periods(busy.parse_calendar(data), start=window()[0], end=window()[1])
    assert periods == [] and time.monotonic() - started < 5
