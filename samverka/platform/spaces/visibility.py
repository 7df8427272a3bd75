"""The "insider of the space" case of every visibility rule, in one place.

Models' ``restriction(user, action)`` (see ``samverka.platform.core.querysets``) combine these
conditions with their own (public rows, seats in a body, …). ``field`` is the path from the model
to its space, e.g. ``"space"``, ``"body__space"`` or ``"round__space"``.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from samverka.platform.core.querysets import NOTHING
from samverka.platform.spaces.models import MANAGING_ROLES
from samverka.platform.spaces.permissions import ALL_ROLES, INTERNAL_ROLES
from samverka.platform.spaces.selectors import roles_by_space

#: Every role but external guest (the rules' ``is_space_insider``).
INSIDER_ROLES = INTERNAL_ROLES
ANY_ROLE = ALL_ROLES


def space_ids_with_role(user: Any, roles: Iterable[str]) -> list[int]:
    """The spaces where ``user`` has one of ``roles`` (sorted; cached roles, no query after the first)."""
    wanted = frozenset(roles)
    return sorted(space_id for space_id, role in roles_by_space(user).items() if role in wanted)


def rows_of_spaces_with_role(user: Any, roles: Iterable[str], field: str = "space") -> Q:
    """Rows of the spaces where ``user`` has one of ``roles``."""
    spaces = space_ids_with_role(user, roles)
    return Q(**{f"{field}__in": spaces}) if spaces else NOTHING


def insider_rows(user: Any, field: str = "space") -> Q:
    """Rows of the spaces where ``user`` is an insider (a member with any role but guest)."""
    return rows_of_spaces_with_role(user, INSIDER_ROLES, field)


def participant_rows(user: Any, field: str = "space") -> Q:
    """Rows of the spaces where ``user`` has any role, guest included."""
    return rows_of_spaces_with_role(user, ANY_ROLE, field)


def manager_rows(user: Any, field: str = "space") -> Q:
    """Rows of the spaces ``user`` runs (admin, secretariat)."""
    return rows_of_spaces_with_role(user, MANAGING_ROLES, field)
