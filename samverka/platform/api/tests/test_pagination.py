"""Keyset (cursor) pages: every row once in both directions even where the first ordering column repeats,
a bounded page size, no COUNT, a deep page as cheap as the first, and a clean 400 for a tampered cursor."""

import base64
import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.meetings.models import Meeting
from samverka.platform.api.pagination import KeysetPagination
from samverka.platform.api.tests.conftest import client_for
from samverka.platform.api.tests.test_meetings import START, meeting_with_follow_up
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation

pytestmark = pytest.mark.django_db


def walk(client, url):
    """The ids of every page from ``url`` following ``next``, then back from the last page following ``previous``."""
    forward, pages = [], []
    while url:
        body = client.get(url).json()
        pages.append(body)
        forward += [row["id"] for row in body["results"]]
        url = body["next"]
    backward, url = [], pages[-1]["previous"]
    while url:
        body = client.get(url).json()
        backward = [row["id"] for row in body["results"]] + backward
        url = body["previous"]
    return forward, backward + [row["id"] for row in pages[-1]["results"]], len(pages)


def test_pages_hold_every_row_once_where_the_first_column_repeats(space):
    # Seven bodies of one space with the same name: the ordering (space, name, pk) is decided by pk alone.
    for _ in range(7):
        make_body(space=space, name="Branschråd", is_public=True)
    expected = list(Body.objects.filter(is_public=True).order_by("space_id", "name", "pk").values_list("pk", flat=True))
    forward, backward, pages = walk(client_for(), "/api/v1/bodies/?page_size=2")
    assert forward == backward == expected and pages == 4


def test_meetings_at_the_same_time_page_by_start_then_id(space):
    body = make_body(space=space, is_public=True)
    for i in range(5):
        meeting_with_follow_up(body, start=START + timedelta(days=i % 2))  # three at one time, two at another
    expected = list(Meeting.objects.order_by("start", "pk").values_list("pk", flat=True))
    forward, backward, _ = walk(client_for(), "/api/v1/meetings/?page_size=2")
    assert forward == backward == expected


def test_a_client_chooses_the_page_size_up_to_500():
    paginator = KeysetPagination()
    factory = APIRequestFactory()
    for asked, given in [("", 50), ("10", 10), ("500", 500), ("100000", 500), ("0", 50), ("-3", 50), ("x", 50)]:
        request = Request(factory.get("/api/v1/bodies/", {"page_size": asked} if asked else {}))
        assert paginator.get_page_size(request) == given, asked


def test_a_list_counts_nothing(space):
    for i in range(3):
        make_organisation(name=f"Organisation {i}")
    with CaptureQueriesContext(connection) as ctx:
        body = client_for().get("/api/v1/bodies/").json()
    assert set(body) == {"next", "previous", "results"}
    assert not any("COUNT(" in query["sql"].upper() for query in ctx.captured_queries)


def cursor(**tokens):
    return base64.b64encode(urlencode(tokens).encode()).decode()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/api/v1/meetings/", "!!not base64!!"),
        ("/api/v1/meetings/", cursor(p="not json")),
        ("/api/v1/meetings/", cursor(p=json.dumps(["yesterday", 1]))),  # not a time
        ("/api/v1/meetings/", cursor(p=json.dumps([str(START)]))),  # one value for two columns
        ("/api/v1/meetings/", cursor(p=json.dumps([None, 1]))),
        ("/api/v1/meetings/", cursor(p=json.dumps({"start": 1}))),
        ("/api/v1/bodies/", cursor(p=json.dumps(["x", "Forum", 1]))),  # a space id that is no number
        ("/api/v1/memberships/", cursor(p=json.dumps([1, "chair", "1; DROP TABLE"]))),
        ("/api/v1/organisations/", cursor(o="-1", p=json.dumps(["A", 1]))),
        ("/api/v1/counties/", cursor(r="x")),
    ],
)
def test_a_tampered_cursor_answers_400_not_a_server_error(path, value, space):
    make_body(space=space, is_public=True)
    response = client_for().get(path, {"cursor": value})
    assert response.status_code == 400
    assert set(response.json()) == {"cursor"}


def test_a_page_number_is_refused_with_a_pointer_to_the_cursor(space):
    make_body(space=space, is_public=True)
    response = client_for().get("/api/v1/bodies/", {"page": 2})
    assert response.status_code == 400 and set(response.json()) == {"page"}


def test_a_cursor_past_the_end_answers_the_last_page(space):
    body = make_body(space=space, is_public=True)
    response = client_for().get("/api/v1/bodies/", {"cursor": cursor(p=json.dumps([10**9, "Ö", 10**9]))})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [body.pk] and response.json()["next"] is None


def grow(space, n, start):
    for i in range(start, start + n):
        organisation = make_organisation(name=f"Organisation {i:04d}")
        body = make_body(space=space, name=f"Forum {i:04d}", is_public=True)
        make_membership(body=body, contact=make_contact(organisation=organisation, name=f"Person {i:04d}"))
        meeting_with_follow_up(body, start=START + timedelta(days=i))


DEEP = [
    "/api/v1/bodies/",
    "/api/v1/memberships/",
    "/api/v1/meetings/",
    "/api/v1/agenda-items/",
    "/api/v1/decisions/",
    "/api/v1/action-items/",
    "/api/v1/municipalities/",
]


@pytest.mark.parametrize("path", DEEP)
def test_a_deep_page_costs_the_queries_of_the_first(path, space, make_role_user):
    member = make_role_user(space, "member")
    make_membership(body=make_body(space=space), contact=make_contact(user=member))
    grow(space, 12, 0)
    client = client_for(member)
    client.get(path)  # warm-up: the token's first use and per-process caches

    def queries(url):
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(url).json()
        assert body["results"], url
        return len(ctx.captured_queries), body["next"]

    first, url = queries(f"{path}?page_size=2")
    for _ in range(3):
        deep, url = queries(url)
    assert deep == first
