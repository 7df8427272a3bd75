"""Reads about meetings: what a user may see, the meeting page, a body's calendar, my upcoming
meetings, overlaps and the invitees' answers.

Every read starts from ``Meeting.objects.restrict(user)`` (the body's
visibility decides), so a meeting the user may not see answers 404.
"""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from samverka.collaboration.actors.models import Contact, contact_ids_of
from samverka.collaboration.bodies.models import Body, Membership
from samverka.collaboration.meetings.models import (
    AgendaDocument,
    AgendaItem,
    Answer,
    Approval,
    ApprovalRole,
    Invitation,
    Meeting,
    MeetingStatus,
    MinutesVersion,
)
from samverka.collaboration.meetings.models.meetings import MeetingQuerySet
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space


def meetings_visible_to(user: User | AnonymousUser) -> QuerySet[Meeting]:
    """Meetings of the bodies ``user`` may see."""
    return Meeting.objects.restrict(user)


def _visible(user: User | AnonymousUser) -> MeetingQuerySet:
    visible = Meeting.objects.restrict(user)
    if visible.query.distinct:  # keep joins out of the page's own query
        visible = Meeting.objects.filter(pk__in=visible.values("pk"))
    return visible


def meeting_queryset(space: Space, user: User | AnonymousUser) -> QuerySet[Meeting]:
    """Visible meetings of ``space`` with what every meeting page shows in one query."""
    return (
        _visible(user)
        .with_stage()
        .filter(body__space=space)
        .select_related("body__space", "chair__user", "adjuster__user", "secretary", "created_by")
    )


def meeting_detail_queryset(space: Space, user: User | AnonymousUser) -> QuerySet[Meeting]:
    """As :func:`meeting_queryset`, with the agenda and its documents prefetched. The meeting page and
    its PDFs show the persons' names only (the rules read ``chair.user_id``): no join to the users."""
    return (
        meeting_queryset(space, user)
        .select_related(None)
        .select_related("body__space", "chair", "adjuster", "secretary")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("documents", queryset=AgendaDocument.objects.order_by("name", "pk"))
                ),
            )
        )
    )


def meeting_for_page(space: Space, user: User | AnonymousUser, pk: int) -> Meeting:
    """The meeting page's meeting (raises Meeting.DoesNotExist when hidden or of another space).

    Fewer joins than :func:`meeting_detail_queryset`: the URL's space instead of a join; the persons
    (chair, adjuster, secretary; the rules read ``chair.user_id``) in one query when it has any; the
    versions of its minutes (``minutes_versions_list``, and the newest's approvals as
    ``latest_approvals`` while it awaits them) instead of the ``with_stage`` annotations, which they
    answer too."""
    meeting = _visible(user).filter(body__space_id=space.pk).select_related("body").get(pk=pk)
    meeting.body.space = space
    people = {meeting.chair_id, meeting.adjuster_id, meeting.secretary_id} - {None}
    if people:  # one query for the three persons instead of three joins on every meeting
        contacts = Contact.objects.in_bulk(people)
        for field in ("chair", "adjuster", "secretary"):
            contact_id = getattr(meeting, f"{field}_id")
            if contact_id is not None:
                setattr(meeting, field, contacts.get(contact_id))
    versions = sorted(MinutesVersion.objects.filter(meeting_id=meeting.pk).order_by(), key=lambda v: v.number)
    for version in versions:
        version.meeting = meeting
    latest = versions[-1] if versions else None
    meeting.minutes_versions_list = versions  # type: ignore[attr-defined]
    # the page shows (and awaits_signature() reads) the signatures of a version not yet approved only
    unlocked = latest is not None and not latest.is_locked
    meeting.latest_approvals = (  # type: ignore[attr-defined]
        sorted(Approval.objects.filter(version=latest).order_by(), key=lambda a: a.role) if unlocked else []
    )
    meeting.minutes_begun = bool(versions)
    meeting.minutes_approved = any(version.is_locked for version in versions)
    return meeting


