"""Who may do what in a space. Predicates take (user, obj) where obj is a Space
or anything with a ``space_id``; every app builds its rules from these."""

from typing import Any

import rules

from samverka.platform.core.querysets import sees_everything
from samverka.platform.spaces.models import MANAGING_ROLES, Space, SpaceRole
from samverka.platform.spaces.selectors import roles_by_space

ALL_ROLES = frozenset(SpaceRole.values)
INTERNAL_ROLES = ALL_ROLES - {SpaceRole.GUEST}


def space_id_of(obj: Any) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Space):
        return obj.pk
    return getattr(obj, "space_id", None)


def role_in(user: Any, obj: Any) -> str | None:
    space_id = space_id_of(obj)
    return roles_by_space(user).get(space_id) if space_id is not None else None


@rules.predicate
def is_platform_admin(user: Any) -> bool:
    return sees_everything(user)


def has_space_role(*roles: str, name: str) -> rules.Predicate:
    wanted = frozenset(roles)

    def check(user: Any, obj: Any) -> bool:
        return role_in(user, obj) in wanted

    return rules.Predicate(check, name=name)


is_space_admin = has_space_role(SpaceRole.ADMIN, name="is_space_admin")
is_space_manager = has_space_role(*MANAGING_ROLES, name="is_space_manager")
is_space_insider = has_space_role(*INTERNAL_ROLES, name="is_space_insider")
is_space_participant = has_space_role(*ALL_ROLES, name="is_space_participant")


@rules.predicate
def manages_any_space(user: Any) -> bool:
    return any(role in MANAGING_ROLES for role in roles_by_space(user).values())


@rules.predicate
def is_insider_anywhere(user: Any) -> bool:
    return any(role in INTERNAL_ROLES for role in roles_by_space(user).values())


rules.add_perm("spaces.view_space", rules.always_allow)
rules.add_perm("spaces.view_space_internal", is_platform_admin | is_space_insider)
rules.add_perm("spaces.manage_space", is_platform_admin | is_space_admin)
rules.add_perm("spaces.view_space_audit", is_platform_admin | is_space_admin)
