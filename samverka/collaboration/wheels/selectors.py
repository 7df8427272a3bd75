"""Reads about annual wheels: the templates offered, the plan (preview) of an adoption, and the
year's meetings of a body or a space for the wheel pages.

Meetings are read through ``Meeting.objects.restrict(user)``, so a wheel never
shows a meeting of a body the viewer may not see.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.meetings.models import Meeting, MeetingStatus
from samverka.collaboration.wheels.models import Adoption, GeneratedMeeting, WheelSlot, WheelTemplate
from samverka.collaboration.wheels.planning import PlannedDate, slot_dates
from samverka.platform.accounts.models import User
from samverka.platform.core.times import combine, local, local_day_bounds
from samverka.platform.spaces.models import Space

#: What applying a plan does with one occurrence.
CREATE, MOVE, KEEP, LINK, PAST = "create", "move", "keep", "link", "past"
#: Why an existing meeting is kept as it is.
KEEP_UNCHANGED, KEEP_HELD, KEEP_EDITED, KEEP_CANCELLED, KEEP_REMOVED, KEEP_SHARED = (
    "unchanged",
    "held",
    "edited",
    "cancelled",
    "removed",
    "shared",
)


@dataclass
class PlanRow:
    """One occurrence of a slot in the year and what applying the plan does with it."""

    action: str
    slot: WheelSlot
    planned: PlannedDate
    start: datetime
    end: datetime
    title: str
    agenda: list[dict[str, str]] = field(default_factory=list)
    link: GeneratedMeeting | None = None
    meeting: Meeting | None = None
    note: str = ""

    @property
    def changes(self) -> bool:
        return self.action in (CREATE, MOVE, LINK)

    @property
    def shown_start(self) -> datetime:
        """When the meeting will be after applying: a kept or linked meeting stays where it is."""
        if self.action in (KEEP, LINK) and self.meeting is not None:
            return self.meeting.start
        return self.start


def templates_for(space: Space) -> QuerySet[WheelTemplate]:
    """The shipped templates and the space's own."""
    return WheelTemplate.objects.filter(Q(space__isnull=True) | Q(space=space))


def template_for(space: Space, key: str) -> WheelTemplate | None:
    return templates_for(space).filter(key=key).first()


def adoption_for(body: Body, template: WheelTemplate, year: int) -> Adoption | None:
    return Adoption.objects.filter(body=body, template=template, year=year).first()


def _slots(template: WheelTemplate) -> list[WheelSlot]:
    return list(template.slots.filter(active=True).select_related("template").order_by("position", "pk"))


def _edited(link: GeneratedMeeting, meeting: Meeting) -> bool:
    """Changed by hand since the wheel wrote it (or invited): the wheel leaves it alone."""
    return (
        meeting.status != MeetingStatus.PLANNED
        or meeting.invited_at is not None
        or meeting.start != link.planned_start
        or meeting.end != link.planned_end
        or meeting.title != link.planned_title
        or meeting.sequence != link.meeting_sequence
        or (link.meeting_updated_at is not None and meeting.updated_at != link.meeting_updated_at)
    )


def _kept(link: GeneratedMeeting, meeting: Meeting | None, now: datetime) -> str:
    """Why an existing occurrence must stay as it is, or "" when the wheel may change it."""
    if link.shared:
        return KEEP_SHARED
    if meeting is None:
        return KEEP_REMOVED
    if meeting.status == MeetingStatus.CANCELLED:
        return KEEP_CANCELLED
    if meeting.status == MeetingStatus.HELD or meeting.start < now:
        return KEEP_HELD
    if _edited(link, meeting):
        return KEEP_EDITED
    return ""


def _existing(
    link: GeneratedMeeting, start: datetime, end: datetime, title: str, place: str, now: datetime
) -> tuple[str, str]:
    """(action, note) for an occurrence the adoption already generated."""
    meeting = link.meeting
    kept = _kept(link, meeting, now)
    if kept or meeting is None:
        return KEEP, kept or KEEP_REMOVED
    if start < now:
        return KEEP, KEEP_HELD
    if (meeting.start, meeting.end, meeting.title, meeting.place) == (start, end, title, place):
        return KEEP, KEEP_UNCHANGED
    return MOVE, ""


def _shared_host(space_id: int, body: Body, slot: WheelSlot, year: int) -> GeneratedMeeting | None:
    """The space-wide meeting of ``slot`` another body of the space already hosts this year."""
    return (
        GeneratedMeeting.objects.filter(
            slot=slot,
            shared=False,
            adoption__year=year,
            adoption__body__space_id=space_id,
            meeting__isnull=False,
        )
        .exclude(adoption__body=body)
        .select_related("meeting")
        .order_by("pk")
        .first()
    )


