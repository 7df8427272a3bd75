"""Events services: places and the waiting list, cancelling, refusals, e-mails with calendar files."""

import base64
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from icalendar import Calendar

from samverka.collaboration.events import services
from samverka.collaboration.events.models import Event, EventStatus, Registration, RegistrationStatus
from samverka.collaboration.events.tests.factories import future, make_event, register
from samverka.platform.notifications.models import OutboxMessage
from samverka.testing.factories import make_body, make_contact, make_membership, make_user

pytestmark = pytest.mark.django_db


def outbox(email: str, prefix: str = "") -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to=email, key__startswith=prefix).order_by("pk"))


def ics_of(message: OutboxMessage) -> Calendar:
    (attachment,) = message.attachments
    assert attachment["mimetype"].startswith("text/calendar")
    return Calendar.from_ical(base64.b64decode(attachment["content_b64"]))


def test_places_are_given_up_to_capacity_then_the_waiting_list_in_order(space):
    event = make_event(space=space, capacity=2)
    first, second = register(event), register(event)
    third, fourth = register(event), register(event)
    assert [r.status for r in (first, second)] == [RegistrationStatus.CONFIRMED] * 2
    assert (third.status, third.waitlist_position) == (RegistrationStatus.WAITLISTED, 1)
    assert (fourth.status, fourth.waitlist_position) == (RegistrationStatus.WAITLISTED, 2)
    assert outbox(first.email, "event-registration:")[0].subject.startswith("Registration confirmed")
    waiting_mail = outbox(fourth.email, "event-registration:")[0]
    assert "waiting list in place 2" in waiting_mail.body
    assert waiting_mail.attachments == []


def test_cancelling_a_place_promotes_the_first_waiting_and_queues_their_mail(space):
    event = make_event(space=space, capacity=1)
    holder, waiting_1, waiting_2 = register(event), register(event), register(event)

    services.registration_cancel(registration=holder)

    holder.refresh_from_db()
    waiting_1.refresh_from_db()
    waiting_2.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert (waiting_1.status, waiting_1.waitlist_position) == (RegistrationStatus.CONFIRMED, None)
    assert (waiting_2.status, waiting_2.waitlist_position) == (RegistrationStatus.WAITLISTED, 1)
    promoted = outbox(waiting_1.email, f"event-registration:{waiting_1.pk}:promoted")
    assert len(promoted) == 1 and promoted[0].subject.startswith("You have a place")
    assert ics_of(promoted[0]).walk("VEVENT")
    assert outbox(holder.email, f"event-registration:{holder.pk}:cancelled")
    assert not outbox(waiting_2.email, f"event-registration:{waiting_2.pk}:promoted")
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 1


def test_leaving_the_waiting_list_moves_the_others_up(space):
    event = make_event(space=space, capacity=1)
    register(event)
    first_waiting, second_waiting = register(event), register(event)
    services.registration_cancel(registration=first_waiting)
    second_waiting.refresh_from_db()
    assert (second_waiting.status, second_waiting.waitlist_position) == (RegistrationStatus.WAITLISTED, 1)


def test_the_same_email_twice_is_refused_with_a_clear_message(space):
    event = make_event(space=space)
    register(event, email="anna@example.se")
    with pytest.raises(ValidationError) as refused:
        register(event, email="  Anna@Example.SE ")
    assert "already registered" in refused.value.message_dict["email"][0]
    assert event.registrations.count() == 1


def test_a_race_between_two_registrations_of_one_address_gets_the_same_message(space):
    """When the check is passed by both (two requests at once), the database constraint decides."""
    event = make_event(space=space)
    register(event, email="anna@example.se")
    with mock.patch.object(services, "_is_registered", return_value=False), pytest.raises(ValidationError) as refused:
        register(event, email="anna@example.se")
    assert "already registered" in refused.value.message_dict["email"][0]
    assert event.registrations.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event, name="X", email="anna@example.se", consent=True, status=RegistrationStatus.CONFIRMED
        )


