"""Who may see and change charts, analyses, body coverage and data packs.

Published public analyses are for everyone; every analysis of a space is for
its insiders (every role but guest) and platform admins. The space's analysts,
admins and secretariat (and platform admins) make charts, compose, publish
and export analyses and generate data packs; those who run the space (admin,
secretariat) set which occupations and industries a body covers.

Objects: ``view_analysis`` and ``change_analysis`` take an Analysis;
``view_chart`` takes a ChartDefinition; ``view_data_pack`` a DataPack;
``view_space_analyses``, ``add_analysis``, ``add_chart``, ``view_space_charts``,
``make_data_pack`` and ``change_coverage`` take the Space.
"""

from typing import Any

import rules

from samverka.collaboration.bodies.permissions import runs_space
from samverka.insight.analyses.models import Analysis, AnalysisStatus
from samverka.platform.spaces.models import SpaceRole
from samverka.platform.spaces.permissions import has_space_role, is_platform_admin, is_space_insider

is_space_analyst = has_space_role(SpaceRole.ADMIN, SpaceRole.SECRETARIAT, SpaceRole.ANALYST, name="is_space_analyst")


@rules.predicate
def is_published_public_analysis(user: Any, analysis: Any) -> bool:
    return isinstance(analysis, Analysis) and analysis.is_public and analysis.status == AnalysisStatus.PUBLISHED


works_with_statistics = is_platform_admin | is_space_analyst
sees_internal = is_platform_admin | is_space_insider

rules.add_perm("analyses.view_space_analyses", rules.always_allow)
rules.add_perm("analyses.view_analysis", is_platform_admin | is_published_public_analysis | is_space_insider)
rules.add_perm("analyses.add_analysis", works_with_statistics)
rules.add_perm("analyses.change_analysis", works_with_statistics)
rules.add_perm("analyses.view_space_charts", sees_internal)
rules.add_perm("analyses.view_chart", sees_internal)
rules.add_perm("analyses.add_chart", works_with_statistics)
rules.add_perm("analyses.view_data_packs", sees_internal)
rules.add_perm("analyses.view_data_pack", sees_internal)
rules.add_perm("analyses.make_data_pack", works_with_statistics)
rules.add_perm("analyses.change_coverage", runs_space)
