"""Template tags for the minutes and follow-up sections shown on the meeting and body pages."""

from typing import Any

from django import template

from samverka.collaboration.meetings.selectors_follow_up import meeting_minutes_summary, overdue_for_body
from samverka.collaboration.meetings.views.minutes import may_sign

register = template.Library()


@register.simple_tag(takes_context=True)
def minutes_summary(context: Any, meeting: Any) -> dict[str, Any]:
    """The state of a meeting's minutes, its decisions and action items, and what the user may do."""
    user = context["request"].user
    summary: dict[str, Any] | None = getattr(meeting, "_minutes_summary", None)
    if summary is not None:  # both sections of the meeting page ask; compute once
        return summary
    summary = meeting_minutes_summary(meeting, getattr(meeting, "_taken_at_meeting", None))
    summary.update(
        can_view=user.has_perm("meetings.view_minutes", meeting),
        can_change=user.has_perm("meetings.change_minutes", meeting),
        can_approve=may_sign(user, meeting),
        can_change_decisions=user.has_perm("meetings.change_decision", meeting),
    )
    meeting._minutes_summary = summary
    return summary


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
