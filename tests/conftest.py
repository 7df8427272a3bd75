"""Fixtures for the platform-wide tests in ``tests/``: the demo, loaded once, and its accounts.

``demo_loaded`` (module scope) runs ``manage.py load_demo`` into the test database once per test
module and removes it again when the module ends, so ordinary tests of other files (which make
their own ``sormland`` space) never meet it. On SQLite the loaded database is kept in memory after
the first load and copied back for the next module (a second or so instead of a minute).

``demo`` (function scope) is what a test asks for: the loaded demo inside the test's own
transaction, so whatever a test writes is rolled back.

``login_as("admin")`` logs a fresh client in through the real login form, answering the
two-factor step with the account's TOTP secret, exactly as the person would.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from samverka.core.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount

#: The demo's roles by a short name (README, "Demo accounts").
ROLE_EMAILS: dict[str, str] = {
    "admin": "admin@samverka.example",
    "secretariat": "sekretariat@msv.example",
    "coordinator": "samordnare@sormland.example",
    "analyst": "analytiker@sormland.example",
    "registrar": "registrator@msv.example",
    "process_leader": "processledare@msv.example",
    "guest": "gast@foretag.example",
}
ROLES = tuple(ROLE_EMAILS)


def demo_account(role: str) -> DemoAccount:
    email = ROLE_EMAILS.get(role, role)
    return next(a for a in DEMO_ACCOUNTS if a.email == email)


def _copy_sqlite(source: Any, target: Any) -> None:
    source.backup(target)


class _Snapshots:
    """In-memory copies of the SQLite test database: before the demo, and with it."""

    pristine: sqlite3.Connection | None = None
    with_demo: sqlite3.Connection | None = None


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _forget_cached_rows() -> None:
    """After the database was swapped underneath: drop what Django and the apps cached from it."""
    from django.contrib.contenttypes.models import ContentType

    from samverka.classifications.selectors import clear_cache

    ContentType.objects.clear_cache()
    clear_cache()
    cache.clear()


def _load_demo() -> None:
    cache.clear()
    if _is_sqlite():
        connection.ensure_connection()
        raw = connection.connection
        if _Snapshots.with_demo is not None:
            _copy_sqlite(_Snapshots.with_demo, raw)
            _forget_cached_rows()
            return
        _Snapshots.pristine = sqlite3.connect(":memory:", check_same_thread=False)
        _copy_sqlite(raw, _Snapshots.pristine)
        call_command("load_demo", stdout=StringIO())
        _Snapshots.with_demo = sqlite3.connect(":memory:", check_same_thread=False)
        _copy_sqlite(raw, _Snapshots.with_demo)
        return
    call_command("load_demo", stdout=StringIO())


def _remove_demo() -> None:
    cache.clear()
    if _is_sqlite() and _Snapshots.pristine is not None:
        connection.ensure_connection()
        _copy_sqlite(_Snapshots.pristine, connection.connection)
        _forget_cached_rows()
        return
    from conftest import restore_reference_data

    call_command("flush", interactive=False, verbosity=0)
    restore_reference_data()


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo in the test database for the whole module (committed; removed afterwards)."""
    with django_db_blocker.unblock():
        _load_demo()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            _remove_demo()


@pytest.fixture
def demo(demo_loaded: None, db: Any) -> None:
    """The loaded demo; the test runs in a transaction that is rolled back."""
    cache.clear()


def log_in(client: Client, role: str) -> Client:
    """Log ``client`` in as a demo role through the login form (and the two-factor step)."""
    from allauth.mfa.models import Authenticator

    from samverka.accounts.services import totp_current_code

    account = demo_account(role)
    response = client.post(reverse("account_login"), {"login": account.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{account.email}: login refused ({response.status_code})"
    if account.totp_secret:
        code = totp_current_code(account.totp_secret)
        authenticator = Authenticator.objects.get(user__email=account.email, type=Authenticator.Type.TOTP)
        # allauth refuses a code already used in this 30-second window (an earlier login in the test run).
        cache.delete(f"allauth.mfa.totp.used?user={authenticator.user_id}&code={code}")
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 302, f"{account.email}: TOTP code refused ({response.status_code})"
    assert "_auth_user_id" in client.session, f"{account.email}: not logged in"
    return client


@pytest.fixture
def login_as(demo: None) -> Callable[[str], Client]:
    """``login_as("registrar")`` → a new test client logged in as that demo account."""

    def make(role: str) -> Client:
        return log_in(Client(), role)

    return make
