"""Who keeps the archive of a space: its registrars and administrators (and the platform admin).

They manage the retention schedule and legal holds (gallringsstopp), propose, approve, execute and cancel disposal runs, read the
disposal log and export closed cases to an archive package. Everyone else gets 403 (or 404 for
objects of other spaces). Every rule takes a Space or an object with ``space_id`` (a run, a rule).
That the approver is not the proposer is checked by the service, which can say why.
"""

import rules

from samverka.platform.spaces.models import SpaceRole
from samverka.platform.spaces.permissions import has_space_role, is_platform_admin

is_archive_keeper = is_platform_admin | has_space_role(SpaceRole.ADMIN, SpaceRole.REGISTRAR, name="is_archive_keeper")

rules.add_perm("retention.view_retention", is_archive_keeper)
rules.add_perm("retention.manage_schedule", is_archive_keeper)
rules.add_perm("retention.propose_disposal", is_archive_keeper)
rules.add_perm("retention.approve_disposal", is_archive_keeper)
rules.add_perm("retention.execute_disposal", is_archive_keeper)
rules.add_perm("retention.export_archive", is_archive_keeper)
rules.add_perm("retention.manage_legal_hold", is_archive_keeper)
