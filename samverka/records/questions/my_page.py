""" "My page": the questions and orders a person has to answer, and for the secretariat the overdue ones.

Registered with ``meetings.selectors_my_page`` in ``QuestionsConfig.ready()`` (questions build on
meetings' neighbours, so meetings cannot ask them itself).
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from samverka.collaboration.meetings.selectors_my_page import CAP, Task, new_task
from samverka.records.questions.selectors import overdue_in_spaces, to_answer

#: Place among the kinds of task: after decisions (50).
POSITION = 60


def question_tasks(user: Any, today: date) -> list[Task]:
    """The questions, requests and orders ``user`` has to answer or hand on."""
    return [
        new_task(
            today,
            kind="question",
            kind_label=question.get_kind_display(),
            title=question.title,
            url=question.get_absolute_url(),
            action=_("Answer or hand on"),
            where=f"{question.from_body.name} → {question.to_body.name}",
            due=question.due_on,
            since=question.due_on,
        )
        for question in to_answer(user, limit=CAP)
    ]


def overdue_questions(space_ids: list[int], today: date, limit: int) -> list[tuple[int, Any]]:
    """The questions past their due date in the spaces, each with its space."""
    return [(question.space_id, question) for question in overdue_in_spaces(space_ids, today, limit=limit)]
