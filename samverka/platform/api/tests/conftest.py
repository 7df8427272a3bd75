"""Fixtures of the API tests: clients that authenticate with a token, and a small world of two spaces.

Space A (``space``, Sörmland) and space B (``other_space``, Örebro) each have a
public and a private body with one membership; the people of the matrix are
anonymous, a member of A, the secretariat of A and a platform admin.
"""

from types import SimpleNamespace
from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import give_totp
from samverka.collaboration.actors.services import landscape_publish
from samverka.testing import factories


def client_for(user: Any = None) -> APIClient:
    """An API client; with a user it sends ``Authorization: Token <key>`` like an integration would."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def people(space: Any, make_role_user: Any, superuser: Any) -> SimpleNamespace:
    give_totp(superuser)  # platform admins must use two-factor authentication
    return SimpleNamespace(
        anonymous=None,
        member=make_role_user(space, "member", full_name="Maja Medlem"),
        secretariat=make_role_user(space, "secretariat", full_name="Sara Sekreterare"),
        admin=superuser,
    )


@pytest.fixture
def world(space: Any, other_space: Any) -> SimpleNamespace:
    """Public and private bodies with one membership each, in spaces A and B."""
    organisation = factories.make_organisation(name="Eskilstuna kommun", type="municipality")
    contact = factories.make_contact(organisation=organisation, name="Karin Kontakt", email="karin@example.se")

    def body_with_member(space: Any, name: str, is_public: bool) -> Any:
        body = factories.make_body(space=space, name=name, is_public=is_public)
        factories.make_membership(body=body, contact=factories.make_contact(organisation=organisation), role="chair")
        return body

    world = SimpleNamespace(
        organisation=organisation,
        contact=contact,
        a_public=body_with_member(space, "Branschforum vård A", True),
        a_private=body_with_member(space, "Beredningsgrupp A", False),
        b_public=body_with_member(other_space, "Programråd B", True),
        b_private=body_with_member(other_space, "Styrgrupp B", False),
    )
    # The public register shows organisations as last published on a landscape map.
    landscape_publish(space=space, actor=factories.make_user(is_superuser=True), summary="API tests")
    return world
