"""Every file the meetings and events apps offer, for every demo object: a valid file in Swedish
(issue 12, items 2 and 13).

The kallelse, dagordning (föredragningslista) and protokoll (every version) of every demo meeting are real PDFs
that pypdf reads, with their Swedish headings and the meeting's text; a meeting without minutes
answers 404 for the protokoll, never 500. The events' attendee lists are semicolon CSV (UTF-8 with
BOM) and Excel with Swedish headers, and every event has a calendar file.
"""

import csv
import io
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from samverka.collaboration.events.models import Event
from samverka.collaboration.meetings.models import Meeting
from samverka.platform.accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

HEADINGS = {"invitation-pdf": "Kallelse", "agenda-pdf": "Dagordning", "minutes-pdf": "Protokoll"}


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(User.objects.get(email="admin@samverka.example"))
    return client


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) >= 1
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.one_backend  # rendering ~100 PDFs is the cost; the queries are those of the other tests here
def test_every_pdf_of_every_demo_meeting_is_a_readable_pdf_in_swedish(admin_client):
    meetings = list(Meeting.objects.select_related("body__space").prefetch_related("minutes_versions"))
    assert len(meetings) > 200
    without_chair = [m for m in meetings if m.chair_id is None and m.minutes_versions.all()]
    rendered = 0
    for meeting in meetings:
        kwargs = {"space": meeting.body.space.slug, "pk": meeting.pk}
        for name in ("invitation-pdf", "agenda-pdf"):
            response = admin_client.get(reverse(f"meetings:{name}", kwargs=kwargs))
            assert response.status_code == 200, (name, meeting)
            text = pdf_text(response.content)
            assert HEADINGS[name] in text and "§ 1" in text and meeting.body.name.split()[0] in text, (name, meeting)
            rendered += 1
        versions = list(meeting.minutes_versions.all())
        minutes = reverse("meetings:minutes-pdf", kwargs=kwargs)
        if not versions:
            assert admin_client.get(minutes).status_code == 404, meeting  # no minutes: not found, never 500
        for version in versions:
            response = admin_client.get(f"{minutes}?version={version.number}")
            assert response.status_code == 200, (meeting, version)
            text = pdf_text(response.content)
            assert "Protokoll" in text and "Justering" in text and "Närvarande" in text, meeting
            assert "Händelse" not in text
            if meeting.action_items.exists():
                assert "Åtgärder" in text, meeting
            rendered += 1
    assert rendered > 500
    assert not without_chair or rendered  # every minutes PDF rendered, chair or not


def test_the_minutes_pdf_of_a_meeting_whose_chair_was_removed_still_renders(admin_client):
    meeting = Meeting.objects.filter(minutes_versions__isnull=False).select_related("body__space").first()
    Meeting.objects.filter(pk=meeting.pk).update(chair=None, adjuster=None)
    kwargs = {"space": meeting.body.space.slug, "pk": meeting.pk}
    text = pdf_text(admin_client.get(reverse("meetings:minutes-pdf", kwargs=kwargs)).content)
    assert "Protokoll" in text and "Inte utsedd" in text


def test_every_events_attendee_list_is_swedish_semicolon_csv_and_excel(admin_client):
    events = Event.objects.select_related("space")
    assert events.count() >= 3
    header = ["Namn", "E-post", "Organisation", "Status", "Plats på reservlistan", "Specialkost"]
    for event in events:
        kwargs = {"space": event.space.slug, "pk": event.pk}
        response = admin_client.get(reverse("events:registration-export-csv", kwargs=kwargs))
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        data = response.content
        assert data.startswith("\ufeff".encode())
        lines = data.decode("utf-8-sig").splitlines()
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=";"))
        assert rows[0][: len(header)] == header, rows[0]
        assert all(len(row) == len(rows[0]) for row in rows)
        assert len(rows) - 1 == event.registrations.count()
        response = admin_client.get(reverse("events:registration-export-xlsx", kwargs=kwargs))
        assert response.status_code == 200
        sheet = load_workbook(BytesIO(response.content)).active
        assert [cell.value for cell in sheet[1]][: len(header)] == header
        assert sheet.max_row - 1 == event.registrations.count()


def test_every_event_has_a_calendar_file():
    for event in Event.objects.filter(status="published", is_public=True):
        response = Client().get(reverse("events:event-ics", kwargs={"pk": event.pk}))
        assert response.status_code == 200, event
        (found,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(found["SUMMARY"]).startswith(event.title)
