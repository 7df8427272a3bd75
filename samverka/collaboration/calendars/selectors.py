"""Every read of the calendars app: feed contents, a user's sources, polls and the poll grid."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.bodies.models import Body, Membership
from samverka.collaboration.calendars.models import (
    BusyPeriod,
    FeedToken,
    FreeBusySource,
    PollAnswer,
    PollAnswerChoice,
    PollInvitee,
    PollOption,
    SchedulingPoll,
    SchedulingPollQuerySet,
    hash_token,
)
from samverka.collaboration.meetings.models import Meeting, MeetingStatus
from samverka.platform.accounts.models import User
from samverka.platform.core.ics import IcsEvent, uid_for
from samverka.platform.spaces.models import Space

#: Feeds cover this window around today, so a feed's size and cost stay bounded.
FEED_PAST = timedelta(days=365)
FEED_FUTURE = timedelta(days=2 * 365)


def feed_window(now: datetime | None = None) -> tuple[datetime, datetime]:
    moment = now or timezone.now()
    return moment - FEED_PAST, moment + FEED_FUTURE


def user_for_feed_token(token: str) -> Any | None:
    """The user whose active (not revoked) token this is, or None; records the use."""
    if not token or len(token) > 200:
        return None
    found = FeedToken.objects.active().select_related("user").filter(token_hash=hash_token(token)).first()
    if found is None or not found.user.is_active:
        return None
    now = timezone.now()
    # Written at most once an hour: calendar apps poll often and this is not worth a write each time.
    if found.last_used_at is None or now - found.last_used_at > timedelta(hours=1):
        FeedToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user


def active_feed_token(user: User) -> FeedToken | None:
    return FeedToken.objects.active().filter(user=user).first()


def _feed_meetings(queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
    start, end = feed_window()
    return (
        queryset.filter(start__gte=start, start__lte=end)
        .select_related("body__space")
        .only(
            "pk",
            "title",
            "start",
            "end",
            "place",
            "online_url",
            "status",
            "sequence",
            "updated_at",
            "details_public",
            "body__name",
            "body__space__slug",
        )
        .order_by("start", "pk")
    )


def personal_feed_meetings(user: User) -> QuerySet[Meeting]:
    """Meetings of every body where ``user`` (through their Contact) has a membership that has not ended."""
    bodies = Membership.objects.filter(contact__user=user).not_ended().values("body_id")
    return _feed_meetings(Meeting.objects.filter(body__in=bodies))


def feed_subscriptions(user: User) -> dict[str, list[Any]]:
    """The bodies where ``user`` sits and the spaces where they have a role: the feeds offered to them."""
    from samverka.platform.spaces.selectors import roles_by_space

    bodies = list(
        Body.objects.filter(pk__in=Membership.objects.filter(contact__user=user).not_ended().values("body_id"))
        .select_related("space")
        .order_by("space__name", "name")
    )
    spaces = list(Space.objects.filter(pk__in=list(roles_by_space(user))).order_by("name"))
    return {"bodies": bodies, "spaces": spaces}


def body_feed_meetings(body: Body) -> QuerySet[Meeting]:
    return _feed_meetings(Meeting.objects.filter(body=body))


def space_feed_meetings(space: Space, user: User | AnonymousUser) -> QuerySet[Meeting]:
    """Meetings of the space's bodies that ``user`` (who may be anonymous) may see."""
    return _feed_meetings(Meeting.objects.restrict(user).filter(body__space=space))


def public_feed_meetings() -> QuerySet[Meeting]:
    """Meetings marked public, of the bodies everyone may see (``restrict`` for a visitor: the public ones)."""
    return _feed_meetings(Meeting.objects.restrict(None).filter(is_public=True))


def sees_body_internals(user: User | AnonymousUser, bodies: list[Body] | set[Body] | Any) -> set[int]:
    """The pks of ``bodies`` whose inside (online links) ``user`` sees (meetings.view_body_internals)."""
    return {body.pk for body in bodies if user.has_perm("meetings.view_body_internals", body)}