def test_registering_again_after_cancelling_is_allowed(space):
    event = make_event(space=space)
    first = register(event, email="anna@example.se")
    services.registration_cancel(registration=first)
    again = register(event, email="anna@example.se")
    assert again.status == RegistrationStatus.CONFIRMED


def test_registration_after_the_deadline_is_refused(space):
    event = make_event(space=space)
    Event.objects.filter(pk=event.pk).update(registration_closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError) as refused:
        register(event)
    assert "Registration closed on" in refused.value.messages[0]
    assert not event.registrations.exists()


def test_registration_to_a_cancelled_or_draft_event_is_refused(space):
    event = make_event(space=space)
    services.event_cancel(actor=None, event=event, reason="Sjukdom")
    with pytest.raises(ValidationError) as refused:
        register(event)
    assert "cancelled" in refused.value.messages[0]
    draft = make_event(space=space, publish=False)
    with pytest.raises(ValidationError) as refused:
        register(draft)
    assert "not been published" in refused.value.messages[0]
    assert not Registration.objects.exists()


def test_registration_without_consent_is_refused(space):
    event = make_event(space=space)
    with pytest.raises(ValidationError) as refused:
        register(event, consent=False)
    assert "consent" in refused.value.message_dict
    assert not OutboxMessage.objects.exists()


