"""No private meeting detail in public (issue 12, item 3): walks every demo meeting as an anonymous
visitor and as the external guest, over every meeting page, document URL, PDF and calendar feed.

The online link, the message in the invitation and the agenda's documents are internal: only the
meeting's inside (the space's insiders, the body's members, the invitees) sees them, unless the
meeting's link and message, or the document, was marked public. What each visitor may see is worked
out here from the tables (memberships, invitations, the public flags), not from the code under test.
"""

from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar
from pypdf import PdfReader

from samverka.collaboration.bodies.models import Body, Membership
from samverka.collaboration.meetings import selectors
from samverka.collaboration.meetings.models import AgendaDocument, Invitation, Meeting
from samverka.collaboration.meetings.views.meetings import pdf_context
from samverka.demo.accounts import NATIONAL_SLUG, OREBRO_SLUG, SORMLAND_SLUG
from samverka.platform.accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

GUEST = "gast@foretag.example"
SPACES = (NATIONAL_SLUG, SORMLAND_SLUG, OREBRO_SLUG)


def visitor(kind: str) -> tuple[Client, Any]:
    client = Client()
    if kind == "anonymous":
        return client, AnonymousUser()
    user = User.objects.get(email=GUEST)
    client.force_login(user)
    return client, user


def inside_meetings(user: Any) -> set[int]:
    """Meetings whose inside ``user`` sees: those of bodies where they sit, and those they are invited to."""
    if not user.is_authenticated:
        return set()
    today = timezone.localdate()
    bodies = Membership.objects.filter(contact__user=user).not_ended(today).values("body_id")
    invited = Invitation.objects.filter(user=user).values("meeting_id")
    return set(Meeting.objects.filter(body__in=bodies).values_list("pk", flat=True)) | set(
        invited.values_list("meeting_id", flat=True)
    )


def meeting_url(meeting: Meeting, name: str = "meetings:meeting-detail") -> str:
    return reverse(name, kwargs={"space": meeting.body.space.slug, "pk": meeting.pk})


def document_url(document: AgendaDocument) -> str:
    meeting = document.agenda_item.meeting
    kwargs = {"space": meeting.body.space.slug, "pk": meeting.pk, "document": document.pk}
    return reverse("meetings:agenda-document", kwargs=kwargs)


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages)


def test_the_demo_has_what_must_be_kept_internal_and_what_was_made_public():
    invited = Meeting.objects.exclude(invitation_message="")
    assert invited.filter(details_public=False).count() >= 10 and invited.filter(details_public=True).exists()
    assert Meeting.objects.exclude(online_url="").count() > 100
    assert AgendaDocument.objects.filter(is_public=False).count() >= 5
    assert AgendaDocument.objects.filter(is_public=True).count() >= 5


@pytest.mark.parametrize("kind", ["anonymous", "guest"])
def test_meeting_pages_and_documents_show_only_what_was_marked_public(kind):
    client, user = visitor(kind)
    inside = inside_meetings(user)
    visible = list(
        selectors.meetings_visible_to(user)
        .select_related("body__space")
        .prefetch_related("agenda_items__documents")
        .order_by("pk")
    )
    assert len(visible) > 200
    if kind == "guest":
        assert inside, "the guest sits in a programme council"
    for meeting in visible:
        allowed = meeting.pk in inside
        html = client.get(meeting_url(meeting)).content.decode()
        assert meeting.title in html, meeting
        if meeting.online_url:
            assert (meeting.online_url in html) == (allowed or meeting.details_public), (kind, meeting)
        if meeting.invitation_message:
            assert (escape(meeting.invitation_message) in html) == (allowed or meeting.details_public), meeting
        for item in meeting.agenda_items.all():
            for document in item.documents.all():
                shown = allowed or document.is_public
                assert (document_url(document) in html) == shown, (kind, meeting, document)
                response = client.get(document_url(document))
                if shown:
                    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
                elif kind == "anonymous":
                    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
                else:
                    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["anonymous", "guest"])
def test_the_invitation_and_agenda_pdfs_carry_only_what_was_marked_public(kind):
    client, user = visitor(kind)
    inside = inside_meetings(user)
    checked_real = 0
    for meeting in selectors.meetings_visible_to(user).select_related("body__space").order_by("pk"):
        meeting = selectors.meeting_detail_queryset(meeting.body.space, user).get(pk=meeting.pk)
        allowed = meeting.pk in inside
        documents = [d for item in meeting.agenda_items.all() for d in item.documents.all()]
        for template in ("meetings/pdf/invitation.html", "meetings/pdf/agenda.html"):
            html = render_to_string(template, pdf_context(meeting, user))
            if meeting.online_url:
                assert (meeting.online_url in html) == (allowed or meeting.details_public), (template, meeting)
            if meeting.invitation_message and template.endswith("invitation.html"):
                assert (escape(meeting.invitation_message) in html) == (allowed or meeting.details_public)
            if template.endswith("agenda.html"):
                for document in documents:
                    assert (escape(document.name) in html) == (allowed or document.is_public), (meeting, document)
        # The real files too (the HTML above covers every meeting): where documents are to be hidden or shown,
        # where the link and message are public, and where the visitor sits in the body.
        if documents or meeting.details_public or (allowed and meeting.invitation_message):
            for name in ("meetings:invitation-pdf", "meetings:agenda-pdf"):
                text = pdf_text(client.get(meeting_url(meeting, name)).content)
                if meeting.online_url:  # a long link may wrap onto the next line in the PDF
                    found = meeting.online_url in text.replace(" ", "")
                    assert found == (allowed or meeting.details_public), (name, meeting)
                if name == "meetings:invitation-pdf" and meeting.invitation_message:
                    fragment = " ".join(meeting.invitation_message.split()[:4])
                    assert (fragment in text) == (allowed or meeting.details_public), meeting
                for document in documents if name == "meetings:agenda-pdf" else []:
                    assert (document.name in text) == (allowed or document.is_public), (meeting, document)
                checked_real += 1
    assert checked_real >= 10


