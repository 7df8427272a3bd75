"""Reads about minutes, decisions and action items ("my page" reads in ``selectors_my_page``).

Every read starts from a ``restrict(user)`` queryset, or from a meeting the
caller has already checked. Each function makes a fixed number of queries,
whatever the amount of data.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from samverka.collaboration.bodies.models import Body, Membership
from samverka.collaboration.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Approval,
    ApprovalRole,
    Attendance,
    Decision,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesVersion,
)
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space

# --- meetings as seen from the minutes pages ----------------------------------------


def published_filter() -> Q:
    """Meetings whose minutes everyone may read: marked public with an approved version."""
    return Q(is_public=True) & Q(
        Exists(MinutesVersion.objects.filter(meeting=OuterRef("pk"), approved_at__isnull=False))
    )


def minutes_meeting_queryset(space: Space, user: User | AnonymousUser) -> QuerySet[Meeting]:
    """Meetings of ``space`` whose minutes pages the user may reach: visible ones and published ones.

    The rule ``meetings.view_minutes`` still decides; a meeting outside this queryset answers 404.
    """
    visible = Meeting.objects.restrict(user)
    condition = Q(pk__in=visible.values("pk")) | published_filter()
    return (
        Meeting.objects.filter(body__space=space)
        .filter(condition)
        .select_related("body__space", "chair__user", "adjuster__user", "secretary")
        .annotate(
            minutes_published=Exists(MinutesVersion.objects.filter(meeting=OuterRef("pk"), approved_at__isnull=False))
        )
    )


@dataclass
class MinutesView:
    """Everything a minutes page, its PDF or the meeting page's minutes section shows."""

    meeting: Meeting
    versions: list[MinutesVersion]
    version: MinutesVersion | None
    items: list[tuple[AgendaItem, str]]
    present: list[Attendance]
    absent: list[Attendance]
    decisions: list[Decision]
    action_items: list[ActionItem]
    approvals: dict[str, Approval] = field(default_factory=dict)

    @property
    def latest(self) -> MinutesVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def is_latest(self) -> bool:
        return self.version is not None and self.version == self.latest

    @property
    def chair_approval(self) -> Approval | None:
        return self.approvals.get(ApprovalRole.CHAIR)

    @property
    def adjuster_approval(self) -> Approval | None:
        return self.approvals.get(ApprovalRole.ADJUSTER)


def minutes_view(meeting: Meeting, *, number: int | None = None, approved_only: bool = False) -> MinutesView:
    """The minutes of ``meeting``: version ``number`` (default the newest; with ``approved_only`` the
    newest approved one) with its texts per agenda item, attendance, decisions and action items."""
    versions_qs = meeting.minutes_versions.order_by("number").prefetch_related(
        Prefetch("approvals", queryset=Approval.objects.order_by("role"))
    )
    if approved_only:
        versions_qs = versions_qs.filter(approved_at__isnull=False)
    versions = list(versions_qs)
    version = None
    if number is not None:
        version = next((v for v in versions if v.number == number), None)
    elif versions:
        version = versions[-1]
    texts: dict[int, str] = {}
    if version is not None:
        texts = dict(Minutes.objects.filter(version=version).values_list("agenda_item_id", "text"))
    agenda = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    attendance = list(meeting.attendances.order_by("-present", "name", "pk"))
    decisions = list(
        Decision.objects.filter(meeting=meeting)
        .select_related("responsible_contact", "responsible_organisation", "closed_by", "body__space")
        .order_by("number")
    )
    actions = list(
        ActionItem.objects.filter(meeting=meeting)
        .select_related("owner_contact", "owner_user", "body__space")
        .order_by("pk")
    )
    return MinutesView(
        meeting=meeting,
        versions=versions,
        version=version,
        items=[(item, texts.get(item.pk, "")) for item in agenda],
        present=[a for a in attendance if a.present],
        absent=[a for a in attendance if not a.present],
        decisions=decisions,
        action_items=actions,
        approvals={a.role: a for a in version.approvals.all()} if version is not None else {},
    )


def attendance_candidates(meeting: Meeting) -> list[dict[str, Any]]:
    """Who to mark on the attendance list: the invitees, or the body's current members when nobody was
    invited; with what was recorded before."""
    recorded = list(meeting.attendances.select_related("contact"))
    by_contact = {a.contact_id: a for a in recorded if a.contact_id}
    substitutes = {a.substitute_for: a for a in recorded if a.substitute_for}
    rows: list[dict[str, Any]] = []
    invitations = list(meeting.invitations.select_related("contact").order_by("name", "pk"))
    if invitations:
        people = [(i.contact, i.name, i.organisation_name, i.role_label) for i in invitations]
    else:
        memberships = (
            Membership.objects.current(timezone.localdate())
            .filter(body_id=meeting.body_id)
            .select_related("contact", "organisation")
            .order_by("contact__name", "pk")
        )
        people = [(m.contact, m.contact.name, m.organisation.name, m.get_role_display()) for m in memberships]
    for contact, name, organisation, role in people:
        previous = by_contact.get(contact.pk) if contact is not None else None
        substitute = substitutes.get(name)
        status = "present"
        if previous is not None and not previous.present:
            status = "substitute" if substitute is not None else "absent"
        rows.append(
            {
                "contact": contact,
                "name": name,
                "organisation_name": organisation,
                "role_label": role,
                "status": status,
                "substitute_name": substitute.name if substitute is not None else "",
            }
        )
    listed = {r["contact"].pk for r in rows if r["contact"] is not None}
    others = [
        a.name
        for a in recorded
        if a.present and not a.substitute_for and (a.contact_id is None or a.contact_id not in listed)
    ]
    return [*rows, {"others": "\n".join(others)}]


