"""The overdue questions shown on a body's page."""

from typing import Any

from django import template
from django.utils import timezone

from samverka.records.questions.selectors import overdue_for_body

register = template.Library()


@register.simple_tag(takes_context=True)
def body_question_summary(context: Any, body: Any) -> dict[str, Any]:
    """A body's overdue questions and orders (received and sent), for those who may see the body."""
    user = context["request"].user
    if not user.has_perm("questions.view_body_questions", body):
        return {"visible": False, "overdue": []}
    today = timezone.localdate()
    return {"visible": True, "overdue": overdue_for_body(body, today), "today": today}
