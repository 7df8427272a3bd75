"""Two-factor is enforced per session, at every way in; wrong passwords and codes are throttled.

Having an authenticator app is not enough: the session must have used it. The sessions here are
built the way a person gets them: through the real login form, or (``password_only_login``) the
session an old admin login or any other password-only way in would have left behind.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from config.settings import base as base_settings
from conftest import TEST_TOTP_SECRET, give_totp
from samverka.platform.accounts.services import totp_current_code
from samverka.platform.accounts.testing import password_only_login
from samverka.platform.spaces.models import SpaceRole
from samverka.records.registry import services as registry_services
from samverka.records.registry.testing import make_case, make_document, pdf_upload
from samverka.testing.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"
STEP_UP = reverse("mfa_reauthenticate")


@pytest.fixture
def platform_admin() -> Any:
    user = make_user(email="admin@samverka.example", is_superuser=True, is_staff=True)
    give_totp(user)
    return user


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """allauth keeps used TOTP codes (no replay) and the rate-limit counters in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rate_limits(settings: Any) -> None:
    """The production limits (the test settings turn them off)."""
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS


def step_up(client: Client, user: Any) -> None:
    """Type the authenticator's code on the step-up page."""
    response = client.post(STEP_UP, {"code": totp_current_code(TEST_TOTP_SECRET)})
    assert response.status_code == 302, response.content.decode()[:2000]


def login_with_password(client: Client, email: str, password: str = PASSWORD, next_url: str = "") -> Any:
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": email, "password": password})


def assert_sent_to_step_up(response: Any, path: str) -> None:
    assert response.status_code == 302, f"{path} answered {response.status_code}"
    assert response["Location"].startswith(STEP_UP + "?next="), f"{path} → {response['Location']}"


@pytest.fixture
def marked_file(space: Any) -> Any:
    """A secrecy-marked document's file in the space, and its download address."""
    registrar = make_user(role_in=space, role=SpaceRole.REGISTRAR)
    case = make_case(space=space, title="Ärende om stöd till individ")
    document = make_document(case=case, counterpart="Karin Hemlig", subject="Läkarintyg", files=[pdf_upload("a.pdf")])
    registry_services.secrecy_mark(
        actor=registrar, document=document, provision="OSL 21 kap. 1 §", authority="MSV", masks_subject=True
    )
    stored = document.files.get()
    return reverse(
        "registry:file-download",
        kwargs={"space": space.slug, "pk": case.pk, "number": document.number, "file": stored.pk},
    )


# --- a session signed in with the password alone ------------------------------------------------


def test_password_only_session_of_the_platform_admin_reaches_nothing(
    platform_admin: Any, space: Any, marked_file: str, settings: Any, tmp_path: Any
) -> None:
    client = Client()
    password_only_login(client, platform_admin)
    pages = [
        "/admin/",
        "/admin/accounts/user/",
        space.get_absolute_url(),
        reverse("accounts:profile"),  # the API token page
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("mfa_view_recovery_codes"),
        reverse("mfa_deactivate_totp"),
        marked_file,
    ]
    for path in pages:
        assert_sent_to_step_up(client.get(path), path)
    # A form post does nothing either: no token is created.
    assert_sent_to_step_up(client.post(reverse("accounts:token"), {"confirm": "on"}), "token")
    assert not Token.objects.filter(user=platform_admin).exists()
    # The API answers in JSON with the reason.
    refused = client.get("/api/v1/organisations/")
    assert refused.status_code == 403 and "tvåfaktor" in refused.json()["detail"].lower()


def test_after_the_code_the_same_session_reaches_the_admin_and_the_secret_file(
    platform_admin: Any, marked_file: str
) -> None:
    client = Client()
    password_only_login(client, platform_admin)
    assert client.get(marked_file).status_code == 302
    page = client.get(f"{STEP_UP}?next=/admin/")
    assert page.status_code == 200 and 'name="code"' in page.content.decode()
    wrong = client.post(f"{STEP_UP}?next=/admin/", {"code": "000000"})
    assert wrong.status_code == 200 and client.get("/admin/").status_code == 302
    done = client.post(f"{STEP_UP}?next=/admin/", {"code": totp_current_code(TEST_TOTP_SECRET)})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    download = client.get(marked_file)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert client.get("/api/v1/organisations/").status_code == 200


def test_registrar_password_only_session_cannot_open_the_secret_file(space: Any, marked_file: str) -> None:
    registrar = make_user(role_in=space, role=SpaceRole.REGISTRAR)
    give_totp(registrar)
    client = Client()
    password_only_login(client, registrar)
    assert_sent_to_step_up(client.get(marked_file), marked_file)
    step_up(client, registrar)
    assert client.get(marked_file).status_code == 200


def test_members_need_no_second_factor_and_are_not_asked(space: Any) -> None:
    member = make_user(role_in=space, role=SpaceRole.MEMBER)
    client = Client()
    password_only_login(client, member)
    assert client.get(space.get_absolute_url()).status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200


# --- the Django admin uses the site's login -----------------------------------------------------


def test_admin_login_forwards_to_the_site_login_with_next(client: Client) -> None:
    response = client.get("/admin/", follow=True)
    assert [url for url, _status in response.redirect_chain] == [
        "/admin/login/?next=/admin/",
        "/accounts/login/?next=%2Fadmin%2F",
    ]
    assert response.status_code == 200 and 'name="password"' in response.content.decode()


