"""Event pages through the test client: registering, the cancel link, organisers' pages and exports."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samverka.collaboration.events import services
from samverka.collaboration.events.models import Event, EventStatus, RegistrationStatus
from samverka.collaboration.events.tests.factories import future, make_event, register
from samverka.platform.notifications.models import OutboxMessage
from samverka.platform.notifications.services import send_pending
from samverka.testing.factories import make_user

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Anna Andersson",
    "email": "anna@example.se",
    "organisation_name": "Region Sörmland",
    "dietary_needs": "Vegetariskt",
    "accessibility_needs": "Hörslinga",
    "consent": "on",
}


def url(name: str, event: Event, **extra: object) -> str:
    return reverse(f"events:{name}", kwargs={"space": event.space.slug, "pk": event.pk, **extra})


def test_anonymous_visitor_sees_the_public_list_and_registers(client, space):
    event = make_event(space=space, title="Kickoff Sörmland", capacity=1)
    hidden = make_event(space=space, title="Intern planering", is_public=False)
    draft = make_event(space=space, title="Utkast", publish=False)
    listing = client.get(reverse("events:event-list"))
    assert "Kickoff Sörmland" in listing.text
    assert hidden.title not in listing.text and draft.title not in listing.text
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404

    response = client.post(event.get_absolute_url(), FORM, follow=True)
    assert response.status_code == 200
    registration = event.registrations.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert (registration.name, registration.dietary_needs, registration.language) == (
        "Anna Andersson",
        "Vegetariskt",
        "sv",
    )
    assert "anna@example.se" in response.text
    # The event is now full: the next person is offered the waiting list.
    page = client.get(event.get_absolute_url())
    response = client.post(event.get_absolute_url(), {**FORM, "email": "bo@example.se"}, follow=True)
    assert event.registrations.get(email="bo@example.se").waitlist_position == 1
    assert page.status_code == 200


def test_a_form_with_errors_shows_the_error_summary_and_keeps_the_input(client, space):
    event = make_event(space=space)
    response = client.post(event.get_absolute_url(), {**FORM, "email": "inte-en-adress", "consent": ""})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert 'href="#id_email"' in response.text and 'href="#id_consent"' in response.text
    assert 'value="Anna Andersson"' in response.text
    assert not event.registrations.exists()


def test_a_second_registration_of_the_same_address_is_shown_on_the_email_field(client, space):
    event = make_event(space=space)
    client.post(event.get_absolute_url(), FORM)
    response = client.post(event.get_absolute_url(), {**FORM, "name": "Anna igen"})
    assert 'href="#id_email"' in response.text
    assert event.registrations.count() == 1


def test_registration_after_the_deadline_shows_the_message(client, space):
    event = make_event(space=space)
    Event.objects.filter(pk=event.pk).update(registration_closes_at=timezone.now() - timedelta(hours=1))
    response = client.post(event.get_absolute_url(), FORM)
    assert 'class="error-summary"' in response.text
    assert not event.registrations.exists()
    assert '<form method="post" novalidate action' not in client.get(event.get_absolute_url()).text


def test_the_cancel_link_asks_then_cancels_and_promotes_the_next(client, space):
    event = make_event(space=space, capacity=1)
    holder, waiting = register(event), register(event)
    link = reverse("events:registration-cancel", kwargs={"token": holder.cancel_token})
    assert client.get(link).status_code == 200
    holder.refresh_from_db()
    assert holder.status == RegistrationStatus.CONFIRMED  # GET changes nothing (mail scanners follow links)
    response = client.post(link)
    assert response.status_code == 200
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert client.post(link).status_code == 400  # already cancelled: said so, nothing changes
    assert client.get(reverse("events:registration-cancel", kwargs={"token": "x" * 43})).status_code == 404


def test_cancelling_through_the_link_delivers_the_promotion_over_smtp(client, space, smtp_server):
    event = make_event(space=space, capacity=1)
    holder, waiting = register(event), register(event)
    client.post(reverse("events:registration-cancel", kwargs={"token": holder.cancel_token}))
    send_pending()
    delivered = {(m["To"], m["Subject"]) for m in smtp_server.messages}
    assert any(to == waiting.email and "You have a place" in subject for to, subject in delivered)
    (promotion,) = [m for m in smtp_server.messages if m["To"] == waiting.email and "place" in m["Subject"]]
    parts = [p for p in promotion.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert parts and b"BEGIN:VTIMEZONE" in parts[0].get_content().encode()
    assert OutboxMessage.objects.filter(to=waiting.email, status="sent").exists()


def test_organisers_export_csv_for_swedish_excel_and_a_real_xlsx(client, space, make_role_user):
    event = make_event(space=space, capacity=1)
    register(event, name="Åsa Öberg", email="asa@example.se", dietary_needs="Glutenfritt")
    register(event, name='=HYPERLINK("http://evil")', email="bo@example.se")
    client.force_login(make_role_user(space, "secretariat"))

    response = client.get(url("registration-export-csv", event))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    assert rows[1][:3] == ["Åsa Öberg", "asa@example.se", "Region Sörmland"]
    assert rows[1][5] == "Glutenfritt"
    assert rows[2][0].startswith("'=")  # no formula injection
    assert rows[2][4] == "1"

    response = client.get(url("registration-export-xlsx", event))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 3
    assert values[1][:2] == ["Åsa Öberg", "asa@example.se"]
    assert values[2][0].startswith("'=")


def test_registrations_and_exports_are_for_organisers_only(client, space, other_space, make_role_user):
    event = make_event(space=space)
    register(event)
    pages = [url(n, event) for n in ("registration-list", "registration-export-csv", "registration-export-xlsx")]
    for page in pages:
        assert client.get(page).status_code == 302  # anonymous: log in first
    client.force_login(make_role_user(space, "member"))
    assert {client.get(page).status_code for page in pages} == {403}
    client.force_login(make_role_user(other_space, "secretariat"))
    assert {client.get(page).status_code for page in pages} == {403}
    internal = make_event(space=space, is_public=False)
    assert client.get(url("registration-list", internal)).status_code == 404


def test_registration_list_counts_confirmed_waiting_and_cancelled(client, space, make_role_user):
    event = make_event(space=space, capacity=1)
    first = register(event)
    register(event)
    register(event)
    services.registration_cancel(registration=first)
    client.force_login(make_role_user(space, "secretariat"))
    response = client.get(url("registration-list", event))
    assert response.status_code == 200
    assert response.context["counts"].confirmed == 1
    assert response.context["counts"].waitlisted == 1
    assert response.context["counts"].cancelled == 1
    assert 'data-count="confirmed">1 / 1' in response.text


def test_organiser_creates_adds_a_session_publishes_and_cancels(client, space, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    day = future().date().isoformat()
    response = client.post(
        reverse("events:event-create", kwargs={"space": space.slug}),
        {
            "kind": "conference",
            "title": "Kompetensdagen",
            "description": "<p>Hej<img src=x onerror=alert(1)></p>",
            "start": f"{day}T09:00",
            "end": f"{day}T16:00",
            "place": "Munktellarenan",
            "capacity": "100",
            "is_public": "on",
        },
    )
    event = Event.objects.get(title="Kompetensdagen")
    assert response.status_code == 302 and event.status == EventStatus.DRAFT
    assert event.start.astimezone(timezone.get_current_timezone()).hour == 9
    assert (
        client.post(
            url("session-create", event),
            {"title": "Inledning", "start": f"{day}T09:00", "end": f"{day}T09:30", "speaker": "Eva"},
        ).status_code
        == 302
    )
    assert client.post(url("event-publish", event)).status_code == 302
    page = client.get(event.get_absolute_url())
    assert "Inledning" in page.text and "onerror" not in page.text
    assert client.post(url("event-cancel", event), {"reason": "Få anmälda"}).status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED


def test_a_time_in_the_summer_time_gap_is_explained_on_the_form(client, space, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    response = client.post(
        reverse("events:event-create", kwargs={"space": space.slug}),
        {
            "kind": "webinar",
            "title": "Natt",
            "start": "2027-03-28T02:30",
            "end": "2027-03-28T04:00",
            "online_url": "https://meet.example.se/x",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start"]
    assert not Event.objects.exists()


def test_members_cannot_reach_the_organiser_pages(client, space, make_role_user):
    event = make_event(space=space)
    client.force_login(make_role_user(space, "member"))
    assert client.get(reverse("events:event-create", kwargs={"space": space.slug})).status_code == 403
    assert client.get(url("event-update", event)).status_code == 403
    assert client.post(url("event-cancel", event), {"reason": "x"}).status_code == 403
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_space_list_shows_internal_events_to_participants_and_drafts_to_organisers(client, space, make_role_user):
    make_event(space=space, title="Intern kickoff", is_public=False)
    make_event(space=space, title="Utkastet", publish=False)
    space_url = reverse("events:space-event-list", kwargs={"space": space.slug})
    assert "Intern kickoff" not in client.get(space_url).text
    client.force_login(make_role_user(space, "member"))
    text = client.get(space_url).text
    assert "Intern kickoff" in text and "Utkastet" not in text
    client.force_login(make_user(role_in=space, role="secretariat"))
    assert "Utkastet" in client.get(space_url).text


def test_the_event_calendar_file_parses_and_hidden_events_have_none(client, space):
    from icalendar import Calendar

    event = make_event(space=space, online_url="https://meet.example.se/hemlig")
    response = client.get(reverse("events:event-ics", kwargs={"pk": event.pk}))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["SUMMARY"] == event.title
    assert calendar.walk("VTIMEZONE")
    # The online link goes only to those registered (and the organisers).
    assert "hemlig" not in f"{vevent.get('DESCRIPTION', '')} {vevent.get('LOCATION', '')}"
    client.force_login(make_user(role_in=space, role="secretariat"))
    organisers = Calendar.from_ical(client.get(reverse("events:event-ics", kwargs={"pk": event.pk})).content)
    assert "hemlig" in str(organisers.walk("VEVENT")[0]["DESCRIPTION"])
    client.logout()
    internal = make_event(space=space, is_public=False)
    assert client.get(reverse("events:event-ics", kwargs={"pk": internal.pk})).status_code == 404


def test_the_edit_form_shows_the_event_and_a_title_change_sends_no_change_mail(client, space, make_role_user):
    event = make_event(space=space, title="Vårens kickoff", capacity=40)
    person = register(event)
    client.force_login(make_role_user(space, "secretariat"))
    form = client.get(url("event-update", event)).context["form"]
    data = {name: form[name].value() for name in form.fields}
    assert data["title"] == "Vårens kickoff" and data["capacity"] == 40
    assert data["start"].strftime("%H:%M") == "09:00"  # shown in Swedish time
    data = {k: ("on" if v is True else "" if v in (None, False) else v) for k, v in data.items()}
    data["title"] = "Vårens stora kickoff"
    assert client.post(url("event-update", event), data).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.sequence) == ("Vårens stora kickoff", 0)
    assert not OutboxMessage.objects.filter(to=person.email, key__startswith="event-changed:").exists()
