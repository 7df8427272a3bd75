"""The meeting page and the body calendar make a bounded number of queries, the same at N and 10N;
an invitation to 200 members is queued with a bounded number of queries."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.models import ActionItem, Decision, Invitation
from samverka.collaboration.meetings.tests.helpers import add_members, make_meeting
from samverka.platform.notifications.models import OutboxMessage
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20
PDF_BYTES = b"%PDF-1.4\n%%EOF\n"


def build(n: int, slug: str) -> dict:
    """A body with n members, n meetings with n agenda items (documents on some), answered
    invitations, and n open decisions and action items."""
    space = make_space(slug=slug, name=slug)
    body = make_body(space=space, name=f"Forum {slug}")
    members = add_members(body, n, prefix=slug)
    meetings = [make_meeting(body, days=i + 1, title=f"Möte {i}") for i in range(n)]
    for i in range(n):
        meetings.append(make_meeting(body, days=-(i + 10), title=f"Hållet {i}"))
    target = meetings[0]
    for i in range(n):
        item = services.agenda_item_add(actor=None, meeting=target, title=f"Punkt {i}", description=f"<p>Text {i}</p>")
        item.documents.create(name=f"d{i}.pdf", content_type="application/pdf", size=10, file=f"x/{slug}{i}.pdf")
    services.invitations_send(actor=None, meeting=target)
    now = timezone.now()
    for i in range(n):
        Decision.objects.create(
            body=body,
            year=2026,
            number=i + 1,
            text=f"Beslut {i}",
            decided_on=now.date(),
            opened_at=now,
            due_date=now.date() + timedelta(days=30),
            responsible_contact=members[i].contact,
        )
        ActionItem.objects.create(
            body=body,
            title=f"Åtgärd {i}",
            owner_contact=members[i].contact,
            opened_at=now,
            due_date=now.date() + timedelta(days=10),
        )
    return {
        "space": space,
        "body": body,
        "meeting": target,
        "secretariat": make_user(role_in=space, role="secretariat"),
        "member": make_user(role_in=space, role="member"),
    }


def count(client, user, url: str) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("who", ["secretariat", "member"])
def test_meeting_page_and_body_calendar_are_bounded_and_do_not_grow(client, who):
    small, large = build(3, "liten"), build(30, "stor")
    for page in ("detail", "calendar", "calendar-past", "answers", "space"):
        counts = []
        for world in (small, large):
            kwargs = {"space": world["space"].slug}
            if page == "detail":
                url = world["meeting"].get_absolute_url()
            elif page == "space":
                url = reverse("meetings:space-meetings", kwargs=kwargs)
            elif page == "answers":
                url = reverse("meetings:invitation-list", kwargs={**kwargs, "pk": world["meeting"].pk})
            else:
                url = reverse("meetings:body-meetings", kwargs={**kwargs, "body": world["body"].pk})
                url += "?show=past" if page == "calendar-past" else ""
            counts.append(count(client, world[who], url))
        assert counts[0] == counts[1], (page, counts)
        assert counts[1] <= MAX_QUERIES, (page, counts)


def test_an_invitation_to_200_members_is_queued_quickly_with_few_queries():
    space = make_space(slug="stor", name="Stor")
    body = make_body(space=space)
    add_members(body, 200)
    meeting = make_meeting(body)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        queued = services.invitations_send(actor=None, meeting=meeting)
    elapsed = time.perf_counter() - started
    assert queued == 200
    assert Invitation.objects.filter(meeting=meeting).count() == 200
    assert OutboxMessage.objects.filter(key__startswith="meeting-invitation:").count() == 200
    assert len(queries) <= 20, [q["sql"][:120] for q in queries.captured_queries]
    # The figure is "well under 2 s"; the test allows a slow shared machine twice that.
    assert elapsed < 4, elapsed
