"""Helpers of the minutes and follow-up tests: a held meeting with a chair and adjuster who have accounts."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from samverka.collaboration.meetings.models import AgendaItem, Meeting
from samverka.collaboration.meetings.tests.helpers import seat
from samverka.platform.core.ics import STOCKHOLM
from samverka.testing import factories


def at(year: int, month: int, day: int, hour: int = 13) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=STOCKHOLM)


def past(days: int = 7) -> datetime:
    day = timezone.localdate() - timedelta(days=days)
    return at(day.year, day.month, day.day)


def held_meeting(body: Any, *, start: datetime | None = None, **extra: Any) -> Meeting:
    """A meeting of ``body`` (held a week ago unless ``start``) with two items and the follow-up item."""
    start = start or past()
    meeting = Meeting.objects.create(
        body=body, title=extra.pop("title", "Styrgruppsmöte"), start=start, end=start + timedelta(hours=2), **extra
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Uppföljning", is_follow_up=True)
    AgendaItem.objects.create(meeting=meeting, position=2, title="Lägesrapport", kind="information")
    AgendaItem.objects.create(meeting=meeting, position=3, title="Budget 2027", kind="decision")
    return meeting


@dataclass
class World:
    space: Any
    body: Any
    meeting: Meeting
    chair: Any
    adjuster: Any
    secretary: Any


def make_world(space: Any, *, public: bool = False, body_public: bool = False) -> World:
    """A body with a chair, an adjuster (both with accounts) and a secretary; a held meeting."""
    body = factories.make_body(space=space, name="Styrgruppen", is_public=body_public)
    chair = factories.make_user(role_in=space, role="member", full_name="Anna Ordförande")
    adjuster = factories.make_user(role_in=space, role="member", full_name="Bo Justerare")
    secretary = factories.make_user(full_name="Cecilia Sekreterare")
    seat(chair, body, role="chair")
    seat(adjuster, body, role="member")
    seat(secretary, body, role="secretary")
    meeting = held_meeting(body, chair=chair.contact, adjuster=adjuster.contact, is_public=public)
    return World(space, body, meeting, chair, adjuster, secretary)


def items(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.agenda_items.order_by("position"))
