""" "My page": the status reports a person has to write, and for the secretariat the late ones.

Registered with ``meetings.selectors_my_page`` in ``StatusreportsConfig.ready()`` (status reports build
on meetings, so meetings cannot ask them itself).
"""

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.meetings.selectors_my_page import CAP, Task, new_task
from samverka.steering.statusreports.selectors import late_reports, reports_to_write

#: Place among the kinds of task: after minutes (20), before action items (40).
POSITION = 30


def report_tasks(user: Any, today: date) -> list[Task]:
    """The status reports ``user`` has to write and submit."""
    return [
        new_task(
            today,
            kind="status_report",
            kind_label=_("Status report due"),
            title=f"{report.round.name}: {report.work_plan.body.name}",
            url=reverse(
                "statusreports:report-edit",
                kwargs={"space": report.round.space.slug, "round": report.round_id, "pk": report.pk},
            ),
            action=_("Write and submit the status report"),
            where=report.round.space.name,
            due=report.round.deadline,
            since=report.round.deadline,
        )
        for report in reports_to_write(user, limit=CAP)
    ]


def overdue_reports(space_ids: list[int], today: date, limit: int) -> list[tuple[int, Any]]:
    """The reports past their deadline in the spaces, each with its space."""
    return [(report.round.space_id, report) for report in late_reports(space_ids, today, limit=limit)]