@pytest.mark.parametrize("kind", ["anonymous", "guest"])
def test_hidden_meetings_and_their_documents_answer_404(kind):
    client, user = visitor(kind)
    hidden = Meeting.objects.exclude(pk__in=selectors.meetings_visible_to(user).values("pk"))
    assert hidden.exists()
    for meeting in hidden.select_related("body__space"):
        for name in ("meetings:meeting-detail", "meetings:invitation-pdf", "meetings:agenda-pdf"):
            assert client.get(meeting_url(meeting, name)).status_code in (302, 404), (name, meeting)
    for document in AgendaDocument.objects.filter(agenda_item__meeting__in=hidden):
        assert client.get(document_url(document)).status_code in (302, 404)


def feed_events(content: bytes) -> dict[int, Any]:
    """The feed's meetings by pk (UID ``meeting-<pk>@…``)."""
    found = {}
    for event in Calendar.from_ical(content).walk("VEVENT"):
        uid = str(event["UID"])
        if uid.startswith("meeting-"):
            found[int(uid.split("-")[1].split("@")[0])] = event
    return found


def assert_links(feed: dict[int, Any], inside: set[int], context: str) -> None:
    meetings = {m.pk: m for m in Meeting.objects.filter(pk__in=list(feed))}
    for pk, event in feed.items():
        meeting = meetings[pk]
        written = str(event.get("LOCATION", "")) + " " + str(event.get("DESCRIPTION", ""))
        if meeting.online_url:
            allowed = pk in inside or meeting.details_public
            assert (meeting.online_url in written) == allowed, (context, meeting)


@pytest.mark.parametrize("kind", ["anonymous", "guest"])
def test_calendar_feeds_carry_the_online_link_only_where_it_may_be_seen(kind):
    client, user = visitor(kind)
    inside = inside_meetings(user)
    public = feed_events(client.get(reverse("calendars:public-events-feed")).content)
    assert len(public) > 20
    assert_links(public, set(), "public feed")  # the public feed is for everyone, members too
    for slug in SPACES:
        feed = feed_events(client.get(reverse("calendars:space-feed", kwargs={"space": slug})).content)
        assert feed, slug
        assert_links(feed, inside, slug)
    bodies = Body.objects.filter(pk__in=selectors.meetings_visible_to(user).values("body_id")).select_related("space")
    for body in bodies:
        response = client.get(reverse("calendars:body-feed", kwargs={"space": body.space.slug, "pk": body.pk}))
        assert response.status_code == 200, body
        assert_links(feed_events(response.content), inside, body.name)
    links = sum(1 for m in Meeting.objects.filter(details_public=True) if m.online_url)
    assert links, "a meeting whose link is public shows it in the feeds"


def test_who_sits_in_the_body_still_sees_the_link_the_message_and_every_document():
    """The positive side: the meeting's inside sees everything (else hiding would prove nothing)."""
    secretariat = User.objects.get(email="sekretariat@msv.example")
    client = Client()
    client.force_login(secretariat)
    meetings = Meeting.objects.filter(body__space__slug=NATIONAL_SLUG).exclude(invitation_message="")
    assert meetings.exists()
    for meeting in meetings.select_related("body__space"):
        html = client.get(meeting_url(meeting)).content.decode()
        assert meeting.online_url in html and escape(meeting.invitation_message) in html
        assert "Intern" in html or "Publik" in html  # the visible badge of the choice
        for document in AgendaDocument.objects.filter(agenda_item__meeting=meeting):
            assert document_url(document) in html
            assert client.get(document_url(document)).status_code == 200
        body = meeting.body
        feed = feed_events(
            client.get(reverse("calendars:body-feed", kwargs={"space": body.space.slug, "pk": body.pk})).content
        )
        assert meeting.online_url in str(feed[meeting.pk].get("LOCATION", "")) + str(
            feed[meeting.pk].get("DESCRIPTION", "")
        )


@pytest.mark.parametrize("kind", ["anonymous", "guest"])
def test_the_api_gives_the_online_link_only_where_it_may_be_seen(kind):
    client, user = visitor(kind)
    inside = inside_meetings(user)
    url: str | None = "/api/v1/meetings/"
    seen = 0
    while url:
        data = client.get(url).json()
        for row in data["results"]:
            meeting = Meeting.objects.get(pk=row["id"])
            allowed = meeting.pk in inside or meeting.details_public
            assert row["online_url"] == (meeting.online_url if allowed else ""), (kind, meeting)
            seen += 1
        url = data.get("next")
    assert seen > 200
