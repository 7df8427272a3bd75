"""The lifecycle services called directly (as the annual wheels, the API and the demo call them)."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samverka.collaboration.meetings import selectors, services
from samverka.collaboration.meetings.models import AgendaItem, Answer, Invitation, Meeting
from samverka.collaboration.meetings.tests.helpers import add_members, future, make_meeting, seat
from samverka.platform.notifications.models import OutboxMessage
from samverka.testing.factories import make_body, make_contact, make_membership, make_user

pytestmark = pytest.mark.django_db


def test_meeting_create_puts_the_follow_up_item_first_and_keeps_the_agenda_order(space):
    body = make_body(space=space)
    start = future(10)
    meeting = services.meeting_create(
        actor=None,
        body=body,
        title="Möte",
        start=start,
        end=start + timedelta(hours=2),
        agenda=[{"title": "Trender", "kind": "discussion"}, {"title": "Beställningar", "kind": "decision"}],
    )
    items = list(meeting.agenda_items.order_by("position"))
    assert [(i.title, i.is_follow_up) for i in items][1:] == [("Trender", False), ("Beställningar", False)]
    assert items[0].is_follow_up
    with pytest.raises(ValidationError, match="cannot be removed"):
        services.agenda_item_remove(actor=None, item=items[0])
    services.agenda_item_remove(actor=None, item=items[1])
    assert list(meeting.agenda_items.order_by("position").values_list("position", flat=True)) == [1, 2]


def test_meeting_create_refuses_bad_times_and_a_member_without_the_role(space):
    body = make_body(space=space)
    start = future(10)
    with pytest.raises(ValidationError) as error:
        services.meeting_create(actor=None, body=body, title="", start=start, end=start - timedelta(hours=1))
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError, match="end after it starts"):
        services.meeting_create(actor=None, body=body, title="X", start=start, end=start)
    member = make_user(role_in=space, role="member")
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=member, body=body, title="X", start=start, end=start + timedelta(hours=1))
    assert not Meeting.objects.exists()


def test_overlapping_meetings_ignore_cancelled_and_adjacent_ones(space):
    body = make_body(space=space)
    first = make_meeting(body)
    adjacent = first.end
    assert not selectors.overlapping_meetings(body=body, start=adjacent, end=adjacent + timedelta(hours=1)).exists()
    assert list(selectors.overlapping_meetings(body=body, start=first.start, end=first.end)) == [first]
    services.meeting_cancel(actor=None, meeting=first)
    assert not selectors.overlapping_meetings(body=body, start=first.start, end=first.end).exists()


def test_only_members_on_the_meeting_day_with_an_address_are_invited_once(space):
    body = make_body(space=space)
    meeting = make_meeting(body, days=30)
    day = meeting.start.date()
    current = add_members(body, 2)
    make_membership(body=body, contact=make_contact(email="slutat@example.se"), end_date=day - timedelta(days=1))
    make_membership(body=body, contact=make_contact(email="senare@example.se"), start_date=day + timedelta(days=1))
    make_membership(body=body, contact=make_contact(email=""))
    # the same person twice (two organisations) gets one invitation
    make_membership(body=body, contact=make_contact(email=current[0].contact.email.upper()))
    assert services.invitations_send(actor=None, meeting=meeting) == 2
    invited = sorted(email.lower() for email in Invitation.objects.values_list("email", flat=True))
    assert invited == sorted(m.contact.email for m in current)
    # a member added later is invited on the next send; nobody else gets it twice
    add_members(body, 1, prefix="ny")
    assert services.invitations_send(actor=None, meeting=meeting) == 1
    assert OutboxMessage.objects.count() == 3


def test_each_invitee_gets_the_mail_in_their_language(space):
    body = make_body(space=space)
    start = future(10)
    meeting = make_meeting(body, start=start, end=start + timedelta(hours=1))
    add_members(body, 1)
    english = make_user(email="eng@example.se", language="en")
    seat(english, body)
    services.invitations_send(actor=None, meeting=meeting)
    english_mail = OutboxMessage.objects.get(to="eng@example.se")
    swedish_mail = OutboxMessage.objects.exclude(to="eng@example.se").get()
    weekday = start.strftime("%A")  # strftime is English in the test process
    assert weekday in english_mail.subject
    assert weekday not in swedish_mail.subject
    swedish_days = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
    assert swedish_days[start.weekday()] in swedish_mail.subject


def test_the_invitee_answers_on_the_site_and_others_cannot(client, space):
    body = make_body(space=space, is_public=False)
    meeting = make_meeting(body)
    invitee = make_user(role_in=space, role="member")
    seat(invitee, body)
    services.invitations_send(actor=None, meeting=meeting)
    url = reverse("meetings:my-answer", kwargs={"space": space.slug, "pk": meeting.pk})
    other = make_user(role_in=space, role="member")
    client.force_login(other)
    assert client.post(url, {"answer": "yes"}).status_code == 404
    client.force_login(invitee)
    response = client.post(url, {"answer": "maybe", "substitute_name": "Kalle", "comment": "Sen ankomst"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(user=invitee)
    assert (invitation.answer, invitation.substitute_name, invitation.comment) == ("maybe", "Kalle", "Sen ankomst")
    response = client.post(url, {"answer": "yes", "substitute_name": "Kalle"})
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.answer == Answer.MAYBE


def test_answers_to_a_cancelled_meeting_are_refused(space):
    body = make_body(space=space)
    meeting = make_meeting(body)
    add_members(body, 1)
    services.invitations_send(actor=None, meeting=meeting)
    services.meeting_cancel(actor=None, meeting=meeting, reason="Inställt")
    invitation = Invitation.objects.get()
    with pytest.raises(ValidationError, match="cancelled"):
        services.invitation_answer(invitation=invitation, answer="yes", by_token=True)
    with pytest.raises(ValidationError, match="cancelled"):
        services.agenda_item_add(actor=None, meeting=meeting, title="Sent")


def test_changes_are_audited_with_the_space(space):
    body = make_body(space=space)
    meeting = make_meeting(body)
    item = AgendaItem.objects.get(meeting=meeting)
    for obj in (meeting, item):
        entry = LogEntry.objects.get_for_object(obj).first()
        assert entry is not None and entry.additional_data == {"space_id": space.pk}


def test_upcoming_for_user_lists_my_bodies_meetings_not_cancelled_or_past(space):
    body = make_body(space=space)
    user = make_user(role_in=space, role="member")
    seat(user, body)
    coming = make_meeting(body, days=3, title="Kommande")
    make_meeting(body, days=-3, title="Förbi")
    services.meeting_cancel(actor=None, meeting=make_meeting(body, days=5, title="Inställt"))
    make_meeting(make_body(space=space), days=4, title="Annan grupp")
    assert list(selectors.upcoming_for_user(user)) == [coming]
    assert date.today() <= coming.start.date()


def test_the_history_of_a_meeting_shows_who_changed_what_to_those_who_run_it(client, space, make_role_user):
    secretariat, member = make_role_user(space, "secretariat"), make_role_user(space, "member")
    body = make_body(space=space, is_public=True)
    start = future(20)
    meeting = services.meeting_create(
        actor=secretariat, body=body, title="Styrgruppsmöte", start=start, end=start + timedelta(hours=2)
    )
    services.meeting_update(
        actor=secretariat, meeting=meeting, data=services.MeetingData(title="Styrgruppens decembermöte")
    )
    history = reverse("core:history", kwargs={"model": "meetings.meeting", "pk": meeting.pk})

    client.force_login(member)
    assert client.get(history).status_code == 403
    client.force_login(secretariat)
    page = client.get(history).content.decode()
    assert "Styrgruppsmöte" in page and "Styrgruppens decembermöte" in page
