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
  (SecrecyGrant; default admin and registrar) and platform admins. What a marking hides and who has the
  grant is ``registry.secrecy``'s to say; this rule only asks it.
"""

from typing import Any

import rules

from samverka.platform.spaces.models import SpaceRole
from samverka.platform.spaces.permissions import has_space_role, is_platform_admin, is_space_admin, is_space_insider
from samverka.records.registry.models import RegisteredDocument
from samverka.records.registry.secrecy import FILES, _SpaceRef, hidden_fields, may_see_marked_in

#: Roles that register and run cases.
REGISTERING_ROLES = frozenset({SpaceRole.ADMIN, SpaceRole.SECRETARIAT, SpaceRole.REGISTRAR})

is_registering = has_space_role(*REGISTERING_ROLES, name="is_registering")
is_series_manager = has_space_role(SpaceRole.ADMIN, SpaceRole.REGISTRAR, name="is_series_manager")


@rules.predicate
def may_see_document(user: Any, document: Any) -> bool:
    """Opening a document (its page and files): insiders of its space, and for a document whose marking
    hides its files (every active marking does) only those with the secrecy grant."""
    if not isinstance(document, RegisteredDocument):
        return False
    space_id = document.case.space_id
    if not (is_platform_admin(user) or is_space_insider(user, _SpaceRef(space_id))):
        return False
    return FILES not in hidden_fields(document) or may_see_marked_in(user, space_id)


rules.add_perm("registry.view_case", is_platform_admin | is_space_insider)
rules.add_perm("registry.register", is_platform_admin | is_registering)
rules.add_perm("registry.change_case", is_platform_admin | is_registering)
rules.add_perm("registry.manage_series", is_platform_admin | is_series_manager)
rules.add_perm("registry.manage_secrecy_grants", is_platform_admin | is_space_admin)
rules.add_perm("registry.view_marked_document", may_see_document)
