"""Every edit form of meetings, calendars, annual wheels and events opens with what is stored, and
saving it unchanged changes nothing (issue 12, item 1).

Walks the demo (loaded once for the module): each page is fetched as a person who may edit, the
form is read as a browser would submit it (``forms_html``), every field is compared with the stored
value, and the form is posted back as it opened. Afterwards the object's every column, the audit
trail and the e-mail outbox are as before.
"""

from datetime import date, datetime, time
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from samverka.collaboration.calendars.models import PollAnswer, PollInvitee
from samverka.collaboration.calendars.services import answer_token
from samverka.collaboration.events.models import Event, Session
from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.forms_minutes import editable
from samverka.collaboration.meetings.models import (
    ActionItem,
    AgendaItem,
    Approval,
    Attendance,
    Invitation,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesVersion,
)
from samverka.collaboration.meetings.selectors_follow_up import attendance_candidates
from samverka.collaboration.meetings.services.invitation_mail import invitation_token
from samverka.collaboration.meetings.tests.forms_html import field_names, form_values
from samverka.collaboration.wheels.models import Adoption, GeneratedMeeting
from samverka.platform.accounts.models import User
from samverka.platform.core.times import local
from samverka.platform.notifications.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

CSRF = "csrfmiddlewaretoken"


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(User.objects.get(email="admin@samverka.example"))
    return client


def columns(obj: Any) -> dict[str, Any]:
    """Every stored column of ``obj``, read afresh."""
    fresh = type(obj).objects.get(pk=obj.pk)
    return {field.attname: getattr(fresh, field.attname) for field in fresh._meta.concrete_fields}


def rows(queryset: Any) -> list[dict[str, Any]]:
    return [columns(obj) for obj in queryset.order_by("pk")]


def trail() -> tuple[int, int]:
    """The audit trail and the outbox: a save that changed nothing adds to neither."""
    return LogEntry.objects.count(), OutboxMessage.objects.count()


