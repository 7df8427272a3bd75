"""Who may raise, handle and see questions between bodies.

* ``questions.view_question`` (a Question): whoever may see the asking or the receiving body.
* ``questions.view_body_questions`` (a Body): whoever may see the body.
* ``questions.raise_question`` (the asking Body): whoever runs it (space managers, the body's leaders).
* ``questions.withdraw_question`` (a Question): whoever runs the asking body.
* ``questions.handle_question`` (a Question): whoever runs the receiving body — accept, answer,
  deliver, escalate.
* ``questions.view_overview`` (a Space): the space's secretariat and admins.
"""

from typing import Any

import rules

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.bodies.permissions import runs_body
from samverka.platform.spaces.permissions import is_platform_admin, is_space_manager
from samverka.records.questions.models import Question


@rules.predicate
def may_view_question(user: Any, question: Any) -> bool:
    if not isinstance(question, Question):
        return False
    return user.has_perm("bodies.view_body", question.from_body) or user.has_perm("bodies.view_body", question.to_body)


@rules.predicate
def may_view_body(user: Any, body: Any) -> bool:
    return isinstance(body, Body) and user.has_perm("bodies.view_body", body)


@rules.predicate
def runs_asking_body(user: Any, question: Any) -> bool:
    return isinstance(question, Question) and runs_body.test(user, question.from_body)


@rules.predicate
def runs_receiving_body(user: Any, question: Any) -> bool:
    return isinstance(question, Question) and runs_body.test(user, question.to_body)


@rules.predicate
def runs_the_body(user: Any, body: Any) -> bool:
    return isinstance(body, Body) and runs_body.test(user, body)


rules.add_perm("questions.view_question", may_view_question)
rules.add_perm("questions.view_body_questions", may_view_body)
rules.add_perm("questions.raise_question", runs_the_body)
rules.add_perm("questions.withdraw_question", runs_asking_body)
rules.add_perm("questions.handle_question", runs_receiving_body)
rules.add_perm("questions.view_overview", is_platform_admin | is_space_manager)
