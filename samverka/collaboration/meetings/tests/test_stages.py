"""A meeting's lifecycle: planned → invited → held → minutes written → approved → published, derived
from the facts, shown with the right next step; decisions and action items read open / overdue / done
(issue 12, item 6). And the chair and adjuster named where the minutes are written (item 2)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.models import ActionItem, Decision, Meeting, MeetingStage
from samverka.collaboration.meetings.tests.follow_up_helpers import items, make_world
from samverka.collaboration.meetings.tests.helpers import add_members, make_meeting, seat
from samverka.testing import factories

pytestmark = pytest.mark.django_db


def url(meeting: Meeting, name: str = "meetings:meeting-detail") -> str:
    return reverse(name, kwargs={"space": meeting.body.space.slug, "pk": meeting.pk})


def page(client: Client, meeting: Meeting, name: str = "meetings:meeting-detail") -> str:
    response = client.get(url(meeting, name))
    assert response.status_code == 200
    return response.content.decode()


def main_action(html: str) -> str:
    import lxml.html

    found = lxml.html.fromstring(html).xpath("//a[@id='main-action']")
    return found[0].text_content().strip() if found else ""


def stage_badge(html: str) -> str:
    import lxml.html

    return lxml.html.fromstring(html).xpath("//*[@id='meeting-stage']")[0].text_content().strip()


@pytest.fixture
def world(space):
    return make_world(space)


@pytest.fixture
def secretary_client(world):
    client = Client()
    client.force_login(world.secretary)
    return client


def write_minutes(world):
    item = items(world.meeting)[1]
    services.minutes_save(actor=world.secretary, meeting=world.meeting, texts={item.pk: "Läget redovisades."})


def test_a_coming_meeting_is_planned_then_invited_with_the_next_step_for_each(space, make_role_user):
    body = factories.make_body(space=space, name="Arbetsgruppen")
    add_members(body, 3)
    meeting = make_meeting(body, days=20)
    client = Client()
    client.force_login(make_role_user(space, "secretariat"))
    html = page(client, meeting)
    assert meeting.stage == MeetingStage.PLANNED
    assert stage_badge(html) == "Planerat" and main_action(html) == "Skicka kallelsen"

    services.invitations_send(actor=None, meeting=meeting)
    meeting = Meeting.objects.with_stage().get(pk=meeting.pk)
    html = page(client, meeting)
    assert meeting.stage == MeetingStage.INVITED
    assert stage_badge(html) == "Kallelse skickad" and main_action(html) == "Se vilka som kommer"
    assert "Skicka kallelsen till nya medlemmar" in html


def test_a_held_meeting_is_held_asks_for_minutes_and_no_longer_offers_to_invite_or_cancel(world, secretary_client):
    meeting = world.meeting
    html = page(secretary_client, meeting)
    assert meeting.stage == MeetingStage.HELD
    assert stage_badge(html) == "Genomfört" and main_action(html) == "Skriv protokollet"
    assert url(meeting, "meetings:invitation-send") not in html
    assert url(meeting, "meetings:meeting-cancel") not in html
    invite_page = page(secretary_client, meeting, "meetings:invitation-send")
    assert (
        "Mötet har redan hållits" in invite_page and "<button" not in invite_page.split("</h1>")[1].split("</main>")[0]
    )
    response = secretary_client.post(url(meeting, "meetings:invitation-send"))
    assert response.status_code == 400 and meeting.invitations.count() == 0
    edit = page(secretary_client, meeting, "meetings:meeting-update")
    assert "Mötet har redan hållits" in edit


def test_held_even_when_the_invitation_was_sent_and_the_status_still_says_invited(world, secretary_client):
    Meeting.objects.filter(pk=world.meeting.pk).update(status="invited", invited_at=timezone.now() - timedelta(days=30))
    meeting = Meeting.objects.with_stage().get(pk=world.meeting.pk)
    assert meeting.stage == MeetingStage.HELD
    assert main_action(page(secretary_client, meeting)) == "Skriv protokollet"


def test_written_minutes_ask_the_secretary_to_finish_and_the_chair_to_approve(world, secretary_client):
    write_minutes(world)
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    assert meeting.stage == MeetingStage.MINUTES_WRITTEN
    html = page(secretary_client, meeting)
    assert stage_badge(html) == "Protokoll skrivs"
    assert main_action(html) == "Färdigställ protokollet och skicka det för justering"
    chair = Client()
    chair.force_login(world.chair)
    assert main_action(page(chair, meeting)) == "Justera protokollet"
    services.minutes_approve(actor=world.chair, meeting=meeting)
    assert main_action(page(chair, meeting)) != "Justera protokollet"  # signed: the adjuster is next


def test_approved_minutes_are_published_from_the_next_step(world, secretary_client):
    write_minutes(world)
    services.minutes_approve(actor=world.chair, meeting=world.meeting)
    services.minutes_approve(actor=world.adjuster, meeting=world.meeting)
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    assert meeting.stage == MeetingStage.APPROVED
    html = page(secretary_client, meeting)
    assert stage_badge(html) == "Protokoll justerat" and main_action(html) == "Publicera protokollet"
    assert Client().get(url(meeting, "meetings:minutes-detail")).status_code == 404  # not public yet
    assert "Publicera protokollet" in page(secretary_client, meeting, "meetings:minutes-publish")
    response = secretary_client.post(url(meeting, "meetings:minutes-publish"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.is_public and meeting.stage == MeetingStage.PUBLISHED
    html = page(secretary_client, meeting)
    assert stage_badge(html) == "Protokoll publicerat" and main_action(html) == "Läs protokollet"
    assert "Läget redovisades." in page(Client(), meeting, "meetings:minutes-detail")


def test_the_agenda_of_approved_minutes_is_locked_and_its_controls_are_hidden(world, secretary_client):
    write_minutes(world)
    services.minutes_approve(actor=world.chair, meeting=world.meeting)
    services.minutes_approve(actor=world.adjuster, meeting=world.meeting)
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    html = page(secretary_client, meeting)
    assert url(meeting, "meetings:agenda-item-create") not in html
    for item in items(meeting):
        kwargs = {"space": world.space.slug, "pk": meeting.pk, "item": item.pk}
        assert reverse("meetings:agenda-item-update", kwargs=kwargs) not in html
        assert reverse("meetings:agenda-item-remove", kwargs=kwargs) not in html
        assert reverse("meetings:agenda-document-create", kwargs=kwargs) in html  # documents may still come
    with pytest.raises(ValidationError, match="approved|justerat"):
        services.agenda_item_add(actor=world.secretary, meeting=meeting, title="Sent tillägg")
    response = secretary_client.post(
        url(meeting, "meetings:agenda-item-create"), {"title": "Sent", "kind": "information"}
    )
    assert response.status_code == 200 and meeting.agenda_items.count() == 3
    item = items(meeting)[1]
    with pytest.raises(ValidationError):
        services.agenda_item_update(actor=world.secretary, item=item, data=services.AgendaItemData(title="Nytt namn"))
    services.agenda_item_update(
        actor=world.secretary, item=item, data=services.AgendaItemData(title=item.title)
    )  # unchanged: fine


def test_minutes_that_are_not_approved_cannot_be_published(world, secretary_client):
    write_minutes(world)
    response = secretary_client.post(url(world.meeting, "meetings:minutes-publish"))
    assert response.status_code == 400
    assert not Meeting.objects.get(pk=world.meeting.pk).is_public


def test_a_cancelled_meeting_reads_cancelled_and_has_no_next_step(space, make_role_user):
    body = factories.make_body(space=space)
    meeting = make_meeting(body)
    services.meeting_cancel(actor=None, meeting=meeting, reason="För få deltagare")
    client = Client()
    client.force_login(make_role_user(space, "secretariat"))
    html = page(client, Meeting.objects.get(pk=meeting.pk))
    assert stage_badge(html) == "Inställt" and main_action(html) == ""


def test_the_calendars_show_each_meetings_stage(world, secretary_client):
    write_minutes(world)
    coming = make_meeting(world.body, days=10)
    body_list = secretary_client.get(
        reverse("meetings:body-meetings", kwargs={"space": world.space.slug, "body": world.body.pk}) + "?show=past"
    ).content.decode()
    assert "Protokoll skrivs" in body_list
    space_list = secretary_client.get(reverse("meetings:space-meetings", kwargs={"space": world.space.slug}))
    assert "Planerat" in space_list.content.decode() and coming.title in space_list.content.decode()


# --- decisions and action items ---------------------------------------------------------------


def test_decisions_read_open_overdue_done_or_not_followed_up(world, secretary_client):
    meeting = world.meeting
    today = timezone.localdate()
    open_one = services.decision_create(
        actor=None, meeting=meeting, text="Ny utredning", due_date=today + timedelta(30)
    )
    late = services.decision_create(actor=None, meeting=meeting, text="Sen rapport", due_date=today - timedelta(3))
    done = services.decision_create(actor=None, meeting=meeting, text="Klar plan", due_date=today + timedelta(5))
    services.decision_close(actor=None, decision=done, closing_note="Planen antogs.")
    untracked = services.decision_create(actor=None, meeting=meeting, text="Noterat")
    states = {d.text: d.get_state_display() for d in Decision.objects.all()}
    with_swedish = {k: str(v) for k, v in states.items()}
    assert (open_one.state, late.state, Decision.objects.get(pk=done.pk).state, untracked.state) == (
        "open",
        "overdue",
        "done",
        "not_followed",
    )
    html = page(secretary_client, meeting, "meetings:minutes-edit")
    assert "Uppföljt" not in html
    for label in ("Öppet", "Försenat", "Genomfört", "Ingen uppföljning"):
        assert label in html, label
    assert with_swedish  # labels exist for every state


def test_action_items_read_open_in_progress_overdue_or_done(world, secretary_client):
    meeting, today = world.meeting, timezone.localdate()
    owner = world.adjuster.contact
    fresh = services.action_item_create(
        actor=None, meeting=meeting, title="Ny", owner_contact=owner, due_date=today + timedelta(9)
    )
    late = services.action_item_create(
        actor=None, meeting=meeting, title="Sen", owner_contact=owner, due_date=today - timedelta(1)
    )
    busy = services.action_item_create(actor=None, meeting=meeting, title="Pågår", owner_contact=owner)
    services.action_item_set_status(actor=None, item=busy, status="in_progress")
    done = services.action_item_create(actor=None, meeting=meeting, title="Klar", owner_contact=owner)
    services.action_item_set_status(actor=None, item=done, status="done")
    assert [ActionItem.objects.get(pk=a.pk).state for a in (fresh, late, busy, done)] == [
        "open",
        "overdue",
        "in_progress",
        "done",
    ]
    html = page(secretary_client, meeting, "meetings:minutes-edit")
    for label in ("Öppen", "Försenad", "Pågår", "Klar"):
        assert label in html, label


# --- chair and adjuster on the minutes page -------------------------------------------------


def test_the_minutes_page_names_the_chair_and_adjuster_from_the_bodys_members(space, make_role_user):
    body = factories.make_body(space=space, name="Rådet")
    members = add_members(body, 3)
    secretary = make_role_user(space, "secretariat")
    meeting = make_meeting(body, days=-7)
    client = Client()
    client.force_login(secretary)
    html = page(client, meeting, "meetings:minutes-edit")
    assert url(meeting, "meetings:minutes-signatories") in html
    for membership in members:
        assert membership.contact.name in html  # offered as chair and adjuster
    chair, adjuster = members[0].contact, members[1].contact
    response = client.post(url(meeting, "meetings:minutes-signatories"), {"chair": chair.pk, "adjuster": adjuster.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.chair, meeting.adjuster) == (chair, adjuster)


def test_the_same_person_cannot_be_chair_and_adjuster(space, make_role_user):
    body = factories.make_body(space=space)
    members = add_members(body, 2)
    meeting = make_meeting(body, days=-7)
    client = Client()
    client.force_login(make_role_user(space, "secretariat"))
    same = members[0].contact.pk
    response = client.post(url(meeting, "meetings:minutes-signatories"), {"chair": same, "adjuster": same})
    assert response.status_code == 200
    assert "Justeraren måste vara någon annan än ordföranden." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.chair is None and meeting.adjuster is None


def test_a_signatory_who_has_approved_cannot_be_replaced(world):
    write_minutes(world)
    services.minutes_approve(actor=world.chair, meeting=world.meeting)
    other = factories.make_user(role_in=world.space, role="member")
    seat(other, world.body)
    with pytest.raises(ValidationError) as refused:
        services.signatories_appoint(
            actor=world.secretary, meeting=world.meeting, chair=other.contact, adjuster=world.adjuster.contact
        )
    assert "chair" in refused.value.error_dict
    assert Meeting.objects.get(pk=world.meeting.pk).chair == world.chair.contact
    # The adjuster, who has not signed, may still be replaced.
    services.signatories_appoint(
        actor=world.secretary, meeting=world.meeting, chair=world.chair.contact, adjuster=other.contact
    )
    assert Meeting.objects.get(pk=world.meeting.pk).adjuster == other.contact


def test_the_minutes_pdf_renders_without_a_chair_or_adjuster(space, make_role_user):
    """It answered 500 (VariableDoesNotExist: meeting.chair.name) when no chair was named."""
    body = factories.make_body(space=space, name="Nätverket")
    meeting = make_meeting(body, days=-3, title="Nätverksträff")
    item = meeting.agenda_items.first()
    services.minutes_save(actor=None, meeting=meeting, texts={item.pk: "Öppna frågor gicks igenom."})
    client = Client()
    client.force_login(make_role_user(space, "secretariat"))
    response = client.get(url(meeting, "meetings:minutes-pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "Protokoll" in text and "Ingen ordförande utsedd" in text and "Öppna frågor gicks igenom." in text
