""" "My page": the incoming items waiting for triage in the spaces where the person triages.

Registered with ``meetings.selectors_my_page`` in ``IntakeConfig.ready()`` (intake builds on the
registry, which builds on meetings, so meetings cannot ask it itself).
"""

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.meetings.selectors_my_page import CAP, Task, new_task
from samverka.records.intake.selectors import waiting_for_triage

#: Place among the kinds of task: last, after questions (60).
POSITION = 70


def triage_tasks(user: Any, today: date) -> list[Task]:
    """The incoming items ``user`` may register, hand over or reject."""
    return [
        new_task(
            today,
            kind="triage",
            kind_label=_("Incoming, to triage"),
            title=item.subject,
            url=reverse("intake:item-detail", kwargs={"space": item.space.slug, "pk": item.pk}),
            action=_("Register, hand over or reject"),
            where=item.space.name,
            since=timezone.localdate(item.received_at),
        )
        for item in waiting_for_triage(user, limit=CAP)
    ]
