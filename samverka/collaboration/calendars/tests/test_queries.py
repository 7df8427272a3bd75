"""The poll page and the feeds page: a query count that does not grow with invitees × options."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.collaboration.calendars import services
from samverka.collaboration.calendars.models import PollInvitee

from .conftest import at, member
from .test_polls import ics_busy, naive

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def grow(world: dict[str, Any], members: int, options: int) -> Any:
    for n in range(members):
        user = member(world["body"], name=f"Medlem {n}")
        busy = ics_busy(at(30 + n % 5, 9), at(30 + n % 5, 11))
        services.source_upload(actor=user, uploaded_file=SimpleUploadedFile(f"{n}.ics", busy))
    poll = services.poll_create(
        actor=world["secretariat"],
        body=world["body"],
        title="Möte",
        duration_minutes=60,
        starts=[naive(at(30 + n, 9 + n % 6)) for n in range(options)],
    )
    for invitee in PollInvitee.objects.filter(poll=poll):
        services.poll_answer(
            poll=poll, invitee=invitee, answers={option.pk: "yes" for option in poll.options.all()[:2]}
        )
    return poll


@pytest.mark.parametrize(("members", "options"), [(2, 2), (20, 12)])
def test_poll_page_query_count(
    client: Any, world: dict[str, Any], django_assert_max_num_queries: Any, members: int, options: int
) -> None:
    poll = grow(world, members, options)
    url = reverse("calendars:poll-detail", kwargs={"space": world["space"].slug, "pk": poll.pk})
    for user in (world["secretariat"], world["eva"]):
        client.force_login(user)
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("<tr>") >= members + 2


def test_poll_page_same_count_at_two_sizes(
    client: Any, world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    small = grow(world, 2, 2)
    large = grow(world, 15, 10)
    client.force_login(world["secretariat"])
    counts = []
    for poll in (small, large):
        url = reverse("calendars:poll-detail", kwargs={"space": world["space"].slug, "pk": poll.pk})
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_feeds_page_query_count(client: Any, world: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    client.force_login(world["secretariat"])
    grow(world, 2, 2)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("calendars:feeds")).status_code == 200
    grow(world, 10, 3)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("calendars:feeds")).status_code == 200
