"""The event pages make the same number of queries with few and with many events and registrations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.collaboration.events import services
from samverka.collaboration.events.models import Registration, RegistrationStatus
from samverka.collaboration.events.tests.factories import future, make_event
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def build(n: int, slug: str) -> dict:
    space = make_space(slug=slug, name=slug)
    body = make_body(space=space)
    events = [make_event(space=space, body=body if i % 2 else None, capacity=n, is_public=i % 3 != 1) for i in range(n)]
    target = events[0]
    for i in range(n):
        services.session_add(
            actor=None,
            event=target,
            data=services.SessionData(
                title=f"Pass {i}", start=future(hour=9), end=future(hour=10), speaker=f"Talare {i}"
            ),
        )
    for event in events:
        Registration.objects.bulk_create(
            Registration(
                event=event,
                name=f"Person {i}",
                email=f"p{i}-{event.pk}@example.se",
                consent=True,
                status=RegistrationStatus.CONFIRMED if i < n else RegistrationStatus.WAITLISTED,
                waitlist_position=None if i < n else i - n + 1,
            )
            for i in range(2 * n)
        )
    return {
        "space": space,
        "target": target,
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


def measure(client, world: dict) -> dict[str, int]:
    space, target = world["space"], world["target"]
    kwargs = {"space": space.slug, "pk": target.pk}
    return {
        "public list": count(client, None, reverse("events:event-list")),
        "public detail": count(client, None, target.get_absolute_url()),
        "member detail": count(client, world["member"], target.get_absolute_url()),
        "organiser detail": count(client, world["secretariat"], target.get_absolute_url()),
        "space list": count(client, world["member"], reverse("events:space-event-list", kwargs={"space": space.slug})),
        "registrations": count(client, world["secretariat"], reverse("events:registration-list", kwargs=kwargs)),
    }


def test_event_pages_make_a_constant_number_of_queries(client):
    small = measure(client, build(3, "liten"))
    large = measure(client, build(30, "stor"))
    assert small == large, (small, large)
    assert max(large.values()) <= MAX_QUERIES, large
