"""The space menu shown under the header on every page of a space."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.spaces.models import Space

# (url name, label, permission or None for everyone)
_ITEMS = [
    ("spaces:detail", "Overview", None),
    ("bodies:body-list", "Bodies", None),
    ("bodies:system-overview", "System overview", None),
    ("meetings:space-meetings", "Meetings", None),
    ("wheels:space-wheel", "Annual wheel", None),
    ("events:space-event-list", "Events", None),
    ("goals:goal-list", "Goals", None),
    ("statusreports:round-list", "Status reports", "statusreports.view_round_list"),
    ("workplans:perspective-report", "Horizontal perspectives", "workplans.view_perspective_report"),
    ("inputs:input-list", "Inputs", "inputs.view_input"),
    ("questions:overview", "Questions and orders", "questions.view_overview"),
    ("statistics:dataset-list", "Statistics", None),
    ("indicators:indicator-page", "Indicators and outlook", None),
    ("analyses:analysis-list", "Analyses", None),
    ("registry:case-list", "Registry", "registry.view_case"),
    ("intake:diary", "Public diary", None),
    ("intake:triage-list", "Incoming", "intake.view_incomingitem"),
    ("meetings:minutes-public-list", "Minutes", None),
    ("actors:landscape", "Landscape map", None),
    ("actors:suggestion-list", "Suggestions", "actors.review_suggestions"),
    ("spaces:members", "Members", "spaces.manage_space"),
    ("retention:home", "Retention and archive", "retention.view_retention"),
    ("spaces:audit", "Audit log", "spaces.view_space_audit"),
    ("notifications:outbox", "E-mail outbox", "notifications.view_space_outbox"),
]


def space_menu(request: HttpRequest, space: Space) -> list[dict[str, Any]]:
    current = request.resolver_match.view_name if request.resolver_match else ""
    labels = {
        "Overview": _("Overview"),
        "Bodies": _("Bodies"),
        "System overview": _("System overview"),
        "Meetings": _("Meetings"),
        "Annual wheel": _("Annual wheel"),
        "Events": _("Events"),
        "Goals": _("Goals"),
        "Status reports": _("Status reports"),
        "Horizontal perspectives": _("Horizontal perspectives"),
        "Inputs": _("Inputs"),
        "Questions and orders": _("Questions and orders"),
        "Statistics": _("Statistics"),
        "Indicators and outlook": _("Indicators and outlook"),
        "Analyses": _("Analyses"),
        "Registry": _("Registry"),
        "Public diary": _("Public diary"),
        "Incoming": _("Incoming"),
        "Minutes": _("Minutes"),
        "Landscape map": _("Landscape map"),
        "Suggestions": _("Suggestions"),
        "Members": _("Members"),
        "Retention and archive": _("Retention and archive"),
        "Audit log": _("Audit log"),
        "E-mail outbox": _("E-mail outbox"),
    }
    items = []
    for name, label, permission in _ITEMS:
        if permission and not request.user.has_perm(permission, space):
            continue
        items.append(
            {"url": reverse(name, kwargs={"space": space.slug}), "label": labels[label], "current": current == name}
        )
    return items
