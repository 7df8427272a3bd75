""" "My page": one place per person with what waits for them, most urgent first.

Each kind of task is read where it lives: invitations, minutes, decisions and action items here (the
meetings app), status reports through ``statusreports.selectors``, questions and orders through
``questions.selectors``, incoming items through ``intake.selectors``. Every read is one query whatever
the amount of data (each capped), so the page costs a fixed number of queries.

Urgency: *overdue* (the due date has passed), *this week* (due within seven days), then everything
else that waits (later, or without a due date). Each task links to the page where it is done.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.collaboration.actors.models import contact_ids_of
from samverka.collaboration.meetings.models import (
    ActionItem,
    Answer,
    ApprovalRole,
    Decision,
    Invitation,
    MeetingStatus,
    Minutes,
    MinutesVersion,
)
from samverka.platform.spaces.models import Space, SpaceRole

#: Space roles that see what is overdue across the whole space on "my page".
OVERSEEING_ROLES = (SpaceRole.ADMIN, SpaceRole.SECRETARIAT)
#: Tasks due within this many days are "this week".
SOON_DAYS = 7
#: The most rows read of each kind (the page is a to-do list, not an archive).
CAP = 50

OVERDUE, SOON, LATER = "overdue", "soon", "later"
URGENCY_LABELS = {
    OVERDUE: pgettext_lazy("urgency", "Overdue"),
    SOON: pgettext_lazy("urgency", "Due within a week"),
    LATER: pgettext_lazy("urgency", "Later or without a date"),
}


@dataclass
class Task:
    """Something waiting for the person: what, where to do it, and by when."""

    kind: str
    kind_label: Any
    title: str
    url: str
    action: Any
    where: str
    due: date | None = None
    urgency: str = LATER
    #: For sorting within an urgency: the due date, or the day it started waiting.
    since: date | None = None


@dataclass
class OverseenSpace:
    """What is overdue across one space, for its secretariat and admins."""

    space: Space
    decisions: list[Any] = field(default_factory=list)
    actions: list[Any] = field(default_factory=list)
    questions: list[Any] = field(default_factory=list)
    reports: list[Any] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.decisions) + len(self.actions) + len(self.questions) + len(self.reports)


def _urgency(due: date | None, today: date) -> str:
    if due is None:
        return LATER
    if due < today:
        return OVERDUE
    if due <= today + timedelta(days=SOON_DAYS):
        return SOON
    return LATER


def _task(today: date, **kwargs: Any) -> Task:
    task = Task(**kwargs)
    task.urgency = _urgency(task.due, today)
    return task


def _invitation_tasks(user: Any, contacts: list[int], today: date) -> list[Task]:
    now = timezone.now()
    invitations = (
        Invitation.objects.filter(Q(user=user) | Q(contact__in=contacts), answer=Answer.PENDING, meeting__end__gte=now)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("meeting__body__space")
        .order_by("meeting__start", "pk")[:CAP]
    )
    tasks = []
    for invitation in invitations:
        meeting = invitation.meeting
        day = timezone.localdate(meeting.start)
        tasks.append(
            _task(
                today,
                kind="invitation",
                kind_label=_("Invitation to answer"),
                title=meeting.title,
                url=reverse("meetings:my-answer", kwargs={"space": meeting.body.space.slug, "pk": meeting.pk}),
                action=_("Answer the invitation"),
                where=meeting.body.name,
                due=day,
                since=day,
            )
        )
    return tasks


def _minutes_tasks(user: Any, contacts: list[int], today: date) -> list[Task]:
    signatory = Q(meeting__chair__in=contacts) | Q(meeting__adjuster__in=contacts)
    versions = (
        MinutesVersion.objects.filter(signatory, approved_at__isnull=True, meeting__start__lte=timezone.now())
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .filter(Exists(Minutes.objects.filter(version=OuterRef("pk"))))
        .select_related("meeting__body__space", "meeting__chair", "meeting__adjuster")
        .prefetch_related("approvals")
        .order_by("meeting__start", "pk")[:CAP]
    )
    tasks = []
    for version in versions:
        meeting = version.meeting
        mine = set()
        if meeting.chair and meeting.chair.user_id == user.pk:
            mine.add(ApprovalRole.CHAIR)
        if meeting.adjuster and meeting.adjuster.user_id == user.pk:
            mine.add(ApprovalRole.ADJUSTER)
        if not mine - {a.role for a in version.approvals.all()}:
            continue
        held = timezone.localdate(meeting.start)
        title = meeting.title if version.number == 1 else f"{meeting.title} ({_('version')} {version.number})"
        tasks.append(
            _task(
                today,
                kind="minutes",
                kind_label=_("Minutes to approve"),
                title=title,
                url=reverse("meetings:minutes-approve", kwargs={"space": meeting.body.space.slug, "pk": meeting.pk}),
                action=_("Read and approve the minutes"),
                where=meeting.body.name,
                since=held,
            )
        )
    return tasks


def _action_tasks(user: Any, today: date) -> list[Task]:
    items = (
        ActionItem.objects.owned_by(user)
        .open()
        .select_related("body__space", "meeting")
        .order_by("due_date", "pk")[:CAP]
    )
    return [
        _task(
            today,
            kind="action",
            kind_label=_("Action item"),
            title=item.title,
            url=reverse("meetings:action-status", kwargs={"space": item.body.space.slug, "pk": item.pk}),
            action=_("Report progress"),
            where=item.body.name,
            due=item.due_date,
            since=item.due_date,
        )
        for item in items
    ]


def _decision_tasks(contacts: list[int], today: date) -> list[Task]:
    if not contacts:
        return []
    decisions = (
        Decision.objects.open()
        .filter(responsible_contact__in=contacts)
        .select_related("body__space", "meeting__body__space")
        .order_by("due_date", "pk")[:CAP]
    )
    tasks = []
    for decision in decisions:
        text = decision.text if len(decision.text) <= 120 else decision.text[:119] + "…"
        url = decision.meeting.get_absolute_url() if decision.meeting_id else decision.body.get_absolute_url()
        tasks.append(
            _task(
                today,
                kind="decision",
                kind_label=_("Decision to carry out"),
                title=f"{decision.year}:{decision.number} {text}",
                url=url,
                action=_("Carry out the decision"),
                where=decision.body.name,
                due=decision.due_date,
                since=decision.due_date,
            )
        )
    return tasks


def _report_tasks(user: Any, today: date) -> list[Task]:
    from samverka.steering.statusreports.selectors import reports_to_write

    return [
        _task(
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


def _question_tasks(user: Any, today: date) -> list[Task]:
    from samverka.records.questions.selectors import to_answer

    return [
        _task(
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


def _triage_tasks(user: Any, today: date) -> list[Task]:
    from samverka.records.intake.selectors import waiting_for_triage

    return [
        _task(
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


def _overseen(user: Any, today: date) -> list[OverseenSpace]:
    from samverka.platform.spaces.selectors import roles_by_space
    from samverka.records.questions.selectors import overdue_in_spaces
    from samverka.steering.statusreports.selectors import late_reports

    ids = [pk for pk, role in roles_by_space(user).items() if role in OVERSEEING_ROLES]
    if not ids:
        return []
    spaces = {s.pk: OverseenSpace(space=s) for s in Space.objects.filter(pk__in=ids).order_by("name")}
    for decision in (
        Decision.objects.overdue(today)
        .filter(body__space_id__in=ids)
        .select_related("body__space", "meeting__body__space", "responsible_contact", "responsible_organisation")
        .order_by("due_date", "pk")[: CAP * 4]
    ):
        spaces[decision.body.space_id].decisions.append(decision)
    for item in (
        ActionItem.objects.overdue(today)
        .filter(body__space_id__in=ids)
        .select_related("body__space", "meeting", "owner_contact", "owner_user")
        .order_by("due_date", "pk")[: CAP * 4]
    ):
        spaces[item.body.space_id].actions.append(item)
    for question in overdue_in_spaces(ids, today, limit=CAP * 4):
        spaces[question.space_id].questions.append(question)
    for report in late_reports(ids, today, limit=CAP * 4):
        spaces[report.round.space_id].reports.append(report)
    return list(spaces.values())


def my_tasks(user: Any, today: date | None = None) -> dict[str, Any]:
    """What "my page" shows: the person's tasks by urgency, coming meetings, and for the secretariat
    what is overdue in each of their spaces — in a fixed number of queries."""
    from samverka.collaboration.meetings.selectors import upcoming_for_user

    today = today or timezone.localdate()
    contacts = contact_ids_of(user)
    tasks = (
        _invitation_tasks(user, contacts, today)
        + _minutes_tasks(user, contacts, today)
        + _report_tasks(user, today)
        + _action_tasks(user, today)
        + _decision_tasks(contacts, today)
        + _question_tasks(user, today)
        + _triage_tasks(user, today)
    )
    order = {OVERDUE: 0, SOON: 1, LATER: 2}
    tasks.sort(key=lambda t: (order[t.urgency], t.due or t.since or date.max, str(t.title)))
    by_urgency = [
        {"key": key, "label": URGENCY_LABELS[key], "tasks": [t for t in tasks if t.urgency == key]}
        for key in (OVERDUE, SOON, LATER)
    ]
    return {
        "today": today,
        "task_count": len(tasks),
        "by_urgency": by_urgency,
        "upcoming": list(upcoming_for_user(user, limit=10)),
        "overseen": _overseen(user, today),
    }
