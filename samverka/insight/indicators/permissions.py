"""Who may compute indicators and work with outlook scenarios.

Indicators: anyone may open the page; what they can compute is limited by the datasets they may
see (``selectors.visible_versions``: public datasets' published versions for everyone, every
version but discarded ones for the space's insiders). Scenarios are working material: the
space's insiders read them; analysts, admins and the secretariat create and change them.

Objects: ``view_indicators``, ``view_space_scenarios`` and ``add_scenario`` take the Space;
``view_scenario`` and ``change_scenario`` take a Scenario.
"""

import rules

from samverka.platform.spaces.models import SpaceRole
from samverka.platform.spaces.permissions import has_space_role, is_platform_admin, is_space_insider

works_with_statistics = has_space_role(
    SpaceRole.ADMIN, SpaceRole.SECRETARIAT, SpaceRole.ANALYST, name="works_with_statistics"
)

rules.add_perm("indicators.view_indicators", rules.always_allow)
rules.add_perm("indicators.view_space_scenarios", is_platform_admin | is_space_insider)
rules.add_perm("indicators.view_scenario", is_platform_admin | is_space_insider)
rules.add_perm("indicators.add_scenario", is_platform_admin | works_with_statistics)
rules.add_perm("indicators.change_scenario", is_platform_admin | works_with_statistics)
