"""Every list endpoint makes a bounded number of queries: the same at size N and 10N, and <= 20."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import give_totp
from samverka.collaboration.actors.services import landscape_publish
from samverka.platform.api.tests.conftest import client_for
from samverka.testing.factories import (
    make_body,
    make_contact,
    make_membership,
    make_organisation,
    make_space,
    make_user,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20
N = 3


def count(client, path, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
    assert response.status_code == 200, response.content
    assert response.json()["results"], path
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def grow(space, other_space, n, start):
    """n organisations with a contact, n bodies in each space (half private) with two members each."""
    for i in range(start, start + n):
        organisation = make_organisation(name=f"Organisation {i:04d}")
        contact = make_contact(organisation=organisation, name=f"Person {i:04d}")
        for owner in (space, other_space):
            body = make_body(space=owner, name=f"Forum {owner.slug} {i:04d}", is_public=i % 2 == 0)
            make_membership(body=body, contact=contact, role="chair")
            make_membership(body=body, contact=make_contact(organisation=organisation), role="member")
        make_space(slug=f"space-{i}", name=f"Plattform {i}", county_id="04")
    # Without an editor role the register is what the published landscape map shows.
    landscape_publish(space=space, actor=make_user(is_superuser=True), summary="x")


ENDPOINTS = [
    ("/api/v1/organisations/", {"county": "04", "type": "employer", "q": "organisation"}),
    ("/api/v1/contacts/", {}),
    ("/api/v1/spaces/", {}),
    ("/api/v1/bodies/", {"kind": "working_group"}),
    ("/api/v1/memberships/", {}),
    ("/api/v1/counties/", {}),
    ("/api/v1/municipalities/", {"county": "04"}),
]


ROLES = ["anonymous", "member", "seated_guest", "admin"]
#: Contacts are for insiders; the matrix checks that the others are refused.
CASES = [
    (path, params, role)
    for path, params in ENDPOINTS
    for role in ROLES
    if not (path == "/api/v1/contacts/" and role in {"anonymous", "seated_guest"})
]


@pytest.mark.parametrize(("path", "params", "role"), CASES, ids=[f"{p}-{r}" for p, _, r in CASES])
def test_list_query_count_does_not_grow(path, params, role, space, other_space, make_role_user, superuser):
    user = {
        "anonymous": lambda: None,
        "member": lambda: make_role_user(space, "member"),
        # An external guest sees private bodies through their own seats: another rule path.
        "seated_guest": lambda: make_role_user(space, "guest"),
        "admin": lambda: superuser,
    }[role]()
    if role == "admin":
        give_totp(superuser)
    grow(space, other_space, N, 0)
    if role == "seated_guest":
        own_contact = make_contact(user=user)
        for body in other_space.bodies.filter(is_public=False):
            make_membership(body=body, contact=own_contact)
    client = client_for(user)
    small, _ = count(client, path, params)
    grow(space, other_space, 9 * N, 1000)
    large, queries = count(client, path, params)
    assert small == large <= MAX_QUERIES, "\n".join(queries)