def meeting_agenda(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda in order, each item with all its documents by name as ``all_documents``,
    in one query (the documents joined to their items)."""
    fields = ("id", "position", "title", "description", "presenter", "duration_minutes", "kind", "is_follow_up")
    document_fields = ("id", "name", "size", "is_public")
    rows = (
        AgendaItem.objects.filter(meeting_id=meeting.pk)
        .order_by("position", "pk", "documents__name", "documents__pk")
        .values_list(*fields, *(f"documents__{name}" for name in document_fields))
    )
    agenda: list[AgendaItem] = []
    for row in rows:
        if not agenda or agenda[-1].pk != row[0]:
            item = AgendaItem(meeting_id=meeting.pk, **dict(zip(fields, row[: len(fields)], strict=True)))
            item.meeting = meeting
            item.all_documents = []  # type: ignore[attr-defined]
            agenda.append(item)
        document = row[len(fields) :]
        if document[0] is not None:
            agenda[-1].all_documents.append(  # type: ignore[attr-defined]
                AgendaDocument(agenda_item=agenda[-1], **dict(zip(document_fields, document, strict=True)))
            )
    return agenda


def meeting_detail(pk: int, user: User | AnonymousUser) -> Meeting:
    """One visible meeting with its agenda (raises Meeting.DoesNotExist when hidden)."""
    meeting = (
        _visible(user)
        .select_related("body__space", "chair", "adjuster", "secretary", "created_by")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("position", "pk").prefetch_related("documents"),
            )
        )
        .get(pk=pk)
    )
    return meeting


def answer_counts(meeting: Meeting) -> dict[str, int]:
    """How many invitees answered yes, no, maybe or not yet (one query)."""
    rows = meeting.invitations.order_by().values("answer").annotate(n=Count("pk"))
    counts = dict.fromkeys(Answer.values, 0)
    for row in rows:
        counts[row["answer"]] = row["n"]
    counts["total"] = sum(counts[value] for value in Answer.values)
    return counts


def awaits_signature(meeting: Meeting, user: User | AnonymousUser) -> bool:
    """Whether ``user`` is the chair or adjuster of ``meeting`` and has yet to approve the newest
    version of its minutes (written and not yet approved)."""
    if user is None or not user.is_authenticated:
        return False
    roles = set()
    if meeting.chair_id and meeting.chair is not None and meeting.chair.user_id == user.pk:
        roles.add(ApprovalRole.CHAIR)
    if meeting.adjuster_id and meeting.adjuster is not None and meeting.adjuster.user_id == user.pk:
        roles.add(ApprovalRole.ADJUSTER)
    if not roles:
        return False
    versions = getattr(meeting, "minutes_versions_list", None)  # read by meeting_for_page()
    if versions is None:
        version = meeting.minutes_versions.order_by("-number").first()
    else:
        version = versions[-1] if versions else None
    if version is None or version.is_locked or not version.entries.exists():
        return False
    if versions is not None:
        return bool(roles - {approval.role for approval in meeting.latest_approvals})  # type: ignore[attr-defined]
    return bool(roles - set(version.approvals.values_list("role", flat=True)))


def invitation_list(meeting: Meeting) -> QuerySet[Invitation]:
    """The invitees of a meeting with their answers, by name."""
    return meeting.invitations.order_by("name", "pk")


def my_invitation(meeting: Meeting, user: User | AnonymousUser) -> Invitation | None:
    """The user's own invitation to the meeting, if any."""
    if user is None or not user.is_authenticated:
        return None
    invitations = meeting.invitations.filter(Q(user=user) | Q(contact__user=user)).select_related("contact")
    return invitations.order_by("name", "pk").first()  # not the default order: it joins the meeting


def _count(model: Any) -> Coalesce:
    """The number of ``model`` rows of each meeting, as a subquery (no join that multiplies rows)."""
    rows = model.objects.filter(meeting=OuterRef("pk")).order_by().values("meeting").annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), Value(0))


def body_calendar(body: Body, user: User | AnonymousUser) -> dict[str, QuerySet[Meeting]]:
    """A visible body's meetings: ``upcoming`` (soonest first) and ``past`` (latest first), each with
    the number of agenda items and invitees in SQL. Paginate them in the view."""
    now = timezone.now()
    meetings = (
        Meeting.objects.with_stage()
        .filter(body=body)  # the view has checked that the user may see the body
        .select_related("body__space")
        .annotate(agenda_count=_count(AgendaItem), invitation_count=_count(Invitation))
    )
    return {
        "upcoming": meetings.filter(end__gte=now).order_by("start", "pk"),
        "past": meetings.filter(end__lt=now).order_by("-start", "-pk"),
    }


def space_calendar(space: Space, user: User | AnonymousUser, *, past: bool = False) -> QuerySet[Meeting]:
    """The visible meetings of all bodies of ``space``: coming (soonest first) or past (latest first)."""
    now = timezone.now()
    meetings = _visible(user).with_stage().filter(body__space=space).select_related("body__space")
    if past:
        return meetings.filter(end__lt=now).order_by("-start", "-pk")
    return meetings.filter(end__gte=now).order_by("start", "pk")


def upcoming_for_user(user: User | AnonymousUser, *, limit: int | None = None) -> QuerySet[Meeting]:
    """Coming meetings (not cancelled) of the bodies where ``user`` sits, or to which they are invited."""
    if user is None or not user.is_authenticated:
        return Meeting.objects.none()
    today = timezone.localdate()
    bodies = (
        Membership.objects.filter(contact__in=contact_ids_of(user))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values("body_id")
    )
    invited = Invitation.objects.filter(Q(user=user) | Q(contact__in=contact_ids_of(user))).values("meeting_id")
    meetings = (
        Meeting.objects.filter(Q(body__in=bodies) | Q(pk__in=invited))
        .filter(end__gte=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body__space")
        .order_by("start", "pk")
    )
    return meetings[:limit] if limit else meetings


def overlapping_meetings(
    *, body: Body, start: datetime, end: datetime, exclude: Meeting | int | None = None
) -> QuerySet[Meeting]:
    """The body's meetings (not cancelled) that overlap the time from ``start`` to ``end``."""
    meetings = (
        Meeting.objects.filter(body=body, start__lt=end, end__gt=start)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("start", "pk")
    )
    if exclude is not None:
        meetings = meetings.exclude(pk=exclude.pk if isinstance(exclude, Meeting) else exclude)
    return meetings


def body_for_meetings(space: Space, user: User | AnonymousUser, pk: int) -> Body:
    """A body of ``space`` the user may see (raises Body.DoesNotExist otherwise)."""
    visible = Body.objects.restrict(user).filter(space=space)
    if visible.query.distinct:
        visible = Body.objects.filter(space=space, pk__in=visible.values("pk"))
    return visible.select_related("space").get(pk=pk)


def body_member_contacts(body: Body, on: Any = None) -> list[Membership]:
    """The body's current memberships with their persons (choices for chair and adjuster)."""
    return list(
        Membership.objects.current(on)
        .filter(body=body)
        .select_related("contact", "organisation")
        .order_by("contact__name", "pk")
    )