# --- follow-up ------------------------------------------------------------------------


def _open_at_meeting(meeting: Meeting, now: datetime | None = None) -> tuple[Q, Q]:
    """The filters of the body's decisions and action items open when ``meeting`` starts (for a
    coming meeting: open now), as ``(decisions, actions)``."""
    moment: datetime = meeting.start
    decisions = Q(body_id=meeting.body_id, due_date__isnull=False, opened_at__lt=moment)
    actions = Q(body_id=meeting.body_id, opened_at__lt=moment)
    if moment > (now or timezone.now()):  # a coming meeting: what is open today
        return decisions & Q(closed_at__isnull=True), actions & ~Q(status=ActionStatus.DONE)
    # a held meeting: what was open then
    return (
        decisions & (Q(closed_at__isnull=True) | Q(closed_at__gt=moment)),
        actions & (Q(done_at__isnull=True) | Q(done_at__gt=moment)),
    )


def follow_up_for_meeting(meeting: Meeting) -> dict[str, list[Any]]:
    """The body's decisions and action items open when ``meeting`` starts (for a coming meeting: open
    now): what the standing follow-up item lists. Items from the meeting itself are not included."""
    open_decisions, open_actions = _open_at_meeting(meeting)
    return {
        "decisions": list(
            Decision.objects.filter(open_decisions)
            .select_related("responsible_contact", "responsible_organisation", "body__space")
            .order_by("due_date", "year", "number")
        ),
        "actions": list(
            ActionItem.objects.filter(open_actions)
            .select_related("owner_contact", "owner_user", "body__space")
            .order_by("due_date", "pk")
        ),
    }


def _listed_at_meeting(meeting: Meeting, now: datetime) -> tuple[Any, Any]:
    """What :func:`_open_at_meeting` asks of a row, as tests on a fetched decision and action item
    (the meeting page reads the open rows and the meeting's own in one query and sorts them here)."""
    moment: datetime = meeting.start

    def decision(d: Decision) -> bool:
        if d.body_id != meeting.body_id or d.due_date is None or not d.opened_at < moment:
            return False
        return d.closed_at is None or (moment <= now and d.closed_at > moment)

    def action(a: ActionItem) -> bool:
        if a.body_id != meeting.body_id or not a.opened_at < moment:
            return False
        if moment > now:
            return a.status != ActionStatus.DONE
        return a.done_at is None or a.done_at > moment

    return decision, action


def meeting_page_follow_up(meeting: Meeting) -> dict[str, list[Any]]:
    """For the meeting page, in two queries: what :func:`follow_up_for_meeting` lists
    (``follow_up_decisions``, ``follow_up_actions``) and the decisions and action items taken at the
    meeting itself (``decisions`` by number, ``actions`` by id).

    All of them belong to the meeting's body, so the body (with its space) is the meeting's own
    object instead of a join."""
    now = timezone.now()
    open_decisions, open_actions = _open_at_meeting(meeting, now)
    decision_listed, action_listed = _listed_at_meeting(meeting, now)
    # sorted here rather than in SQL (by dates and numbers, no text): the same order, and an ORDER BY
    # costs more to compile than a few dozen rows to sort; no due date last, as PostgreSQL sorts
    decisions = sorted(
        Decision.objects.filter(open_decisions | Q(meeting_id=meeting.pk))
        .select_related("responsible_contact", "responsible_organisation")
        .order_by(),
        key=lambda d: (d.due_date is None, d.due_date or date.min, d.year, d.number, d.pk),
    )
    actions = sorted(
        ActionItem.objects.filter(open_actions | Q(meeting_id=meeting.pk))
        .select_related("owner_contact", "owner_user")
        .order_by(),
        key=lambda a: (a.due_date is None, a.due_date or date.min, a.pk),
    )
    for row in (*decisions, *actions):
        row.body = meeting.body
    return {
        "follow_up_decisions": [d for d in decisions if decision_listed(d)],
        "follow_up_actions": [a for a in actions if action_listed(a)],
        "decisions": sorted((d for d in decisions if d.meeting_id == meeting.pk), key=lambda d: d.number),
        "actions": sorted((a for a in actions if a.meeting_id == meeting.pk), key=lambda a: a.pk),
    }


def overdue_for_body(body: Body, today: date | None = None) -> dict[str, list[Any]]:
    """The body's overdue decisions and action items (due before today, not closed or done)."""
    today = today or timezone.localdate()
    return {
        "decisions": list(
            Decision.objects.filter(body=body)
            .overdue(today)
            .select_related("responsible_contact", "responsible_organisation", "body__space")
            .order_by("due_date", "year", "number")
        ),
        "actions": list(
            ActionItem.objects.filter(body=body)
            .overdue(today)
            .select_related("owner_contact", "owner_user", "body__space")
            .order_by("due_date", "pk")
        ),
    }


def public_minutes(space: Space) -> QuerySet[Meeting]:
    """Meetings of ``space`` whose approved minutes are public, newest first."""
    return (
        Meeting.objects.filter(body__space=space)
        .filter(published_filter())
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body__space")
        .order_by("-start", "-pk")
    )
