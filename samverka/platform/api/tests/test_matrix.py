"""The authorisation matrix: every API endpoint × (anonymous, member of space A, secretariat of
space A, platform admin) × (list, retrieve a public object, retrieve a private object of space B,
create, update).

Anonymous writes answer 401 (the client must authenticate; ``WWW-Authenticate: Token``);
authenticated forbidden writes answer 403; objects a user may not see answer 404. After a refused
write nothing has changed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.forms.models import model_to_dict

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.collaboration.bodies.models import Body, Membership
from samverka.platform.api.tests.conftest import client_for
from samverka.platform.core.models import County, Municipality
from samverka.platform.spaces.models import Space

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "secretariat", "admin")
ALL_OK = dict.fromkeys(ROLES, 200)
NOT_ALLOWED = dict.fromkeys(ROLES, 405)
WRITE_CREATE = {"anonymous": 401, "member": 403, "secretariat": 201, "admin": 201}
WRITE_UPDATE = {"anonymous": 401, "member": 403, "secretariat": 200, "admin": 200}
INSIDERS = {"anonymous": 401, "member": 200, "secretariat": 200, "admin": 200}
HIDDEN_FROM_A = {"anonymous": 404, "member": 404, "secretariat": 404, "admin": 200}


@dataclass
class Endpoint:
    """How to exercise one endpoint in the world of ``conftest.world``."""

    prefix: str
    model: type
    expected: dict[str, dict[str, int]]
    public_object: Callable[[Any], str]
    private_object: Callable[[Any], str] | None = None
    create: Callable[[Any], dict[str, Any]] | None = None
    update: Callable[[Any], tuple[Any, dict[str, Any]]] | None = None


def _membership_of(body: Body) -> Membership:
    return Membership.objects.get(body=body)


ENDPOINTS = {
    "organisations": Endpoint(
        prefix="organisations",
        model=Organisation,
        expected={"list": ALL_OK, "retrieve": ALL_OK, "create": WRITE_CREATE, "update": WRITE_UPDATE},
        public_object=lambda w: str(w.organisation.pk),
        create=lambda w: {"name": "Mälardalens Vårdcentral", "type": "employer", "level": "local", "county": "04"},
        update=lambda w: (w.organisation, {"description": "Kommunen i Sörmland."}),
    ),
    "contacts": Endpoint(
        prefix="contacts",
        model=Contact,
        expected={"list": INSIDERS, "retrieve": INSIDERS, "create": WRITE_CREATE, "update": WRITE_UPDATE},
        public_object=lambda w: str(w.contact.pk),
        create=lambda w: {"organisation": w.organisation.pk, "name": "Nils Nilsson", "function": "Rektor"},
        update=lambda w: (w.contact, {"function": "HR-chef"}),
    ),
    "spaces": Endpoint(
        prefix="spaces",
        model=Space,
        expected={"list": ALL_OK, "retrieve": ALL_OK, "create": NOT_ALLOWED, "update": NOT_ALLOWED},
        public_object=lambda w: w.b_public.space.slug,
        create=lambda w: {"slug": "ny", "name": "Ny plattform", "kind": "national"},
        update=lambda w: (w.b_public.space, {"name": "Omdöpt"}),
    ),
    "bodies": Endpoint(
        prefix="bodies",
        model=Body,
        expected={
            "list": ALL_OK,
            "retrieve": ALL_OK,
            "retrieve_private": HIDDEN_FROM_A,
            "create": WRITE_CREATE,
            "update": WRITE_UPDATE,
        },
        public_object=lambda w: str(w.b_public.pk),
        private_object=lambda w: str(w.b_private.pk),
        create=lambda w: {
            "space": w.a_public.space.slug,
            "name": "Arbetsgrupp validering",
            "kind": "working_group",
            "area": "education_matching",
        },
        update=lambda w: (w.a_public, {"mandate": "Följa upp vårdutbildningarna."}),
    ),
    "memberships": Endpoint(
        prefix="memberships",
        model=Membership,
        expected={
            "list": ALL_OK,
            "retrieve": ALL_OK,
            "retrieve_private": HIDDEN_FROM_A,
            "create": WRITE_CREATE,
            "update": WRITE_UPDATE,
        },
        public_object=lambda w: str(_membership_of(w.b_public).pk),
        private_object=lambda w: str(_membership_of(w.b_private).pk),
        create=lambda w: {"body": w.a_public.pk, "contact": w.contact.pk, "role": "member"},
        update=lambda w: (_membership_of(w.a_public), {"note": "Ersättare under våren."}),
    ),
    "counties": Endpoint(
        prefix="counties",
        model=County,
        expected={"list": ALL_OK, "retrieve": ALL_OK, "create": NOT_ALLOWED, "update": NOT_ALLOWED},
        public_object=lambda w: "04",
        create=lambda w: {"code": "99", "name": "Påhittat län", "short_name": "Påhittat"},
        update=lambda w: (County.objects.get(code="04"), {"name": "Omdöpt län"}),
    ),
    "municipalities": Endpoint(
        prefix="municipalities",
        model=Municipality,
        expected={"list": ALL_OK, "retrieve": ALL_OK, "create": NOT_ALLOWED, "update": NOT_ALLOWED},
        public_object=lambda w: "0484",
        create=lambda w: {"code": "9999", "name": "Påhittad kommun", "county": "04"},
        update=lambda w: (Municipality.objects.get(code="0484"), {"name": "Omdöpt kommun"}),
    ),
}

CASES = [
    (endpoint, action, role)
    for endpoint, spec in ENDPOINTS.items()
    for action in ("list", "retrieve", "retrieve_private", "create", "update")
    if action in spec.expected
    for role in ROLES
]


def snapshot(model: type) -> list[dict[str, Any]]:
    return [model_to_dict(row) for row in model.objects.order_by("pk")]


@pytest.mark.parametrize(("endpoint", "action", "role"), CASES, ids=["-".join(case) for case in CASES])
def test_authorisation_matrix(endpoint, action, role, people, world):
    spec = ENDPOINTS[endpoint]
    expected = spec.expected[action][role]
    client = client_for(getattr(people, role))
    base = f"/api/v1/{spec.prefix}/"
    before = snapshot(spec.model)

    if action == "list":
        response = client.get(base)
    elif action == "retrieve":
        response = client.get(f"{base}{spec.public_object(world)}/")
    elif action == "retrieve_private":
        assert spec.private_object is not None
        response = client.get(f"{base}{spec.private_object(world)}/")
    elif action == "create":
        assert spec.create is not None
        response = client.post(base, spec.create(world), format="json")
    else:
        assert spec.update is not None
        target, changes = spec.update(world)
        response = client.patch(f"{base}{target.pk}/", changes, format="json")

    assert response.status_code == expected, response.content
    if expected >= 400 or action in {"list", "retrieve", "retrieve_private"}:
        assert snapshot(spec.model) == before, "a refused request or a read changed data"
    if expected == 401:
        assert response["WWW-Authenticate"] == "Token"
    if action == "create" and expected == 201:
        assert spec.model.objects.count() == len(before) + 1
    if action == "update" and expected == 200:
        target.refresh_from_db()
        for field, value in changes.items():
            assert getattr(target, field) == value


@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_only_what_the_user_may_see(role, people, world):
    client = client_for(getattr(people, role))
    body_ids = {row["id"] for row in client.get("/api/v1/bodies/").json()["results"]}
    seen_by_a = {world.a_public.pk, world.b_public.pk} | (
        {world.a_private.pk} if role in {"member", "secretariat"} else set()
    )
    assert body_ids == (seen_by_a | {world.b_private.pk, world.a_private.pk} if role == "admin" else seen_by_a)

    memberships = client.get("/api/v1/memberships/").json()["results"]
    assert {row["body"] for row in memberships} == body_ids
    for row in memberships:
        # Person names: for insiders of the body's space and platform admins only.
        insider = role == "admin" or (
            role in {"member", "secretariat"} and row["body"] in {world.a_public.pk, world.a_private.pk}
        )
        assert row["people_visible"] is insider
        assert (row["contact_name"] is not None) is insider
        assert row["organisation_name"] == "Eskilstuna kommun" and row["role"] == "chair"
