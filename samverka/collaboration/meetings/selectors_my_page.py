""" "My page": one place per person with what waits for them, most urgent first.

Each kind of task is read where it lives: invitations, minutes, decisions and action items here (the
meetings app); status reports, questions and orders, and incoming items are added by their own apps
(``statusreports``, ``questions``, ``intake``: each registers its ``my_page`` source with
``register_tasks`` / ``register_overseen`` in its ``AppConfig.ready()``, because those apps build on
meetings and meetings must not import them). Every read is one query whatever the amount of data
(each capped), so the page costs a fixed number of queries.

Urgency: *overdue* (the due date has passed), *this week* (due within seven days), then everything
else that waits (later, or without a due date). Each task links to the page where it is done.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser
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
from samverka.platform.accounts.models import User
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


def _invitation_tasks(user: User | AnonymousUser, contacts: list[int], today: date) -> list[Task]:
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


def _minutes_tasks(user: User | AnonymousUser, contacts: list[int], today: date) -> list[Task]:
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


def _action_tasks(user: User | AnonymousUser, today: date) -> list[Task]:
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


#: A kind of task another app adds: ``source(user, today)`` → the person's tasks (at most ``CAP``).
TaskSource = Callable[[Any, date], list[Task]]
#: What is overdue across the spaces: ``source(space_ids, today, limit)`` → (space id, row) pairs.
OverseenSource = Callable[[list[int], date, int], list[tuple[int, Any]]]
_task_sources: dict[int, TaskSource] = {}
_overseen_sources: dict[str, OverseenSource] = {}
#: Positions of this app's own kinds; a registered kind takes a free one (equal tasks keep this order).
INVITATIONS, MINUTES, ACTION_ITEMS, DECISIONS = 10, 20, 40, 50


def register_tasks(position: int, source: TaskSource) -> None:
    """Add a kind of task to everyone's "my page" (from the owning app's ``AppConfig.ready()``)."""
    if position in (INVITATIONS, MINUTES, ACTION_ITEMS, DECISIONS):
        raise ValueError(f"position {position} is taken by the meetings app's own tasks")
    _task_sources[position] = source


def register_overseen(attribute: str, source: OverseenSource) -> None:
    """Fill ``OverseenSpace.<attribute>`` (``questions``, ``reports``) for the secretariat's overview."""
    if attribute not in ("questions", "reports"):
        raise ValueError(f"OverseenSpace has no list {attribute!r}")
    _overseen_sources[attribute] = source


def new_task(today: date, **kwargs: Any) -> Task:
    """A task with its urgency worked out from its due date (for the apps that add tasks)."""
    return _task(today, **kwargs)


def _overseen(user: User | AnonymousUser, today: date) -> list[OverseenSpace]:
    from samverka.platform.spaces.selectors import roles_by_space

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
    for attribute, source in _overseen_sources.items():
        for space_id, row in source(ids, today, CAP * 4):
            getattr(spaces[space_id], attribute).append(row)
    return list(spaces.values())


def my_tasks(user: User | AnonymousUser, today: date | None = None) -> dict[str, Any]:
    """What "my page" shows: the person's tasks by urgency, coming meetings, and for the secretariat
    what is overdue in each of their spaces — in a fixed number of queries."""
    from samverka.collaboration.meetings.selectors import upcoming_for_user

    today = today or timezone.localdate()
    contacts = contact_ids_of(user)
    sources: dict[int, Callable[[], list[Task]]] = {
        INVITATIONS: lambda: _invitation_tasks(user, contacts, today),
        MINUTES: lambda: _minutes_tasks(user, contacts, today),
        ACTION_ITEMS: lambda: _action_tasks(user, today),
        DECISIONS: lambda: _decision_tasks(contacts, today),
    }
    for position, source in _task_sources.items():
        sources[position] = partial(source, user, today)
    tasks = [task for position in sorted(sources) for task in sources[position]()]
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
