import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from rest_framework.authtoken.models import Token

from conftest import give_totp
from samverka.platform.accounts.services import totp_current_code
from samverka.testing.factories import make_user

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password(client):
    user = make_user(email="anna@example.se")
    response = client.post(reverse("account_login"), {"login": "anna@example.se", "password": "test-password-123"})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).context["user"] == user


def test_wrong_password_gives_a_swedish_message(client):
    make_user(email="anna@example.se")
    response = client.post(reverse("account_login"), {"login": "anna@example.se", "password": "wrong-password"})
    assert response.status_code == 200
    assert "felaktig" in response.content.decode().lower() or "stämmer inte" in response.content.decode().lower()


def test_space_admin_without_totp_is_sent_to_two_factor_setup(client, space, make_role_user):
    admin = make_role_user(space, "admin")
    client.force_login(admin)
    response = client.get(space.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_registrar_with_totp_passes(client, space, make_role_user):
    registrar = make_role_user(space, "registrar")
    give_totp(registrar)
    client.force_login(registrar)
    assert client.get(space.get_absolute_url()).status_code == 200


def test_member_needs_no_totp(client, space, make_role_user):
    client.force_login(make_role_user(space, "member"))
    assert client.get(space.get_absolute_url()).status_code == 200


def test_login_asks_for_the_totp_code_when_enabled(client):
    user = make_user(email="reg@example.se")
    secret = give_totp(user)
    response = client.post(reverse("account_login"), {"login": "reg@example.se", "password": "test-password-123"})
    assert response["Location"] == reverse("mfa_authenticate")
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_current_code(secret)})
    assert client.session["_auth_user_id"] == str(user.pk)
    assert Authenticator.objects.filter(user=user, type="totp").count() == 1


def test_password_reset_by_email_over_smtp(client, smtp_server):
    make_user(email="glomsk@example.se")
    client.post(reverse("account_reset_password"), {"email": "glomsk@example.se"})
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "glomsk@example.se"
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body).group(1)
    form_page = client.get(link, follow=True)
    post_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(post_url, {"password1": "Nytt-losenord-2027", "password2": "Nytt-losenord-2027"})
    assert done.status_code == 302
    client.logout()
    response = client.post(reverse("account_login"), {"login": "glomsk@example.se", "password": "Nytt-losenord-2027"})
    assert response.status_code == 302


def test_profile_saves_name_and_language(client):
    user = make_user()
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"full_name": "Ny Namnsson", "language": "en"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.language) == ("Ny Namnsson", "en")
    assert client.get("/")["Content-Language"] == "en"


def test_api_token_create_rotate_and_revoke(client):
    user = make_user()
    client.force_login(user)
    client.post(reverse("accounts:token"), {"confirm": "on"})
    first = Token.objects.get(user=user).key
    client.post(reverse("accounts:token"), {"confirm": "on"})
    assert Token.objects.get(user=user).key != first
    client.post(reverse("accounts:token"), {"action": "revoke"})
    assert not Token.objects.filter(user=user).exists()


def test_profile_requires_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
