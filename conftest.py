"""Fixtures shared by every app's tests."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from samverka.testing import factories

ROOT = Path(__file__).resolve().parent

# Playwright's sync API runs an event loop in the test thread beside the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def english_outside_requests() -> Iterator[None]:
    """Service and model tests read messages in English (the source language).

    Pages still follow the language middleware: Swedish unless the user chose English.
    """
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Pages cache rarely-changing fragments (select options, a published map's figures) in the default cache;
    each test starts with it empty, so one test's rows (and reused ids after a rollback) never reach another."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _force_login_is_a_full_login(monkeypatch: Any) -> None:
    """``client.force_login`` records the second factor when the person has TOTP, as the real login does
    (two-factor is checked per session; ``samverka.platform.accounts.testing.password_only_login`` builds the other)."""
    from samverka.platform.accounts.testing import force_login_with_two_factor

    monkeypatch.setattr("django.test.client.ClientMixin.force_login", force_login_with_two_factor)


@pytest.fixture
def space(db: Any) -> Any:
    return factories.make_space(slug="sormland", name="Kompetensplattform Sörmland", county_id="04")


@pytest.fixture
def other_space(db: Any) -> Any:
    return factories.make_space(slug="orebro", name="Region Örebro län", county_id="18")


@pytest.fixture
def national_space(db: Any) -> Any:
    return factories.make_space(slug="msv", name="MSV KLL", kind="national", county_id=None)


@pytest.fixture
def make_role_user(db: Any) -> Any:
    """make_role_user(space, role) → a user with that role in the space."""

    def make(space: Any, role: str, **extra: Any) -> Any:
        return factories.make_user(role_in=space, role=role, **extra)

    return make


@pytest.fixture
def superuser(db: Any) -> Any:
    return factories.make_user(is_superuser=True, is_staff=True)


# --- browser tests ---------------------------------------------------------------

CHROMIUM = os.environ.get("SAMVERKA_CHROMIUM", "/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


def restore_reference_data() -> None:
    """Put back what migrations load (geography, classifications, shipped annual-wheel templates) after a flush."""
    from samverka.collaboration.wheels.models import WheelTemplate
    from samverka.collaboration.wheels.services import sync_wheel_templates
    from samverka.insight.classifications.loading import load_classifications
    from samverka.insight.classifications.models import ClassificationItem, SunOldLevel
    from samverka.insight.classifications.selectors import clear_cache
    from samverka.platform.core.geography import load_geography
    from samverka.platform.core.models import County, Municipality

    if not County.objects.exists():
        load_geography(County, Municipality)
    if not WheelTemplate.objects.exists():
        sync_wheel_templates()
    if not ClassificationItem.objects.exists():
        load_classifications(ClassificationItem, SunOldLevel)
        clear_cache()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request: Any, django_db_blocker: Any) -> None:
    """A transactional test (browser, concurrency) flushes every table when it ends, and with
    ``--dist loadfile`` ordinary tests of the next file may run after it in the same worker."""
    if request.node.get_closest_marker("django_db") is None and not {"db", "transactional_db"} & set(
        request.fixturenames
    ):
        return
    request.getfixturevalue("django_db_setup")  # the test database, never the development one
    with django_db_blocker.unblock():
        restore_reference_data()


@pytest.fixture
def geography(transactional_db: Any) -> None:
    """Transactional tests flush the tables after each test; put the reference data back."""
    restore_reference_data()


@pytest.fixture
def page(browser: Any, live_server: Any, geography: None) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page; return the violations."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )
    return list(result)


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core WCAG 2.1 AA violations on {page.url}: {violations}"


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp(user: Any, secret: str = TEST_TOTP_SECRET) -> str:
    """Turn on two-factor for ``user`` (admins and registrars must have it)."""
    from samverka.platform.accounts.services import totp_activate

    totp_activate(user=user, secret=secret)
    return secret


def click_and_wait(page: Any, target: Any) -> None:
    """Click a link or submit button and wait until the page it leads to has loaded.

    A bare ``page.click`` returns once the click is dispatched; reading the page right after
    it may still read the old one. Waiting for the navigation makes the next assertion read
    the server's answer.
    """
    with page.expect_navigation():
        if isinstance(target, str):
            page.click(target)  # the first match, like page.click
        else:
            target.click()


def login(page: Any, email: str, password: str = "test-password-123", totp_secret: str | None = None) -> None:
    """Log in through the real login form; answers the two-factor step when a secret is given."""
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    click_and_wait(page, "main form button[type=submit]")
    if totp_secret:
        page.fill("input[name=code]", fresh_totp_code(email, totp_secret))
        click_and_wait(page, "main form button[type=submit]")
    assert "/accounts/login" not in page.url, f"{email}: still on the login page ({page.url})"


def fresh_totp_code(email: str, secret: str) -> str:
    """A TOTP code the server will accept: not about to roll over, and not marked as used by an earlier login
    of the same account in this worker (allauth refuses a reused code within its 30-second window; the live
    server shares this process's cache)."""
    import time

    from allauth.mfa.models import Authenticator
    from django.core.cache import cache

    from samverka.platform.accounts.services import totp_current_code

    left = 30 - time.time() % 30
    if left < 3:  # the code would change between filling it in and the server checking it
        time.sleep(left + 0.2)
    code = totp_current_code(secret)
    for user_id in Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP).values_list(
        "user_id", flat=True
    ):
        cache.delete(f"allauth.mfa.totp.used?user={user_id}&code={code}")
    return code


# --- a real SMTP server --------------------------------------------------------------


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd API)
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[_Inbox]:
    """A real SMTP server (aiosmtpd) on loopback; Django sends to it over SMTP."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()
