"""Test helpers for sessions and their second factor.

``client.force_login(user)`` stands for a finished login. The root conftest makes it record the
second factor as allauth's login does when the person has an authenticator app
(``force_login_with_two_factor``); ``password_only_login`` builds the session the two-factor checks
must refuse: the person has an app, yet this session was signed in with the password alone.
"""

import time
from typing import Any

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from django.test.client import ClientMixin

_original_force_login = ClientMixin.force_login


def _set_records(client: Any, user: Any, records: list[dict[str, Any]]) -> None:
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def force_login_with_two_factor(client: Any, user: Any, backend: Any = None) -> None:
    """``force_login`` whose session records the password and, when the person has an app, its code."""
    _original_force_login(client, user, backend)
    now = time.time()
    records: list[dict[str, Any]] = [{"method": "password", "at": now, "email": user.email}]
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is not None:
        records.append({"method": "mfa", "at": now, "id": totp.pk, "type": totp.type})
    _set_records(client, user, records)


def password_only_login(client: Any, user: Any) -> None:
    """Sign ``client`` in as ``user`` with a session that never used the second factor."""
    _original_force_login(client, user)
    _set_records(client, user, [{"method": "password", "at": time.time(), "email": user.email}])
