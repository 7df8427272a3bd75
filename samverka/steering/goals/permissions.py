"""Who may see and change goals.

Public goals are for everyone; every goal of a space is for the space's
insiders (every role but guest) and platform admins. Those who run the
space (platform admin, the space's admin or secretariat) add, change,
retire and delete goals, revise a year and record measured values.

Objects: ``view_goal``, ``change_goal`` and ``record_metric_value`` take a
Goal; ``view_space_goals``, ``add_goal`` and ``revise_goals`` take the Space.
"""

from typing import Any

import rules

from samverka.collaboration.bodies.permissions import runs_space
from samverka.platform.spaces.permissions import is_platform_admin, is_space_insider
from samverka.steering.goals.models import Goal


@rules.predicate
def is_public_goal(user: Any, goal: Any) -> bool:
    return isinstance(goal, Goal) and goal.is_public


sees_goal = is_platform_admin | is_public_goal | is_space_insider

rules.add_perm("goals.view_space_goals", rules.always_allow)
rules.add_perm("goals.view_goal", sees_goal)
rules.add_perm("goals.add_goal", runs_space)
rules.add_perm("goals.change_goal", runs_space)
rules.add_perm("goals.revise_goals", runs_space)
rules.add_perm("goals.record_metric_value", runs_space)