def test_confirmation_has_an_ics_that_parses_with_a_stockholm_vtimezone_and_a_stable_uid(space, settings):
    event = make_event(space=space, online_url="https://meet.example.se/kickoff")
    registration = register(event, email="anna@example.se")
    (message,) = outbox("anna@example.se")
    assert registration.cancel_token in message.body
    assert "https://meet.example.se/kickoff" in message.body
    calendar = ics_of(message)
    assert calendar["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@{settings.ICS_UID_DOMAIN}"
    assert vevent.decoded("DTSTART") == event.start
    assert vevent["DTSTART"].params["TZID"] == "Europe/Stockholm"


def test_a_time_in_the_summer_time_gap_is_refused(space):
    with pytest.raises(ValidationError) as refused:
        make_event(space=space, start=datetime(2027, 3, 28, 2, 30), end=datetime(2027, 3, 28, 5, 0))  # noqa: DTZ001
    assert "does not exist in Sweden" in refused.value.message_dict["start"][0]
    assert not Event.objects.exists()


def test_script_in_the_description_is_removed(space):
    event = make_event(
        space=space,
        description='<p onclick="alert(1)">Hej</p><script>alert(2)</script><a href="javascript:alert(3)">x</a>',
    )
    event.refresh_from_db()
    assert "<p>Hej</p>" in event.description
    assert "script" not in event.description and "onclick" not in event.description
    assert "javascript" not in event.description


def test_an_event_needs_a_place_or_a_link_and_must_end_after_it_starts(space):
    with pytest.raises(ValidationError) as refused:
        make_event(space=space, place="", start=future(hour=12), end=future(hour=10))
    assert set(refused.value.message_dict) == {"place", "end"}


def test_capacity_cannot_drop_below_the_confirmed_places_and_raising_it_promotes(space):
    event = make_event(space=space, capacity=2)
    register(event)
    register(event)
    waiting = register(event)
    with pytest.raises(ValidationError) as refused:
        services.event_update(actor=None, event=event, data=services.EventData(capacity=1))
    assert "capacity" in refused.value.message_dict
    services.event_update(actor=None, event=event, data=services.EventData(capacity=3))
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert outbox(waiting.email, f"event-registration:{waiting.pk}:promoted")


def test_moving_a_published_event_tells_everyone_with_a_place_and_bumps_the_sequence(space):
    event = make_event(space=space)
    person = register(event)
    services.event_update(actor=None, event=event, data=services.EventData(start=future(hour=10), end=future(hour=17)))
    assert event.sequence == 1
    (changed,) = outbox(person.email, "event-changed:")
    assert ics_of(changed).walk("VEVENT")[0]["SEQUENCE"] == 1


def test_cancelling_an_event_notifies_every_registrant(space):
    event = make_event(space=space, capacity=1)
    holder, waiting = register(event), register(event)
    services.event_cancel(actor=None, event=event, reason="Lokalen är inte tillgänglig")
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED and event.sequence == 1
    (to_holder,) = outbox(holder.email, "event-cancelled:")
    assert "Lokalen är inte tillgänglig" in to_holder.body
    assert ics_of(to_holder)["METHOD"] == "CANCEL"
    (to_waiting,) = outbox(waiting.email, "event-cancelled:")
    assert to_waiting.attachments == []
    with pytest.raises(ValidationError):
        services.event_cancel(actor=None, event=event)


def test_sessions_must_lie_within_the_event(space):
    event = make_event(space=space)
    session = services.session_add(
        actor=None, event=event, data=services.SessionData(title="Inledning", start=future(hour=9), end=future(hour=10))
    )
    assert session.start == event.start
    with pytest.raises(ValidationError) as refused:
        services.session_add(
            actor=None, event=event, data=services.SessionData(title="Sent", start=future(hour=17), end=future(hour=18))
        )
    assert "within the event" in refused.value.message_dict["start"][0]
    services.session_update(actor=None, session=session, data=services.SessionData(speaker="Eva Lärare", room="Sal A"))
    session.refresh_from_db()
    assert session.speaker == "Eva Lärare"
    services.session_remove(actor=None, session=session)
    assert not event.sessions.exists()


def test_only_organisers_may_create_and_a_body_leader_only_for_their_body(space, make_role_user):
    member = make_role_user(space, "member")
    with pytest.raises(PermissionDenied):
        services.event_create(actor=member, space=space, data=services.EventData(title="X"))
    body, other_body = make_body(space=space), make_body(space=space)
    chair = make_user()
    make_membership(body=body, contact=make_contact(user=chair), role="chair")
    data = {
        "kind": "webinar",
        "title": "Webbinarium",
        "online_url": "https://meet.example.se/a",
        "start": future(),
        "end": future(hour=10),
        "body": other_body,
    }
    with pytest.raises(ValidationError) as refused:
        services.event_create(actor=chair, space=space, data=services.EventData(**data))
    assert "body you lead" in refused.value.message_dict["body"][0]
    event = services.event_create(actor=chair, space=space, data=services.EventData(**{**data, "body": body}))
    assert chair.has_perm("events.change_event", event)
    assert not member.has_perm("events.view_event", event)  # a draft


def test_registration_to_an_internal_event_needs_a_role_in_the_space(space, other_space, make_role_user):
    event = make_event(space=space, is_public=False)
    outsider = make_role_user(other_space, "member")
    with pytest.raises(PermissionDenied):
        services.registration_create(
            event=event, data=services.RegistrationData(name="A", email="a@example.se", consent=True), actor=outsider
        )
    insider = make_role_user(space, "member")
    registration = services.registration_create(
        event=event, data=services.RegistrationData(name="B", email="b@example.se", consent=True), actor=insider
    )
    assert registration.status == RegistrationStatus.CONFIRMED


def test_the_online_link_is_mailed_only_to_people_with_a_place(space):
    event = make_event(space=space, capacity=1, online_url="https://meet.example.se/hemlig")
    holder, waiting = register(event), register(event)
    assert "meet.example.se/hemlig" in outbox(holder.email)[0].body
    assert "meet.example.se/hemlig" not in outbox(waiting.email)[0].body
    services.registration_cancel(registration=holder)
    assert "meet.example.se/hemlig" in outbox(waiting.email, f"event-registration:{waiting.pk}:promoted")[0].body


def test_mails_speak_the_language_of_the_form_swedish_by_default(space):
    event = make_event(space=space, capacity=1)
    swedish = register(event, language="sv")
    waiting = register(event, language="sv")
    assert outbox(swedish.email, "event-registration:")[0].subject.startswith("Anmälan bekräftad")
    assert "reservlistan" in outbox(waiting.email, "event-registration:")[0].body
