"""The meeting lifecycle through the pages: plan → agenda → invite → answer from the e-mail."""

import base64
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from samverka.collaboration.meetings.models import AgendaItem, AgendaKind, Answer, Invitation, Meeting, MeetingStatus
from samverka.collaboration.meetings.tests.helpers import add_members, future, make_meeting
from samverka.platform.notifications.models import OutboxMessage
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def world(space):
    body = make_body(space=space, name="Branschforum Vård och omsorg")
    secretariat = make_user(email="sekr@example.se", role_in=space, role="secretariat", full_name="Sara Sekreterare")
    members = add_members(body, 3)
    return {"space": space, "body": body, "secretariat": secretariat, "members": members}


def ics_of(message: OutboxMessage) -> Calendar:
    attachment = next(a for a in message.attachments if a["name"].endswith(".ics"))
    return Calendar.from_ical(base64.b64decode(attachment["content_b64"]))


def test_plan_build_invite_and_answer_from_the_mail(client, world, settings):
    space, body = world["space"], world["body"]
    client.force_login(world["secretariat"])
    start = future(21)

    # plan the meeting
    response = client.post(
        reverse("meetings:meeting-create", kwargs={"space": space.slug, "body": body.pk}),
        {
            "title": "Branschforum mars",
            "date": start.date().isoformat(),
            "start_time": "13:00",
            "end_time": "15:00",
            "place": "Regionhuset, sal A",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(body=body)
    assert meeting.start == start
    follow_up = AgendaItem.objects.get(meeting=meeting)
    assert follow_up.is_follow_up

    # build the agenda
    add_url = reverse("meetings:agenda-item-create", kwargs={"space": space.slug, "pk": meeting.pk})
    response = client.post(
        add_url,
        {"title": "Utbildningsutfall", "kind": AgendaKind.DECISION, "presenter": "Eva", "duration_minutes": "30"},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, is_follow_up=False)
    assert (item.position, item.kind, item.duration_minutes) == (2, "decision", 30)
    client.post(
        reverse("meetings:agenda-item-move", kwargs={"space": space.slug, "pk": meeting.pk, "item": item.pk}),
        {"direction": "up"},
    )
    assert [i.title for i in meeting.agenda_items.order_by("position")][0] == "Utbildningsutfall"

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "§ 1 Utbildningsutfall" in page and "Presented by Eva" in page

    # the confirm page shows the count, GET sends nothing
    invite_url = reverse("meetings:invitation-send", kwargs={"space": space.slug, "pk": meeting.pk})
    confirm = client.get(invite_url).content.decode()
    assert "to 3 members" in confirm
    assert not OutboxMessage.objects.exists()
    assert client.post(invite_url).status_code == 302

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.INVITED
    messages = OutboxMessage.objects.filter(key__startswith="meeting-invitation:")
    assert messages.count() == 3
    message = messages.get(to="ledamot1@example.se")
    calendar = ics_of(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.pk}@{settings.ICS_UID_DOMAIN}"
    assert event.decoded("DTSTART") == start
    assert str(event["ATTENDEE"]).lower() == "mailto:ledamot1@example.se"
    assert str(event["ORGANIZER"]).lower() == "mailto:sekr@example.se"
    # a second send queues nothing new and the UID stays
    assert client.post(invite_url).status_code == 302
    assert OutboxMessage.objects.filter(key__startswith="meeting-invitation:").count() == 3

    # answer from the mail, logged out
    client.logout()
    no_link = re.search(r"https?://\S+/meetings/answer/\S+\?answer=no", message.body).group(0)
    path = no_link.split("://", 1)[1].split("/", 1)[1]
    landing = client.get("/" + path)
    assert landing.status_code == 200
    text = landing.content.decode()
    assert "Branschforum mars" in text
    assert re.search(r'<input[^>]*value="no"[^>]*checked', text)
    invitation = Invitation.objects.get(email="ledamot1@example.se")
    assert invitation.answer == Answer.PENDING  # GET changes nothing
    response = client.post(
        "/" + path.split("?")[0],
        {"answer": "no", "substitute_name": "Anna Ersättare", "substitute_email": "anna@example.se"},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.substitute_name, invitation.substitute_email) == (
        "no",
        "Anna Ersättare",
        "anna@example.se",
    )

    # the secretariat sees the answer with the substitute
    client.force_login(world["secretariat"])
    answers = client.get(reverse("meetings:invitation-list", kwargs={"space": space.slug, "pk": meeting.pk}))
    assert "Anna Ersättare" in answers.content.decode()


def test_a_forged_or_revoked_answer_link_is_refused(client, world):
    from samverka.collaboration.meetings import services

    meeting = make_meeting(world["body"])
    services.invitations_send(actor=None, meeting=meeting)
    invitation = Invitation.objects.filter(meeting=meeting).first()
    url = reverse("meetings:rsvp", kwargs={"token": services.invitation_token(invitation)})
    assert client.get(url).status_code == 200
    assert client.get(url[:-3] + "xx/").status_code == 404
    other = Invitation.objects.filter(meeting=meeting).exclude(pk=invitation.pk).first()
    assert client.post(url, {"answer": "yes"}).status_code == 302
    other.refresh_from_db()
    assert other.answer == Answer.PENDING
    Invitation.objects.filter(pk=invitation.pk).update(token_nonce="revoked")
    assert client.get(url).status_code == 404


def test_a_changed_time_sends_the_update_with_a_higher_sequence_and_cancel_sends_cancel(client, world):
    from samverka.collaboration.meetings import services

    meeting = make_meeting(world["body"])
    services.invitations_send(actor=None, meeting=meeting)
    client.force_login(world["secretariat"])
    start = meeting.start + timedelta(days=1)
    response = client.post(
        reverse("meetings:meeting-update", kwargs={"space": world["space"].slug, "pk": meeting.pk}),
        {
            "title": meeting.title,
            "date": start.date().isoformat(),
            "start_time": "13:00",
            "end_time": "15:00",
            "place": "Nytt rum",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    updates = OutboxMessage.objects.filter(key__startswith="meeting-invitation:", key__endswith=":1")
    assert updates.count() == 3
    (event,) = ics_of(updates.first()).walk("VEVENT")
    assert int(event["SEQUENCE"]) == 1 and str(event["LOCATION"]).startswith("Nytt rum")

    response = client.post(
        reverse("meetings:meeting-cancel", kwargs={"space": world["space"].slug, "pk": meeting.pk}),
        {"reason": "För få kan delta."},
    )
    assert response.status_code == 302
    cancels = OutboxMessage.objects.filter(key__startswith="meeting-cancel:")
    assert cancels.count() == 3
    calendar = ics_of(cancels.first())
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2


def test_a_time_in_the_daylight_saving_gap_is_refused_with_an_explanation(client, world):
    client.force_login(world["secretariat"])
    year = future(0).year + 1
    response = client.post(
        reverse("meetings:meeting-create", kwargs={"space": world["space"].slug, "body": world["body"].pk}),
        {
            "title": "Nattmöte",
            "date": f"{year}-03-{_last_sunday_of_march(year):02d}",
            "start_time": "02:30",
            "end_time": "04:00",
            "place": "Rum",
        },
    )
    assert response.status_code == 200
    assert "does not exist in Sweden" in response.content.decode()
    assert not Meeting.objects.exists()


def _last_sunday_of_march(year: int) -> int:
    from datetime import date

    day = date(year, 3, 31)
    return 31 - (day.weekday() + 1) % 7


def test_an_overlapping_meeting_warns_and_is_created_only_when_confirmed(client, world):
    existing = make_meeting(world["body"], title="Det första mötet")
    client.force_login(world["secretariat"])
    url = reverse("meetings:meeting-create", kwargs={"space": world["space"].slug, "body": world["body"].pk})
    data = {
        "title": "Krockande möte",
        "date": existing.start.date().isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "place": "Rum",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="overlap-warning"' in page and "Det första mötet" in page
    assert Meeting.objects.count() == 1
    response = client.post(url, {**data, "confirm_overlap": "on"})
    assert response.status_code == 302
    assert Meeting.objects.count() == 2


def test_permissions_non_member_404_member_403(client, world, other_space):
    meeting = make_meeting(world["body"], title="Hemligt arbetsmöte")
    world["body"].is_public = False
    world["body"].save()
    stranger = make_user(role_in=other_space, role="secretariat")
    client.force_login(stranger)
    detail = meeting.get_absolute_url()
    edit = reverse("meetings:meeting-update", kwargs={"space": world["space"].slug, "pk": meeting.pk})
    assert client.get(detail).status_code == 404
    assert client.post(edit, {}).status_code == 404
    space_list = reverse("meetings:space-meetings", kwargs={"space": world["space"].slug})
    assert meeting.title not in client.get(space_list).content.decode()
    member = make_user(role_in=world["space"], role="member")
    client.force_login(member)
    assert client.get(detail).status_code == 200
    assert meeting.title in client.get(space_list).content.decode()
    assert client.get(edit).status_code == 403
    before = Meeting.objects.get(pk=meeting.pk)
    invite = reverse("meetings:invitation-send", kwargs={"space": world["space"].slug, "pk": meeting.pk})
    assert client.post(invite).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == before.status == MeetingStatus.PLANNED
    assert not Invitation.objects.exists()
