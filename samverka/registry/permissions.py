"""Who may see and keep the registry.

* ``registry.view_case`` (Space or Case): the space's insiders (every role but guest) and platform admins.
* ``registry.register`` (Space or Case) and ``registry.change_case`` (Case): registrars, secretariat and
  admins of the space, and platform admins.
* ``registry.manage_series`` (Space): admins and registrars of the space, and platform admins.
* ``registry.manage_secrecy_grants`` (Space): who may see secrecy-marked documents is chosen by the space's
  admins and platform admins only — never by a registrar alone, who could otherwise give itself back a
  grant taken away.
* ``registry.view_marked_document`` (RegisteredDocument): an unmarked (or lifted) document follows
  ``view_case``; a document under an active secrecy marking only the roles the space grants
  (SecrecyGrant; default admin and registrar) and platform admins.
"""

from typing import Any

import rules

from samverka.registry.models import RegisteredDocument, SecrecyGrant
from samverka.spaces.models import SpaceRole
from samverka.spaces.permissions import has_space_role, is_platform_admin, is_space_admin, is_space_insider, role_in

#: Roles that register and run cases.
REGISTERING_ROLES = frozenset({SpaceRole.ADMIN, SpaceRole.SECRETARIAT, SpaceRole.REGISTRAR})
#: Roles that may see marked documents when a space has not said otherwise.
DEFAULT_GRANTED_ROLES = frozenset({SpaceRole.ADMIN, SpaceRole.REGISTRAR})

_GRANT_CACHE_ATTR = "_samverka_secrecy_grants"

is_registering = has_space_role(*REGISTERING_ROLES, name="is_registering")
is_series_manager = has_space_role(SpaceRole.ADMIN, SpaceRole.REGISTRAR, name="is_series_manager")


def granted_roles(space_id: int, *, user: Any = None) -> frozenset[str]:
    """The roles that may see marked documents of a space (cached on ``user`` when given)."""
    cache: dict[int, frozenset[str]] | None = getattr(user, _GRANT_CACHE_ATTR, None) if user is not None else None
    if cache is not None and space_id in cache:
        return cache[space_id]
    roles = frozenset(SecrecyGrant.objects.filter(space_id=space_id).values_list("role", flat=True))
    roles = roles or DEFAULT_GRANTED_ROLES
    if user is not None:
        if cache is None:
            cache = {}
            try:
                setattr(user, _GRANT_CACHE_ATTR, cache)
            except AttributeError:  # AnonymousUser and the like
                return roles
        cache[space_id] = roles
    return roles


def forget_grants(user: Any) -> None:
    if user is not None and hasattr(user, _GRANT_CACHE_ATTR):
        delattr(user, _GRANT_CACHE_ATTR)


def is_marked(document: RegisteredDocument) -> bool:
    """Whether the document is under an active secrecy marking (uses the cached relation)."""
    try:
        marking = document.secrecy
    except RegisteredDocument.secrecy.RelatedObjectDoesNotExist:
        return False
    return marking.lifted_on is None


def may_see_marked_in(user: Any, space_id: int) -> bool:
    if is_platform_admin(user):
        return True
    role = role_in(user, _SpaceRef(space_id))
    return role is not None and role in granted_roles(space_id, user=user)


class _SpaceRef:
    def __init__(self, space_id: int) -> None:
        self.space_id = space_id


@rules.predicate
def may_see_document(user: Any, document: Any) -> bool:
    if not isinstance(document, RegisteredDocument):
        return False
    space_id = document.case.space_id
    if not (is_platform_admin(user) or is_space_insider(user, _SpaceRef(space_id))):
        return False
    return not is_marked(document) or may_see_marked_in(user, space_id)


rules.add_perm("registry.view_case", is_platform_admin | is_space_insider)
rules.add_perm("registry.register", is_platform_admin | is_registering)
rules.add_perm("registry.change_case", is_platform_admin | is_registering)
rules.add_perm("registry.manage_series", is_platform_admin | is_series_manager)
rules.add_perm("registry.manage_secrecy_grants", is_platform_admin | is_space_admin)
rules.add_perm("registry.view_marked_document", may_see_document)