def opened(client: Client, url: str, *, action: str | None = None) -> tuple[dict[str, Any], set[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    values = form_values(response.content, action=action)
    values.pop(CSRF, None)
    return values, field_names(response.content, action=action) - {CSRF}


def post_unchanged(client: Client, url: str, values: dict[str, Any], state: Any) -> None:
    """Post the form as it opened; the page redirects and ``state()`` reads as before."""
    before, logged = state(), trail()
    response = client.post(url, values)
    errors = response.context["form"].errors if response.status_code == 200 and response.context else ""
    assert response.status_code == 302, f"{url}: {errors}"
    assert state() == before, url
    assert trail() == logged, f"{url}: saving unchanged wrote to the audit trail or the outbox"


def boxes(**flags: bool) -> dict[str, str]:
    return {name: "on" for name, flag in flags.items() if flag}


def stockholm_minute(moment: datetime | None) -> str:
    return local(moment).strftime("%Y-%m-%dT%H:%M") if moment else ""


def text(value: Any) -> str:
    return "" if value is None else str(value)


# --- meetings ----------------------------------------------------------------------------


def test_every_meetings_edit_form_opens_with_what_is_stored_and_saving_it_changes_nothing(admin_client):
    meetings = Meeting.objects.exclude(status=MeetingStatus.CANCELLED).select_related("body__space")
    assert meetings.count() > 200
    for meeting in meetings:
        url = reverse("meetings:meeting-update", kwargs={"space": meeting.body.space.slug, "pk": meeting.pk})
        values, names = opened(admin_client, url)
        start, end = local(meeting.start), local(meeting.end)
        expected = {
            "title": meeting.title,
            "date": start.date().isoformat(),
            "start_time": start.strftime("%H:%M"),
            "end_time": end.strftime("%H:%M"),
            "place": meeting.place,
            "online_url": meeting.online_url,
            "chair": text(meeting.chair_id),
            "adjuster": text(meeting.adjuster_id),
            "invitation_message": meeting.invitation_message,
            "confirm_overlap": "",
            **boxes(details_public=meeting.details_public, is_public=meeting.is_public),
        }
        assert values == expected, meeting
        assert names == set(expected) | {"details_public", "is_public"}
        post_unchanged(admin_client, url, values, lambda m=meeting: columns(m))


def test_the_edit_form_keeps_the_message_and_the_publish_flag_when_the_time_is_changed(admin_client):
    """The reported loss: retyping the time blanked the invitation message and "publish the minutes"."""
    meeting = Meeting.objects.filter(is_public=True, start__gt=datetime.now().astimezone()).first()
    assert meeting is not None
    services.meeting_update(
        actor=None, meeting=meeting, data=services.MeetingData(invitation_message="Välkomna! Fika från 9.00.")
    )
    url = reverse("meetings:meeting-update", kwargs={"space": meeting.body.space.slug, "pk": meeting.pk})
    values, _names = opened(admin_client, url)
    values["start_time"], values["end_time"] = "08:15", "10:15"
    values["confirm_overlap"] = "on"
    response = admin_client.post(url, values)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert local(meeting.start).time() == time(8, 15)
    assert meeting.invitation_message == "Välkomna! Fika från 9.00." and meeting.is_public


def test_every_agenda_items_edit_form_opens_prefilled(admin_client):
    """The items of each body's latest meeting, and of one whose minutes are approved (the agenda is then
    locked, but saving it unchanged still goes through and changes nothing)."""
    latest = {m.body_id: m.pk for m in Meeting.objects.order_by("start")}
    approved = {m.body_id: m.pk for m in Meeting.objects.filter(minutes_versions__approved_at__isnull=False)}
    assert approved
    items = AgendaItem.objects.filter(meeting__in=[*latest.values(), *approved.values()]).select_related(
        "meeting__body__space"
    )
    assert items.count() > 100
    for item in items:
        kwargs = {"space": item.meeting.body.space.slug, "pk": item.meeting_id, "item": item.pk}
        url = reverse("meetings:agenda-item-update", kwargs=kwargs)
        values, names = opened(admin_client, url)
        assert values == {
            "title": item.title,
            "kind": item.kind,
            "presenter": item.presenter,
            "duration_minutes": text(item.duration_minutes),
            "description": item.description,
        }, item
        assert names == set(values)
        post_unchanged(admin_client, url, values, lambda i=item: columns(i))


def _minutes_meetings(*, locked: bool | None = None) -> list[Meeting]:
    versions = MinutesVersion.objects.order_by("meeting", "-number").distinct()
    meetings = []
    for meeting in Meeting.objects.filter(minutes_versions__isnull=False).distinct().select_related("body__space"):
        latest = versions.filter(meeting=meeting).first()
        if locked is None or latest.is_locked == locked:
            meetings.append(meeting)
    return meetings


def test_the_minutes_open_with_the_text_written_and_saving_them_unchanged_keeps_every_signature(admin_client):
    meetings = _minutes_meetings(locked=False)
    assert len(meetings) >= 10
    for meeting in meetings:
        Approval.objects.get_or_create(
            version=meeting.minutes_versions.order_by("-number").first(),
            role="chair",
            defaults={"user": meeting.chair.user, "name": meeting.chair.name, "approved_at": meeting.end},
        )
        url = reverse("meetings:minutes-edit", kwargs={"space": meeting.body.space.slug, "pk": meeting.pk})
        values, _names = opened(admin_client, url, action="")
        version = meeting.minutes_versions.order_by("-number").first()
        texts = dict(version.entries.values_list("agenda_item_id", "text"))
        expected = {f"item_{item.pk}": editable(texts.get(item.pk, "")) for item in meeting.agenda_items.all()}
        assert values == expected, meeting

        def state(v: MinutesVersion = version) -> Any:
            return rows(Minutes.objects.filter(version=v)), rows(Approval.objects.filter(version=v)), columns(v)

        post_unchanged(admin_client, url, values, state)


def test_the_attendance_opens_as_recorded_and_saving_it_unchanged_changes_nothing(admin_client):
    for meeting in _minutes_meetings(locked=False):
        url = reverse("meetings:minutes-attendance", kwargs={"space": meeting.body.space.slug, "pk": meeting.pk})
        values, _names = opened(admin_client, url)
        present = {a.contact_id: a.present for a in meeting.attendances.all() if a.contact_id}
        people = [row for row in attendance_candidates(meeting) if "name" in row]
        assert people, meeting
        for index, person in enumerate(people):
            recorded = present.get(person["contact"].pk if person["contact"] else None)
            assert values[f"status_{index}"] == ("absent" if recorded is False else "present"), (meeting, person)
            assert values[f"substitute_{index}"] == ""

        def state(m: Meeting = meeting) -> Any:
            return rows(Attendance.objects.filter(meeting=m)), rows(Approval.objects.filter(version__meeting=m))

        post_unchanged(admin_client, url, values, state)


def test_the_chair_and_adjuster_form_opens_with_who_is_named_and_saving_it_changes_nothing(admin_client):
    meetings = _minutes_meetings() + list(Meeting.objects.filter(minutes_versions__isnull=True)[:10])
    for meeting in meetings:
        url = reverse("meetings:minutes-signatories", kwargs={"space": meeting.body.space.slug, "pk": meeting.pk})
        values, names = opened(admin_client, url)
        assert values == {"chair": text(meeting.chair_id), "adjuster": text(meeting.adjuster_id)}, meeting
        assert names == {"chair", "adjuster"}
        post_unchanged(admin_client, url, values, lambda m=meeting: columns(m))


def test_every_action_items_status_form_opens_with_its_status(admin_client):
    items = ActionItem.objects.select_related("body__space")
    assert items.count() > 50
    for item in items:
        url = reverse("meetings:action-status", kwargs={"space": item.body.space.slug, "pk": item.pk})
        values, names = opened(admin_client, url)
        assert values == {"status": item.status} and names == {"status"}, item
        post_unchanged(admin_client, url, values, lambda i=item: columns(i))


def test_an_answered_invitation_opens_with_the_answer_on_the_site_and_by_the_e_mail_link():
    invitation = (
        Invitation.objects.filter(user__isnull=False, meeting__start__gt=datetime.now().astimezone())
        .select_related("meeting__body__space", "user")
        .first()
    )
    assert invitation is not None
    services.invitation_answer(
        invitation=invitation, answer="no", substitute_name="Eva Ersättare", comment="Krock", by_token=True
    )
    client = Client()
    client.force_login(invitation.user)
    meeting = invitation.meeting
    expected = {"answer": "no", "substitute_name": "Eva Ersättare", "substitute_email": "", "comment": "Krock"}
    for url in (
        reverse("meetings:my-answer", kwargs={"space": meeting.body.space.slug, "pk": meeting.pk}),
        reverse("meetings:rsvp", kwargs={"token": invitation_token(invitation)}),
    ):
        values, names = opened(client, url)
        assert values == expected and names == set(expected), url
        post_unchanged(client, url, values, lambda: columns(invitation))


# --- events -----------------------------------------------------------------------------


def test_every_events_edit_form_opens_with_what_is_stored_and_saving_it_changes_nothing(admin_client):
    events = Event.objects.select_related("space", "body")
    assert events.count() >= 3
    for event in events:
        url = reverse("events:event-update", kwargs={"space": event.space.slug, "pk": event.pk})
        values, names = opened(admin_client, url)
        expected = {
            "kind": event.kind,
            "title": event.title,
            "description": event.description,
            "start": stockholm_minute(event.start),
            "end": stockholm_minute(event.end),
            "place": event.place,
            "online_url": event.online_url,
            "capacity": text(event.capacity),
            "registration_opens_at": stockholm_minute(event.registration_opens_at),
            "registration_closes_at": stockholm_minute(event.registration_closes_at),
            "body": text(event.body_id),
            **boxes(is_public=event.is_public),
        }
        assert values == expected, event
        assert names == set(expected) | {"is_public"}
        post_unchanged(admin_client, url, values, lambda e=event: columns(e))


def test_every_sessions_edit_form_opens_with_what_is_stored(admin_client):
    sessions = Session.objects.select_related("event__space")
    assert sessions.count() >= 5
    for session in sessions:
        kwargs = {"space": session.event.space.slug, "pk": session.event_id, "session": session.pk}
        url = reverse("events:session-update", kwargs=kwargs)
        values, names = opened(admin_client, url)
        expected = {
            "title": session.title,
            "start": stockholm_minute(session.start),
            "end": stockholm_minute(session.end),
            "speaker": session.speaker,
            "room": session.room,
            "description": session.description,
        }
        assert values == expected and names == set(expected), session
        post_unchanged(admin_client, url, values, lambda s=session: columns(s))


# --- annual wheels ----------------------------------------------------------------------


def test_generating_an_adopted_wheel_again_opens_with_its_year_time_and_place_and_changes_nothing(admin_client):
    adoptions = Adoption.objects.select_related("body__space", "template")
    years = {adoption.year for adoption in adoptions}
    assert adoptions.count() >= 5 and len(years) >= 1
    for adoption in adoptions:
        url = reverse("wheels:wheel-adopt", kwargs={"space": adoption.body.space.slug, "pk": adoption.body_id})
        url += f"?template={adoption.template.key}&year={adoption.year}"
        values, _names = opened(admin_client, url)
        assert values == {
            "template": adoption.template.key,
            "year": str(adoption.year),
            "time_of_day": adoption.time_of_day.strftime("%H:%M") if adoption.time_of_day else "",
            "place": adoption.place,
        }, adoption

        def state(a: Adoption = adoption) -> Any:
            return columns(a), rows(GeneratedMeeting.objects.filter(adoption=a)), Meeting.objects.count()

        post_unchanged(admin_client, url, {**values, "action": "confirm"}, state)


# --- calendars ----------------------------------------------------------------------------


def test_a_poll_answer_opens_with_the_answers_given_and_saving_them_again_changes_nothing():
    invitees = PollInvitee.objects.filter(answers__isnull=False).distinct().select_related("poll")
    assert invitees.count() >= 3
    for invitee in invitees:
        url = reverse("calendars:poll-answer-link", kwargs={"token": answer_token(invitee)})
        values, _names = opened(Client(), url)
        given = dict(invitee.answers.values_list("option_id", "answer"))
        assert values == {f"option_{pk}": answer for pk, answer in given.items()}, invitee
        before, logged = (columns(invitee), rows(PollAnswer.objects.filter(invitee=invitee))), trail()
        response = Client().post(url, values)
        assert response.status_code == 200 and response.context["saved"]
        assert (columns(invitee), rows(PollAnswer.objects.filter(invitee=invitee))) == before
        assert trail() == logged


def test_the_demo_spans_a_rolling_year_with_meetings_held_and_to_come_for_every_body():
    from samverka.collaboration.bodies.models import Body, BodyStatus

    today = date.today()
    for body in Body.objects.filter(status=BodyStatus.ACTIVE):
        days = [local(start).date() for start in body.meetings.values_list("start", flat=True)]
        assert any(day < today for day in days), body
        assert any(day > today for day in days), body
