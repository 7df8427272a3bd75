"""``{% offering_cohorts offering as card %}``: the cohorts of an offering for the card on its page, so the
catalogue shows them by including ``cohorts/includes/offering_card.html`` without importing this app."""

from typing import Any

from django import template

from samverka.education.cohorts import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def offering_cohorts(context: dict[str, Any], offering: Any) -> dict[str, Any]:
    user = context["request"].user
    if not user.has_perm("cohorts.view_cohorts", offering):
        return {"visible": False}
    return {
        "visible": True,
        "cohorts": selectors.offering_cohorts(user=user, offering=offering),
        "can_record": user.has_perm("cohorts.record_cohorts", offering),
    }
