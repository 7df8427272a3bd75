"""Token authentication, two-factor enforcement and the language of messages."""

import pytest
from rest_framework.authtoken.models import Token

from conftest import give_totp
from samverka.platform.api.tests.conftest import client_for
from samverka.platform.spaces.models import SpaceMembership
from samverka.testing.factories import make_user

pytestmark = pytest.mark.django_db


def test_token_authenticates_and_a_wrong_token_is_401(api, space, make_role_user):
    user = make_role_user(space, "member")
    assert client_for(user).get("/api/v1/contacts/").status_code == 200
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.get("/api/v1/organisations/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_session_authentication_works_for_the_browser(api, space, make_role_user):
    api.force_login(make_role_user(space, "member"))
    assert api.get("/api/v1/contacts/").status_code == 200


def test_roles_that_need_two_factor_are_refused_until_it_is_set_up(space, make_role_user):
    admin = make_role_user(space, "admin")
    client = client_for(admin)
    refused = client.get("/api/v1/organisations/")
    assert refused.status_code == 403
    assert "two-factor" in refused.json()["detail"].lower() or "tvåfaktor" in refused.json()["detail"].lower()
    give_totp(admin)
    # The token was created before the app was set up: it is refused until the person creates a new one.
    assert client.get("/api/v1/organisations/").status_code == 401
    Token.objects.filter(user=admin).delete()
    assert client_for(admin).get("/api/v1/organisations/").status_code == 200


def test_messages_follow_the_token_user_s_language(space):
    english = make_user(language="en")
    SpaceMembership.objects.create(space=space, user=english, role="member")
    response = client_for(english).post("/api/v1/bodies/", {"name": "x"}, format="json")
    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert response.json()["space"] == ["This field is required."]
    swedish = client_for(make_user(language="sv")).post("/api/v1/bodies/", {"name": "x"}, format="json")
    assert swedish["Content-Language"] == "sv"
    assert swedish.json()["space"] == ["Det här fältet är obligatoriskt."]


def test_revoked_token_stops_working(space, make_role_user):
    user = make_role_user(space, "member")
    client = client_for(user)
    Token.objects.filter(user=user).delete()
    assert client.get("/api/v1/contacts/").status_code == 401
