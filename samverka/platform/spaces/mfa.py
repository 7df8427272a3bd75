"""The space roles that require two-factor authentication, told to accounts through settings.

``settings.ACCOUNTS_MFA_REQUIRED_BY`` names ``holds_mfa_role``: accounts sits below spaces and asks
it without importing spaces.
"""

from typing import Any

from samverka.platform.spaces.models import MFA_ROLES
from samverka.platform.spaces.selectors import roles_by_space


def holds_mfa_role(user: Any) -> bool:
    """Whether ``user`` is an admin or registrar of some space (MFA_ROLES), who must use two-factor."""
    return any(role in MFA_ROLES for role in roles_by_space(user).values())
