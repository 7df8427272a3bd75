"""Who may read and change the actor register and a space's landscape map.

The register itself is public (it is what the landscape map shows); contacts
are personal data and only for insiders. The landscape rules take the space
as their object.
"""

import rules

from samverka.platform.spaces.permissions import (
    is_insider_anywhere,
    is_platform_admin,
    is_space_manager,
    manages_any_space,
)

#: Platform admins and anyone who runs (admin or secretariat) some space.
register_keeper = is_platform_admin | manages_any_space

rules.add_perm("actors.view_organisation", rules.always_allow)
rules.add_perm("actors.add_organisation", register_keeper)
rules.add_perm("actors.change_organisation", register_keeper)
#: The live register, with changes not yet published; everyone else sees the published landscape maps.
rules.add_perm("actors.view_live_register", register_keeper)

rules.add_perm("actors.view_contact", is_platform_admin | is_insider_anywhere)
rules.add_perm("actors.add_contact", register_keeper)
rules.add_perm("actors.change_contact", register_keeper)

rules.add_perm("actors.view_landscape", rules.always_allow)
rules.add_perm("actors.suggest_correction", rules.always_allow)
rules.add_perm("actors.publish_landscape", is_platform_admin | is_space_manager)
rules.add_perm("actors.review_suggestions", is_platform_admin | is_space_manager)
