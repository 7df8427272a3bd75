"""Who may see and run work plans.

A work plan belongs to a body: whoever may see the body sees its plans
(``workplans.view_workplan`` takes a WorkPlan or Body), and whoever runs the body
(space managers and the body's leaders, ``bodies.permissions.runs_body``) writes
them (``workplans.change_workplan`` takes a WorkPlan, Activity or Body).
``workplans.view_perspective_report`` takes a Space (insiders).
"""

from typing import Any

import rules

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.bodies.permissions import runs_body
from samverka.platform.spaces.permissions import is_platform_admin, is_space_insider
from samverka.steering.workplans.models import Activity, WorkPlan


def body_of(obj: Any) -> Body | None:
    if isinstance(obj, Activity):
        obj = obj.work_plan
    if isinstance(obj, WorkPlan):
        return obj.body
    return obj if isinstance(obj, Body) else None


@rules.predicate
def may_view_body_of(user: Any, obj: Any) -> bool:
    body = body_of(obj)
    return body is not None and user.has_perm("bodies.view_body", body)


@rules.predicate
def runs_body_of(user: Any, obj: Any) -> bool:
    body = body_of(obj)
    return body is not None and runs_body.test(user, body)


rules.add_perm("workplans.view_workplan", may_view_body_of)
rules.add_perm("workplans.change_workplan", runs_body_of)
rules.add_perm("workplans.view_perspective_report", is_platform_admin | is_space_insider)
