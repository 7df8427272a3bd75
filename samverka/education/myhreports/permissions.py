"""Who may see and work on the yearly reports to MYH.

``view_reports``, ``add_report`` and ``view_national_reports`` take the Space; the others a MyhReport.
The space's insiders see its reports; its analysts and those who run it write them (figures, needs, texts,
transitions, corrections); every insider may comment. Insiders of the national space see the submitted
reports of every region (``MyhReport.objects.restrict`` decides which rows).
"""

from typing import Any

import rules

from samverka.platform.spaces.models import Space, SpaceKind, SpaceRole
from samverka.platform.spaces.permissions import (
    has_space_role,
    is_platform_admin,
    is_space_insider,
    is_space_manager,
)

is_space_analyst = has_space_role(SpaceRole.ANALYST, name="is_myh_analyst")


@rules.predicate
def is_national_space(user: Any, obj: Any) -> bool:
    return isinstance(obj, Space) and obj.kind == SpaceKind.NATIONAL


@rules.predicate
def sees_report(user: Any, report: Any) -> bool:
    """The report is among the rows its model's read rule gives ``user``."""
    from samverka.education.myhreports.models import MyhReport

    return MyhReport.objects.restrict(user).filter(pk=report.pk).exists()


writes = is_platform_admin | is_space_manager | is_space_analyst

rules.add_perm("myhreports.view_reports", is_platform_admin | is_space_insider)
rules.add_perm("myhreports.add_report", writes)
rules.add_perm("myhreports.view_national_reports", is_national_space & (is_platform_admin | is_space_insider))
rules.add_perm("myhreports.view_myhreport", is_platform_admin | sees_report)
rules.add_perm("myhreports.change_myhreport", writes)
rules.add_perm("myhreports.comment_myhreport", is_platform_admin | is_space_insider)
rules.add_perm("myhreports.correct_myhreport", writes)
