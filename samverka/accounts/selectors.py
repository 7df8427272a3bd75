"""Reads about accounts."""

from typing import Any

from allauth.mfa.models import Authenticator

from samverka.spaces.models import MFA_ROLES
from samverka.spaces.selectors import roles_by_space


def must_use_mfa(user: Any) -> bool:
    """Platform admins, space admins and registrars must use two-factor authentication."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or any(role in MFA_ROLES for role in roles_by_space(user).values()))


def has_totp(user: Any) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