def test_posting_the_password_to_the_admin_login_gives_no_session(client: Client, platform_admin: Any) -> None:
    response = client.post("/admin/login/?next=/admin/", {"username": platform_admin.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_admin_through_the_real_login_asks_for_the_code(client: Client, platform_admin: Any) -> None:
    response = login_with_password(client, platform_admin.email, next_url="/admin/")
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    done = client.post(reverse("mfa_authenticate"), {"code": totp_current_code(TEST_TOTP_SECRET)})
    assert done["Location"] == "/admin/"
    page = client.get("/admin/")
    assert page.status_code == 200 and "Samverka" in page.content.decode()


def test_signed_in_person_who_is_not_staff_is_refused_the_admin(client: Client, space: Any) -> None:
    client.force_login(make_user(role_in=space, role=SpaceRole.MEMBER))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_admin_password_change_is_the_site_s(client: Client, platform_admin: Any) -> None:
    client.force_login(platform_admin)
    response = client.get("/admin/password_change/")
    assert response.status_code == 302 and response["Location"] == reverse("account_change_password")


# --- setting up the app in this session counts; removing it does not stay counted ---------------


@pytest.mark.django_db(transaction=True)  # allauth announces the app on commit, before the session is saved
def test_admin_without_an_app_sets_it_up_and_continues(client: Client, space: Any) -> None:
    admin = make_user(role_in=space, role=SpaceRole.ADMIN)
    response = login_with_password(client, admin.email)
    assert response.status_code == 302
    assert client.get(space.get_absolute_url())["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before an app is added.
    to_reauthenticate = client.get(reverse("mfa_activate_totp"))
    assert to_reauthenticate["Location"].startswith(reverse("account_reauthenticate"))
    client.post(to_reauthenticate["Location"], {"password": PASSWORD})
    form = client.get(reverse("mfa_activate_totp")).context["form"]
    activated = client.post(reverse("mfa_activate_totp"), {"code": totp_current_code(form.secret)})
    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=admin, type="totp").exists()
    assert client.get(space.get_absolute_url()).status_code == 200


def test_removing_the_app_takes_the_second_factor_from_the_session(client: Client, space: Any) -> None:
    admin = make_user(role_in=space, role=SpaceRole.ADMIN)
    give_totp(admin)
    client.force_login(admin)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=admin, type="totp").exists()
    assert client.get(space.get_absolute_url())["Location"] == reverse("mfa_activate_totp")


# --- API tokens ---------------------------------------------------------------------------------


def test_a_token_from_before_the_app_was_set_up_is_refused_for_roles_that_need_it(space: Any) -> None:
    from rest_framework.test import APIClient

    admin = make_user(role_in=space, role=SpaceRole.ADMIN)
    old = Token.objects.create(user=admin)
    give_totp(admin)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {old.key}")
    refused = api.get("/api/v1/organisations/")
    assert refused.status_code == 401 and "ny token" in refused.json()["detail"].lower()
    client = Client()
    client.force_login(admin)
    client.post(reverse("accounts:token"), {"confirm": "on"})
    new = Token.objects.get(user=admin)
    api.credentials(HTTP_AUTHORIZATION=f"Token {new.key}")
    assert api.get("/api/v1/organisations/").status_code == 200


# --- throttling on every way in -----------------------------------------------------------------

TOO_MANY = "För många misslyckade inloggningsförsök"


@pytest.mark.parametrize("entry", ["/admin/login/?next=/admin/", "/accounts/login/"])
def test_fifteen_wrong_passwords_are_throttled(
    client: Client, platform_admin: Any, rate_limits: None, entry: str
) -> None:
    form_url = client.get(entry, follow=True).request["PATH_INFO"]
    assert form_url == reverse("account_login")
    answers = [
        client.post(reverse("account_login"), {"login": platform_admin.email, "password": f"wrong-{n}"})
        for n in range(15)
    ]
    assert all(answer.status_code == 200 for answer in answers)
    assert TOO_MANY in answers[-1].content.decode()
    assert sum(TOO_MANY in answer.content.decode() for answer in answers) >= 10
    # Even the right password is refused now, and no session was made.
    right = client.post(reverse("account_login"), {"login": platform_admin.email, "password": PASSWORD})
    assert right.status_code == 200 and TOO_MANY in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_fifteen_wrong_codes_are_throttled(client: Client, platform_admin: Any, rate_limits: None) -> None:
    assert login_with_password(client, platform_admin.email)["Location"] == reverse("mfa_authenticate")
    answers = [client.post(reverse("mfa_authenticate"), {"code": f"{n:06d}"}) for n in range(15)]
    assert TOO_MANY in answers[-1].content.decode()
    right = client.post(reverse("mfa_authenticate"), {"code": totp_current_code(TEST_TOTP_SECRET)})
    assert "_auth_user_id" not in client.session, right.status_code


def test_wrong_codes_on_the_step_up_are_throttled(platform_admin: Any, rate_limits: None) -> None:
    client = Client()
    password_only_login(client, platform_admin)
    answers = [client.post(STEP_UP, {"code": f"{n:06d}"}) for n in range(15)]
    assert answers[-1].status_code in (200, 429)
    assert answers[-1].status_code == 429 or TOO_MANY in answers[-1].content.decode()
    client.post(STEP_UP, {"code": totp_current_code(TEST_TOTP_SECRET)})
    assert client.get("/admin/").status_code == 302
