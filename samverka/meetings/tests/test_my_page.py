"""My page: what is mine to do, and for the secretariat what is overdue; bounded queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.core.testing import factories
from samverka.meetings import services
from samverka.meetings.models import Invitation
from samverka.meetings.tests.follow_up_helpers import held_meeting, items, make_world
from samverka.meetings.tests.helpers import seat

pytestmark = pytest.mark.django_db
MAX_QUERIES = 20
MY_PAGE = "/my/"


def build(space, n):
    """n bodies where the chair sits, each with a held meeting awaiting approval, a coming meeting with
    a pending invitation, an overdue and a coming action item of the chair."""
    world = make_world(space)
    chair = world.chair
    today = timezone.localdate()
    for i in range(n):
        body = factories.make_body(space=space, name=f"Grupp {i}")
        seat(chair, body, role="chair")
        adjuster = factories.make_contact(name=f"Justerare {i}")
        meeting = held_meeting(body, chair=chair.contact, adjuster=adjuster)
        services.minutes_save(actor=None, meeting=meeting, texts={items(meeting)[1].pk: "Text"})
        coming = held_meeting(body, start=timezone.now() + timedelta(days=10 + i), title=f"Kommande {i}")
        Invitation.objects.create(
            meeting=coming, contact=chair.contact, user=chair, name=chair.full_name, email=chair.email
        )
        services.decision_create(
            actor=None, meeting=meeting, text=f"Beslut {i}", responsible_contact=chair.contact, due_date=today
        )
        for due in (today - timedelta(days=2), today + timedelta(days=5)):
            services.action_item_create(
                actor=None, meeting=meeting, title=f"Uppgift {i} {due}", owner_user=chair, due_date=due
            )
    return world


def count(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MY_PAGE)
    assert response.status_code == 200
    return len(queries), response


def test_my_page_lists_what_is_mine(space, client):
    world = build(space, 2)
    _, response = count(client, world.chair)
    page = response.content.decode()
    assert "Kommande 0" in page and "Kommande 1" in page
    assert reverse("meetings:minutes-approve", kwargs={"space": space.slug, "pk": world.meeting.pk}) not in page
    assert page.count("minutes/approve/") == 2  # the two group meetings; the first has no text yet
    assert 'class="overdue"' in page
    assert "Uppgift 0" in page
    assert "Beslut 0" in page and "Beslut 1" in page


def test_secretariat_sees_overdue_across_their_space(space, other_space, client, make_role_user):
    build(space, 1)
    elsewhere = make_world(other_space)
    services.action_item_create(
        actor=None,
        meeting=elsewhere.meeting,
        title="Annan plattform",
        owner_user=elsewhere.chair,
        due_date=timezone.localdate() - timedelta(days=1),
    )
    _, response = count(client, make_role_user(space, "secretariat"))
    page = response.content.decode()
    assert space.name in page and "Uppgift 0" in page
    assert "Annan plattform" not in page
    _, response = count(client, make_role_user(space, "member"))
    assert "Uppgift 0" not in response.content.decode()


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(MY_PAGE)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["chair", "secretariat"])
def test_my_page_queries_are_bounded_and_do_not_grow(space, other_space, client, make_role_user, who):
    small = build(space, 2)
    large = build(other_space, 20)
    users = {
        "chair": (small.chair, large.chair),
        "secretariat": (make_role_user(space, "secretariat"), make_role_user(other_space, "secretariat")),
    }[who]
    n_small, _ = count(client, users[0])
    n_large, _ = count(client, users[1])
    assert n_small <= MAX_QUERIES, n_small
    assert n_small == n_large
