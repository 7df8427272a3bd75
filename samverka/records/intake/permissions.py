"""Who may use the public diary, the contact form and the triage queue.

The public diary, the "request a copy" form and the contact form are open to everyone (their
views say ``PUBLIC``). The triage queue holds messages with personal data from outside: the
space's registrars, secretariat and admins (and platform admins) see and triage it.

Every rule takes the Space, or an object of this app (they all carry ``space_id``).
"""

import rules

from samverka.platform.spaces.models import SpaceRole
from samverka.platform.spaces.permissions import has_space_role, is_platform_admin

is_space_registry_staff = has_space_role(
    SpaceRole.ADMIN, SpaceRole.SECRETARIAT, SpaceRole.REGISTRAR, name="is_space_registry_staff"
)

triages = is_platform_admin | is_space_registry_staff

rules.add_perm("intake.view_incomingitem", triages)
rules.add_perm("intake.triage_incomingitem", triages)