def adoption_plan(
    *,
    body: Body,
    template: WheelTemplate,
    year: int,
    time_of_day: time | None = None,
    place: str = "",
    now: datetime | None = None,
    include_past: bool = False,
) -> list[PlanRow]:
    """What adopting ``template`` for ``year`` would do (a dry run): create, move, keep, link.

    Meetings already held (started before ``now``), cancelled, removed, invited or
    changed by hand are kept as they are; only the wheel's own untouched future
    meetings are moved, and only missing future occurrences are created (past
    ones too with ``include_past``, e.g. when a year is recorded afterwards).
    """
    now = now or timezone.now()
    adoption = adoption_for(body, template, year)
    links: dict[tuple[int, int], GeneratedMeeting] = {}
    if adoption is not None:
        for existing in adoption.generated.select_related("meeting"):
            links[(existing.slot_id, existing.occurrence)] = existing
    rows: list[PlanRow] = []
    with translation.override(settings.LANGUAGE_CODE):
        for slot in _slots(template):
            title, agenda = slot.display_title, slot.display_agenda()
            for planned in slot_dates(slot, year):
                start = combine(planned.day, time_of_day or slot.time_of_day)
                end = start + timedelta(minutes=slot.duration_minutes)
                row = PlanRow(CREATE, slot, planned, start, end, title, agenda)
                link = links.get((slot.pk, planned.occurrence))
                if link is not None:
                    row.link, row.meeting = link, link.meeting
                    row.action, row.note = _existing(link, start, end, title, place, now)
                elif slot.space_wide and (host := _shared_host(body.space_id, body, slot, year)) is not None:
                    row.action, row.link, row.meeting = LINK, host, host.meeting
                elif start < now and not include_past:
                    row.action = PAST
                rows.append(row)
    rows.sort(key=lambda r: (r.start, r.slot.position))
    return rows


# --- the wheel pages ---------------------------------------------------------------------


@dataclass
class WheelMark:
    """One meeting on a wheel or a timeline."""

    meeting: Meeting
    start: datetime
    title: str
    body: Body
    link: GeneratedMeeting | None = None

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def month(self) -> int:
        return self.start.month


def year_bounds(year: int) -> tuple[datetime, datetime]:
    return local_day_bounds(date(year, 1, 1))[0], local_day_bounds(date(year, 12, 31))[1]


def _visible_meetings(user: User | AnonymousUser) -> QuerySet[Meeting]:
    visible = Meeting.objects.restrict(user)
    if visible.query.distinct:
        visible = Meeting.objects.filter(pk__in=visible.values("pk"))
    return visible


def _marks(meetings: QuerySet[Meeting]) -> list[WheelMark]:
    rows = list(meetings.select_related("body__space").order_by("start", "pk"))
    links: dict[int, GeneratedMeeting] = {}
    if rows:
        for link in GeneratedMeeting.objects.filter(meeting__in=[m.pk for m in rows], shared=False).select_related(
            "slot__template"
        ):
            if link.meeting_id is not None:  # always: the filter names the meetings
                links.setdefault(link.meeting_id, link)
    return [WheelMark(m, local(m.start), m.title, m.body, links.get(m.pk)) for m in rows]


def body_wheel(body: Body, user: User | AnonymousUser, year: int) -> list[WheelMark]:
    """The year's meetings of ``body`` (not cancelled), with the space-wide meetings it takes part in."""
    first, last = year_bounds(year)
    meetings = (
        _visible_meetings(user)
        .filter(start__gte=first, start__lt=last)
        .filter(Q(body=body) | Q(pk__in=GeneratedMeeting.objects.filter(adoption__body=body).values("meeting_id")))
        .exclude(status=MeetingStatus.CANCELLED)
    )
    return _marks(meetings)


def space_wheel(space: Space, user: User | AnonymousUser, year: int) -> list[WheelMark]:
    """The year's meetings generated by the annual wheels of ``space``'s bodies the user may see."""
    first, last = year_bounds(year)
    generated = GeneratedMeeting.objects.filter(adoption__body__space=space, adoption__year=year).values("meeting_id")
    meetings = (
        _visible_meetings(user)
        .filter(body__space=space, start__gte=first, start__lt=last, pk__in=generated)
        .exclude(status=MeetingStatus.CANCELLED)
    )
    return _marks(meetings)


def body_adoptions(body: Body, year: int) -> list[Adoption]:
    return list(Adoption.objects.filter(body=body, year=year).select_related("template", "adopted_by"))