def feed_events(meetings: Any, user: User | AnonymousUser) -> list[IcsEvent]:
    """The meetings as calendar events, with the online link where ``user`` sees the body's inside."""
    rows = list(meetings)
    inside = sees_body_internals(user, {meeting.body for meeting in rows})
    return [meeting_event(meeting, with_details=meeting.body_id in inside) for meeting in rows]


def feed_body(space: Space, pk: int, user: User | AnonymousUser) -> Body | None:
    """The body when ``user`` (possibly anonymous) may see it, else None (the feed answers 404)."""
    return Body.objects.restrict(user).filter(space=space, pk=pk).select_related("space").first()


def meeting_event(meeting: Meeting, *, with_details: bool | None = None) -> IcsEvent:
    """A meeting as a calendar event. The online link is internal: it is written only ``with_details``
    (for who sees the meeting's inside), or when the meeting's link is marked public; else the
    event says only that the meeting is online and links to the meeting page."""
    if with_details is None:
        with_details = meeting.details_public
    online = meeting.online_url if with_details or meeting.details_public else ""
    location = meeting.place or online
    description = online if meeting.place and online else ""
    if meeting.online_url and not online:
        description = str(_("Online meeting: the link is sent to the participants with the invitation."))
    return IcsEvent(
        uid=uid_for("meeting", meeting.pk),
        start=meeting.start,
        end=meeting.end,
        summary=f"{meeting.title} – {meeting.body.name}",
        description=description,
        location=location,
        url=settings.SITE_URL + meeting.get_absolute_url(),
        sequence=meeting.sequence,
        status="CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED",
        last_modified=meeting.updated_at,
    )


def public_events() -> list[IcsEvent]:
    """The events app's announced public events (cancelled ones as STATUS:CANCELLED), within the window.

    The UID is the one the events app puts in its confirmation e-mails, so a calendar that has both
    shows the event once.
    """
    from samverka.collaboration.events.selectors import public_events as announced_events

    start, end = feed_window()
    found = []
    for event in announced_events().filter(start__gte=start, start__lte=end):
        found.append(
            IcsEvent(
                uid=uid_for("event", event.pk),
                start=event.start,
                end=event.end,
                summary=event.title,
                location=event.location,
                url=settings.SITE_URL + event.get_absolute_url(),
                sequence=event.sequence,
                status="CANCELLED" if event.status == "cancelled" else "CONFIRMED",
                last_modified=event.updated_at,
            )
        )
    return found


# --- free/busy sources ---------------------------------------------------------------


def user_sources(user: User) -> QuerySet[FreeBusySource]:
    return FreeBusySource.objects.filter(user=user).order_by("label", "pk")


def source_of_user(user: User, pk: int) -> FreeBusySource | None:
    return FreeBusySource.objects.filter(user=user, pk=pk).first()


