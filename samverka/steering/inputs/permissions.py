"""Who may see and handle inputs, feedback reports, evaluations and the draft annual report.

Inputs are internal to a space: its insiders (every role but guest) and platform admins read
them; the space's admins and secretariat (and platform admins) register inputs, record how they
were considered, generate and send the feedback reports and run the evaluations.

Every rule takes the Space, or an object of this app (they all carry ``space_id``).
"""

import rules

from samverka.collaboration.bodies.permissions import runs_space
from samverka.platform.spaces.permissions import is_platform_admin, is_space_insider

sees_inputs = is_platform_admin | is_space_insider

rules.add_perm("inputs.view_input", sees_inputs)
rules.add_perm("inputs.change_input", runs_space)
rules.add_perm("inputs.view_feedbackreport", sees_inputs)
rules.add_perm("inputs.change_feedbackreport", runs_space)
rules.add_perm("inputs.view_evaluation", sees_inputs)
rules.add_perm("inputs.change_evaluation", runs_space)
rules.add_perm("inputs.view_annual_report", sees_inputs)
