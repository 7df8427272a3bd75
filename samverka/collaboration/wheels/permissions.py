"""Who may see and adopt annual wheels.

A body's wheel is shown to whoever may see the body's meetings; adopting a
template (which generates meetings) is for those who run the body's meetings
(``meetings.add_meeting``: the space's admin or secretariat, the body's chair,
process leader or secretary, platform admins). The space's wheel is public: it
shows only the meetings of the bodies the viewer may see.

Objects: ``view_body_wheel`` and ``adopt_wheel`` take a Body.
"""

from typing import Any

import rules


@rules.predicate
def sees_body_meetings(user: Any, body: Any) -> bool:
    return bool(user.has_perm("meetings.view_body_meetings", body))


@rules.predicate
def adds_body_meetings(user: Any, body: Any) -> bool:
    return bool(user.has_perm("meetings.add_meeting", body))


rules.add_perm("wheels.view_body_wheel", sees_body_meetings)
rules.add_perm("wheels.adopt_wheel", adds_body_meetings)
