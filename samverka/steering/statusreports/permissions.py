"""Who may run rounds, fill in reports, review them and give feedback.

``view_rounds``, ``manage_rounds`` and ``view_status_overview`` take the Space or a StatusRound;
``view_status_report``, ``change_status_report``, ``review_status_report``, ``give_status_feedback``
and ``correct_status_report`` take a StatusReport.

The secretariat and admins of a space run rounds and review; a body's leaders (chair, process
leader, secretary) fill in their group's report; space insiders and members of the space's steering group see the rounds and the steering overview;
members of the space's steering group, and the secretariat, give feedback.
"""

from typing import Any

import rules

from samverka.collaboration.bodies.models import Body, BodyKind
from samverka.collaboration.bodies.permissions import body_seats, runs_body, runs_space
from samverka.platform.spaces.permissions import is_platform_admin, is_space_insider, space_id_of
from samverka.steering.statusreports.models import StatusReport


def _space_obj(obj: Any) -> Any:
    """A Space or round → itself; a report → its round (which has ``space_id``)."""
    if isinstance(obj, StatusReport):
        return obj.round
    return obj


@rules.predicate
def runs_status_space(user: Any, obj: Any) -> bool:
    return bool(runs_space.test(user, _space_obj(obj)))


@rules.predicate
def is_status_insider(user: Any, obj: Any) -> bool:
    return bool(is_space_insider.test(user, _space_obj(obj)))


@rules.predicate
def leads_report_body(user: Any, report: Any) -> bool:
    return isinstance(report, StatusReport) and bool(runs_body.test(user, report.work_plan.body))


@rules.predicate
def sits_in_steering_group(user: Any, obj: Any) -> bool:
    """A current member of a steering group of the object's space."""
    seats = body_seats(user)["member"]
    space_id = space_id_of(_space_obj(obj))
    if not seats or space_id is None:
        return False
    # One query per space and request, cached on the user next to body_seats' cache (keyed by the
    # seats too, so a seat given after forget_body_seats is seen).
    cache: dict[tuple[int, frozenset[int]], bool] = user.__dict__.setdefault("_samverka_steering_spaces", {})
    key = (space_id, seats)
    if key not in cache:
        cache[key] = Body.objects.filter(pk__in=seats, space_id=space_id, kind=BodyKind.STEERING_GROUP).exists()
    return cache[key]


rules.add_perm("statusreports.view_rounds", is_platform_admin | is_status_insider | sits_in_steering_group)
rules.add_perm("statusreports.manage_rounds", runs_status_space)
rules.add_perm("statusreports.view_status_overview", is_platform_admin | is_status_insider | sits_in_steering_group)
rules.add_perm(
    "statusreports.view_status_report",
    is_platform_admin | is_status_insider | leads_report_body | sits_in_steering_group,
)
rules.add_perm("statusreports.change_status_report", leads_report_body)
rules.add_perm("statusreports.review_status_report", runs_status_space)
rules.add_perm("statusreports.correct_status_report", runs_status_space)
rules.add_perm("statusreports.give_status_feedback", runs_status_space | sits_in_steering_group)


@rules.predicate
def leads_body_in_space(user: Any, obj: Any) -> bool:
    leader = body_seats(user)["leader"]
    space_id = space_id_of(_space_obj(obj))
    if not leader or space_id is None:
        return False
    return Body.objects.filter(pk__in=leader, space_id=space_id).exists()


rules.add_perm(
    "statusreports.view_round_list",
    is_platform_admin | is_status_insider | leads_body_in_space | sits_in_steering_group,
)
rules.add_perm("statusreports.reopen_status_report", leads_report_body | runs_status_space)
