"""The overdue education orders shown on a body's page."""

from typing import Any

from django import template
from django.utils import timezone

from samverka.education.orders.selectors import overdue_for_body

register = template.Library()


@register.simple_tag(takes_context=True)
def body_order_summary(context: Any, body: Any) -> dict[str, Any]:
    """The body's overdue orders (placed or received) that the viewer may see."""
    user = context["request"].user
    if not user.has_perm("bodies.view_body", body):
        return {"overdue": []}
    today = timezone.localdate()
    return {"overdue": overdue_for_body(body, user, today), "today": today}
