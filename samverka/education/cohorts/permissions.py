"""Who may see and record cohorts.

Cohort rows, their breakdowns and outcomes are for the space's insiders (the planners), who see the raw counts
on the space's own pages. Those who record validation outcomes (those who run the space and its analysts)
record cohorts too. Every export and the API read the follow-up table only as suppressed aggregates
(``selectors.follow_up_table``); there is no public page (privacy by default).

Objects: ``view_cohort`` and ``change_cohort`` take a Cohort; the other rules take the Space.
"""

import rules

from samverka.education.validation.permissions import records_outcomes
from samverka.platform.spaces.permissions import is_platform_admin, is_space_insider

reads_cohorts = is_platform_admin | is_space_insider

rules.add_perm("cohorts.view_cohorts", reads_cohorts)
rules.add_perm("cohorts.view_cohort", reads_cohorts)
rules.add_perm("cohorts.record_cohorts", records_outcomes)
rules.add_perm("cohorts.change_cohort", records_outcomes)