def busy_by_user(user_ids: set[int], start: datetime, end: datetime) -> dict[int, list[tuple[datetime, datetime]]]:
    """Busy periods of these users overlapping [start, end): from their free/busy sources and their other
    meetings in Samverka, in two queries."""
    result: dict[int, list[tuple[datetime, datetime]]] = {}
    if not user_ids:
        return result
    rows = BusyPeriod.objects.filter(source__user_id__in=user_ids, start__lt=end, end__gt=start).values_list(
        "source__user_id", "start", "end"
    )
    for user_id, first, last in rows:
        result.setdefault(user_id, []).append((first, last))
    # Their meetings in Samverka count too: the other meetings of the bodies they sit in.
    meetings = (
        Meeting.objects.filter(
            Q(body__memberships__end_date__isnull=True) | Q(body__memberships__end_date__gte=start.date()),
            body__memberships__contact__user_id__in=user_ids,
            start__lt=end,
            end__gt=start,
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("body__memberships__contact__user_id", "start", "end")
        .distinct()
    )
    for user_id, first, last in meetings:
        result.setdefault(user_id, []).append((first, last))
    return result


# --- polls -----------------------------------------------------------------------------


def polls_for_user(user: User | AnonymousUser) -> QuerySet[SchedulingPoll]:
    """Polls the user is invited to or created, newest first."""
    return (
        SchedulingPoll.objects.filter(Q(invitees__user=user) | Q(created_by=user))
        .distinct()
        .select_related("body__space")
        .order_by("-created_at", "-pk")
    )


def scheduling_bodies(user: User | AnonymousUser) -> list[Body]:
    """Bodies for which ``user`` may create a poll (who runs their meetings)."""
    candidates = Body.objects.restrict(user).exclude(status="closed").select_related("space").order_by("name")
    return [body for body in candidates[:200] if user.has_perm("calendars.add_poll", body)]


def poll_queryset(space: Space) -> SchedulingPollQuerySet:
    return SchedulingPoll.objects.filter(body__space=space).select_related(
        "body__space", "chosen_option", "meeting", "created_by"
    )


def poll_for(space: Space, pk: int, user: User | AnonymousUser) -> SchedulingPoll | None:
    """A poll of the space ``user`` may see (``SchedulingPoll.restrict``; else None: 404)."""
    poll = poll_queryset(space).restrict(user).filter(pk=pk).first()
    if poll is not None:
        poll.invitee_user_ids = set(poll.invitees.exclude(user=None).values_list("user_id", flat=True))  # type: ignore[attr-defined]
    return poll


@dataclass
class GridCell:
    option: PollOption
    answer: str = ""
    answer_label: str = ""
    conflict: bool = False


@dataclass
class GridRow:
    invitee: PollInvitee
    cells: list[GridCell] = field(default_factory=list)
    has_source: bool = False


@dataclass
class PollGrid:
    options: list[PollOption]
    rows: list[GridRow]
    #: Per option: number of yes, maybe, no and conflicts.
    totals: list[dict[str, int]]


def poll_grid(poll: SchedulingPoll) -> PollGrid:
    """Invitee × option: the answer and whether the invitee's free/busy sources show them busy.

    A constant number of queries whatever the number of invitees and options.
    """
    options = list(poll.options.all())
    invitees = list(
        poll.invitees.select_related("user").prefetch_related(
            Prefetch("answers", queryset=PollAnswer.objects.only("invitee_id", "option_id", "answer"))
        )
    )
    user_ids = {invitee.user_id for invitee in invitees if invitee.user_id}
    busy: dict[int, list[tuple[datetime, datetime]]] = {}
    with_source: set[int] = set()
    if options and user_ids:
        busy = busy_by_user(user_ids, min(o.start for o in options), max(o.end for o in options))
        with_source = set(
            FreeBusySource.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True).distinct()
        )
    labels = dict(PollAnswerChoice.choices)
    rows = []
    totals = [{"yes": 0, "maybe": 0, "no": 0, "conflict": 0} for _ in options]
    for invitee in invitees:
        given = {answer.option_id: answer.answer for answer in invitee.answers.all()}
        periods = busy.get(invitee.user_id or 0, [])
        row = GridRow(invitee=invitee, has_source=(invitee.user_id or 0) in with_source)
        for index, option in enumerate(options):
            answer = given.get(option.pk, "")
            conflict = any(first < option.end and last > option.start for first, last in periods)
            row.cells.append(
                GridCell(option=option, answer=answer, answer_label=str(labels.get(answer, "")), conflict=conflict)
            )
            if answer:
                totals[index][answer] += 1
            if conflict:
                totals[index]["conflict"] += 1
        rows.append(row)
    return PollGrid(options=options, rows=rows, totals=totals)


def invitee_of(poll: SchedulingPoll, user: User | AnonymousUser) -> PollInvitee | None:
    if not user.is_authenticated:
        return None
    return poll.invitees.filter(user=user).prefetch_related("answers").first()
