"""Template tags for the follow-up section shown on the body page."""

from typing import Any

from django import template

from samverka.collaboration.meetings.selectors_follow_up import overdue_for_body

register = template.Library()


@register.simple_tag(takes_context=True)
def body_overdue(context: Any, body: Any) -> dict[str, Any]:
    """A body's overdue decisions and action items, for those who may see the body."""
    user = context["request"].user
    if not user.has_perm("meetings.view_body_meetings", body):
        return {"decisions": [], "actions": [], "visible": False}
    data: dict[str, Any] = overdue_for_body(body)
    data["visible"] = True
    data["can_change"] = user.has_perm("meetings.change_decision", body)
    return data
