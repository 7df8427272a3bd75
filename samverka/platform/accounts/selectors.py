"""Reads about accounts."""

from typing import Any

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.module_loading import import_string

from samverka.platform.accounts.models import User

#: Second factors that count: an authenticator app's code, or one of the recovery codes that stand in
#: for it when the phone is lost.
SECOND_FACTOR_TYPES = frozenset({Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES})


def must_use_mfa(user: User | AnonymousUser) -> bool:
    """Platform admins, staff (the Django admin), space admins and registrars must use two-factor.

    The roles are known above accounts: each callable named in ``settings.ACCOUNTS_MFA_REQUIRED_BY``
    (spaces: ``holds_mfa_role``) may require it of a person.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return any(import_string(path)(user) for path in settings.ACCOUNTS_MFA_REQUIRED_BY)


def has_totp(user: User | AnonymousUser) -> bool:
    """Whether the person has set up an authenticator app (not whether they used it now)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def totp_set_up_at(user: User | AnonymousUser) -> Any:
    """When the person's authenticator app was set up (``None`` without one)."""
    return (
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
        .values_list("created_at", flat=True)
        .first()
    )


def session_used_two_factor(request: HttpRequest, user: User | AnonymousUser | None = None) -> bool:
    """Whether THIS session's login (or a later step-up) included the second factor.

    allauth keeps a record of every authentication step of the session (password, mfa, …) for the
    signed-in user; a session made with the password alone has no ``mfa`` record, even when the
    person has an authenticator app.
    """
    user = user if user is not None else request.user
    if not getattr(user, "is_authenticated", False) or not hasattr(request, "session"):
        return False
    return any(
        record.get("method") == "mfa" and record.get("type") in SECOND_FACTOR_TYPES
        for record in get_authentication_records(request, user)
    )


def needs_second_factor(request: HttpRequest) -> bool:
    """The signed-in person's role requires two-factor and this session has not used it."""
    user = request.user
    return bool(user.is_authenticated and must_use_mfa(user) and not session_used_two_factor(request, user))
